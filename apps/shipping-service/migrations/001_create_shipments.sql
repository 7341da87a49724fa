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

-- Integration events, written in the same transaction as the change they describe;
-- Debezium reads them through the publication (the CDC role owns nothing).
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
drop table parcels;
drop table shipments;
