-- Up Migration

-- FAILED: the saga could not complete for a technical reason and undid what it had done.
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check
  check (status in ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED', 'FAILED'));

-- Money is bigint cents everywhere: an order's total reaches 5·10¹⁰ cents within the contract's
-- bounds, beyond a 32-bit integer.
alter table orders alter column total_cents type bigint;
alter table order_items alter column unit_price_cents type bigint;

-- The reconciler walks every PENDING order, oldest first, a page at a time.
drop index orders_pending_idx;
create index orders_pending_idx on orders (created_at, id) where status = 'PENDING';

-- Compensations that ran out of attempts: the saga waits for an operator to retry them. One row
-- per order (a saga undoes one step at a time); resolved once the retry has succeeded.
create table stuck_compensations (
  order_id      uuid primary key references orders (id),
  compensation  text not null,
  error         text not null,
  stuck_since   timestamptz not null default now(),
  reports       integer not null default 1,
  resolved_at   timestamptz
);
create index stuck_compensations_open_idx on stuck_compensations (stuck_since, order_id)
  where resolved_at is null;

-- Down Migration

drop table stuck_compensations;
drop index orders_pending_idx;
create index orders_pending_idx on orders (created_at) where status = 'PENDING';
alter table order_items alter column unit_price_cents type integer;
alter table orders alter column total_cents type integer;
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check
  check (status in ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED'));
