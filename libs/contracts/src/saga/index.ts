// The saga's contracts alone, free of zod: workflow code imports these, and every module in
// the workflow bundle is evaluated again for each workflow run.
export * from './task-queues';
export * from './business-errors';
export * from './place-order';
export * from './activities';
