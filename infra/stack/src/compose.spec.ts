/**
 * Keeps docker-compose.yml in step with topology.ts, file against code, in a second; the compose
 * stage of `npm test` starts it and runs orders through it.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { system } from './components';
import {
  loadComposeFile,
  publishedPorts,
  variables,
  assertInRepo,
  assertCallsListenedPorts,
  assertMountsInRepo,
  type ComposeFile,
  type Service,
} from './compose-file';
import { repoRoot } from './paths';
import { composeRedisUserArguments, composeVariableOf } from './secrets';
import {
  apps,
  carrierSimulator,
  cdcRole,
  connectWorkerEnvironment,
  ports,
  postgresClusters,
  sharedAppEnvironment,
  unpublishedInCompose,
} from './topology';

const composeFile = resolve(repoRoot, 'docker-compose.yml');

/** Parsed with YAML merge keys (`<<: *anchor`) resolved, as compose resolves them. */
function loadCompose(): ComposeFile {
  const compose = loadComposeFile(composeFile);
  assert.equal(typeof compose?.services, 'object', 'docker-compose.yml has a services map');
  return compose;
}

const compose = loadCompose();
const services = Object.entries(compose.services);
/** The shop's apps and the carrier it hands parcels to, run as in the native stack. */
const processes = [...apps, carrierSimulator];

function service(name: string): Service {
  const found = compose.services[name];
  assert.ok(found, `docker-compose.yml has a service named ${name}`);
  return found;
}

function assertSets(
  what: string,
  environment: Service['environment'],
  expected: Record<string, string>,
): void {
  const actual = variables(environment);
  for (const [key, value] of Object.entries(expected)) {
    assert.equal(actual[key], value, `${what} sets ${key}`);
  }
}

describe('docker-compose.yml', () => {
  it('mounts only files of the repo and declared named volumes', () => {
    assertMountsInRepo(compose);
  });

  it('calls every other container on a port it listens on', () => {
    assertCallsListenedPorts(compose);
  });

  it('names only env files, build contexts and Dockerfiles that exist', () => {
    for (const [name, svc] of services) {
      const envFiles = svc.env_file === undefined ? [] : [svc.env_file].flat();
      for (const file of envFiles) {
        assertInRepo(typeof file === 'string' ? file : file.path, repoRoot, `${name}: env_file`);
      }
      if (svc.build === undefined) continue;
      const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
      const context = resolve(repoRoot, build.context ?? '.');
      assertInRepo(context, repoRoot, `${name}: build context`);
      assertInRepo(build.dockerfile ?? 'Dockerfile', context, `${name}: Dockerfile`);
    }
  });

  it("publishes exactly the native stack's host ports", () => {
    const expected = [
      ...Object.values(ports).filter((port) => !unpublishedInCompose.includes(port)),
      ...postgresClusters.map((c) => c.port),
      ...processes.map((a) => a.port),
    ];
    const published = services.flatMap(([, svc]) => publishedPorts(svc).map((p) => p.host));
    assert.deepEqual(
      [...published].sort((a, b) => a - b),
      [...expected].sort((a, b) => a - b),
    );
  });

  it("runs each PostgreSQL cluster on its owner's port, database and roles", () => {
    for (const cluster of postgresClusters) {
      const name = `postgres-${cluster.owner}`;
      const svc = service(name);
      assert.deepEqual(publishedPorts(svc), [{ host: cluster.port, container: 5432 }], name);
      assertSets(name, svc.environment, {
        APP_USER: cluster.appUser,
        APP_DATABASE: cluster.database,
        CDC_USER: cdcRole,
      });
      // Passwords are compose's own generated ones, never values in the file.
      const env = variables(svc.environment);
      for (const [key, secret] of [
        ['POSTGRES_PASSWORD', 'postgres-superuser-password'],
        ['APP_PASSWORD', `postgres-password:${cluster.owner}`],
        ['CDC_PASSWORD', 'cdc-password'],
      ] as const)
        assert.match(
          env[key] ?? '',
          new RegExp(`^\\$\\{${composeVariableOf(secret)}:\\?`),
          `${name}: ${key}`,
        );
    }
  });

  it('gives Kafka Connect every variable connector files use, pointing into the compose network', () => {
    const composeNetwork = connectWorkerEnvironment(
      (owner) => `postgres-${owner}`,
      () => 5432,
    );
    // A secret natively is compose's generated variable, required to be set.
    const inCompose = (value: string) =>
      value.replace(
        /\$\{secret:([^}]+)\}/g,
        (_, secret: string) =>
          `\${${composeVariableOf(secret)}:?run npm run stack -- compose-secrets first}`,
      );
    assertSets(
      'kafka-connect',
      service('kafka-connect').environment,
      Object.fromEntries(Object.entries(composeNetwork).map(([k, v]) => [k, inCompose(v)])),
    );
  });

  it('has an x-app-environment block with every shared app variable', () => {
    const env = variables(compose['x-app-environment']);
    for (const key of Object.keys(sharedAppEnvironment)) {
      assert.ok(env[key], `x-app-environment sets ${key}`);
    }
  });

  it('starts each app once what the native stack waits for is ready, and nothing else', () => {
    const components = new Map(system().map((c) => [c.name, c]));
    for (const app of apps) {
      assert.deepEqual(components.get(app.name)?.after, app.needs, `${app.name} natively`);
      const dependsOn = service(app.name).depends_on;
      assert.ok(dependsOn && !Array.isArray(dependsOn), `${app.name} has conditional depends_on`);
      assert.deepEqual(Object.keys(dependsOn).sort(), [...app.needs].sort(), app.name);
      for (const [need, { condition }] of Object.entries(dependsOn)) {
        assert.ok(components.has(need), `${need} is a component of the native stack`);
        // Healthy wherever compose can tell; started where the image cannot check itself.
        const expected = service(need).healthcheck ? 'service_healthy' : 'service_started';
        assert.equal(condition, expected, `${app.name} waits for ${need}`);
      }
    }
  });

  it("runs the carrier beside the shop: shipping hands parcels to it, it reports to the gateway's webhook", () => {
    const carrier = variables(service(carrierSimulator.name).environment);
    assert.equal(carrier['CARRIER_WEBHOOK_URL'], 'http://gateway:3000/carrier/webhooks');
    assert.equal(
      variables(service('shipping-service').environment)['CARRIER_URL'],
      `http://carrier-simulator:${carrierSimulator.port}`,
    );
    assert.equal(service(carrierSimulator.name).depends_on, undefined, 'it waits for nothing');
  });

  it('restarts an app that crashes, and calls it healthy when it is ready', () => {
    for (const app of processes) {
      const svc = service(app.name);
      assert.ok(
        ['unless-stopped', 'always', 'on-failure'].includes(svc.restart ?? ''),
        `${app.name} has a restart policy`,
      );
      assert.match(
        [svc.healthcheck?.test ?? []].flat().join(' '),
        /\/health\/ready/,
        `${app.name} checks its readiness`,
      );
    }
  });

  it('runs every app of the registry with all the variables it reads, on its port', () => {
    for (const app of processes) {
      const svc = service(app.name);
      const env = variables(svc.environment);
      for (const key of Object.keys(app.env)) assert.ok(key in env, `${app.name} sets ${key}`);
      assert.ok(
        publishedPorts(svc).some((p) => p.host === app.port),
        `${app.name} publishes port ${app.port}`,
      );
    }
  });
});

describe("docker-compose.yml's credentials and exposure", () => {
  it('names a generated variable wherever the native stack uses a secret, never a value', () => {
    for (const app of processes) {
      const env = variables(service(app.name).environment);
      for (const [key, value] of Object.entries(app.env)) {
        for (const [, secret] of value.matchAll(/\$\{secret:([^}]+)\}/g)) {
          assert.match(
            env[key] ?? '',
            new RegExp(`\\$\\{${composeVariableOf(secret ?? '')}:\\?`),
            `${app.name}'s ${key} comes from compose's own secrets`,
          );
        }
      }
    }
  });

  it("gives Redis the native stack's ACL users, with compose's passwords, none without one", () => {
    const command = [service('redis').command ?? []].flat().map(String);
    const users = command.slice(command.indexOf('--user'));
    assert.deepEqual(users, composeRedisUserArguments());
    assert.equal(
      users.filter((a) => a === '--user').length,
      users.filter((a) => a.startsWith('>')).length,
    );
  });

  it('publishes the Temporal and Jaeger UIs only, never Connect, the Temporal frontend or the collector', () => {
    const published = services.flatMap(([, svc]) => publishedPorts(svc).map((p) => p.host));
    for (const internal of unpublishedInCompose)
      assert.ok(!published.includes(internal), `port ${internal} stays on compose's network`);
    assert.ok(published.includes(ports.temporalUi) && published.includes(ports.jaegerQuery));
  });
});
