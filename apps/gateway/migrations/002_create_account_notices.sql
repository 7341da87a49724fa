-- Up Migration

-- What an account's owner is told at their next visit (GET /auth/notices), where a deployment
-- with a mailer would send an email: someone tried to sign up with their address.
create table account_notices (
  id          bigint generated always as identity primary key,
  account_id  uuid not null references accounts (id) on delete cascade,
  kind        text not null check (kind in ('sign-up-attempted')),
  at          timestamptz not null default now()
);
create index account_notices_by_account on account_notices (account_id, at desc);

-- Down Migration

drop table account_notices;
