import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from '@temporalio/worker';
import { recordedHistories } from './testing/saga-histories';

/**
 * Workflow code is safe to change only if every saga already running can go on with the new
 * code: Temporal replays a running saga's history against it. Every path's history, as each
 * version of the code recorded it (the integration spec writes them with
 * RECORD_SAGA_HISTORIES=<version>), replays here, so a change that is not deterministic
 * against any of them fails the build. Ship such a change behind `patched()`, record the new
 * version's histories beside the old ones, and keep the old ones while such sagas may run.
 */
const everyPath = [
  'cancelled-after-confirmation',
  'cancelled-before-confirmation',
  'cancelled-too-late',
  'cancelled-while-retrying',
  'compensation-stuck-then-retried',
  'failed-after-retries',
  'failed-at-once',
  'rejected-InsufficientFunds',
  'rejected-OutOfStock',
  'rejected-UnknownPaymentAccount',
  'rejected-UnknownProduct',
  'rejected-Unshippable',
  'retried-then-shipped',
  'shipped',
];

describe('recorded saga histories', () => {
  const histories = recordedHistories();

  it('cover every path of the saga, in every version of the code', () => {
    const versions = new Set(histories.map((h) => h.version));
    assert.ok(versions.size >= 2, 'the versions before and after the patch');
    for (const version of versions) {
      const paths = new Set(histories.filter((h) => h.version === version).map((h) => h.path));
      for (const path of everyPath)
        assert.ok(paths.has(path), `no history of ${path} recorded by version ${version}`);
    }
  });

  it('replay against the current workflow code', async () => {
    const results = Worker.runReplayHistories(
      { workflowsPath: require.resolve('./place-order.workflow') },
      histories.map(({ version, path, history }) => ({
        workflowId: `${version}/${path}`,
        history,
      })),
    );
    let replayed = 0;
    for await (const { workflowId, error } of results) {
      assert.equal(error, undefined, `${workflowId} no longer replays: ${String(error)}`);
      replayed += 1;
    }
    assert.equal(replayed, histories.length);
    assert.ok(replayed >= everyPath.length);
  });
});
