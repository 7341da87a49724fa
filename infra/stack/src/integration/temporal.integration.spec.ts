import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { urls } from '../topology';
import { createGreetingActivities } from './fixtures/greeting.activities';
import { greetingWorkflow } from './fixtures/greeting.workflow';

describe('Temporal', () => {
  it('runs a workflow and its activity through a worker', async () => {
    const taskQueue = `probe-${randomUUID()}`;
    const workerConnection = await NativeConnection.connect({ address: urls.temporalAddress });
    const worker = await Worker.create({
      connection: workerConnection,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/greeting.workflow'),
      activities: createGreetingActivities(),
    });
    const connection = await Connection.connect({ address: urls.temporalAddress });
    try {
      const client = new Client({ connection });
      const result = await worker.runUntil(
        client.workflow.execute(greetingWorkflow, {
          taskQueue,
          workflowId: `probe-${randomUUID()}`,
          args: ['Temporal'],
        }),
      );
      assert.equal(result, 'Hello, Temporal!');
    } finally {
      await connection.close();
      await workerConnection.close();
    }
  });
});
