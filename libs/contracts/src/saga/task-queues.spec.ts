import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { salesReportTaskQueue } from '../reports/sales-report';
import { taskQueues } from './task-queues';

describe('task queues', () => {
  it('gives each service the queue its workers poll, under a stable name', () => {
    // A renamed queue strands every task already scheduled on the old one.
    assert.deepEqual(taskQueues, {
      order: 'order-service',
      inventory: 'inventory-service',
      payment: 'payment-service',
      shipping: 'shipping-service',
    });
  });

  it('shares no queue between services, nor with the sales reports', () => {
    const queues = [...Object.values(taskQueues), salesReportTaskQueue];
    assert.equal(new Set(queues).size, queues.length);
  });
});
