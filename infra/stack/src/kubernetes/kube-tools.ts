import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { installIntoVirtualenv } from '../install/pypi';
import { ensureGo, goEnvironment } from '../install/toolchains';
import { run } from '../process/run';

/** The tools the Helm chart is checked with, offline: no cluster runs on this machine. */
export const kubeToolVersions = {
  helm: '3.22.0',
  kubeScore: '1.20.0',
  /** A PyPI package that ships the Kubernetes API's JSON schemas and validates against them. */
  kubernetesValidate: '1.37.0',
  /** The Kubernetes version the manifests are validated against. */
  kubernetes: '1.34.0',
} as const;

const helm = new CacheEntry(`helm-${kubeToolVersions.helm}`);

async function goInstall(entry: CacheEntry, label: string, module: string): Promise<void> {
  const go = await ensureGo();
  await entry.ensure(`${label} (go install)`, async (dir) => {
    await run(go, ['install', module], { env: goEnvironment({ GOBIN: dir }) });
  });
}

/** Helm, built from the Go module proxy; returns its path. */
export async function ensureHelm(): Promise<string> {
  await goInstall(
    helm,
    `Helm ${kubeToolVersions.helm}`,
    `helm.sh/helm/v3/cmd/helm@v${kubeToolVersions.helm}`,
  );
  return join(helm.dir, 'helm');
}

const kubeScore = new CacheEntry(`kube-score-${kubeToolVersions.kubeScore}`);

/** kube-score (a check of reliability and security practice), from the Go module proxy. */
export async function ensureKubeScore(): Promise<string> {
  await goInstall(
    kubeScore,
    `kube-score ${kubeToolVersions.kubeScore}`,
    `github.com/zegl/kube-score/cmd/kube-score@v${kubeToolVersions.kubeScore}`,
  );
  return join(kubeScore.dir, 'kube-score');
}

const kubernetesValidate = new CacheEntry(
  `kubernetes-validate-${kubeToolVersions.kubernetesValidate}`,
);

/**
 * kubernetes-validate (from PyPI, in a virtualenv of its own): validates manifests against the
 * Kubernetes API's JSON schemas it ships, strictly (unknown fields refused). Returns its path.
 */
export async function ensureKubernetesValidate(): Promise<string> {
  await kubernetesValidate.ensure(
    `kubernetes-validate ${kubeToolVersions.kubernetesValidate} (pip)`,
    (dir) =>
      installIntoVirtualenv(
        dir,
        `kubernetes-validate==${kubeToolVersions.kubernetesValidate}`,
        'python3 with venv is required to validate Kubernetes manifests',
      ),
  );
  return join(kubernetesValidate.dir, 'bin', 'kubernetes-validate');
}
