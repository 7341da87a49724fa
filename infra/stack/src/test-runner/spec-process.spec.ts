import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { waitFor } from '../wait';
import { countsOfTap, runSpecFile } from './spec-process';

const dir = mkdtempSync(join(tmpdir(), 'orchard-runner-spec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('one spec file in a process group of its own', () => {
  it('counts what a file passed, failed and skipped from its TAP report', async () => {
    const file = join(dir, 'mixed.spec.js');
    writeFileSync(
      file,
      `const { it } = require('node:test');
       it('passes', () => {});
       it('passes too', () => {});
       it('fails', () => { throw new Error('no'); });
       it('is skipped', { skip: true }, () => {});`,
    );
    const result = await runSpecFile(file, {
      env: process.env,
      timeLimitMs: 30_000,
      report: 'ignore',
    });
    assert.deepEqual(
      {
        passed: result.passed,
        failed: result.failed,
        skipped: result.skipped,
        timedOut: result.timedOut,
      },
      { passed: 2, failed: 1, skipped: 1, timedOut: false },
    );
  });

  it('runs a file at the niceness asked for, its report kept whole', async () => {
    const file = join(dir, 'nice.spec.js');
    writeFileSync(
      file,
      `const { it } = require('node:test');
       const { getPriority } = require('node:os');
       it('runs at niceness ' + getPriority(), () => {});`,
    );
    const result = await runSpecFile(file, {
      env: process.env,
      timeLimitMs: 30_000,
      report: 'keep',
      niceness: 10,
    });
    assert.equal(result.passed, 1);
    assert.match(
      result.report ?? '',
      new RegExp(`runs at niceness ${Math.min(19, getPriority() + 10)}\\b`),
    );
  });

  it('kills a hung file with everything it started at its time limit, and reports it failed', async () => {
    const file = join(dir, 'hangs.spec.js');
    const pidFile = join(dir, 'grandchild.pid');
    // A child of the spec that never ends, and a spec whose timer keeps its process alive.
    writeFileSync(
      file,
      `const { it } = require('node:test');
       const { spawn } = require('node:child_process');
       const { writeFileSync } = require('node:fs');
       it('never ends', async () => {
         const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
         writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
         await new Promise(() => setInterval(() => {}, 1000));
       });`,
    );
    const startedAt = Date.now();
    const result = await runSpecFile(file, {
      env: process.env,
      timeLimitMs: 3_000,
      report: 'ignore',
    });
    assert.equal(result.timedOut, true);
    assert.ok(result.failed >= 1, 'a killed file counts as failed');
    assert.ok(Date.now() - startedAt < 15_000, 'ended soon after its limit');
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(async () => !isAlive(grandchild), {
      timeoutMs: 5_000,
      what: 'the spec child to be gone with its group',
    });
  });

  it('reads no counts from a report cut short', () => {
    assert.deepEqual(countsOfTap('TAP version 13\n# Subtest: x\n'), {
      passed: 0,
      failed: 0,
      skipped: 0,
    });
    assert.deepEqual(
      countsOfTap('# tests 5\n# pass 3\n# fail 1\n# cancelled 1\n# skipped 0\n# todo 0\n'),
      {
        passed: 3,
        failed: 2,
        skipped: 0,
      },
    );
  });
});
