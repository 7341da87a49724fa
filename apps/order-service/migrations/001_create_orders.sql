-- Up Migration

create table orders (
  id                uuid primary key,
  customer_id       uuid not null,
  status            text not null check (status in ('PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED')),
  reason            text,
  total_cents       integer check (total_cents >= 0),
  shipping_address  jsonb not null,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now()
);
create index orders_customer_idx on orders (customer_id, created_at desc);
-- The saga reconciler looks for orders whose workflow may never have started.
create index orders_pending_idx on orders (created_at) where status = 'PENDING';

create table order_items (
  order_id          uuid not null references orders (id),
  sku               text not null,
  quantity          integer not null check (quantity > 0),
  -- Known once inventory has priced the reservation.
  unit_price_cents  integer check (unit_price_cents >= 0),
  primary key (order_id, sku)
);

create table order_status_history (
  id           bigserial primary key,
  order_id     uuid not null references orders (id),
  from_status  text,
  to_status    text not null,
  reason       text,
  at           timestamptz not null default now()
);
create index order_status_history_order_idx on order_status_history (order_id, id);

-- Down Migration

drop table order_status_history;
drop table order_items;
drop table orders;
