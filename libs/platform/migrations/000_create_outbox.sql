-- Up Migration

-- Integration events, written in the same transaction as the change they describe
-- (appendToOutbox). Debezium reads them through the publication; the CDC role owns nothing.
-- Column names are those the Debezium outbox event router expects.
create table outbox (
  id             uuid primary key,
  aggregatetype  varchar(255) not null,
  aggregateid    varchar(255) not null,
  type           varchar(255) not null,
  payload        jsonb not null,
  traceparent    varchar(55),
  created_at     timestamptz not null default now()
);
create publication outbox_publication for table outbox;

-- Down Migration

drop publication outbox_publication;
drop table outbox;
