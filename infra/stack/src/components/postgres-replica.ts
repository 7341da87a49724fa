import { chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { statePaths } from '../paths';
import { run } from '../process/run';
import { host, postgresCluster, postgresSuperuser, type DatabaseOwner } from '../topology';
import type { Component } from './component';
import { binDir, postgresServer, postgresUserIds } from './postgres';

/** The physical replication slot on the primary through which `owner`'s replica streams. */
export const replicationSlotOf = (owner: DatabaseOwner) => `${owner}_replica`;

/**
 * A streaming replica of one owner's cluster, for the scaled profile: copied from the running
 * primary with pg_basebackup (`-R` writes its standby.signal and primary_conninfo), then kept
 * current by streaming the primary's WAL. Read-only: hot standby answers queries.
 */
export class PostgresReplicaComponent implements Component {
  readonly name: string;
  readonly ports;
  readonly endpoint: string;
  readonly after: readonly string[];
  readonly startupTimeoutMs = 60_000;
  readonly stopSignal = 'SIGINT' as const;
  private readonly dataDir: string;

  constructor(
    private readonly owner: DatabaseOwner,
    private readonly port: number,
  ) {
    this.name = `postgres-${owner}-replica`;
    this.after = [`postgres-${owner}`];
    this.ports = [{ port, purpose: `PostgreSQL replica of ${owner}` }];
    this.endpoint = `postgres://${host}:${port}/${postgresCluster(owner).database}`;
    this.dataDir = statePaths.data(this.name);
  }

  async install(): Promise<void> {
    // The primary's component installs PostgreSQL.
  }

  async prepare(): Promise<void> {
    if (existsSync(join(this.dataDir, 'PG_VERSION'))) return;
    const ids = await postgresUserIds();
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    if (ids) chownSync(this.dataDir, ids.uid, ids.gid);
    const primary = postgresCluster(this.owner);
    await this.dropSlotOfEarlierCopy(primary.port);
    // -C -S: a physical slot on the primary keeps the WAL this replica has not received yet;
    // without it, a busy primary recycles WAL the replica still needs and streaming stops.
    await run(
      join(binDir, 'pg_basebackup'),
      [
        ...['-h', host, '-p', String(primary.port), '-U', postgresSuperuser().user],
        ...['-D', this.dataDir, '-R', '-X', 'stream', '-c', 'fast', '-C', '-S', this.slot],
      ],
      {
        uid: ids?.uid,
        gid: ids?.gid,
        env: { ...process.env, PGPASSWORD: postgresSuperuser().password },
      },
    );
  }

  private get slot(): string {
    return replicationSlotOf(this.owner);
  }

  /** A copy made before (its data folder since removed) left its slot: made again below. */
  private async dropSlotOfEarlierCopy(primaryPort: number): Promise<void> {
    const client = new Client({
      host,
      port: primaryPort,
      database: 'postgres',
      user: postgresSuperuser().user,
      password: postgresSuperuser().password,
    });
    await client.connect();
    try {
      await client.query(
        `select pg_drop_replication_slot(slot_name) from pg_replication_slots
          where slot_name = $1 and not active`,
        [this.slot],
      );
    } finally {
      await client.end();
    }
  }

  launch() {
    return postgresServer(this.dataDir, this.port, ['hot_standby=on']);
  }

  /** Up, and replaying: a replica that is not in recovery would be a second primary. */
  async isHealthy(): Promise<boolean> {
    const client = new Client({
      host,
      port: this.port,
      database: 'postgres',
      user: postgresSuperuser().user,
      password: postgresSuperuser().password,
      connectionTimeoutMillis: 1_000,
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ standby: boolean }>(
        'select pg_is_in_recovery() as standby',
      );
      return rows[0]?.standby === true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
