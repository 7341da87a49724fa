-- Up Migration

-- When each parcel left and arrived. The simulated carrier delivers a parcel a set time after
-- dispatched_at; since that time is stored, a restarted service delivers what fell due while it
-- was down, and two instances never deliver one parcel twice (they lock rows, skip locked).
alter table parcels
  add column dispatched_at timestamptz,
  add column delivered_at timestamptz,
  add constraint parcels_dispatched_at_known
    check (status not in ('DISPATCHED', 'DELIVERED') or dispatched_at is not null),
  add constraint parcels_delivered_at_known
    check (status <> 'DELIVERED' or delivered_at is not null);

-- The carrier's scan: parcels in transit, oldest first.
create index parcels_in_transit_idx on parcels (dispatched_at) where status = 'DISPATCHED';

alter table shipments
  add column dispatched_at timestamptz,
  add column delivered_at timestamptz;

-- Down Migration

alter table shipments drop column delivered_at, drop column dispatched_at;
drop index parcels_in_transit_idx;
alter table parcels
  drop constraint parcels_delivered_at_known,
  drop constraint parcels_dispatched_at_known,
  drop column delivered_at,
  drop column dispatched_at;
