-- Up Migration

-- The shop's live metrics, computed from order events by event time (src/shop-metrics). Each
-- event's effect commits with its inbox entry: the state is checkpointed here, a redelivered
-- event changes nothing, and whichever instance owns a partition after a rebalance carries on
-- from it. Windows are built from one-minute panes: a tumbling minute is one pane, a sliding
-- window the sum of the panes it spans.
create table shop_metric_minutes (
  minute            timestamptz primary key,
  orders_placed     integer not null default 0,
  orders_confirmed  integer not null default 0,
  orders_rejected   integer not null default 0,
  -- Of the orders confirmed in the minute.
  revenue_cents     bigint not null default 0
);

create table shop_rejection_causes (
  minute      timestamptz not null,
  -- The business error named in the reason (OutOfStock, ...), or Other.
  cause       text not null,
  rejections  integer not null,
  primary key (minute, cause)
);

create table shop_product_minutes (
  minute         timestamptz not null,
  sku            text not null,
  units          integer not null,
  revenue_cents  bigint not null,
  primary key (minute, sku)
);

-- How far event time has come on each partition: an event older than its partition's newest
-- by more than the lateness bound is too late, counted here and left out of every window.
create table shop_metric_watermarks (
  topic           text not null,
  partition       integer not null,
  max_event_time  timestamptz not null,
  late_events     bigint not null default 0,
  primary key (topic, partition)
);

-- An alert is open from when its measure crossed the threshold until it fell back below.
create table shop_alerts (
  id            uuid primary key,
  kind          text not null,
  window_start  timestamptz not null,
  window_end    timestamptz not null,
  rate          double precision not null,
  threshold     double precision not null,
  decisions     integer not null,
  rejections    integer not null,
  -- The event time of the decision that brought the measure back below; null while open.
  cleared_at    timestamptz,
  -- Set once alert.raised is on Kafka; a sweep publishes those a crash left unpublished.
  published_at  timestamptz
);
create unique index shop_alerts_one_open_idx on shop_alerts (kind) where cleared_at is null;
create index shop_alerts_unpublished_idx on shop_alerts (window_end) where published_at is null;

-- Down Migration

drop table shop_alerts;
drop table shop_metric_watermarks;
drop table shop_product_minutes;
drop table shop_rejection_causes;
drop table shop_metric_minutes;
