import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../paths';
import { run } from '../process/run';
import {
  ensureHelm,
  ensureKubernetesValidate,
  ensureKubeScore,
  kubeToolVersions,
} from './kube-tools';

/** The chart of the six apps. */
export const chartDir = join(repoRoot, 'deploy', 'helm', 'orchard');

/** The value files a deployment picks from: none (the defaults), or the scaled ones. */
export const chartValueSets: Record<string, string[]> = {
  default: [],
  scaled: [join(chartDir, 'values-scaled.yaml')],
};

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

const valueArgs = (files: readonly string[]) => files.flatMap((file) => ['--values', file]);

/** `helm lint --strict`: its output, or a failure naming what it found. */
export async function lintChart(valueFiles: readonly string[]): Promise<string> {
  const helm = await ensureHelm();
  return run(helm, [
    'lint',
    '--strict',
    '--kube-version',
    kubeToolVersions.kubernetes,
    ...valueArgs(valueFiles),
    chartDir,
  ]);
}

/**
 * `helm template` as the release `orchard`: the manifests' text (its standard output only:
 * Helm notes on standard error that files/ links to infra/'s files, on purpose).
 */
export async function renderChart(
  valueFiles: readonly string[],
  extra: readonly string[] = [],
  release = 'orchard',
): Promise<string> {
  const helm = await ensureHelm();
  const { stdout } = await promisify(execFile)(
    helm,
    [
      'template',
      release,
      chartDir,
      '--kube-version',
      kubeToolVersions.kubernetes,
      ...valueArgs(valueFiles),
      ...extra,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

/** Runs `check` on the manifests written to a file of their own, removed afterwards. */
async function withManifestFile<T>(text: string, check: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'orchard-manifests-'));
  try {
    const file = join(dir, 'manifests.yaml');
    await writeFile(file, text);
    return await check(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Validates Kubernetes' own resources against the API's schemas (kubernetes-validate, strict:
 * unknown fields are refused). Resolves when valid; rejects with the validator's findings.
 */
export async function validateManifests(text: string): Promise<void> {
  const validator = await ensureKubernetesValidate();
  await withManifestFile(text, (file) =>
    run(validator, ['--strict', '--quiet', '-k', kubeToolVersions.kubernetes, file]),
  );
}

/**
 * kube-score's checks the chart deliberately does not follow, and why: images are pinned to
 * immutable tags, so pulling again on every start (`Always`) buys nothing.
 */
export const kubeScoreIgnored: Record<string, string> = {
  'container-image-pull-policy': 'images are pinned to immutable tags',
};

/** kube-score: resolves with its report when nothing is critical, rejects with it otherwise. */
export async function scoreManifests(text: string): Promise<string> {
  const kubeScore = await ensureKubeScore();
  return withManifestFile(text, (file) =>
    run(kubeScore, [
      'score',
      '--output-format',
      'ci',
      ...Object.keys(kubeScoreIgnored).flatMap((test) => ['--ignore-test', test]),
      file,
    ]),
  );
}
