-- Creates one owner's application role, database and the CDC role Debezium connects as.
-- Idempotent. Variables: app_user, app_password, app_database, cdc_user, cdc_password.
-- Run by the native stack after each cluster starts, and by docker-compose's init script.

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'app_user', :'app_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \gexec

SELECT format('CREATE ROLE %I LOGIN REPLICATION PASSWORD %L', :'cdc_user', :'cdc_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'cdc_user') \gexec

SELECT format('CREATE DATABASE %I OWNER %I', :'app_database', :'app_user')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'app_database') \gexec

SELECT format('GRANT CONNECT ON DATABASE %I TO %I', :'app_database', :'cdc_user') \gexec

\connect :"app_database"

-- The CDC role reads what the application role creates (the outbox), and nothing more:
-- each service's migrations create its publication, so Debezium needs no ownership.
SELECT format('GRANT USAGE ON SCHEMA public TO %I', :'cdc_user') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT SELECT ON TABLES TO %I',
              :'app_user', :'cdc_user') \gexec
