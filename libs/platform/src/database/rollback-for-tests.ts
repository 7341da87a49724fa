import type { Database } from './database';

/** Thrown by `rollingBack` once the work is done, so the transaction rolls back. */
export class RolledBackOnPurpose extends Error {
  constructor() {
    super('rolled back on purpose, after the work was done');
  }
}

/**
 * The same database, but every transaction rolls back after its work has succeeded: for specs
 * that prove a service writes its change and its outbox event in the caller's transaction.
 * Whatever survives the rollback was written through another connection.
 */
export function rollingBack(database: Database): Database {
  const rolling = Object.create(database) as Database;
  rolling.transaction = (work) =>
    database.transaction(async (tx) => {
      await work(tx);
      throw new RolledBackOnPurpose();
    });
  return rolling;
}
