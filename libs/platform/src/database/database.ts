import { Pool, types, type PoolClient, type QueryResultRow } from 'pg';
import { rootLogger } from '../logging/root-logger';

/** Anything that runs a query: the pool, or a transaction's client. */
export type Queryable = Pick<PoolClient, 'query'>;

/** One open transaction: its queries, and work to run once it has committed. */
export interface Transaction extends Queryable {
  /**
   * Runs `work` after this transaction commits, never if it rolls back: for what must only
   * happen once the change is visible to others (signalling a workflow, announcing a change).
   * The commit stands whatever `work` does; its failure is logged, so it needs a durable
   * fallback of its own (e.g. a sweep over what the transaction recorded).
   */
  afterCommit(work: () => unknown): void;
}

/**
 * PostgreSQL `bigint` (int8), e.g. money in cents and counts, as a JavaScript number. pg leaves
 * it a string because not every int8 is a safe integer; every amount the contracts admit is
 * (see `@orchard/contracts` limits), so one that is not is a bug and fails loudly here.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`bigint ${text} is not a safe integer`);
  return value;
}

/** pg's type parsers with bigint as a safe-integer number; for any pg client of the project. */
export const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === types.builtins.INT8 && format !== 'binary'
      ? parseInt8
      : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

/** A service's own PostgreSQL database: a pool plus a transaction helper. */
export class Database {
  readonly pool: Pool;

  constructor(connectionString: string, options: { max?: number; applicationName?: string } = {}) {
    this.pool = new Pool({
      connectionString,
      max: options.max ?? 20,
      application_name: options.applicationName,
      connectionTimeoutMillis: 5_000,
      types: typeParsers,
    });
    // An idle client that loses its connection must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    return (await this.pool.query<R>(text, values)).rows;
  }

  /**
   * Runs `work` in one transaction: committed if it resolves, rolled back if it throws. What
   * `work` registered with `tx.afterCommit` runs after the commit, before this resolves.
   */
  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const committed: (() => unknown)[] = [];
    let result: T;
    try {
      await client.query('begin');
      const tx: Transaction = {
        query: client.query.bind(client) as Queryable['query'],
        afterCommit: (hook) => void committed.push(hook),
      };
      result = await work(tx);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    await Promise.all(committed.map(runAfterCommit));
    return result;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function runAfterCommit(hook: () => unknown): Promise<void> {
  try {
    await hook();
  } catch (error) {
    rootLogger().warn({ err: error }, 'work after a commit failed; its fallback takes over');
  }
}

/** PostgreSQL's SQLSTATE codes that the services react to. */
export const pgErrorCodes = {
  uniqueViolation: '23505',
  checkViolation: '23514',
  serializationFailure: '40001',
} as const;

export function hasPgCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
