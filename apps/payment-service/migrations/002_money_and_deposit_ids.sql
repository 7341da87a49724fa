-- Up Migration

-- Money is bigint cents everywhere: an order's total reaches 5·10¹⁰ cents within the contract's
-- bounds, beyond a 32-bit integer.
alter table payments alter column amount_cents type bigint;

-- Deposits made under an id (the gateway derives it from the Idempotency-Key): written in the
-- transaction of the deposit's event, so a retried deposit finds its id and deposits nothing.
create table deposits (
  deposit_id    uuid primary key,
  account_id    uuid not null,
  amount_cents  bigint not null check (amount_cents > 0),
  recorded_at   timestamptz not null default now()
);

-- Down Migration

drop table deposits;
alter table payments alter column amount_cents type integer;
