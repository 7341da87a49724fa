// What the mutation runs share (`npm run test:mutation`). Each mutant is type-checked first
// (a mutant the compiler refuses is not a surviving one), then the sandbox is compiled once with
// every mutant switchable, and Node's test runner runs the compiled unit specs that cover it.
// Three runs (contracts, libraries, services' domains), each type-checking only its own
// projects: a mutant type-checked against every project that imports its file costs minutes.

/**
 * @param {{ name: string, mutate: string[], specs: string[], projects: string[] }} run
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function mutationRun({ name, mutate, specs, projects }) {
  return {
    packageManager: 'npm',
    testRunner: 'tap',
    tap: { testFiles: specs },
    checkers: ['typescript'],
    tsconfigFile: `tests/mutation/tsconfig.${name}.json`,
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    buildCommand: `tsc -b ${projects.join(' ')}`,
    // Examples are fixtures, like the specs: a mutated one mostly stays valid.
    mutate: [...mutate, '!**/*.spec.ts', '!**/*-examples.ts', '!**/index.ts'],
    // What the sandbox needs: the sources, their compiled state (an incremental build), and
    // the projects they reference; never the stack's state or the browser bundle.
    ignorePatterns: [
      ...['/.stack', '/.nx', '/bench-results', '/coverage', '/reports'],
      ...['/apps/web', '/tests/*', '!/tests/mutation', '/deploy', '/docs'],
      ...['/infra/*', '!/infra/stack'],
    ],
    coverageAnalysis: 'perTest',
    concurrency: 2,
    timeoutMS: 20_000,
    reporters: ['clear-text', 'progress', 'html'],
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
    thresholds: { high: 90, low: 80, break: null },
    tempDirName: '.stryker-tmp',
  };
}
