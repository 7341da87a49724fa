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

describe('PeriodicTask on its timer', () => {
  const quiet = { warn: () => undefined };
  /** Lets the task's promises settle between timer ticks. */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('runs an interval after start, or at once if asked, then an interval after each run ends', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let runs = 0;
    const later = new PeriodicTask('a sweep', 1_000, async () => void (runs += 1), quiet);
    const atStart = new PeriodicTask('a round', 1_000, async () => void (runs += 10), quiet, {
      runAtStart: true,
    });
    later.start();
    atStart.start();
    t.mock.timers.tick(0);
    await settle();
    assert.equal(runs, 10, 'only the task asked to run at start has run');
    t.mock.timers.tick(999);
    await settle();
    assert.equal(runs, 10);
    t.mock.timers.tick(1);
    await settle();
    assert.equal(runs, 21, 'both, an interval on');
    await later.stop();
    await atStart.stop();
    t.mock.timers.tick(5_000);
    await settle();
    assert.equal(runs, 21, 'nothing after stop');
  });

  it('runs again right after the run in progress when nudged meanwhile, and at once when idle', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let runs = 0;
    let finish: () => void = () => undefined;
    const task = new PeriodicTask(
      'a round',
      60_000,
      async () => {
        runs += 1;
        await new Promise<void>((resolve) => (finish = resolve));
      },
      quiet,
    );
    task.start();
    task.nudge();
    t.mock.timers.tick(0);
    await settle();
    assert.equal(runs, 1, 'nudged while idle: at once');
    task.nudge();
    task.nudge();
    finish();
    await settle();
    t.mock.timers.tick(0);
    await settle();
    assert.equal(runs, 2, 'nudged twice during a run: one more run right after it');
    finish();
    await settle();
    t.mock.timers.tick(59_999);
    await settle();
    assert.equal(runs, 2, 'then the interval again');
    const stopping = task.stop();
    finish();
    await stopping;
    task.nudge();
    t.mock.timers.tick(0);
    await settle();
    assert.equal(runs, 2, 'a stopped task ignores nudges');
  });

  it('repeats at once while runs find work, if asked, and backs off after failures, if asked', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const found = [3, 1, 0];
    const runsAt: number[] = [];
    let now = 0;
    const busy = new PeriodicTask(
      'taking due deliveries',
      100,
      async () => {
        runsAt.push(now);
        return found.shift() ?? 0;
      },
      quiet,
      { runAtStart: true, repeatWhileBusy: true },
    );
    busy.start();
    for (const step of [0, 0, 0, 99, 1]) {
      now += step;
      t.mock.timers.tick(step);
      await settle();
    }
    assert.deepEqual(runsAt, [0, 0, 0, 100], 'three at once (3, 1, then none found), then polled');
    await busy.stop();

    const failedAt: number[] = [];
    now = 0;
    const failing = new PeriodicTask(
      'a round',
      500,
      async () => {
        failedAt.push(now);
        throw new Error('the database is away');
      },
      quiet,
      { runAtStart: true, maxBackoffMs: 3_000 },
    );
    failing.start();
    for (let elapsed = 0; elapsed <= 10_000; elapsed += 100) {
      now = elapsed;
      t.mock.timers.tick(elapsed === 0 ? 0 : 100);
      await settle();
    }
    await failing.stop();
    const gaps = failedAt.slice(1).map((at, i) => at - (failedAt[i] ?? 0));
    assert.deepEqual(gaps.slice(0, 4), [1_000, 2_000, 3_000, 3_000], 'doubling, to the bound');
  });
});
