// The report workers' workflows: a bundle apart from the saga's, for the read model's workers.
export * from './sales-report.workflow';
