import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from '@temporalio/worker';
import { recordedHistories } from './testing/saga-histories';

/**
 * Workflow code is safe to change only if every saga already running can go on with the new
 * code: Temporal replays a running saga's history against it. Each path's recorded history
 * (written by the integration spec with RECORD_SAGA_HISTORIES=1) replays here, so a change
 * that is not deterministic against them fails the build. Ship such a change behind
 * `patched()`, and keep the old histories.
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

  it('cover every path of the saga', () => {
    const paths = new Set(histories.map((h) => h.path));
    for (const path of everyPath) assert.ok(paths.has(path), `no recorded history of ${path}`);
  });

  it('replay against the current workflow code', async () => {
    const results = Worker.runReplayHistories(
      { workflowsPath: require.resolve('./place-order.workflow') },
      histories.map(({ path, history }) => ({ workflowId: path, history })),
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
