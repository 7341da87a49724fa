import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closedPort } from '../closed-port';
import { baseImage, ensureBaseImage } from './base-image';
import {
  docker,
  dockerAddressPool,
  startDockerEngine,
  stopDockerEngine,
  type DockerEngine,
} from './docker-daemon';
import { installDocker } from './docker-install';
import { host } from '../topology';
import { waitFor } from '../wait';

/** Docker's daemon needs root here; elsewhere the compose stage is skipped, saying so. */
const cannotRun = process.getuid?.() === 0 ? false : 'Docker needs root on this machine';

/** A one-line HTTP server in the base image's Perl: what a published port should reach. */
const server = [
  'perl',
  '-MIO::Socket::INET',
  '-e',
  '$$s = IO::Socket::INET->new(LocalPort => 8080, Listen => 5, ReuseAddr => 1) or die; while ($$c = $$s->accept) { <$$c>; print $$c "HTTP/1.0 200 OK\\r\\n\\r\\norchard\\n"; close $$c }',
];

describe(
  'Docker for the compose stage: Debian engine, Compose from the Go module proxy',
  { skip: cannotRun },
  () => {
    let engine: DockerEngine | undefined;
    const project = `orchard-docker-spec-${randomBytes(3).toString('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), 'orchard-docker-spec-'));

    // In `npm test` the installs are done when this runs (the compose stage, after the
    // prebuild); run alone on a new machine, it builds Compose and the base image first.
    before(
      async () => {
        await installDocker();
        engine = await startDockerEngine();
        await ensureBaseImage(engine);
      },
      { timeout: 14 * 60_000 },
    );

    after(async () => {
      if (engine) {
        await docker(engine, ['compose', '-p', project, 'down', '-v']).catch(() => undefined);
        await stopDockerEngine(engine);
      }
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs the base image, made by debootstrap: Debian 12', async () => {
      assert.ok(engine);
      const release = await docker(engine, [
        'run',
        '--rm',
        baseImage,
        'cat',
        '/etc/debian_version',
      ]);
      assert.match(release.trim(), /^12\.\d+$/);
    });

    it('brings a compose project up healthy, reached only on 127.0.0.1, on its own address pool', async () => {
      assert.ok(engine);
      const port = await closedPort();
      const file = join(dir, 'compose.yml');
      writeFileSync(
        file,
        JSON.stringify({
          services: {
            web: {
              image: baseImage,
              command: server,
              ports: [`${host}:${port}:8080`],
              healthcheck: {
                test: [
                  'CMD',
                  'perl',
                  '-MIO::Socket::INET',
                  '-e',
                  'IO::Socket::INET->new("127.0.0.1:8080") or exit 1',
                ],
                interval: '1s',
                retries: 30,
              },
            },
          },
        }),
      );
      const compose = (...args: string[]) =>
        docker(engine as DockerEngine, ['compose', '-p', project, '-f', file, ...args]);
      assert.match(await compose('version'), /v5\.6\.0/);
      await compose('up', '--wait', '--wait-timeout', '60');
      let answer = '';
      await waitFor(
        async () => {
          answer = await (await fetch(`http://${host}:${port}/`)).text();
          return true;
        },
        { timeoutMs: 10_000, what: 'the published port to answer' },
      );
      assert.equal(answer.trim(), 'orchard');
      const bindings = await docker(engine, ['port', `${project}-web-1`, '8080']);
      assert.deepEqual(
        bindings.trim().split('\n'),
        [`${host}:${port}`],
        'published on loopback only',
      );
      const subnet = await docker(engine, [
        'network',
        'inspect',
        `${project}_default`,
        '--format',
        '{{(index .IPAM.Config 0).Subnet}}',
      ]);
      assert.ok(
        subnet.trim().startsWith(dockerAddressPool.networks.split('.').slice(0, 2).join('.')),
        subnet,
      );
      await compose('down', '-v');
    });
  },
);
