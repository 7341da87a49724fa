import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeComposeSecrets } from './compose-secrets';

describe("compose's generated secrets (.env)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'orchard-compose-secrets-'));
  const file = join(dir, '.env');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps an existing file's values, and adds only what an older file lacks", () => {
    assert.equal(writeComposeSecrets(file), 'written');
    const first = readFileSync(file, 'utf8');
    assert.match(first, /^CARRIER_WEBHOOK_SECRET='whsec_/m);
    assert.equal(writeComposeSecrets(file), 'kept');
    assert.equal(readFileSync(file, 'utf8'), first);

    // A file from before the carrier had a secret of its own.
    const older = first.replace(/^CARRIER_WEBHOOK_SECRET=.*\n/m, '');
    writeFileSync(file, older);
    assert.equal(writeComposeSecrets(file), 'completed');
    const completed = readFileSync(file, 'utf8');
    assert.ok(completed.startsWith(older), 'the values already there are untouched');
    assert.match(completed.slice(older.length), /^CARRIER_WEBHOOK_SECRET='whsec_[^']+'\n$/);
  });
});
