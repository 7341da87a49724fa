-- Up Migration

-- The events each consumer has processed, recorded in the same transaction as their effect
-- (EventConsumer): a redelivered event finds its id here and changes nothing. One row per
-- consumer group, so two consumers of one service each process an event once.
create table inbox (
  consumer      text not null,
  event_id      uuid not null,
  processed_at  timestamptz not null default now(),
  primary key (consumer, event_id)
);

-- Down Migration

drop table inbox;
