import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertMigrationOrder,
  compareMigrationFiles,
  MigrationOrderError,
} from './migration-order';

const platform = ['000_create_outbox', '001_create_inbox'];
const service = ['001_create_orders', '002_add_notes'];

describe('assertMigrationOrder', () => {
  it('accepts a platform migration added below an applied service migration', () => {
    // The database as it was before the inbox existed.
    assert.doesNotThrow(() =>
      assertMigrationOrder(['000_create_outbox', '001_create_orders'], [platform, service]),
    );
    assert.doesNotThrow(() =>
      assertMigrationOrder(
        ['000_create_outbox', '001_create_orders', '001_create_inbox', '002_add_notes'],
        [platform, service],
      ),
    );
    assert.doesNotThrow(() => assertMigrationOrder([], [platform, service]));
  });

  it('refuses a migration added before one of its own folder that already ran', () => {
    assert.throws(
      () =>
        assertMigrationOrder(
          ['000_create_outbox', '002_add_notes'],
          [platform, ['001_create_orders', '002_add_notes']],
        ),
      MigrationOrderError,
    );
  });

  it('refuses an applied migration whose file is gone', () => {
    assert.throws(
      () => assertMigrationOrder(['000_create_outbox', '001_old_name'], [platform, service]),
      /001_old_name was applied but its file is gone/,
    );
  });
});

describe('compareMigrationFiles', () => {
  it('orders by number first, as node-pg-migrate does', () => {
    assert.deepEqual(
      ['010_b.sql', '002_z.sql', '001_create_orders.sql', '001_create_inbox.sql'].sort(
        compareMigrationFiles,
      ),
      ['001_create_inbox.sql', '001_create_orders.sql', '002_z.sql', '010_b.sql'],
    );
  });
});
