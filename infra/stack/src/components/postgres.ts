import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDebianPackages } from '../install/debian';
import { infraDir, statePaths } from '../paths';
import { run } from '../process/run';
import { stackSecrets } from '../secrets';
import { cdcUser, host, postgresSuperuser, versions, type PostgresCluster } from '../topology';
import type { Component } from './component';

export const binDir = `/usr/lib/postgresql/${versions.postgresMajor}/bin`;
/** Server settings shared with docker-compose (logical WAL for Debezium, small buffers). */
const sharedConfigFile = join(infraDir, 'postgres', 'postgresql.conf');
/** Roles, database and CDC grants; the same script initialises the compose containers. */
const bootstrapSql = join(infraDir, 'postgres', 'bootstrap-owner.sql');

/** PostgreSQL refuses to run as root: as root, each cluster belongs to the `postgres` user. */
export async function postgresUserIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const [uid, gid] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/**
 * The server on `dataDir`, on `port` of the loopback address only, with the shared settings
 * (`settings` adds to them), run as the `postgres` user when the stack runs as root.
 */
export async function postgresServer(dataDir: string, port: number, settings: string[] = []) {
  const ids = await postgresUserIds();
  return {
    command: join(binDir, 'postgres'),
    args: [
      ...['-D', dataDir, '-c', `config_file=${sharedConfigFile}`],
      ...['-c', `port=${port}`, '-c', `listen_addresses=${host}`, '-c', 'unix_socket_directories='],
      ...settings.flatMap((setting) => ['-c', setting]),
    ],
    uid: ids?.uid,
    gid: ids?.gid,
  };
}

export class PostgresComponent implements Component {
  readonly name: string;
  readonly ports;
  readonly endpoint: string;
  readonly startupTimeoutMs = 30_000;
  // PostgreSQL's fast shutdown: it ends sessions and checkpoints cleanly.
  readonly stopSignal = 'SIGINT' as const;
  private readonly dataDir: string;

  constructor(private readonly cluster: PostgresCluster) {
    this.name = `postgres-${cluster.owner}`;
    this.ports = [{ port: cluster.port, purpose: `PostgreSQL for ${cluster.owner}` }];
    this.endpoint = `postgres://${host}:${cluster.port}/${cluster.database}`;
    this.dataDir = statePaths.data(this.name);
  }

  async install(): Promise<void> {
    await ensureDebianPackages([`postgresql-${versions.postgresMajor}`]);
  }

  async prepare(): Promise<void> {
    if (existsSync(join(this.dataDir, 'PG_VERSION'))) return;
    const ids = await postgresUserIds();
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const passwordFile = `${this.dataDir}.pw`;
    writeFileSync(passwordFile, postgresSuperuser().password, { mode: 0o600 });
    if (ids) {
      chownSync(this.dataDir, ids.uid, ids.gid);
      chownSync(passwordFile, ids.uid, ids.gid);
    }
    try {
      await run(
        join(binDir, 'initdb'),
        [
          '-D',
          this.dataDir,
          '-U',
          postgresSuperuser().user,
          `--pwfile=${passwordFile}`,
          '--auth-host=scram-sha-256',
          '--auth-local=scram-sha-256',
          '-E',
          'UTF8',
          '--locale=C.UTF-8',
        ],
        { uid: ids?.uid, gid: ids?.gid },
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  launch() {
    return postgresServer(this.dataDir, this.cluster.port);
  }

  async isHealthy(): Promise<boolean> {
    const client = await connectAsSuperuser(this.cluster.port).catch(() => undefined);
    if (!client) return false;
    try {
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * The owner's roles and database (bootstrap-owner.sql), passwords this environment's own. They
   * go by environment, never on psql's command line, where any local user could read them.
   */
  async afterHealthy(): Promise<void> {
    const secrets = stackSecrets();
    await run(
      join(binDir, 'psql'),
      [
        ...['-h', host, '-p', String(this.cluster.port), '-U', postgresSuperuser().user],
        ...['-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q'],
        ...[
          '-v',
          `app_user=${this.cluster.appUser}`,
          '-v',
          `app_database=${this.cluster.database}`,
        ],
        ...['-v', `cdc_user=${cdcUser().user}`, '-f', bootstrapSql],
      ],
      {
        env: {
          ...process.env,
          PGPASSWORD: postgresSuperuser().password,
          APP_PASSWORD: secrets.postgresPasswords.apps[this.cluster.owner] ?? '',
          CDC_PASSWORD: cdcUser().password,
        },
      },
    );
  }
}

/** The password clusters made before the stack generated one had: `postgres`. */
const publishedSuperuserPassword = 'postgres';

/**
 * A connection as the cluster's superuser. A cluster initialised with the old published
 * password is moved to this environment's own on the way in.
 */
async function connectAsSuperuser(port: number): Promise<Client> {
  const connect = async (password: string) => {
    const client = new Client({
      host,
      port,
      database: 'postgres',
      user: postgresSuperuser().user,
      password,
      connectionTimeoutMillis: 1_000,
    });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  };
  try {
    return await connect(postgresSuperuser().password);
  } catch (error) {
    // 28P01: invalid_password.
    if ((error as { code?: string }).code !== '28P01') throw error;
    const client = await connect(publishedSuperuserPassword);
    await client.query(
      `alter role ${postgresSuperuser().user} password '${escapeLiteral(postgresSuperuser().password)}'`,
    );
    return client;
  }
}

const escapeLiteral = (value: string) => value.replaceAll("'", "''");
