import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connectWorkerEnvironment } from '../topology';
import { connectorFiles } from './connectors';

const owners = ['order', 'payment', 'inventory', 'shipping'];
const files = connectorFiles();

describe('infra/connect/connectors', () => {
  it('has one outbox connector per service that writes an outbox, named after its owner', () => {
    assert.deepEqual(
      files.map((f) => f.name),
      owners.map((owner) => `${owner}-outbox`).sort(),
    );
  });

  it('names only variables the Connect worker is given (natively and in compose)', () => {
    const provided = connectWorkerEnvironment();
    for (const { name, config } of files) {
      for (const value of Object.values(config)) {
        for (const [, variable] of value.matchAll(/\$\{env:([^}]+)\}/g)) {
          assert.ok(variable && variable in provided, `${name} uses ${variable}, which is set`);
        }
      }
    }
  });

  it("reads each owner's own database through its own slot and the migrations' publication", () => {
    const slots = new Set<string>();
    for (const owner of owners) {
      const file = files.find((f) => f.name === `${owner}-outbox`);
      assert.ok(file);
      const prefix = owner.toUpperCase();
      assert.equal(file.config['database.hostname'], `\${env:${prefix}_DB_HOST}`);
      assert.equal(file.config['database.port'], `\${env:${prefix}_DB_PORT}`);
      assert.equal(file.config['database.dbname'], `\${env:${prefix}_DB_NAME}`);
      assert.equal(file.config['topic.prefix'], owner);
      assert.equal(file.config['publication.name'], 'outbox_publication');
      assert.equal(file.config['publication.autocreate.mode'], 'disabled');
      assert.equal(file.config['table.include.list'], 'public.outbox');
      // no_data would lose events written before the connector's first registration.
      assert.equal(file.config['snapshot.mode'], 'initial');
      assert.equal(file.config['slot.drop.on.stop'], 'false');
      slots.add(file.config['slot.name'] ?? '');
    }
    assert.equal(slots.size, owners.length, 'a distinct slot per owner');
  });

  it('routes with the outbox event router, the same way in every file', () => {
    const router = (config: Record<string, string>) =>
      Object.fromEntries(Object.entries(config).filter(([key]) => key.startsWith('transforms')));
    const first = files[0];
    assert.ok(first);
    assert.equal(
      first.config['transforms.outbox.type'],
      'io.debezium.transforms.outbox.EventRouter',
    );
    assert.equal(
      first.config['transforms.outbox.route.topic.replacement'],
      '${routedByValue}.events',
    );
    for (const file of files)
      assert.deepEqual(router(file.config), router(first.config), file.name);
  });
});
