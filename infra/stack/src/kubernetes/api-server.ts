import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '../closed-port';
import { waitFor } from '../wait';
import type { Manifest } from './helm-chart';

const token = 'orchard-dry-run';

/** What the API server answered: its status and its body (a resource or a Status). */
export interface ApiAnswer {
  status: number;
  body: { kind?: string; message?: string; status?: Record<string, unknown> };
}

/** The plural resource path of a manifest's kind: what the API server serves it under. */
const pluralOf = (kind: string) =>
  kind
    .toLowerCase()
    .replace(/(s|x|ch|sh)$/, '$1e')
    .replace(/y$/, 'ie') + 's';

/**
 * A real kube-apiserver on etcd, on loopback ports of its own, with no controllers: it stores
 * and validates (schemas, CEL rules, admission), which is what a server-side dry run asks of
 * it. Only a static token is accepted; each process is stopped by its own pid.
 */
export class ApiServer {
  private constructor(
    private readonly dir: string,
    private readonly processes: ChildProcess[],
    private readonly port: number,
  ) {}

  static async start(binary: string): Promise<ApiServer> {
    const dir = mkdtempSync(join(tmpdir(), 'orchard-apiserver-'));
    const [etcdClient, etcdPeer, securePort] = [
      await closedPort(),
      await closedPort(),
      await closedPort(),
    ];
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(join(dir, 'tokens.csv'), `${token},orchard,1,system:masters\n`);
    mkdirSync(join(dir, 'certs'));
    const log = openSync(join(dir, 'processes.log'), 'a');
    const failures: string[] = [];
    const started = (command: string, args: string[]) =>
      spawn(command, args, { stdio: ['ignore', log, log] }).on('error', (error) =>
        failures.push(`${command}: ${error.message}`),
      );
    const etcd = started('/usr/bin/etcd', [
      `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
    ]);
    const apiServer = started(binary, [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${securePort}`,
      `--cert-dir=${join(dir, 'certs')}`,
      `--token-auth-file=${join(dir, 'tokens.csv')}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc',
      `--service-account-key-file=${join(dir, 'sa.key')}`,
      `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
      '--service-cluster-ip-range=10.96.0.0/16',
    ]);
    closeSync(log); // the children hold their own copies
    const server = new ApiServer(dir, [apiServer, etcd], securePort);
    await waitFor(
      async () => {
        if (failures.length) throw new Error(failures.join('; '));
        return (await server.request('GET', '/readyz')).status === 200;
      },
      {
        timeoutMs: 120_000,
        intervalMs: 500,
        what: 'kube-apiserver to be ready',
      },
    ).catch(async (error: Error) => {
      const tail = readFileSync(join(dir, 'processes.log'), 'utf8').split('\n').slice(-20);
      await server.stop();
      throw new Error(`${[error.message, ...failures].join('; ')}\n${tail.join('\n')}`);
    });
    return server;
  }

  /** One request, trusting the certificate the server made for itself at start. */
  request(method: string, path: string, body?: unknown, contentType = 'application/json') {
    const certificate = join(this.dir, 'certs', 'apiserver.crt');
    if (!existsSync(certificate)) return Promise.resolve<ApiAnswer>({ status: 0, body: {} });
    return new Promise<ApiAnswer>((resolve) => {
      const outgoing = httpsRequest(
        {
          host: '127.0.0.1',
          port: this.port,
          path,
          method,
          // Its certificate names 127.0.0.1, signed by the CA it made beside it (in the file).
          ca: readFileSync(certificate),
          headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
          timeout: 30_000,
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => {
            let parsed: ApiAnswer['body'];
            try {
              parsed = JSON.parse(text) as ApiAnswer['body'];
            } catch {
              parsed = { message: text };
            }
            resolve({ status: response.statusCode ?? 0, body: parsed });
          });
        },
      );
      outgoing.on('error', () => resolve({ status: 0, body: {} }));
      outgoing.on('timeout', () => outgoing.destroy());
      outgoing.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  /** Server-side apply of one manifest (`kubectl apply --server-side`), as a dry run or not. */
  apply(manifest: Manifest, namespace: string | undefined, dryRun: boolean): Promise<ApiAnswer> {
    const [group, version] = manifest.apiVersion.includes('/')
      ? manifest.apiVersion.split('/')
      : ['', manifest.apiVersion];
    const root = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const scope = namespace ? `/namespaces/${namespace}` : '';
    const query = `fieldManager=orchard&force=true${dryRun ? '&dryRun=All' : ''}`;
    return this.request(
      'PATCH',
      `${root}${scope}/${pluralOf(manifest.kind)}/${manifest.metadata.name}?${query}`,
      manifest,
      'application/apply-patch+yaml',
    );
  }

  /** Waits until a CRD's resources are served. */
  async waitUntilEstablished(crd: string): Promise<void> {
    await waitFor(
      async () => {
        const answer = await this.request(
          'GET',
          `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd}`,
        );
        const conditions = (answer.body.status?.['conditions'] ?? []) as {
          type: string;
          status: string;
        }[];
        return conditions.some((c) => c.type === 'Established' && c.status === 'True');
      },
      { timeoutMs: 30_000, intervalMs: 200, what: `the CRD ${crd} to be established` },
    );
  }

  /** Stops the API server and etcd by their pids, and removes their data. */
  async stop(): Promise<void> {
    for (const child of this.processes) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
