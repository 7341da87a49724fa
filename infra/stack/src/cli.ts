import { everyComponent, system } from './components';
import { untilEveryInstanceInRotation } from './components/haproxy';
import { haproxyStatsUrl, profileFrom, type Profile } from './scaled-topology';
import { registerConnectors } from './connect/connectors';
import { demoCommands, seedDemoData } from './seed';
import { progress } from './progress';
import { runningProfile } from './running-profile';
import { assertProjectRuntime } from './runtime';
import { Stack, StartFailure } from './stack';
import { runTests } from './test-runner';
import { prebuild, prebuildWorkOfArguments } from './test-runner/prebuild';
import { writeComposeHaproxyConfig } from './compose-haproxy';
import {
  chartSecretFile,
  composeEnvFile,
  defaultChartRelease,
  writeChartSecret,
  writeComposeSecrets,
  type ChartRelease,
} from './secrets';
import { adminAccount, gatewayUrl, urls } from './topology';

const usage = `usage: npm run stack -- <command>
  install          download and build everything into the cache
  up [components]  install what is missing and start the infrastructure (or only the named parts)
  start [--scale]  up, then print where to reach everything (npm start); --scale runs every
                   app as two instances behind HAProxy (also ORCHARD_PROFILE=scaled)
  down [components] stop every process the stack started (or only the named ones), by pid (npm stop)
  status           each component's state and pid
  logs <component> the last lines of a component's log
  test [files...]  start what the tests need, run them, stop what was started (npm test)
  prebuild [--api-server] [--compose <profile,...>]
                   build what the tests' later stages need (npm test runs it in the background)
  compose-haproxy  write the scaled compose profile's HAProxy configuration from the topology
  compose-secrets  generate compose's own credentials into .env (kept if it exists)
  chart-secrets [--release <name>] [--cdc-role <name>]
                   generate a release's Secrets for the Helm chart into .stack (kept if they exist);
                   --cdc-role: the release's engines.cdcRole, if not the default
  admin-password   print the administrator's password of this clone's stack (asked for, never logged)`;

/** What each flag of `chart-secrets` sets, and the names it takes: a DNS label, a role name. */
const chartReleaseFlags: Record<string, [keyof ChartRelease, RegExp]> = {
  '--release': ['name', /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/],
  '--cdc-role': ['cdcRole', /^[a-z_][a-z0-9_]*$/],
};

/** `--release <name>` and `--cdc-role <name>`, each optional; undefined for anything else. */
function chartReleaseOf(args: readonly string[]): ChartRelease | undefined {
  const release = { ...defaultChartRelease };
  for (let i = 0; i < args.length; i += 2) {
    const flag = chartReleaseFlags[args[i] ?? ''];
    const value = args[i + 1];
    if (!flag || !value || !flag[1].test(value)) return undefined;
    release[flag[0]] = value;
  }
  return release;
}

function printEndpoints(profile: Profile): void {
  const balancer =
    profile === 'scaled'
      ? [`  HAProxy            ${haproxyStatsUrl}/stats   (Prometheus: ${haproxyStatsUrl}/metrics)`]
      : [];
  process.stdout.write(
    [
      '',
      `The shop is up (${profile === 'scaled' ? 'scaled: two instances of every app' : 'one instance of every app'}):`,
      `  Storefront         ${gatewayUrl}/shop/`,
      `  Operations console ${gatewayUrl}/console/   (as the administrator named below)`,
      `  Gateway (REST)     ${gatewayUrl}   (OpenAPI: ${gatewayUrl}/docs)`,
      ...balancer,
      `  Temporal UI        ${urls.temporalUi}`,
      `  Jaeger query API   ${urls.jaegerQuery}/api/services`,
      `  Kafka Connect      ${urls.kafkaConnect}/connectors`,
      `  Kafka brokers      ${urls.kafkaBrokers}`,
      `  Redis              ${urls.redis}`,
      '',
      demoCommands(),
      '',
      'Status: npm run stack -- status   Logs: npm run stack -- logs <component>   Stop: npm stop',
      '',
    ].join('\n'),
  );
}

/** One profile at a time: both use the same ports and names. */
function assertNoOtherProfileUp(profile: Profile): void {
  const running = runningProfile();
  if (running && running !== profile)
    throw new Error(`the ${running} profile is up; stop it first (npm stop)`);
}

async function main(argv: string[]): Promise<number> {
  assertProjectRuntime();
  const [command, ...args] = argv;
  if (args.includes('--scale')) process.env['ORCHARD_PROFILE'] = 'scaled';
  const rest = args.filter((arg) => arg !== '--scale');
  // Looking at the stack: the profile that is up, whichever it is.
  const profile = ['status', 'logs'].includes(command ?? '')
    ? (runningProfile() ?? profileFrom())
    : profileFrom();
  const stack = new Stack(system(profile));
  switch (command) {
    case 'install':
      await stack.install();
      return 0;
    case 'up':
      assertNoOtherProfileUp(profile);
      await stack.select(rest).install();
      await stack.select(rest).up();
      return 0;
    case 'start':
      assertNoOtherProfileUp(profile);
      await stack.install();
      await stack.up();
      if (profile === 'scaled') await untilEveryInstanceInRotation();
      // After the apps: their migrations create each outbox table and its publication.
      await registerConnectors();
      await seedDemoData();
      printEndpoints(profile);
      return 0;
    case 'down':
    case 'stop':
      await new Stack(everyComponent()).down(rest);
      return 0;
    case 'status':
      process.stdout.write(`${await stack.status()}\n`);
      return (await stack.allHealthy()) ? 0 : 1;
    case 'logs':
      if (!rest[0]) throw new Error('logs needs a component name');
      process.stdout.write(`${stack.logs(rest[0])}\n`);
      return 0;
    case 'test':
      return runTests(rest);
    case 'prebuild':
      await prebuild(prebuildWorkOfArguments(rest));
      return 0;
    case 'compose-haproxy':
      writeComposeHaproxyConfig();
      return 0;
    case 'compose-secrets':
      process.stdout.write(`${composeEnvFile}: ${writeComposeSecrets()}\n`);
      return 0;
    case 'admin-password':
      process.stdout.write(`${adminAccount().password}\n`);
      return 0;
    case 'chart-secrets': {
      const release = chartReleaseOf(rest);
      if (!release) {
        process.stderr.write(`${usage}\n`);
        return 2;
      }
      process.stdout.write(`${chartSecretFile(release.name)}: ${writeChartSecret(release)}\n`);
      return 0;
    }
    default:
      process.stderr.write(`${usage}\n`);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof StartFailure) {
      progress.warn(`start failed:\n${error.message}`);
    } else {
      progress.warn(error instanceof Error ? error.message : String(error));
    }
    process.exit(1);
  },
);
