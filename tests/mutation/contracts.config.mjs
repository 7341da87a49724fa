// The contracts: event and HTTP schemas, limits, paging. Checked alone: every other project
// imports them, and type-checking each mutant against all of those would cost minutes each.
import { mutationRun } from './shared.mjs';

export default mutationRun({
  name: 'contracts',
  mutate: ['libs/contracts/src/**/*.ts', '!libs/contracts/src/testing/**'],
  specs: ['libs/contracts/dist/**/*.spec.js'],
  projects: ['libs/contracts'],
});
