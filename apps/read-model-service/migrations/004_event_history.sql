-- Up Migration

-- Every event the live views applied, in the order they applied it, written in the same
-- transaction as its effect. The topics keep events for 7 days; this keeps them as long as the
-- views need them, so a rebuild replays it first and then the topics, however old the views.
-- Kept, not pruned: the history of the shop (about 2 KB per order).
create table event_history (
  position     bigserial primary key,
  event_id     uuid not null unique,
  topic        text not null,
  event        jsonb not null,
  recorded_at  timestamptz not null default now()
);

-- Down Migration

drop table event_history;
