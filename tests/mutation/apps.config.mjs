// The services' domain folders (and the read models' paging cursor): pure rules, each covered
// by its folder's unit specs.
import { mutationRun } from './shared.mjs';

const services = ['order', 'payment', 'inventory', 'shipping', 'read-model'].map(
  (service) => `apps/${service}-service`,
);

export default mutationRun({
  name: 'apps',
  mutate: ['apps/*/src/**/domain/**/*.ts', 'apps/read-model-service/src/queries/page-cursor.ts'],
  specs: [
    'apps/*/dist/**/domain/**/*.spec.js',
    'apps/read-model-service/dist/queries/page-cursor.spec.js',
  ],
  projects: services,
});
