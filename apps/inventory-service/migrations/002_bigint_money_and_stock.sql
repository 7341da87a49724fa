-- Up Migration

-- Money is bigint cents everywhere, and stock counts that accumulate (shipped grows forever)
-- are bigint too: see the contracts' limits.
alter table products alter column price_cents type bigint;
alter table stock
  alter column on_hand type bigint,
  alter column reserved type bigint,
  alter column shipped type bigint;
alter table reservations alter column unit_price_cents type bigint;

-- Down Migration

alter table reservations alter column unit_price_cents type integer;
alter table stock
  alter column on_hand type integer,
  alter column reserved type integer,
  alter column shipped type integer;
alter table products alter column price_cents type integer;
