import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { ensureDebianPackages } from '../install/debian';
import { ensureGo, goEnvironment } from '../install/toolchains';
import { infraDir } from '../paths';
import { run } from '../process/run';
import {
  ensureCloudNativePgCrds,
  ensurePrometheusOperatorCrds,
  ensureStrimziCrds,
} from './operator-crds';

/** k8s.io/kubernetes, built by infra/kube-apiserver/go.mod. */
export const kubernetesVersion = '1.34.4';

const apiServer = new CacheEntry(`kube-apiserver-${kubernetesVersion}`);

/**
 * A real API server for the chart's server-side dry run: etcd from Debian, kube-apiserver
 * built from the Go module proxy (the first time some minutes), and the CRDs of the operators
 * the chart's resources are for, at pinned releases. Returns the server's path and the CRDs'
 * folders.
 */
export async function installApiServer(): Promise<{ apiServer: string; crdDirs: string[] }> {
  await ensureDebianPackages(['etcd-server']);
  const go = await ensureGo();
  await apiServer.ensure(`kube-apiserver ${kubernetesVersion} (go build)`, (dir) =>
    run(go, ['build', '-o', join(dir, 'kube-apiserver'), 'k8s.io/kubernetes/cmd/kube-apiserver'], {
      cwd: join(infraDir, 'kube-apiserver'),
      env: goEnvironment(),
    }).then(() => undefined),
  );
  const crdDirs = [
    await ensureCloudNativePgCrds(),
    await ensureStrimziCrds(),
    await ensurePrometheusOperatorCrds(),
  ];
  return { apiServer: join(apiServer.dir, 'kube-apiserver'), crdDirs };
}
