-- Up Migration

-- Operators list orders by status, newest first, a page at a time: one index seek per page.
create index on customer_orders (status, placed_at desc, order_id desc);

-- Down Migration

drop index customer_orders_status_placed_at_order_id_idx;
