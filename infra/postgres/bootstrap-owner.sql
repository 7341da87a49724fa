-- Creates one owner's application role, database and the CDC role Debezium connects as, and
-- sets both roles' passwords (this environment's own: a role made with an older password gets
-- the current one). Idempotent. Variables: app_user, app_database, cdc_user, and the passwords
-- app_password and cdc_password, or else the APP_PASSWORD and CDC_PASSWORD environment
-- variables (kept off psql's command line, which every local user can read).
-- Run by the native stack after each cluster starts, and by docker-compose's init script.

\if :{?app_password}
\else
\getenv app_password APP_PASSWORD
\endif
\if :{?cdc_password}
\else
\getenv cdc_password CDC_PASSWORD
\endif

SELECT format('CREATE ROLE %I LOGIN', :'app_user')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'app_user', :'app_password') \gexec

SELECT format('CREATE ROLE %I LOGIN REPLICATION', :'cdc_user')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'cdc_user') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'cdc_user', :'cdc_password') \gexec

SELECT format('CREATE DATABASE %I OWNER %I', :'app_database', :'app_user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'app_database') \gexec

SELECT format('GRANT CONNECT ON DATABASE %I TO %I', :'app_database', :'cdc_user') \gexec

\connect :"app_database"

-- The CDC role reads what the application role creates (the outbox), and nothing more:
-- each service's migrations create its publication, so Debezium needs no ownership.
SELECT format('GRANT USAGE ON SCHEMA public TO %I', :'cdc_user') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT ON TABLES TO %I',
              :'app_user', :'cdc_user') \gexec
