import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  host,
  postgresCluster,
  postgresSuperuser,
  postgresUrl,
  type DatabaseOwner,
} from '../topology';

/** A database of a spec's own, dropped when the spec is done. */
export interface ScratchDatabase {
  /** Connects as the owner's application role, like the service. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function asSuperuser<T>(port: number, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ host, port, database: 'postgres', ...postgresSuperuser() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database in `owner`'s cluster, owned by its application role, for a spec that
 * must not share tables with the running service: nothing the service (or its outbox
 * connector, which reads only the service's own database) does can make such a spec pass, and
 * nothing the spec writes reaches the running system. The spec migrates it itself.
 */
export async function scratchDatabase(
  owner: DatabaseOwner,
  purpose: string,
): Promise<ScratchDatabase> {
  const cluster = postgresCluster(owner);
  const name = `${cluster.database}_spec_${purpose.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  await asSuperuser(cluster.port, (client) =>
    client.query(`create database ${name} owner ${cluster.appUser}`),
  );
  return {
    name,
    url: postgresUrl(owner, { database: name }),
    drop: () =>
      asSuperuser(cluster.port, (client) =>
        client.query(`drop database if exists ${name} with (force)`),
      ).then(() => undefined),
  };
}
