import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stateDir, statePaths } from '../paths';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe("the running stack's state on disk", () => {
  it('keeps logs, configuration and secrets readable by their owner only', () => {
    assert.equal(modeOf(stateDir) & 0o044, 0, 'the state folder cannot be listed by others');
    const logs = readdirSync(join(stateDir, 'logs'));
    assert.ok(logs.length >= 6, `${logs.length} logs`);
    const data = readdirSync(join(stateDir, 'data')).map((d) => join('data', d));
    for (const folder of ['logs', 'conf', 'pids', ...data])
      assert.equal(modeOf(join(stateDir, folder)) & 0o077, 0, folder);
    for (const file of [
      ...logs.map((log) => join(stateDir, 'logs', log)),
      statePaths.secrets,
      statePaths.conf('redis-users.acl'),
    ])
      assert.equal(modeOf(file) & 0o077, 0, `${file} is ${modeOf(file).toString(8)}`);
  });
});
