import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, sep } from 'node:path';
import { describe, it } from 'node:test';
import {
  salesReportTaskQueue,
  salesReportWorkflowId,
  salesReportWorkflowType,
} from './sales-report';

/** Whether loading `file` in a fresh process loads zod, as a workflow bundle would. */
function loadsZod(file: string): boolean {
  const script = `require(${JSON.stringify(file)});
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const loaded: string[] = JSON.parse(
    execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }),
  );
  return loaded.some((module) => module.split(sep).includes('zod'));
}

describe('the sales report job', () => {
  it('runs on its own task queue, under a stable workflow type', () => {
    // Workers poll the queue and histories record the type: renaming either strands reports.
    assert.equal(salesReportTaskQueue, 'sales-reports');
    assert.equal(salesReportWorkflowType, 'salesReportWorkflow');
  });

  it('derives the workflow id from the report id, so one report runs once', () => {
    const reportId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    assert.equal(salesReportWorkflowId(reportId), `sales-report-${reportId}`);
    assert.notEqual(salesReportWorkflowId(reportId), salesReportWorkflowId('another-report'));
  });

  it('loads without zod, as workflow code must', () => {
    assert.equal(loadsZod(join(__dirname, 'index.js')), false);
    // The same check sees zod where it is: it is not blind.
    assert.equal(loadsZod(join(__dirname, '..', 'http', 'sales-reports.js')), true);
  });
});
