-- Up Migration

-- Query views, built from events only (src/views) and rebuildable from the topics at any time
-- (src/rebuild.ts builds fresh copies of these tables and swaps them in). No foreign keys:
-- the events of one order arrive on several topics in any order, so any of them may create
-- its row. Indexes are left unnamed, so that a rebuilt copy (create table ... like ...
-- including all) has the same index names as the table it replaces.

-- One row per order. Each topic writes its own columns (order events the order's own, payment
-- events payment_*, ...), and every topic keeps the order of one order's events, so the row
-- ends the same whatever the interleaving across topics.
create table order_summaries (
  order_id              uuid primary key,
  -- From order events; null until order.placed is applied.
  customer_id           uuid,
  status                text,
  reason                text,
  total_cents           integer,
  -- [{sku, quantity, unitPriceCents}], priced once the order is confirmed.
  items                 jsonb not null default '[]',
  -- [{status, reason, at}], oldest first.
  history               jsonb not null default '[]',
  placed_at             timestamptz,
  -- From payment events.
  payment_status        text,
  payment_amount_cents  integer,
  -- From inventory's reservation events.
  reservation_status    text,
  -- From shipment events; parcels: [{parcelId, warehouse, items, status}].
  shipment_id           uuid,
  shipment_status       text,
  parcels               jsonb not null default '[]',
  -- When the newest event applied occurred: a rebuild arrives at the same value.
  updated_at            timestamptz not null
);

-- A customer's order history, from order events only.
create table customer_orders (
  order_id     uuid primary key,
  customer_id  uuid not null,
  status       text not null,
  total_cents  integer,
  placed_at    timestamptz not null,
  updated_at   timestamptz not null
);
create index on customer_orders (customer_id, placed_at desc, order_id);

-- The catalog with what is available, as inventory's on_hand: stock adjustments minus units
-- reserved plus units released. Sums commute, so reservations (keyed by order) and adjustments
-- (keyed by SKU) may interleave in any order.
create table product_availability (
  sku                  text primary key,
  -- From product.upserted; null while only stock events have been seen.
  name                 text,
  price_cents          integer,
  warehouse            text,
  low_stock_threshold  integer,
  available            integer not null default 0,
  updated_at           timestamptz not null
);

-- Down Migration

drop table product_availability;
drop table customer_orders;
drop table order_summaries;
