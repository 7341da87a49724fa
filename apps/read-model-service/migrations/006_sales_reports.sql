-- Up Migration

-- Sales reports, computed by a map-reduce job over order_summaries (src/reports). Not views:
-- a rebuild of the views leaves these alone.
create table sales_reports (
  id            uuid primary key,
  date_from     date not null,
  date_to       date not null check (date_to >= date_from),
  status        text not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
  reason        text,
  orders        integer,
  requested_at  timestamptz not null default now(),
  completed_at  timestamptz
);

-- The shuffle: each map task's combined pairs, tagged with the reducer that owns their key. A
-- map task run again replaces its own rows, so a retry after a crash counts nothing twice.
create table sales_report_pairs (
  report_id      uuid not null references sales_reports (id) on delete cascade,
  map_partition  integer not null,
  reducer        integer not null,
  kind           text not null check (kind in ('product', 'warehouse')),
  day            date not null,
  key            text not null,
  units          bigint not null,
  revenue_cents  bigint not null,
  primary key (report_id, map_partition, kind, day, key)
);
create index sales_report_pairs_reducer_idx on sales_report_pairs (report_id, reducer);

-- The reduce tasks' output: the report. A reduce task run again replaces its own keys.
create table sales_report_lines (
  report_id      uuid not null references sales_reports (id) on delete cascade,
  reducer        integer not null,
  kind           text not null check (kind in ('product', 'warehouse')),
  day            date not null,
  key            text not null,
  units          bigint not null,
  revenue_cents  bigint not null,
  primary key (report_id, kind, day, key)
);

-- Down Migration

drop table sales_report_lines;
drop table sales_report_pairs;
drop table sales_reports;
