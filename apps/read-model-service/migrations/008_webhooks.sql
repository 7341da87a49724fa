-- Up Migration

-- Partners' endpoints and what is delivered to them (src/webhooks). The consumer group
-- read-model-service.webhooks turns each event into a delivery per subscribed endpoint, in the
-- event's transaction (the receiver); deliveries wait here (the queue) until the sender takes
-- them (the processor).
create table webhook_endpoints (
  id                     uuid primary key,
  url                    text not null,
  event_types            text[] not null,
  description            text,
  status                 text not null check (status in ('ACTIVE', 'PAUSED')),
  -- Standard Webhooks secrets (whsec_...): deliveries are signed with the current one and, for
  -- a day after a rotation, with the previous one too, so receivers can switch at their pace.
  secret                 text not null,
  previous_secret        text,
  previous_secret_until  timestamptz,
  created_at             timestamptz not null default now()
);

create table webhook_deliveries (
  id               uuid primary key,
  endpoint_id      uuid not null references webhook_endpoints (id) on delete cascade,
  event_id         uuid not null,
  event_type       text not null,
  payload          jsonb not null,
  status           text not null check (status in ('PENDING', 'DELIVERED', 'DEAD')),
  attempts         integer not null default 0,
  -- When it is due; while a sender holds it, when the hold lapses.
  next_attempt_at  timestamptz,
  created_at       timestamptz not null default now(),
  -- Retries stop once this is older than the retry bound; a redelivery starts it again.
  retries_from     timestamptz not null default now(),
  delivered_at     timestamptz,
  unique (endpoint_id, event_id)
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at)
  where status = 'PENDING';
create index webhook_deliveries_dead_idx on webhook_deliveries (created_at) where status = 'DEAD';

create table webhook_attempts (
  delivery_id  uuid not null references webhook_deliveries (id) on delete cascade,
  attempt      integer not null,
  at           timestamptz not null,
  status_code  integer,
  latency_ms   integer not null,
  error        text,
  primary key (delivery_id, attempt)
);

-- Down Migration

drop table webhook_attempts;
drop table webhook_deliveries;
drop table webhook_endpoints;
