-- Up Migration

-- An account as its stream left it at `version`: a command folds the snapshot and the events
-- after it, so it reads a bounded number of events however long the stream grows. Written in
-- the transaction of the events it follows; derived data, never the truth (the stream is), so
-- a snapshot can be deleted at any time and is taken again.
create table account_snapshots (
  account_id  uuid primary key,
  version     integer not null check (version > 0),
  state       jsonb not null,
  taken_at    timestamptz not null default now()
);

-- Down Migration

drop table account_snapshots;
