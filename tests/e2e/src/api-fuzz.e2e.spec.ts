import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { WebhookEndpoint } from '@orchard/contracts';
import { adminAccount, ensureSchemathesis, gatewayUrl } from '@orchard/stack';
import { logIn } from './sessions';
import { call } from './shop-client';

/**
 * Schemathesis settings. Every operation of the document is fuzzed; none is excluded. What
 * is held back is where generated values come from: values seen in answers are not reused,
 * and stateful sequences follow only the Location of what the fuzzer itself created. Else a
 * SKU read from GET /products (a demo product, another test's product) would be fed to the
 * admin routes, which would rename, reprice or empty it. Random SKUs and ids cannot meet the
 * demo data or other tests' products, which use SKUs and ids of their own.
 */
const config = `
[phases.examples.extra-data-sources]
responses = false
[phases.coverage.extra-data-sources]
responses = false
[phases.fuzzing.extra-data-sources]
responses = false
[phases.stateful.inference]
algorithms = ["location-headers"]
`;

const checks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];

interface RunReport {
  operations: { total: number; tested: number };
  test_cases: { generated: number; with_failures: number; errored: number };
  failures: unknown[];
  errors: unknown[];
}

/**
 * The webhook endpoints the fuzzer registered (made-up hosts; other specs' receivers listen on
 * loopback): left, each would have a delivery queued for every event of the rest of the run.
 */
async function forgetFuzzedEndpoints(): Promise<void> {
  const endpoints = await call<WebhookEndpoint[]>('GET', '/admin/webhook-endpoints');
  for (const endpoint of endpoints.body)
    if (new URL(endpoint.url).hostname !== '127.0.0.1')
      await call('DELETE', `/admin/webhook-endpoints/${endpoint.id}`);
}

function runSchemathesis(
  st: string,
  cwd: string,
  cookie: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      st,
      [
        '--config-file',
        join(cwd, 'schemathesis.toml'),
        'run',
        `${gatewayUrl}/docs/openapi.json`,
        '--checks',
        checks.join(','),
        // As the administrator, so every operation is reached past its session check.
        '--header',
        `Cookie: ${cookie}`,
        // Per operation and phase: some 2000 cases in all, in about a minute at most.
        '--max-examples',
        '150',
        // One worker: the coverage phase's use of Python's ast module is not thread-safe
        // on Python 3.11 ("AST constructor recursion depth mismatch").
        '--workers',
        '1',
        '--request-timeout',
        '10',
        '--generation-database',
        'none',
        '--no-color',
        '--report',
        'json',
        '--report-dir',
        cwd,
      ],
      { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

describe('fuzzing the gateway from its OpenAPI document', () => {
  let st: string;
  let workDir: string;

  before(
    async () => {
      st = await ensureSchemathesis(); // the first run installs it from PyPI
      workDir = mkdtempSync(join(tmpdir(), 'orchard-fuzz-'));
      writeFileSync(join(workDir, 'schemathesis.toml'), config);
    },
    { timeout: 10 * 60_000 },
  );

  after(async () => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
    await forgetFuzzedEndpoints();
  });

  it(
    'finds no server error and no answer that breaks the document in over 1000 cases',
    { timeout: 5 * 60_000 },
    async (t) => {
      // A session of its own: fuzzing POST /auth/logout ends it, and no other test's.
      const cookie = await logIn(adminAccount().email, adminAccount().password);
      const { code, output } = await runSchemathesis(st, workDir, cookie);
      const reportFile = readdirSync(workDir).find((f) => f.endsWith('.json'));
      assert.ok(reportFile, `a JSON report; schemathesis said:\n${output.slice(-3_000)}`);
      const text = readFileSync(join(workDir, reportFile), 'utf8');
      const report = JSON.parse(text) as RunReport;
      // A 128-bit integer: read as written, a JavaScript number would round it.
      const seed = /"seed":\s*(\d+)/.exec(text)?.[1];
      t.diagnostic(
        `${report.test_cases.generated} cases over ${report.operations.tested} operations, ` +
          `${report.failures.length} failures, seed ${seed}`,
      );
      const summary = `seed ${seed} (st run --seed); schemathesis said:\n${output.slice(-6_000)}`;
      assert.equal(code, 0, summary);
      assert.deepEqual(report.failures, [], summary);
      assert.deepEqual(report.errors, [], summary);
      assert.equal(report.operations.tested, report.operations.total, summary);
      assert.ok(report.operations.total >= 14, `${report.operations.total} operations`);
      assert.ok(report.test_cases.generated >= 1_000, `${report.test_cases.generated} cases`);
    },
  );
});
