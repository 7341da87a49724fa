import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { ensureDebianPackages } from '../install/debian';
import { ensureGo, goEnvironment } from '../install/toolchains';
import { infraDir } from '../paths';
import { run } from '../process/run';

export const apiServerVersions = {
  /** k8s.io/kubernetes, built by infra/kube-apiserver/go.mod. */
  kubernetes: '1.34.4',
  /** The CloudNativePG release whose CRDs the API server is given (its Go module's files). */
  cloudNativePg: '1.30.0',
} as const;

const apiServer = new CacheEntry(`kube-apiserver-${apiServerVersions.kubernetes}`);
const cloudNativePgCrds = new CacheEntry(`cloudnative-pg-crds-${apiServerVersions.cloudNativePg}`);

/**
 * A real API server for the chart's server-side dry run: etcd from Debian, kube-apiserver
 * built from the Go module proxy (the first time some minutes), and CloudNativePG's CRDs from
 * its own source at a pinned release (the proxy serves a module's whole tree). Returns where
 * each is.
 */
export async function installApiServer(): Promise<{ apiServer: string; crdsDir: string }> {
  await ensureDebianPackages(['etcd-server']);
  const go = await ensureGo();
  await apiServer.ensure(`kube-apiserver ${apiServerVersions.kubernetes} (go build)`, (dir) =>
    run(go, ['build', '-o', join(dir, 'kube-apiserver'), 'k8s.io/kubernetes/cmd/kube-apiserver'], {
      cwd: join(infraDir, 'kube-apiserver'),
      env: goEnvironment(),
    }).then(() => undefined),
  );
  await cloudNativePgCrds.ensure(
    `CloudNativePG ${apiServerVersions.cloudNativePg}'s CRDs (go mod download)`,
    async (dir) => {
      // Outside any module, into a module cache of its own, removed afterwards.
      const scratch = mkdtempSync(join(tmpdir(), 'orchard-cnpg-'));
      try {
        const output = await run(
          go,
          [
            'mod',
            'download',
            '-json',
            `github.com/cloudnative-pg/cloudnative-pg@v${apiServerVersions.cloudNativePg}`,
          ],
          {
            cwd: scratch,
            env: goEnvironment({ GOMODCACHE: join(scratch, 'mod'), GOFLAGS: '-modcacherw' }),
          },
        );
        const { Dir } = JSON.parse(output) as { Dir: string };
        cpSync(join(Dir, 'config', 'crd', 'bases'), join(dir, 'crds'), { recursive: true });
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
  );
  return {
    apiServer: join(apiServer.dir, 'kube-apiserver'),
    crdsDir: join(cloudNativePgCrds.dir, 'crds'),
  };
}
