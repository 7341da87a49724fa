-- Up Migration

-- The trace the order was placed in, so its details lead straight to it in Jaeger.
alter table orders add column trace_id text;

-- Down Migration

alter table orders drop column trace_id;
