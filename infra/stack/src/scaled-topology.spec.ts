import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { everyComponent, system } from './components';
import { balancedApps, kafkaNodes, profileFrom, replicatedKafkaSettings } from './scaled-topology';
import { apps } from './topology';

describe('the scaled profile', () => {
  const scaled = system('scaled');
  const names = scaled.map((c) => c.name);

  it('runs every app twice, each component under its own name and ports', () => {
    assert.equal(new Set(names).size, names.length, 'unique names');
    const ports = scaled.flatMap((c) => c.ports.map((p) => p.port));
    assert.equal(new Set(ports).size, ports.length, 'no port used twice');
    for (const app of apps)
      assert.deepEqual(
        names.filter((n) => n === app.name || n.startsWith(`${app.name}-`)),
        [app.name, `${app.name}-2`],
      );
  });

  it("keeps the apps' usual ports for HAProxy, so no URL changes", () => {
    const haproxy = scaled.find((c) => c.name === 'haproxy');
    for (const app of apps)
      assert.ok(
        haproxy?.ports.some((p) => p.port === app.port),
        `${app.name} on ${app.port}`,
      );
    for (const { instances } of balancedApps())
      for (const instance of instances)
        assert.ok(!apps.some((a) => a.port === instance.port), `${instance.name} elsewhere`);
  });

  it('starts each instance after what it needs, all of which exist; gateways after the services', () => {
    for (const component of scaled)
      for (const need of component.after ?? [])
        assert.ok(names.includes(need), `${component.name} needs ${need}`);
    const gateway = scaled.find((c) => c.name === 'gateway-2');
    for (const name of names.filter((n) => /-service(-2)?$/.test(n)))
      assert.ok(gateway?.after?.includes(name), `gateway-2 waits for ${name}`);
    assert.ok(gateway?.after?.includes('haproxy'));
  });

  it('runs Kafka as three KRaft nodes with every topic on three replicas, two of them in sync', () => {
    assert.deepEqual(
      names.filter((n) => /^kafka(-\d)?$/.test(n)),
      kafkaNodes.map((n) => n.name),
    );
    assert.equal(kafkaNodes.length, 3);
    assert.equal(
      replicatedKafkaSettings['controller.quorum.voters'],
      '1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293',
    );
    assert.equal(replicatedKafkaSettings['default.replication.factor'], '3');
    assert.equal(replicatedKafkaSettings['min.insync.replicas'], '2');
    const connect = scaled.find((c) => c.name === 'kafka-connect');
    assert.deepEqual(connect?.after, ['kafka', 'kafka-2', 'kafka-3']);
    for (const { instances } of balancedApps())
      for (const instance of instances)
        if ('KAFKA_BROKERS' in instance.env)
          assert.equal(instance.env['KAFKA_BROKERS']?.split(',').length, 3, instance.name);
  });

  it("reads the read models' views from a streaming replica and writes them to the primary", () => {
    const replica = scaled.find((c) => c.name === 'postgres-readmodel-replica');
    assert.deepEqual(replica?.after, ['postgres-readmodel']);
    const readModels = balancedApps().find((b) => b.app === 'read-model-service');
    for (const instance of readModels?.instances ?? []) {
      assert.match(instance.env['READ_DATABASE_URL'] ?? '', /@127\.0\.0\.1:5456\/readmodels$/);
      assert.match(instance.env['DATABASE_URL'] ?? '', /@127\.0\.0\.1:5446\/readmodels$/);
      assert.ok(instance.needs.includes('postgres-readmodel-replica'), instance.name);
    }
  });

  it('is chosen by ORCHARD_PROFILE, and npm stop knows the components of both', () => {
    assert.equal(profileFrom({}), 'single');
    assert.equal(profileFrom({ ORCHARD_PROFILE: 'scaled' }), 'scaled');
    assert.throws(() => profileFrom({ ORCHARD_PROFILE: 'huge' }), /single or scaled/);
    const stoppable = everyComponent().map((c) => c.name);
    for (const name of [...names, ...system('single').map((c) => c.name)])
      assert.ok(stoppable.includes(name), name);
  });
});
