import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bundleWorkflowCode } from '@temporalio/worker';

/** Workflow code runs in Temporal's deterministic sandbox; the bundler is the gatekeeper. */
describe('the workflow bundle', () => {
  it('builds from the workflows library, with the contracts it imports', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('./index'),
      logger: silent,
    });
    assert.match(code, /placeOrderWorkflow/);
  });

  it('fails at once when workflow code imports a Node built-in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forbidden-workflow-'));
    try {
      const file = join(dir, 'forbidden.workflow.js');
      writeFileSync(
        file,
        "const fs = require('node:fs');\nexports.readsFiles = async () => fs.readFileSync('/etc/hostname');\n",
      );
      await assert.rejects(bundleWorkflowCode({ workflowsPath: file, logger: silent }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
