/**
 * The chart against a real kube-apiserver (built here from the Go module proxy, on Debian's
 * etcd) with CloudNativePG's CRDs from its own source: a server-side dry run of every rendered
 * manifest, so that the API server's own validation (and the CRDs' schemas and CEL rules)
 * judge them, beyond what schema files can.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { ApiServer } from './api-server';
import { installApiServer } from './api-server-install';
import { chartValueSets, parseManifests, renderChart, type Manifest } from './helm-chart';

const namespace = 'shops';
/** Strimzi publishes its CRDs nowhere this machine reaches (see docs/deploy.md). */
const withoutCrds = (manifest: Manifest) => manifest.apiVersion.startsWith('kafka.strimzi.io/');

describe('the Helm chart on a real API server', () => {
  let server: ApiServer | undefined;

  before(
    async () => {
      const { apiServer, crdsDir } = await installApiServer();
      server = await ApiServer.start(apiServer);
      const created = await server.apply(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
        undefined,
        false,
      );
      assert.equal(created.status, 201, String(created.body.message));
      for (const file of readdirSync(crdsDir).filter((f) => f.endsWith('.yaml'))) {
        for (const document of parseAllDocuments(readFileSync(join(crdsDir, file), 'utf8'))) {
          const crd = document.toJS() as Manifest | null;
          if (!crd) continue;
          const answer = await server.apply(crd, undefined, false);
          assert.ok(answer.status === 200 || answer.status === 201, String(answer.body.message));
          await server.waitUntilEstablished(crd.metadata.name);
        }
      }
    },
    { timeout: 20 * 60_000 }, // the first run builds kube-apiserver
  );

  after(async () => {
    await server?.stop();
  });

  it('accepts every manifest the chart renders, in a server-side dry run', async () => {
    assert.ok(server);
    for (const [set, files] of Object.entries(chartValueSets)) {
      const manifests = parseManifests(await renderChart(files, ['--namespace', namespace]));
      // What others name must exist first: the pods' service account, made for real.
      for (const account of manifests.filter((m) => m.kind === 'ServiceAccount'))
        assert.ok([200, 201].includes((await server.apply(account, namespace, false)).status));
      const refused: string[] = [];
      const checked = manifests.filter((m) => !withoutCrds(m) && m.kind !== 'ServiceAccount');
      for (const manifest of checked) {
        const answer = await server.apply(manifest, namespace, true);
        if (answer.status !== 200 && answer.status !== 201)
          refused.push(`${manifest.kind} ${manifest.metadata.name}: ${answer.body.message}`);
      }
      assert.deepEqual(refused, [], set);
      assert.ok(checked.filter((m) => m.kind === 'Cluster').length === 6, `${set}: the clusters`);
      assert.ok(checked.length > 30, `${set}: ${checked.length} manifests`);
    }
  });

  it('refuses what only the API server checks: a budget with both bounds, a selector its pods lack', async () => {
    assert.ok(server);
    const budget = await server.apply(
      {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: 'both-bounds' },
        spec: { minAvailable: 1, maxUnavailable: 1, selector: { matchLabels: { app: 'x' } } },
      },
      namespace,
      true,
    );
    assert.equal(budget.status, 422, String(budget.body.message));
    const deployment = await server.apply(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'mismatched' },
        spec: {
          selector: { matchLabels: { app: 'a' } },
          template: {
            metadata: { labels: { app: 'b' } },
            spec: { containers: [{ name: 'app', image: 'app:1' }] },
          },
        },
      },
      namespace,
      true,
    );
    assert.equal(deployment.status, 422, String(deployment.body.message));
    assert.match(deployment.body.message ?? '', /selector/);
  });
});
