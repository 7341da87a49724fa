-- Up Migration

-- Outbox rows are pruned once the connector has confirmed them and they are past their
-- retention; inbox entries once they are past the horizon of redelivery. Both by age.
create index outbox_created_at on outbox (created_at);
create index inbox_processed_at on inbox (processed_at);

-- Down Migration

drop index inbox_processed_at;
drop index outbox_created_at;
