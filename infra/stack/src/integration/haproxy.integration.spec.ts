import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closedPort } from '../closed-port';
import { composeHaproxyConfigFile } from '../compose-haproxy';
import { haproxyConfig, healthCheck } from '../components/haproxy-config';
import { drainInstance, readyInstance } from '../components/haproxy-runtime';
import { ensureDebianPackages } from '../install/debian';
import { socketPath } from '../paths';
import { balancedApps, type BalancedApp } from '../scaled-topology';
import { waitFor } from '../wait';

const haproxy = '/usr/sbin/haproxy';

/** An app instance that says who it is, and whose readiness the spec switches. */
interface FakeInstance {
  name: string;
  port: number;
  managementPort: number;
  ready: boolean;
  servers: Server[];
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Its traffic on one port, its readiness on another, as the apps serve them. */
async function fakeInstance(name: string): Promise<FakeInstance> {
  const instance = { name, ready: true } as FakeInstance;
  const app = createServer((request, response) => {
    // A request that takes a while: draining must let it finish.
    if (request.url === '/slow') setTimeout(() => response.end(name), 800);
    else response.end(name);
  });
  const management = createServer((request, response) => {
    response.statusCode = request.url === '/health/ready' && instance.ready ? 200 : 503;
    response.end();
  });
  instance.servers = [app, management];
  instance.port = await listen(app);
  instance.managementPort = await listen(management);
  return instance;
}

describe('HAProxy in front of app instances (Debian haproxy, real process)', () => {
  let dir: string;
  let proxy: ChildProcess | undefined;
  let frontendPort: number;
  let statsPort: number;
  let adminSocket: string;
  const instances: FakeInstance[] = [];

  before(async () => {
    await ensureDebianPackages(['haproxy']);
    dir = await mkdtemp(join(tmpdir(), 'orchard-haproxy-spec-'));
    instances.push(await fakeInstance('gateway'), await fakeInstance('gateway-2'));
    frontendPort = await closedPort();
    statsPort = await closedPort();
    const app: BalancedApp = {
      app: 'gateway',
      port: frontendPort,
      instances: instances.map((i) => ({
        name: i.name,
        port: i.port,
        env: { MANAGEMENT_PORT: String(i.managementPort) },
        needs: [],
      })),
    };
    const configFile = join(dir, 'haproxy.cfg');
    adminSocket = join(dir, 'admin.sock');
    await writeFile(configFile, haproxyConfig({ apps: [app], adminSocket, statsPort }));
    proxy = spawn(haproxy, ['-db', '-f', configFile], { stdio: 'ignore' });
    await waitFor(
      async () =>
        (await fetch(`http://127.0.0.1:${statsPort}/metrics`).catch(() => undefined))?.ok ?? false,
      { timeoutMs: 10_000, what: 'HAProxy to serve its metrics' },
    );
  });

  after(async () => {
    if (proxy?.pid) process.kill(proxy.pid, 'SIGTERM');
    await Promise.all(
      instances.flatMap((i) => i.servers.map((s) => new Promise((resolve) => s.close(resolve)))),
    );
    await rm(dir, { recursive: true, force: true });
  });

  /** Who answered each of `count` requests through the frontend. */
  async function answers(count: number): Promise<string[]> {
    const names: string[] = [];
    for (let i = 0; i < count; i++)
      names.push(await (await fetch(`http://127.0.0.1:${frontendPort}/whoami`)).text());
    return names;
  }

  it("accepts the scaled profile's own configuration", async () => {
    const file = join(dir, 'scaled.cfg');
    await writeFile(
      file,
      haproxyConfig({ apps: balancedApps(), adminSocket: join(dir, 'a.sock'), statsPort: 8404 }),
    );
    const check = spawnSync(haproxy, ['-c', '-f', file], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    for (const { app, instances: balanced } of balancedApps())
      assert.equal(balanced.length, 2, `${app} runs two instances`);
  });

  it('starts under a clone at a long path: its admin socket lives in a short folder', async () => {
    // A clone 120 characters deep, as CI's fresh clones may be: `.stack/` under it is too long
    // a place for a socket (HAProxy allows 97 characters), and HAProxy exits at once.
    const longState = join(dir, 'c'.repeat(120 - dir.length), '.stack');
    const check = (adminSocket: string) => {
      const file = join(dir, `long-${adminSocket.length}.cfg`);
      writeFileSync(file, haproxyConfig({ apps: balancedApps(), adminSocket, statsPort: 8404 }));
      return spawnSync(haproxy, ['-c', '-f', file], { encoding: 'utf8' });
    };
    const inState = check(join(longState, 'data', 'haproxy', 'admin.sock'));
    assert.notEqual(inState.status, 0, 'refused under .stack/');
    assert.match(inState.stdout + inState.stderr, /too long/);
    const socket = socketPath('haproxy-admin.sock', longState);
    assert.ok(socket.length <= 97, socket);
    const accepted = check(socket);
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
    rmSync(dirname(socket), { recursive: true, force: true });
  });

  it("accepts the compose profile's configuration, whose instances are found by name", () => {
    const check = spawnSync(haproxy, ['-c', '-f', composeHaproxyConfigFile], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });

  it('spreads requests over every ready instance', async () => {
    await waitFor(async () => new Set(await answers(10)).size === 2, {
      timeoutMs: 10_000,
      what: 'both instances to be checked and answering',
    });
    const names = await answers(20);
    for (const instance of instances)
      assert.ok(names.filter((n) => n === instance.name).length >= 5, `${instance.name}: ${names}`);
  });

  it('takes an instance that stops being ready out of rotation within its checks, and back', async () => {
    const [, second] = instances;
    assert.ok(second);
    second.ready = false;
    const begin = Date.now();
    await waitFor(async () => !(await answers(10)).includes(second.name), {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: `${second.name} to leave the rotation`,
    });
    const outMs = Date.now() - begin;
    // fall 2 checks 1 s apart, plus one interval of phase.
    const bound = healthCheck.intervalMs * (healthCheck.fall + 1) + 500;
    assert.ok(outMs <= bound, `out after ${outMs} ms, bound ${bound} ms`);
    assert.ok(!(await answers(20)).includes(second.name));

    second.ready = true;
    await waitFor(async () => (await answers(10)).includes(second.name), {
      timeoutMs: 10_000,
      what: `${second.name} to come back`,
    });
    const metrics = await (await fetch(`http://127.0.0.1:${statsPort}/metrics`)).text();
    assert.match(metrics, /haproxy_server_status\{proxy="gateway",server="gateway-2"/);
  });
  it('drains an instance before it stops: what it serves finishes, nothing new reaches it', async () => {
    const slow = () => fetch(`http://127.0.0.1:${frontendPort}/slow`).then((r) => r.text());
    // Least connections: two at once land one on each instance.
    const inFlight = [slow(), slow()];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const begin = Date.now();
    await drainInstance('gateway', 'gateway', adminSocket);
    const drainedAfterMs = Date.now() - begin;

    assert.deepEqual((await Promise.all(inFlight)).sort(), ['gateway', 'gateway-2']);
    assert.ok(
      drainedAfterMs >= 500,
      `drained after ${drainedAfterMs} ms, before its request ended`,
    );
    assert.ok(!(await answers(20)).includes('gateway'), 'a drained instance gets nothing new');

    await readyInstance('gateway', 'gateway', adminSocket);
    await waitFor(async () => (await answers(10)).includes('gateway'), {
      timeoutMs: 5_000,
      what: 'the instance back in rotation',
    });
  });
});
