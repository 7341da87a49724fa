import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  it('runs one at a time: a run asked for meanwhile waits for the one in progress', async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const task = new PeriodicTask(
      'a sweep',
      60_000,
      async () => {
        runs += 1;
        await new Promise<void>((resolve) => (finish = resolve));
      },
      { warn: () => undefined },
    );
    const first = task.run();
    const second = task.run();
    finish();
    await Promise.all([first, second]);
    assert.equal(runs, 1);
    const third = task.run();
    finish();
    await third;
    assert.equal(runs, 2);
  });

  it('logs a failed run and stays usable; stop waits for the run in progress', async () => {
    const warnings: string[] = [];
    let fail = true;
    let done = false;
    const task = new PeriodicTask(
      'a sweep',
      60_000,
      async () => {
        if (fail) throw new Error('the database is away');
        done = true;
      },
      { warn: (message: string) => void warnings.push(message) },
    );
    await task.run();
    assert.deepEqual(warnings, ['a sweep failed, will retry: Error: the database is away']);
    fail = false;
    task.start();
    const running = task.run();
    await task.stop();
    assert.equal(done, true);
    await running;
  });
});
