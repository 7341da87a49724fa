-- Up Migration

-- The carrier takes each parcel over and reports its journey on the shop's webhook. An update
-- is stored here as it arrives (the webhook answers once it is), then applied to its parcel in
-- sequence: one that arrives early waits here for those before it. The webhook's message id is
-- the key, so a replay or a duplicate finds its row taken and changes nothing.
create table carrier_updates (
  message_id text primary key,
  parcel_id uuid not null references parcels (id),
  sequence int not null check (sequence >= 1),
  status text not null check (status in ('PICKED_UP', 'IN_TRANSIT', 'FAILED_DELIVERY', 'DELIVERED')),
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  applied_at timestamptz,
  unique (parcel_id, sequence)
);

-- The applier's scan: updates not applied yet.
create index carrier_updates_pending_idx on carrier_updates (parcel_id, sequence)
  where applied_at is null;

-- When the parcel was last handed to the carrier, and the last update applied to it (its
-- sequence, status and when): a parcel the carrier has gone quiet about is handed over again.
alter table parcels
  add column handed_over_at timestamptz,
  add column carrier_sequence int not null default 0,
  add column carrier_status text,
  add column carrier_updated_at timestamptz;

-- Down Migration

alter table parcels
  drop column carrier_updated_at,
  drop column carrier_status,
  drop column carrier_sequence,
  drop column handed_over_at;
drop table carrier_updates;
