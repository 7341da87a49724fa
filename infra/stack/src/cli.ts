import { system } from './components';
import { registerConnectors } from './connect/connectors';
import { demoCommands, seedDemoData } from './seed';
import { progress } from './progress';
import { assertProjectRuntime } from './runtime';
import { Stack, StartFailure } from './stack';
import { runTests } from './test-runner';
import { gatewayUrl, urls } from './topology';

const usage = `usage: npm run stack -- <command>
  install          download and build everything into the cache
  up [components]  install what is missing and start the infrastructure (or only the named parts)
  start            up, then print where to reach everything (npm start)
  down [components] stop every process the stack started (or only the named ones), by pid (npm stop)
  status           each component's state and pid
  logs <component> the last lines of a component's log
  test [files...]  start what the tests need, run them, stop what was started (npm test)`;

function printEndpoints(): void {
  process.stdout.write(
    [
      '',
      'The shop is up:',
      `  Gateway (REST)     ${gatewayUrl}   (OpenAPI: ${gatewayUrl}/docs)`,
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

async function main(argv: string[]): Promise<number> {
  assertProjectRuntime();
  const [command, ...rest] = argv;
  const stack = new Stack(system());
  switch (command) {
    case 'install':
      await stack.install();
      return 0;
    case 'up':
      await stack.select(rest).install();
      await stack.select(rest).up();
      return 0;
    case 'start':
      await stack.install();
      await stack.up();
      // After the apps: their migrations create each outbox table and its publication.
      await registerConnectors();
      await seedDemoData();
      printEndpoints();
      return 0;
    case 'down':
    case 'stop':
      await stack.down(rest);
      return 0;
    case 'status':
      process.stdout.write(`${await stack.status()}\n`);
      return (await stack.allHealthy()) ? 0 : 1;
    case 'logs':
      if (!rest[0]) throw new Error('logs needs a component name');
      process.stdout.write(`${stack.logs(rest[0])}\n`);
      return 0;
    case 'test':
      return runTests(stack, rest);
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
