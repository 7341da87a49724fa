-- Up Migration

create table shipments (
  order_id     uuid primary key,
  shipment_id  uuid not null unique,
  status       text not null check (status in ('CREATED', 'CANCELLED', 'DISPATCHED', 'DELIVERED')),
  country      char(2) not null,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);

-- One parcel per warehouse the order's items sit in.
create table parcels (
  id          uuid primary key,
  order_id    uuid not null references shipments (order_id),
  warehouse   text not null,
  items       jsonb not null,
  status      text not null check (status in ('CREATED', 'CANCELLED', 'DISPATCHED', 'DELIVERED')),
  unique (order_id, warehouse)
);

-- Down Migration

drop table parcels;
drop table shipments;
