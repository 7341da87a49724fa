/**
 * The chart against a real kube-apiserver (built here from the Go module proxy, on Debian's
 * etcd) with the CRDs of CloudNativePG, Strimzi and the Prometheus operator at pinned releases:
 * a server-side dry run of every rendered manifest, so that the API server's own validation (and
 * the CRDs' schemas and CEL rules) judge them, beyond what schema files can.
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
/** As Helm renders for a cluster that serves the Prometheus operator's API. */
const withServiceMonitors = ['--api-versions', 'monitoring.coreos.com/v1/ServiceMonitor'];

describe('the Helm chart on a real API server', () => {
  let server: ApiServer | undefined;

  before(
    async () => {
      const { apiServer, crdDirs } = await installApiServer();
      server = await ApiServer.start(apiServer);
      const created = await server.apply(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
        undefined,
        false,
      );
      assert.equal(created.status, 201, String(created.body.message));
      const crdFiles = crdDirs.flatMap((dir) =>
        readdirSync(dir)
          .filter((file) => file.endsWith('.yaml'))
          .map((file) => join(dir, file)),
      );
      for (const file of crdFiles) {
        for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
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
    const sets: { set: string; files: string[]; extra: string[] }[] = Object.entries(
      chartValueSets,
    ).map(([set, files]) => ({ set, files, extra: [] }));
    // And with backups on, for the resources that makes.
    sets.push({
      set: 'default, with backups',
      files: [],
      extra: ['--set', 'engines.postgresBackup.objectStore=shop-backups'],
    });
    for (const { set, files, extra } of sets) {
      const manifests = parseManifests(
        await renderChart(files, ['--namespace', namespace, ...withServiceMonitors, ...extra]),
      );
      // What others name must exist first: the pods' service account, made for real.
      for (const account of manifests.filter((m) => m.kind === 'ServiceAccount'))
        assert.ok([200, 201].includes((await server.apply(account, namespace, false)).status));
      const refused: string[] = [];
      const checked = manifests.filter((m) => m.kind !== 'ServiceAccount');
      for (const manifest of checked) {
        const answer = await server.apply(manifest, namespace, true);
        if (answer.status !== 200 && answer.status !== 201)
          refused.push(`${manifest.kind} ${manifest.metadata.name}: ${answer.body.message}`);
      }
      assert.deepEqual(refused, [], set);
      const count = (kind: string) => checked.filter((m) => m.kind === kind).length;
      assert.equal(count('Cluster'), 6, `${set}: the clusters`);
      assert.equal(count('ServiceMonitor'), 6, `${set}: the service monitors`);
      for (const kind of ['Kafka', 'KafkaNodePool', 'KafkaConnect'])
        assert.equal(count(kind), 1, `${set}: ${kind}`);
      assert.ok(count('KafkaConnector') >= 4, `${set}: the connectors`);
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

  it("judges the operators' resources by their CRDs: a node pool with a role Strimzi has not", async () => {
    assert.ok(server);
    const pool = (roles: string[]): Manifest => ({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaNodePool',
      metadata: { name: 'pool', labels: { 'strimzi.io/cluster': 'kafka' } },
      spec: { replicas: 3, roles, storage: { type: 'ephemeral' } },
    });
    const accepted = await server.apply(pool(['controller', 'broker']), namespace, true);
    assert.ok([200, 201].includes(accepted.status), String(accepted.body.message));
    const refused = await server.apply(pool(['controller', 'bookkeeper']), namespace, true);
    assert.equal(refused.status, 422, String(refused.body.message));
    assert.match(refused.body.message ?? '', /roles/);
  });
});
