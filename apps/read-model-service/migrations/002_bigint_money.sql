-- Up Migration

-- Money is bigint cents everywhere (an order's total reaches 5·10¹⁰ cents), and so is what
-- the views sum (available units). A rebuild copies these columns as they are.
alter table order_summaries
  alter column total_cents type bigint,
  alter column payment_amount_cents type bigint;
alter table customer_orders alter column total_cents type bigint;
alter table product_availability
  alter column price_cents type bigint,
  alter column available type bigint;

-- Down Migration

alter table product_availability
  alter column available type integer,
  alter column price_cents type integer;
alter table customer_orders alter column total_cents type integer;
alter table order_summaries
  alter column payment_amount_cents type integer,
  alter column total_cents type integer;
