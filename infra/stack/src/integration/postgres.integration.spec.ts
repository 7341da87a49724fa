import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Client } from 'pg';
import { cdcUser, host, postgresCluster, postgresClusters, postgresUrl } from '../topology';

describe('PostgreSQL: one cluster per owner', () => {
  for (const cluster of postgresClusters) {
    it(`${cluster.owner}: the app role owns its database, and WAL is logical for Debezium`, async () => {
      const client = new Client({ connectionString: postgresUrl(cluster.owner) });
      await client.connect();
      try {
        const { rows } = await client.query<{ wal_level: string; db: string; owner: string }>(
          `select current_setting('wal_level') as wal_level, current_database() as db,
                  pg_get_userbyid(d.datdba) as owner
             from pg_database d where d.datname = current_database()`,
        );
        assert.deepEqual(rows[0], {
          wal_level: 'logical',
          db: cluster.database,
          owner: cluster.appUser,
        });
      } finally {
        await client.end();
      }
    });
  }

  it('each cluster is independent: a table created in one is absent from the others', async () => {
    const table = `independence_probe_${process.pid}`;
    const a = new Client({ connectionString: postgresUrl('identity') });
    const b = new Client({ connectionString: postgresUrl('order') });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query(`create table ${table} (id int)`);
      const { rows } = await b.query('select to_regclass($1) as found', [table]);
      assert.equal(rows[0].found, null);
    } finally {
      await a.query(`drop table if exists ${table}`);
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('the CDC role may open a replication connection', async () => {
    const cluster = postgresCluster('order');
    const client = new Client({
      host,
      port: cluster.port,
      database: cluster.database,
      user: cdcUser().user,
      password: cdcUser().password,
      replication: 'database',
    } as ConstructorParameters<typeof Client>[0]);
    await client.connect();
    try {
      const { rows } = await client.query('IDENTIFY_SYSTEM');
      assert.equal(rows[0].dbname, cluster.database);
    } finally {
      await client.end();
    }
  });

  it('accepts no published password: not postgres/postgres, not <owner>_app, not debezium', async () => {
    const refused = async (
      cluster: (typeof postgresClusters)[number],
      user: string,
      password: string,
    ) => {
      const client = new Client({ host, port: cluster.port, database: 'postgres', user, password });
      await assert.rejects(
        client.connect(),
        (error: { code?: string }) => error.code === '28P01',
        `${cluster.owner}: ${user}/${password} refused`,
      );
      await client.end().catch(() => undefined);
    };
    for (const cluster of postgresClusters) {
      await refused(cluster, 'postgres', 'postgres');
      await refused(cluster, cluster.appUser, cluster.appUser);
      await refused(cluster, 'debezium', 'debezium');
    }
  });

  it('gives the app role nothing beyond its own database: no superuser, no roles, no server files', async () => {
    for (const cluster of postgresClusters) {
      const client = new Client({ connectionString: postgresUrl(cluster.owner) });
      await client.connect();
      try {
        const { rows } = await client.query<Record<string, boolean>>(
          `select r.rolsuper as superuser, r.rolcreaterole as createrole, r.rolcreatedb as createdb,
                  r.rolreplication as replication, r.rolbypassrls as bypassrls,
                  pg_has_role(current_user, 'pg_execute_server_program', 'member') as program,
                  pg_has_role(current_user, 'pg_read_server_files', 'member') as readfiles,
                  pg_has_role(current_user, 'pg_write_server_files', 'member') as writefiles
             from pg_roles r where r.rolname = current_user`,
        );
        assert.deepEqual(
          rows[0],
          {
            superuser: false,
            createrole: false,
            createdb: false,
            replication: false,
            bypassrls: false,
            program: false,
            readfiles: false,
            writefiles: false,
          },
          cluster.owner,
        );
        await assert.rejects(
          client.query(`copy (select 1) to program 'true'`),
          /permission denied|must be superuser|privilege/i,
          `${cluster.owner}: COPY TO PROGRAM is refused`,
        );
      } finally {
        await client.end();
      }
    }
  });
});
