/**
 * Keeps the scaled profile for Docker in step with the native one (scaled-topology.ts), file
 * against code; the compose stage of `npm test` starts it and kills a gateway in it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { system } from './components';
import { replicationSlotOf } from './components/postgres-replica';
import {
  assertCallsListenedPorts,
  assertMountsInRepo,
  loadComposeFile,
  mergeComposeFiles,
  publishedPorts,
  variables,
  type Service,
} from './compose-file';
import { composeHaproxyConfig, composeHaproxyConfigFile } from './compose-haproxy';
import { repoRoot } from './paths';
import {
  kafkaNodes,
  readModelReplica,
  replicatedConnectSettings,
  replicatedKafkaSettings,
  scaledApps,
} from './scaled-topology';
import { unpublishedInCompose } from './topology';

const scaled = mergeComposeFiles(
  loadComposeFile(resolve(repoRoot, 'docker-compose.yml')),
  loadComposeFile(resolve(repoRoot, 'docker-compose.scaled.yml')),
);
const components = system('scaled');

function service(name: string): Service {
  const found = scaled.services[name];
  assert.ok(found, `the scaled compose project has a service named ${name}`);
  return found;
}

/** `min.insync.replicas` as the Kafka image reads it: KAFKA_MIN_INSYNC_REPLICAS. */
const kafkaVariable = (property: string) => `KAFKA_${property.toUpperCase().replace(/\./g, '_')}`;

describe('docker-compose.scaled.yml over docker-compose.yml', () => {
  it('mounts only files of the repo and declared named volumes', () => {
    assertMountsInRepo(scaled);
  });

  it('runs every component of the native scaled profile, on the same host ports', () => {
    for (const component of components) {
      const published = publishedPorts(service(component.name)).map((p) => p.host);
      assert.deepEqual(
        published.sort(),
        (component.ports ?? [])
          // Probes and metrics stay on compose's network, where its checks run.
          .filter((p) => !p.purpose.endsWith('probes and metrics'))
          .map((p) => p.port)
          .filter((port) => !unpublishedInCompose.includes(port))
          .sort(),
        `${component.name} publishes the native ports`,
      );
    }
  });

  it('runs each app instance on its port, with its variables, after what it needs natively', () => {
    for (const instance of scaledApps()) {
      const svc = service(instance.name);
      const env = variables(svc.environment);
      for (const key of Object.keys(instance.env))
        assert.ok(key in env, `${instance.name} sets ${key}`);
      assert.equal(env['PORT'], instance.env['PORT'], `${instance.name} listens on its port`);
      assert.equal(env['OTEL_RESOURCE_ATTRIBUTES'], instance.env['OTEL_RESOURCE_ATTRIBUTES']);
      assert.equal(
        env['KAFKA_BROKERS']?.split(',').length,
        kafkaNodes.length,
        `${instance.name} knows every broker`,
      );
      const dependsOn = svc.depends_on;
      assert.ok(dependsOn && !Array.isArray(dependsOn), `${instance.name} has depends_on`);
      assert.deepEqual(Object.keys(dependsOn).sort(), [...instance.needs].sort(), instance.name);
    }
  });

  it('points the gateways at HAProxy and the read models at the replica', () => {
    for (const instance of scaledApps()) {
      const env = variables(service(instance.name).environment);
      for (const [key, value] of Object.entries(env).filter(([k]) => k.endsWith('_SERVICE_URL')))
        assert.match(value, /^http:\/\/haproxy:300\d$/, `${instance.name}: ${key}`);
      if ('READ_DATABASE_URL' in instance.env)
        assert.match(env['READ_DATABASE_URL'] ?? '', /@postgres-readmodel-replica:5432\//);
    }
  });

  it('calls every other container on a port it listens on', () => {
    assertCallsListenedPorts(scaled);
  });

  it('balances with the configuration the native HAProxy uses, written for compose', () => {
    assert.equal(
      readFileSync(composeHaproxyConfigFile, 'utf8'),
      composeHaproxyConfig(),
      'infra/haproxy/haproxy.compose.cfg is stale: npm run stack -- compose-haproxy',
    );
  });

  it('runs a three-node KRaft quorum with the native replication settings', () => {
    const voters = kafkaNodes.map((n) => `${n.id}@${n.name}:9093`).join(',');
    for (const node of kafkaNodes) {
      const env = variables(service(node.name).environment);
      assert.equal(env['KAFKA_NODE_ID'], String(node.id), node.name);
      assert.equal(env['KAFKA_CONTROLLER_QUORUM_VOTERS'], voters, node.name);
      for (const [property, value] of Object.entries(replicatedKafkaSettings)) {
        if (property.startsWith('controller.quorum')) continue; // the voters above, by name
        assert.equal(env[kafkaVariable(property)], value, `${node.name}: ${property}`);
      }
    }
  });

  it("replicates Connect's own topics on the cluster", () => {
    const env = variables(service('kafka-connect').environment);
    assert.equal(env['CONNECT_BOOTSTRAP_SERVERS']?.split(',').length, kafkaNodes.length);
    for (const [property, value] of Object.entries(replicatedConnectSettings)) {
      if (property === 'bootstrap.servers') continue;
      assert.equal(env[`CONNECT_${property.toUpperCase().replace(/\./g, '_')}`], value, property);
    }
  });

  it('copies the read models to their replica through the native slot', () => {
    const env = variables(service(`postgres-${readModelReplica.owner}-replica`).environment);
    assert.equal(env['PRIMARY_HOST'], `postgres-${readModelReplica.owner}`);
    assert.equal(env['REPLICATION_SLOT'], replicationSlotOf(readModelReplica.owner));
  });
});
