-- Up Migration

-- The catalog: prices and warehouses come from here, never from the client.
create table products (
  sku                  text primary key,
  name                 text not null,
  price_cents          integer not null check (price_cents > 0),
  warehouse            text not null,
  low_stock_threshold  integer not null default 5 check (low_stock_threshold >= 0),
  updated_at           timestamptz not null default now()
);

-- Per SKU, on_hand + reserved + shipped changes only through stock adjustments: reservations
-- move units between the columns, never in or out.
create table stock (
  sku            text primary key references products (sku),
  on_hand        integer not null default 0 check (on_hand >= 0),
  reserved       integer not null default 0 check (reserved >= 0),
  shipped        integer not null default 0 check (shipped >= 0),
  -- For the per-SKU Redis lock: a write carrying an older token than this is refused.
  fencing_token  bigint not null default 0,
  updated_at     timestamptz not null default now()
);

-- The lines reserved for an order, priced when reserved so a later price change leaves them be.
create table reservations (
  order_id          uuid not null,
  sku               text not null references products (sku),
  quantity          integer not null check (quantity > 0),
  unit_price_cents  integer not null check (unit_price_cents > 0),
  warehouse         text not null,
  status            text not null check (status in ('RESERVED', 'RELEASED', 'COMMITTED')),
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  primary key (order_id, sku)
);

-- Why on_hand changed outside reservations: deliveries, counts, breakage.
create table stock_adjustments (
  id      uuid primary key,
  sku     text not null references products (sku),
  delta   integer not null,
  reason  text not null,
  at      timestamptz not null default now()
);
create index stock_adjustments_sku_at on stock_adjustments (sku, at);

-- Down Migration

drop table stock_adjustments;
drop table reservations;
drop table stock;
drop table products;
