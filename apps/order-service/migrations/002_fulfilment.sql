-- Up Migration

-- The order's parcels as the shipping service reports them (shipment.created / .dispatched /
-- .delivered): the order is SHIPPED once one has left and DELIVERED once all have arrived.
create table order_parcels (
  order_id    uuid not null references orders (id),
  parcel_id   uuid not null,
  status      text not null check (status in ('CREATED', 'DISPATCHED', 'DELIVERED')),
  updated_at  timestamptz not null default now(),
  primary key (order_id, parcel_id)
);

-- Signals the order's saga is owed, recorded in the transaction of the change they report and
-- sent once it has committed; whatever a crash left unsent is sent by a periodic sweep.
create table saga_signals (
  order_id     uuid not null references orders (id),
  signal       text not null check (signal in ('orderShipped')),
  recorded_at  timestamptz not null default now(),
  sent_at      timestamptz,
  primary key (order_id, signal)
);
create index saga_signals_unsent_idx on saga_signals (recorded_at) where sent_at is null;

-- Down Migration

drop table saga_signals;
drop table order_parcels;
