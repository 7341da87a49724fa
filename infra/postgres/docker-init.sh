#!/usr/bin/env bash
# docker-compose's first-start hook (/docker-entrypoint-initdb.d): the native stack's bootstrap,
# infra/postgres/bootstrap-owner.sql, for this container's owner (APP_* and CDC_* variables).
# The entrypoint may source this file instead of running it, so it sets no shell options.
psql -v ON_ERROR_STOP=1 -q \
  --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v app_user="${APP_USER:?}" \
  -v app_password="${APP_PASSWORD:?}" \
  -v app_database="${APP_DATABASE:?}" \
  -v cdc_user="${CDC_USER:?}" \
  -v cdc_password="${CDC_PASSWORD:?}" \
  -f /orchard/bootstrap-owner.sql
# Streaming replicas (docker-compose.scaled.yml) connect from other containers: the image's
# pg_hba.conf lets replication in from its own loopback only.
echo 'host replication all all scram-sha-256' >> "$PGDATA/pg_hba.conf"
