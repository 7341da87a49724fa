export * from './place-order.workflow';
