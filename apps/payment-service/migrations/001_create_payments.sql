-- Up Migration

-- A customer's payment account is the stream of what happened to it (the account id is the
-- customer id). Balances are folded from the stream, never stored. An append claims the next
-- versions: the primary key fails a concurrent writer of the same version, which then re-reads
-- and decides again (optimistic concurrency).
create table account_events (
  account_id   uuid not null,
  version      integer not null check (version > 0),
  type         text not null,
  data         jsonb not null,
  occurred_at  timestamptz not null default now(),
  primary key (account_id, version)
);

-- History is never rewritten: a correction is a new event, so the database refuses the rest.
create function refuse_account_event_change() returns trigger
language plpgsql as $$
begin
  raise exception 'account_events is append-only: % refused', tg_op;
end;
$$;

create trigger account_events_append_only
  before update or delete on account_events
  for each row execute function refuse_account_event_change();

create trigger account_events_no_truncate
  before truncate on account_events
  for each statement execute function refuse_account_event_change();

-- Where each order's payment stands, written in the same transaction as the event that moved
-- it: finds the account of an order and makes every saga step idempotent by order id.
create table payments (
  order_id      uuid primary key,
  account_id    uuid not null,
  amount_cents  integer not null check (amount_cents > 0),
  status        text not null check (status in ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'REFUNDED', 'DECLINED')),
  updated_at    timestamptz not null default now()
);

-- Down Migration

drop table payments;
drop table account_events;
drop function refuse_account_event_change();
