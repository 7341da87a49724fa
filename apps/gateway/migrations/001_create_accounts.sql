-- Up Migration

-- Accounts of the shop's customers and administrators. The id is the customer id every other
-- service keeps orders and wallets under; the password is stored as an argon2id hash only.
create table accounts (
  id             uuid primary key,
  email          text not null unique check (email = lower(email)),
  password_hash  text not null,
  role           text not null check (role in ('customer', 'admin')),
  created_at     timestamptz not null default now()
);

-- Down Migration

drop table accounts;
