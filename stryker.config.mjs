// Mutation testing (`npm run test:mutation`): StrykerJS over the code that needs no
// infrastructure, judged by the unit specs that cover it. Each mutant is type-checked first
// (a mutant the compiler refuses is not a surviving one), then the sandbox is compiled once with
// every mutant switchable, and Node's test runner runs the compiled specs for each.

/** The pure code, by folder: what the README's mutation table reports on. */
const mutated = [
  'apps/*/src/**/domain/**/*.ts',
  'apps/read-model-service/src/queries/page-cursor.ts',
  'libs/contracts/src/**/*.ts',
  'libs/platform/src/webhooks/signed-messages.ts',
  'libs/platform/src/service-auth/service-token.ts',
  'libs/platform/src/service-auth/replay-guard.ts',
  'libs/platform/src/kafka/handler-failures.ts',
  'libs/platform/src/kafka/dead-letter.ts',
  'libs/workflows/src/compensations.ts',
];

/** The unit specs of those folders, compiled (integration and e2e specs need a stack). */
const specs = [
  'apps/*/dist/**/domain/**/*.spec.js',
  'apps/read-model-service/dist/queries/page-cursor.spec.js',
  'libs/contracts/dist/**/*.spec.js',
  'libs/platform/dist/service-auth/*.spec.js',
  'libs/platform/dist/kafka/handler-failures.spec.js',
  'libs/platform/dist/kafka/dead-letter.spec.js',
  'libs/workflows/dist/compensations.spec.js',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'tap',
  tap: { testFiles: specs },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  buildCommand:
    'tsc -b libs/contracts libs/platform libs/workflows apps/order-service apps/payment-service apps/inventory-service apps/shipping-service apps/read-model-service',
  mutate: [...mutated, '!**/*.spec.ts', '!**/index.ts'],
  // What the sandbox needs: the sources, their compiled state (an incremental build), and the
  // projects they reference; never the stack's state or the browser bundle.
  ignorePatterns: [
    ...['/.stack', '/.nx', '/bench-results', '/coverage', '/reports'],
    ...['/apps/web', '/tests', '/deploy', '/docs', '/infra/*', '!/infra/stack'],
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
};
