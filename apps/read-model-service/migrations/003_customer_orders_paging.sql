-- Up Migration

-- A customer's orders are paged newest first with ties broken by id, both descending, so a
-- page after a cursor is one index seek: (placed_at, order_id) < (cursor).
drop index customer_orders_customer_id_placed_at_order_id_idx;
create index on customer_orders (customer_id, placed_at desc, order_id desc);

-- Down Migration

drop index customer_orders_customer_id_placed_at_order_id_idx;
create index on customer_orders (customer_id, placed_at desc, order_id);
