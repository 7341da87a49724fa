import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

// A scratch stack state, so the secrets read here are generated there, set before loading.
const stateDir = mkdtempSync(join(tmpdir(), 'orchard-seed-spec-'));
process.env['ORCHARD_STATE_DIR'] = stateDir;
after(() => rmSync(stateDir, { recursive: true, force: true }));

describe('what npm start prints', () => {
  it('names the administrator and how to read its password, never the password', async () => {
    const { demoCommands } = await import('./seed.js');
    const { adminAccount } = await import('./topology.js');
    const printed = demoCommands();
    assert.ok(adminAccount().password.length >= 12);
    assert.equal(printed.includes(adminAccount().password), false, printed);
    assert.match(printed, /admin@orchard\.local/);
    assert.match(printed, /npm run stack -- admin-password/);
  });
});
