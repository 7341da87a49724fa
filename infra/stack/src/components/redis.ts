import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Redis from 'ioredis';
import { ensureDebianPackages } from '../install/debian';
import { infraDir, statePaths } from '../paths';
import { redisAclRules, stackSecrets } from '../secrets';
import { host, operatorRedisUrl, ports, urls } from '../topology';
import type { Component } from './component';

export class RedisComponent implements Component {
  readonly name = 'redis';
  readonly ports = [{ port: ports.redis, purpose: 'Redis' }];
  readonly endpoint = urls.redis;
  readonly startupTimeoutMs = 15_000;

  async install(): Promise<void> {
    await ensureDebianPackages(['redis-server']);
  }

  async launch() {
    const dataDir = statePaths.data(this.name);
    mkdirSync(dataDir, { recursive: true });
    // One ACL user per app with its own password and keys, readable by this user only.
    const aclFile = statePaths.conf('redis-users.acl');
    mkdirSync(dirname(aclFile), { recursive: true });
    const { redisPasswords } = stackSecrets();
    writeFileSync(aclFile, `${redisAclRules((user) => redisPasswords[user]).join('\n')}\n`, {
      mode: 0o600,
    });
    return {
      command: '/usr/bin/redis-server',
      args: [
        join(infraDir, 'redis', 'redis.conf'),
        '--port',
        String(ports.redis),
        '--bind',
        host,
        '--dir',
        dataDir,
        '--aclfile',
        aclFile,
      ],
    };
  }

  async isHealthy(): Promise<boolean> {
    const client = new Redis(operatorRedisUrl(), {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 1_000,
    });
    client.on('error', () => undefined); // a refused connection is an answer here, not an error
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}
