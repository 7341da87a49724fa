import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Component } from './components';

// The stack keeps pids and logs in its state folder: a scratch one, set before it is loaded.
const stateDir = mkdtempSync(join(tmpdir(), 'orchard-stack-spec-'));
process.env['ORCHARD_STATE_DIR'] = stateDir;
after(() => rmSync(stateDir, { recursive: true, force: true }));

/** A component running a short Node script, healthy once `healthy()` says so. */
function scriptComponent(name: string, script: string, healthy: () => boolean): Component {
  return {
    name,
    ports: [],
    startupTimeoutMs: 5_000,
    install: async () => undefined,
    launch: async () => ({ command: process.execPath, args: ['-e', script] }),
    isHealthy: async () => healthy(),
  };
}

describe('the stack starting components', () => {
  it('says why a component that died at start-up is not running: its exit code and its log', async () => {
    const { Stack, StartFailure } = await import('./stack.js');
    const failing = scriptComponent(
      'binds-nothing',
      `console.log('[ALERT] Starting frontend shop: cannot bind socket'); process.exit(3)`,
      () => false,
    );
    await assert.rejects(new Stack([failing]).up(), (error: unknown) => {
      assert.ok(error instanceof StartFailure);
      assert.match(
        (error as Error).message,
        /binds-nothing: not running after start-up: exited with code 3/,
      );
      assert.match((error as Error).message, /cannot bind socket/);
      return true;
    });
  });

  it('takes a live, healthy process for running, and stops it by its pid', async () => {
    const { Stack } = await import('./stack.js');
    const { ManagedProcess } = await import('./process/managed-process.js');
    const lasting = scriptComponent('lasting', 'setInterval(() => {}, 1000)', () => true);
    const stack = new Stack([lasting]);
    assert.deepEqual(await stack.up(), ['lasting']);
    const pid = new ManagedProcess('lasting').runningPid();
    assert.ok(pid !== undefined, 'running');
    await stack.down();
    assert.equal(new ManagedProcess('lasting').liveness().running, false);
    assert.throws(() => process.kill(pid, 0), 'its process is gone');
  });
});
