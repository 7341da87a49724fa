/** The owners of a PostgreSQL cluster each: one per service, plus read models and identity. */
export const databaseOwners = [
  'identity',
  'order',
  'payment',
  'inventory',
  'shipping',
  'readmodel',
] as const;
export type DatabaseOwner = (typeof databaseOwners)[number];

/** The role Debezium connects as: REPLICATION plus read access to the owner's tables. */
export const cdcRole = 'debezium';
