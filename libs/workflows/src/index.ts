export * from './place-order/place-order.workflow';
