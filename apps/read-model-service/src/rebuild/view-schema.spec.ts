import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { notViews, viewTables } from './view-schema';

const migrations = join(__dirname, '..', '..', 'migrations');

/** Every table the read model's migrations create. */
function migratedTables(): string[] {
  return readdirSync(migrations)
    .filter((file) => file.endsWith('.sql'))
    .flatMap((file) =>
      [...readFileSync(join(migrations, file), 'utf8').matchAll(/^create table (\w+)/gim)].map(
        (match) => match[1] ?? '',
      ),
    );
}

describe("the read model's tables", () => {
  it('are each a view the rebuild rebuilds, or say why they are not one', () => {
    const tables = migratedTables();
    assert.ok(tables.length > viewTables.length, tables.join(', '));
    const unaccounted = tables.filter(
      (table) => !(viewTables as readonly string[]).includes(table) && !(table in notViews),
    );
    assert.deepEqual(unaccounted, [], 'a new table: a view to rebuild, or say why it is not');
    const gone = [...viewTables, ...Object.keys(notViews)].filter((t) => !tables.includes(t));
    assert.deepEqual(gone, [], 'every table named here exists');
    assert.equal(
      viewTables.filter((table) => table in notViews).length,
      0,
      'a table is a view or not, never both',
    );
  });
});
