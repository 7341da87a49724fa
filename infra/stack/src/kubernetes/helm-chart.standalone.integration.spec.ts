/** The Helm chart, checked offline with the real tools: no cluster runs on this machine. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectorsDir } from '../connect/connectors';
import { infraDir, repoRoot } from '../paths';
import { chartSecret, generateSecrets } from '../secrets';
import { apps, connectWorkerEnvironment, managementPortOf, postgresClusters } from '../topology';
import { isCustomResource, validateCustomResources } from './custom-resources';
import {
  chartDir,
  chartValueSets,
  lintChart,
  parseManifests,
  renderChart,
  scoreManifests,
  validateManifests,
  type Manifest,
} from './helm-chart';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

interface Container {
  name: string;
  ports: { name: string; containerPort: number }[];
  env: EnvVar[];
  securityContext: Record<string, unknown>;
  readinessProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
}

/** Kubernetes' own resources of a rendering, as one text (the operators' are checked apart). */
const kubernetesOwn = (text: string) =>
  parseManifests(text)
    .filter((m) => !isCustomResource(m))
    .map((m) => JSON.stringify(m))
    .join('\n---\n');

const podSpecOf = (deployment: Manifest) =>
  (
    deployment.spec?.['template'] as {
      spec: { containers: Container[]; securityContext: Record<string, unknown> };
    }
  ).spec;

/** Variables the chart sets beyond topology's: parts of others, or what only a cluster needs. */
const chartOnly = new Set([
  'REDIS_PASSWORD',
  'READ_DATABASE_USER',
  'READ_DATABASE_PASSWORD',
  'TRUST_PROXY',
]);
/** Variables that hold credentials: they come from Secrets, never from values. */
const credentials = [
  'DATABASE_URL',
  'READ_DATABASE_PASSWORD',
  'REDIS_PASSWORD',
  'SERVICE_SIGNING_KEY',
  'SERVICE_TRUSTED_KEYS',
  'ADMIN_PASSWORD',
  'CARRIER_WEBHOOK_SECRET',
];

/**
 * The keys CloudNativePG writes into a cluster's `<cluster>-app` Secret: its source,
 * `pkg/specs/secrets.go` (`CreateSecret`), at commit a95a534db (v1.30.0 and 86 commits).
 */
const cloudNativePgAppSecretKeys = [
  'username',
  'user',
  'password',
  'dbname',
  'host',
  'port',
  'pgpass',
  'uri',
  'jdbc-uri',
  'fqdn-uri',
  'fqdn-jdbc-uri',
];

interface ManagedRole {
  name: string;
  passwordSecret: { name: string };
}

/** The basic-auth Secret of the CDC role among those chart-secrets writes. */
const cdcSecretOf = (text: string) => {
  const secret = parseManifests(text).find((m) => m.metadata.name.endsWith('-cdc'));
  assert.ok(secret, 'chart-secrets writes the CDC Secret');
  return secret as Manifest & { type: string; stringData: Record<string, string> };
};

describe('the Helm chart', () => {
  const rendered: Record<string, string> = {};

  before(
    async () => {
      for (const [name, files] of Object.entries(chartValueSets))
        rendered[name] = await renderChart(files);
    },
    { timeout: 15 * 60_000 }, // the first run builds Helm from the Go module proxy
  );

  it('passes helm lint --strict with the default and the scaled values', async () => {
    for (const files of Object.values(chartValueSets)) {
      const output = await lintChart(files);
      assert.match(output, /1 chart\(s\) linted, 0 chart\(s\) failed/);
    }
  });

  it('refuses values its schema (values.schema.json) forbids, naming them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orchard-values-'));
    try {
      for (const [bad, named] of [
        ["apps: {gateway: {port: '3000'}}", /port/],
        ['engines: {kafkaPartitions: 0}', /kafkaPartitions/],
        ['imagePullPolicy: Always', /imagePullPolicy/],
      ] as const) {
        const file = join(dir, 'values.yaml');
        writeFileSync(file, bad);
        const refused = await lintChart([file]).then(
          () => '',
          (error: Error) => error.message,
        );
        assert.match(refused, /values don't meet the specifications of the schema/, bad);
        assert.match(refused, named, bad);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("validates against the Kubernetes API's schemas, strictly, and the validator refuses a bad one", async () => {
    for (const text of Object.values(rendered)) {
      await validateManifests(kubernetesOwn(text));
    }
    // The Secret `npm run stack -- chart-secrets` writes for a cluster.
    await validateManifests(chartSecret(generateSecrets()));
    const bad =
      'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 1, bogus: 2}]}\n';
    await assert.rejects(validateManifests(bad), /bogus/);
  });

  it('runs every app of the topology on its ports, with every variable it reads', () => {
    const manifests = parseManifests(rendered['default'] ?? '');
    const deployments = manifests.filter((m) => m.kind === 'Deployment');
    assert.deepEqual(
      deployments.map((d) => d.metadata.name).sort(),
      apps.map((app) => `orchard-${app.name}`).sort(),
    );
    for (const app of apps) {
      const deployment = deployments.find((d) => d.metadata.name === `orchard-${app.name}`);
      const [container] = podSpecOf(deployment as Manifest).containers;
      assert.ok(container, app.name);
      const ports = Object.fromEntries(container.ports.map((p) => [p.name, p.containerPort]));
      assert.deepEqual(ports, { http: app.port, management: managementPortOf(app.port) }, app.name);
      const names = container.env.map((e) => e.name);
      assert.deepEqual(
        names.filter((name) => !chartOnly.has(name)).sort(),
        Object.keys(app.env).sort(),
        `${app.name} sets exactly topology's variables`,
      );
      const service = manifests.find(
        (m) => m.kind === 'Service' && m.metadata.name === `orchard-${app.name}`,
      );
      assert.deepEqual(
        (service?.spec?.['ports'] as { port: number }[]).map((p) => p.port),
        [app.port, managementPortOf(app.port)],
      );
    }
  });

  it('takes every credential from a Secret and renders none', () => {
    const manifests = parseManifests(rendered['default'] ?? '');
    const secretKeys = Object.keys(
      (parseManifests(chartSecret(generateSecrets()))[0]?.['stringData'] ?? {}) as object,
    );
    assert.ok(!manifests.some((m) => m.kind === 'Secret'), 'no Secret in the chart');
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment'))
      for (const variable of podSpecOf(deployment).containers[0]?.env ?? [])
        if (credentials.includes(variable.name))
          assert.ok(
            variable.valueFrom?.secretKeyRef && variable.value === undefined,
            `${deployment.metadata.name}'s ${variable.name} comes from a Secret`,
          );
    // A URL made of parts names its password by reference to a variable from a Secret.
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment'))
      for (const variable of podSpecOf(deployment).containers[0]?.env ?? [])
        if (variable.name === 'READ_DATABASE_URL')
          assert.match(variable.value ?? '', /:\$\(READ_DATABASE_PASSWORD\)@/);
    // Every key the apps take from the chart's Secret is one chart-secrets writes.
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment'))
      for (const variable of podSpecOf(deployment).containers[0]?.env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref?.name === 'orchard-secrets')
          assert.ok(secretKeys.includes(ref.key), `chart-secrets writes ${ref.key}`);
      }
  });

  it("reads only keys CloudNativePG writes into a cluster's -app Secret", () => {
    for (const set of Object.keys(chartValueSets))
      for (const deployment of parseManifests(rendered[set] ?? '').filter(
        (m) => m.kind === 'Deployment',
      ))
        for (const variable of podSpecOf(deployment).containers[0]?.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (ref?.name.endsWith('-app'))
            assert.ok(
              cloudNativePgAppSecretKeys.includes(ref.key),
              `${deployment.metadata.name}'s ${variable.name}: ${ref.name} has no key ${ref.key}`,
            );
        }
  });

  it('creates the CDC role before granting it anything, for the operator to adopt', () => {
    const clusters = parseManifests(rendered['default'] ?? '').filter((m) => m.kind === 'Cluster');
    const withCdc = clusters.filter(
      (c) => (c.spec?.['managed'] as object | undefined) !== undefined,
    );
    assert.ok(withCdc.length >= 4, 'the clusters with an outbox manage the CDC role');
    for (const cluster of withCdc) {
      const sql = (cluster.spec?.['bootstrap'] as { initdb: { postInitApplicationSQL: string[] } })
        .initdb.postInitApplicationSQL;
      const created = sql.findIndex((statement) => /^CREATE ROLE debezium\b/.test(statement));
      const firstGrant = sql.findIndex((statement) => /\bTO debezium\b/.test(statement));
      assert.ok(
        created >= 0 && created < firstGrant,
        `${cluster.metadata.name}: ${sql.join('; ')}`,
      );
      // The operator adopts the role only from a Secret whose username is its name
      // (internal/management/controller/roles/runnable.go): the one chart-secrets writes.
      const [role] = (cluster.spec?.['managed'] as { roles: ManagedRole[] }).roles;
      const secret = cdcSecretOf(chartSecret(generateSecrets()));
      assert.equal(role?.passwordSecret.name, secret.metadata.name);
      assert.equal(secret.stringData.username, role?.name);
      assert.equal(secret.type, 'kubernetes.io/basic-auth');
    }
    // Another role name, told to chart-secrets as to the chart.
    const renamed = cdcSecretOf(
      chartSecret(generateSecrets(), { name: 'shop', cdcRole: 'cdc_reader' }),
    );
    assert.deepEqual(
      [renamed.metadata.name, renamed.stringData.username],
      ['shop-cdc', 'cdc_reader'],
    );
  });

  it('lets a drain evict unready pods, and keeps a stopping pod answering until it is out of the endpoints', () => {
    const manifests = parseManifests(rendered['default'] ?? '');
    for (const budget of manifests.filter((m) => m.kind === 'PodDisruptionBudget'))
      assert.equal(
        budget.spec?.['unhealthyPodEvictionPolicy'],
        'AlwaysAllow',
        budget.metadata.name,
      );
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment')) {
      const [container] = podSpecOf(deployment).containers as (Container & {
        lifecycle?: { preStop?: { exec?: { command: string[] } } };
      })[];
      assert.deepEqual(
        container?.lifecycle?.preStop?.exec?.command,
        ['sleep', '5'],
        deployment.metadata.name,
      );
    }
  });

  it('renders releases of any name, two in one namespace, that share no name and reach only their own', async () => {
    const releases = ['shop-a', 'shop-b'];
    const names = new Map<string, string>();
    for (const release of releases) {
      const manifests = parseManifests(await renderChart([], ['--namespace', 'shops'], release));
      for (const manifest of manifests) {
        const key = `${manifest.kind}/${manifest.metadata.name}`;
        assert.equal(
          names.get(key),
          undefined,
          `${key} is made by ${names.get(key)} and ${release}`,
        );
        names.set(key, release);
        assert.ok(
          manifest.metadata.name.startsWith(`${release}-`),
          `${key} is named after ${release}`,
        );
      }
      // What the apps and engines read names this release's own resources.
      const text = JSON.stringify(manifests);
      for (const other of releases.filter((r) => r !== release))
        assert.ok(!text.includes(`${other}-`), `${release} refers to nothing of ${other}`);
      for (const deployment of manifests.filter((m) => m.kind === 'Deployment'))
        for (const variable of podSpecOf(deployment).containers[0]?.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (ref) assert.ok(ref.name.startsWith(`${release}-`), `${variable.name}: ${ref.name}`);
          if (variable.name === 'KAFKA_BROKERS')
            assert.equal(variable.value, `${release}-kafka-kafka-bootstrap:9092`);
        }
    }
  });

  it('lets the apps out to each engine in the namespace its address names, and only there', async () => {
    const egressOf = (text: string, app: string) =>
      (
        parseManifests(text).find(
          (m) => m.kind === 'NetworkPolicy' && m.metadata.name === `orchard-${app}`,
        )?.spec?.['egress'] as {
          to: { namespaceSelector?: { matchLabels: Record<string, string> } }[];
          ports: { port: number | string }[];
        }[]
      ).map((rule) => ({
        namespace: rule.to[0]?.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'],
        ports: rule.ports.map((p) => Number(p.port)),
      }));
    const elsewhere = await renderChart(
      [],
      [
        '--set',
        'engines.temporalAddress=temporal-frontend.platform.svc:7233',
        '--set',
        'engines.redis.host=redis-master.data',
        '--set',
        'engines.otlpEndpoint=http://collector.observability:4318/',
        '--set',
        'engines.kafkaBrokers=kafka-0.kafka-headless.streams.svc.cluster.local:9092\\,kafka-1.kafka-headless.streams.svc.cluster.local:9092',
      ],
    );
    const rules = egressOf(elsewhere, 'order-service');
    for (const [port, namespace] of [
      [7233, 'platform'],
      [6379, 'data'],
      [4318, 'observability'],
      [9092, 'streams'],
    ] as const)
      assert.deepEqual(
        rules.filter((rule) => rule.ports.includes(port)).map((rule) => rule.namespace),
        [namespace],
        `port ${port}`,
      );
    // Bare names: the release's own namespace, no other.
    const here = egressOf(rendered['default'] ?? '', 'order-service');
    for (const port of [7233, 6379, 4318, 9092])
      assert.deepEqual(
        here.filter((rule) => rule.ports.includes(port)).map((rule) => rule.namespace),
        [undefined],
        `port ${port}`,
      );
  });

  it('gives topics at least as many partitions as any group can have consumers', () => {
    for (const [set, files] of Object.entries(chartValueSets)) {
      const manifests = parseManifests(rendered[set] ?? '');
      const kafka = manifests.find((m) => m.kind === 'Kafka');
      const partitions = Number(
        (kafka?.spec?.['kafka'] as { config: Record<string, unknown> }).config['num.partitions'],
      );
      const consumers = manifests
        .filter((m) => m.kind === 'Deployment')
        .filter((d) => podSpecOf(d).containers[0]?.env.some((v) => v.name === 'KAFKA_BROKERS'))
        .map((d) => {
          const autoscaler = manifests.find(
            (m) => m.kind === 'HorizontalPodAutoscaler' && m.metadata.name === d.metadata.name,
          );
          return Number(autoscaler?.spec?.['maxReplicas'] ?? d.spec?.['replicas'] ?? 1);
        });
      assert.ok(consumers.length >= 4, `${set}: the apps that consume events`);
      assert.ok(
        partitions >= Math.max(...consumers),
        `${set} (${files.join()}): ${partitions} partitions`,
      );
    }
  });

  it('restarts a connector until the publication it reads exists', () => {
    const connectors = parseManifests(rendered['default'] ?? '').filter(
      (m) => m.kind === 'KafkaConnector',
    );
    assert.equal(connectors.length, readdirSync(connectorsDir).length);
    for (const connector of connectors)
      assert.deepEqual(connector.spec?.['autoRestart'], { enabled: true }, connector.metadata.name);
  });

  it('runs non-root and read-only, probed on the management port, reached from outside only at the gateway', () => {
    const manifests = parseManifests(rendered['default'] ?? '');
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment')) {
      const pod = podSpecOf(deployment);
      const [container] = pod.containers;
      assert.equal(pod.securityContext['runAsNonRoot'], true);
      assert.equal(container?.securityContext['readOnlyRootFilesystem'], true);
      assert.equal(container?.readinessProbe.httpGet.port, 'management');
      assert.equal(container?.livenessProbe.httpGet.port, 'management');
    }
    for (const kind of ['PodDisruptionBudget', 'HorizontalPodAutoscaler'])
      assert.equal(manifests.filter((m) => m.kind === kind).length, apps.length, kind);
    // One per app, and the smoke test's.
    assert.equal(manifests.filter((m) => m.kind === 'NetworkPolicy').length, apps.length + 1);
    const ingresses = manifests.filter((m) => m.kind === 'Ingress');
    assert.equal(ingresses.length, 1);
    assert.match(JSON.stringify(ingresses[0]?.spec), /"name":"orchard-gateway"/);
  });

  it("runs the apps' one image at the chart's appVersion, under their own service account, and a smoke test as `helm test`", () => {
    const manifests = parseManifests(rendered['default'] ?? '');
    const appVersion = /appVersion: '([^']+)'/.exec(
      readFileSync(join(chartDir, 'Chart.yaml'), 'utf8'),
    )?.[1];
    assert.ok(appVersion);
    for (const deployment of manifests.filter((m) => m.kind === 'Deployment')) {
      const pod = podSpecOf(deployment) as ReturnType<typeof podSpecOf> & {
        serviceAccountName?: string;
        containers: (Container & { image: string; args: string[] })[];
      };
      const [container] = pod.containers;
      assert.equal(container?.image, `ghcr.io/orchard-shop/apps:${appVersion}`);
      const app = deployment.metadata.name.replace(/^orchard-/, '');
      assert.deepEqual(container?.args, [`apps/${app}/dist/main.js`]);
      assert.equal(pod.serviceAccountName, 'orchard-apps');
    }
    const account = manifests.find((m) => m.kind === 'ServiceAccount');
    assert.equal(account?.['automountServiceAccountToken'], false);
    const smoke = manifests.find(
      (m) =>
        m.kind === 'Pod' &&
        (m.metadata as { annotations?: Record<string, string> }).annotations?.['helm.sh/hook'] ===
          'test',
    );
    const [container] =
      (smoke?.spec as { containers: { args: string[] }[] } | undefined)?.containers ?? [];
    assert.deepEqual(container?.args, ['apps/gateway/dist/smoke/place-and-read-order.js']);
    // The script the hook runs is the one the smoke-order e2e spec runs against the stack.
    assert.ok(existsSync(join(repoRoot, 'apps/gateway/src/smoke/place-and-read-order.ts')));
    // The gateway lets it in.
    const gatewayPolicy = manifests.find(
      (m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'orchard-gateway',
    );
    assert.match(JSON.stringify(gatewayPolicy?.spec), /"app.kubernetes.io\/name":"smoke-test"/);
    // NOTES.txt (which helm lint, above, renders) tells how to reach the shop and to run it.
    const notes = readFileSync(join(chartDir, 'templates', 'NOTES.txt'), 'utf8');
    assert.match(notes, /port-forward service\/\{\{ \.Release\.Name \}\}-gateway/);
    assert.match(notes, /helm test \{\{ \.Release\.Name \}\}/);
  });

  it("runs as the apps' image's own user, and the smoke test too", () => {
    const user = /^USER (\d+):(\d+)$/m.exec(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'));
    assert.ok(user, "the Dockerfile's USER, numeric");
    const manifests = parseManifests(rendered['default'] ?? '');
    const pods = [
      ...manifests.filter((m) => m.kind === 'Deployment').map((m) => podSpecOf(m).securityContext),
      ...manifests
        .filter((m) => m.kind === 'Pod')
        .map((m) => (m.spec as { securityContext: Record<string, unknown> }).securityContext),
    ];
    assert.equal(pods.length, apps.length + 1);
    for (const context of pods) {
      assert.equal(context['runAsUser'], Number(user[1]));
      assert.equal(context['runAsGroup'], Number(user[2]));
    }
  });

  it('makes a ServiceMonitor per app only where the Prometheus operator serves its API, scraping the management port', async () => {
    const without = parseManifests(rendered['default'] ?? '');
    assert.equal(without.filter((m) => m.kind === 'ServiceMonitor').length, 0);
    const manifests = parseManifests(
      await renderChart(
        [],
        [
          ...['--api-versions', 'monitoring.coreos.com/v1/ServiceMonitor'],
          ...['--set', 'metrics.serviceMonitor.labels.release=kube-prometheus-stack'],
        ],
      ),
    );
    const monitors = manifests.filter((m) => m.kind === 'ServiceMonitor');
    assert.equal(monitors.length, apps.length);
    for (const app of apps) {
      const monitor = monitors.find((m) => m.metadata.name === `orchard-${app.name}`);
      assert.ok(monitor, app.name);
      assert.equal(monitor.metadata.labels?.['release'], 'kube-prometheus-stack');
      const spec = monitor.spec as {
        selector: { matchLabels: Record<string, string> };
        endpoints: { port: string; path: string }[];
      };
      assert.deepEqual(
        spec.endpoints.map((e) => [e.port, e.path]),
        [['management', '/metrics']],
      );
      // It selects exactly the app's Service, which carries the management port.
      const selected = manifests.filter(
        (m) =>
          m.kind === 'Service' &&
          Object.entries(spec.selector.matchLabels).every(([k, v]) => m.metadata.labels?.[k] === v),
      );
      assert.deepEqual(
        selected.map((m) => m.metadata.name),
        [`orchard-${app.name}`],
      );
      const ports = (selected[0]?.spec as { ports: { name: string; port: number }[] }).ports;
      assert.equal(ports.find((p) => p.name === 'management')?.port, managementPortOf(app.port));
    }
  });

  it('backs each PostgreSQL cluster up through the Barman Cloud plugin when an object store is named, and only then', async () => {
    const without = parseManifests(rendered['default'] ?? '');
    assert.equal(without.filter((m) => m.kind === 'ScheduledBackup').length, 0);
    for (const cluster of without.filter((m) => m.kind === 'Cluster'))
      assert.equal(cluster.spec?.['plugins'], undefined, cluster.metadata.name);
    const manifests = parseManifests(
      await renderChart([], ['--set', 'engines.postgresBackup.objectStore=shop-backups']),
    );
    const clusters = manifests.filter((m) => m.kind === 'Cluster');
    assert.equal(clusters.length, postgresClusters.length);
    const backups = manifests.filter((m) => m.kind === 'ScheduledBackup');
    for (const cluster of clusters) {
      assert.deepEqual(cluster.spec?.['plugins'], [
        {
          name: 'barman-cloud.cloudnative-pg.io',
          isWALArchiver: true,
          parameters: { barmanObjectName: 'shop-backups' },
        },
      ]);
      const backup = backups.find(
        (b) => (b.spec?.['cluster'] as { name: string }).name === cluster.metadata.name,
      );
      assert.equal(backup?.spec?.['method'], 'plugin', cluster.metadata.name);
      assert.deepEqual(backup.spec['pluginConfiguration'], {
        name: 'barman-cloud.cloudnative-pg.io',
      });
    }
    assert.equal(backups.length, clusters.length);
  });

  it("lets a service's pods be reached by the gateway only, on their traffic port", () => {
    const manifests = parseManifests(rendered['default'] ?? '');
    for (const app of apps.filter((a) => a.name !== 'gateway')) {
      const policy = manifests.find(
        (m) => m.kind === 'NetworkPolicy' && m.metadata.name === `orchard-${app.name}`,
      );
      const [traffic] = policy?.spec?.['ingress'] as {
        from: { podSelector?: { matchLabels: Record<string, string> } }[];
        ports: { port: string }[];
      }[];
      assert.deepEqual(
        traffic?.from.map((f) => f.podSelector?.matchLabels['app.kubernetes.io/name']),
        ['gateway'],
      );
      assert.deepEqual(
        traffic?.ports.map((p) => p.port),
        ['http'],
      );
    }
  });

  it("validates the operators' resources against their published schemas, and they refuse a bad one", async () => {
    for (const text of Object.values(rendered)) await validateCustomResources(parseManifests(text));
    const bad = {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'x' },
      spec: { instances: 'two' },
    };
    await assert.rejects(validateCustomResources([bad]), /instances must be integer/);
  });

  it("gives each owner's PostgreSQL cluster its database, role and infra/postgres/postgresql.conf", () => {
    const clusters = parseManifests(rendered['default'] ?? '').filter((m) => m.kind === 'Cluster');
    const settings = Object.fromEntries(
      readFileSync(join(infraDir, 'postgres', 'postgresql.conf'), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#') && !line.startsWith('log_line_prefix'))
        .map(
          (line) =>
            line.split('=').map((part) => part.trim().replace(/^'|'$/g, '')) as [string, string],
        ),
    );
    assert.equal(clusters.length, postgresClusters.length);
    for (const owner of postgresClusters) {
      const cluster = clusters.find((c) => c.metadata.name === `orchard-pg-${owner.owner}`);
      const spec = cluster?.spec as {
        bootstrap: { initdb: { database: string; owner: string } };
        postgresql: { parameters: Record<string, string> };
      };
      assert.deepEqual(spec.bootstrap.initdb, {
        ...spec.bootstrap.initdb,
        database: owner.database,
        owner: owner.appUser,
      });
      // The file's settings, and the bound on what a slot may hold back that only a cluster's
      // volume needs.
      assert.deepEqual(
        spec.postgresql.parameters,
        { ...settings, max_slot_wal_keep_size: '2GB' },
        owner.owner,
      );
    }
  });

  it("keeps Debezium's slots across a failover, and every engine pod sized", () => {
    const manifests = parseManifests(rendered['default'] ?? '');
    const connectorFilesUsed = readdirSync(connectorsDir).filter((f) => f.endsWith('.json'));
    for (const file of connectorFilesUsed) {
      const config = JSON.parse(readFileSync(join(connectorsDir, file), 'utf8')) as Record<
        string,
        string
      >;
      assert.equal(config['slot.failover'], 'true', `${file} asks for a failover slot`);
      const owner = file.replace('-outbox.json', '');
      const cluster = manifests.find(
        (m) => m.kind === 'Cluster' && m.metadata.name === `orchard-pg-${owner}`,
      );
      assert.deepEqual(
        cluster?.spec?.['replicationSlots'],
        { highAvailability: { enabled: true, synchronizeLogicalDecoding: true } },
        owner,
      );
    }
    for (const engine of manifests.filter((m) =>
      ['Cluster', 'KafkaNodePool', 'KafkaConnect'].includes(m.kind),
    )) {
      const resources = engine.spec?.['resources'] as
        { requests?: { memory?: string }; limits?: { memory?: string } } | undefined;
      assert.ok(
        resources?.requests?.memory && resources.limits?.memory,
        `${engine.kind} ${engine.metadata.name}`,
      );
    }
  });

  it("registers infra/connect's connector files, with the worker settings and variables they use", () => {
    const manifests = parseManifests(rendered['default'] ?? '');
    const files = readdirSync(connectorsDir).filter((f) => f.endsWith('.json'));
    const connectors = manifests.filter((m) => m.kind === 'KafkaConnector');
    assert.equal(connectors.length, files.length);
    for (const file of files) {
      const {
        'connector.class': connectorClass,
        'tasks.max': tasksMax,
        ...config
      } = JSON.parse(readFileSync(join(connectorsDir, file), 'utf8')) as Record<string, string>;
      const connector = connectors.find(
        (c) => c.metadata.name === `orchard-${file.replace('.json', '')}`,
      );
      assert.deepEqual(
        connector?.spec,
        {
          class: connectorClass,
          tasksMax: Number(tasksMax),
          config,
          autoRestart: { enabled: true },
        },
        file,
      );
    }
    const connect = manifests.find((m) => m.kind === 'KafkaConnect');
    const env = (
      connect?.spec?.['template'] as { connectContainer: { env: { name: string }[] } }
    ).connectContainer.env.map((e) => e.name);
    assert.deepEqual(env.sort(), Object.keys(connectWorkerEnvironment()).sort());
    // Every worker setting, but the addresses Strimzi sets: in config, or in the field
    // Strimzi's v1 API gives it; replication is the cluster's.
    const spec = connect?.spec as Record<string, unknown> & { config: Record<string, unknown> };
    const fields: Record<string, string> = {
      'group.id': 'groupId',
      'config.storage.topic': 'configStorageTopic',
      'offset.storage.topic': 'offsetStorageTopic',
      'status.storage.topic': 'statusStorageTopic',
    };
    const worker = readFileSync(join(infraDir, 'connect', 'worker.properties'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
    assert.ok(worker.length > 10);
    for (const [key = '', value = ''] of worker) {
      if (['bootstrap.servers', 'listeners'].includes(key) || key.startsWith('rest.advertised'))
        continue;
      const field = fields[key];
      const actual = field ? spec[field] : spec.config[key];
      assert.equal(String(actual), key.endsWith('.replication.factor') ? '3' : value, key);
    }
  });

  it('scores no critical finding with kube-score, which finds one in a pod without limits', async () => {
    for (const text of Object.values(rendered)) {
      const report = await scoreManifests(kubernetesOwn(text));
      assert.doesNotMatch(report, /\[CRITICAL\]/);
      assert.match(report, /\[OK\]/);
    }
    const careless = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: careless}',
      'spec:',
      '  selector: {matchLabels: {app: careless}}',
      '  template:',
      '    metadata: {labels: {app: careless}}',
      '    spec: {containers: [{name: app, image: "app:1"}]}',
    ].join('\n');
    await assert.rejects(scoreManifests(careless), /CRITICAL/);
  });
});
