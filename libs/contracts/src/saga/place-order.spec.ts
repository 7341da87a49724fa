import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadsZod } from '../testing/loads-zod';
import {
  cancelOrderSignalName,
  orderShippedSignalName,
  orderWorkflowId,
  placeOrderWorkflowType,
  retryCompensationsSignalName,
  sagaStepQueryName,
  sagaSteps,
} from './place-order';

describe('the place-order saga', () => {
  it('derives the workflow id from the order id, so placing an order twice starts one saga', () => {
    const orderId = '0b9f8a52-0c3e-4b8e-9f0a-6f2d7e1c5a10';
    assert.equal(orderWorkflowId(orderId), `order-${orderId}`);
  });

  it('keeps the names running workflows were started and are signalled under', () => {
    // Histories in flight and the services that signal them both hold these names.
    assert.equal(placeOrderWorkflowType, 'placeOrderWorkflow');
    assert.equal(cancelOrderSignalName, 'cancelOrder');
    assert.equal(orderShippedSignalName, 'orderShipped');
    assert.equal(retryCompensationsSignalName, 'retryCompensations');
    assert.equal(sagaStepQueryName, 'sagaStep');
  });

  it('names its forward steps in order, as its query and failure reasons do', () => {
    assert.deepEqual(sagaSteps, [
      'reserving stock',
      'authorizing payment',
      'creating shipment',
      'capturing payment',
      'confirming order',
    ]);
  });

  it('loads without zod, as workflow code must', () => {
    assert.equal(loadsZod(join(__dirname, 'index.js')), false);
    // The same check sees zod where it is: it is not blind.
    assert.equal(loadsZod(join(__dirname, '..', 'http', 'orders.js')), true);
  });
});
