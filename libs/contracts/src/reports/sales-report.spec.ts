import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadsZod } from '../testing/loads-zod';
import {
  salesReportTaskQueue,
  salesReportWorkflowId,
  salesReportWorkflowType,
} from './sales-report';

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
