import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundleWorkflowCode } from '@temporalio/worker';
import { placeOrderWorkflowType } from '@orchard/contracts';
import { salesReportWorkflowType } from '@orchard/contracts/reports';

/**
 * Each worker's workflow code, bundled as its worker bundles it for Temporal's deterministic
 * sandbox (the bundle fails on a Node built-in or a module with side effects): it builds, it
 * exports the workflow type its clients start by name, and it holds no other worker's workflows.
 */
const bundles = [
  {
    worker: "the saga's",
    entry: './index',
    starts: placeOrderWorkflowType,
    not: salesReportWorkflowType,
  },
  {
    worker: "the sales reports'",
    entry: './reports',
    starts: salesReportWorkflowType,
    not: placeOrderWorkflowType,
  },
] as const;

describe('the workflow bundles', () => {
  for (const { worker, entry, starts, not } of bundles)
    it(`${worker} builds, exports ${starts} and holds only its own workflows`, async () => {
      const exported = require(entry) as Record<string, unknown>;
      assert.equal(typeof exported[starts], 'function', `${entry} exports ${starts}`);
      const { code } = await bundleWorkflowCode({
        workflowsPath: require.resolve(entry),
        logger: silent,
      });
      assert.match(code, new RegExp(`\\b${starts}\\b`));
      assert.doesNotMatch(code, new RegExp(`\\b${not}\\b`));
    });
});

/** The bundler's progress lines are noise in a test report. */
const ignore = () => undefined;
const silent = {
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  log: ignore,
};
