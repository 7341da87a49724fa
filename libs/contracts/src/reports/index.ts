// The report jobs' contracts alone, free of zod, for workflow code.
export * from './sales-report';
