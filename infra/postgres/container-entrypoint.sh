#!/bin/sh
# The PostgreSQL image's start. On a first start (no cluster in the data volume) it makes the
# cluster as the native stack does (infra/stack/src/components/postgres.ts: initdb with a superuser
# password, scram-sha-256 everywhere) and runs bootstrap-owner.sql for this container's owner,
# on a private port, so that the health check sees the server only once that is done. Then the
# server runs in the foreground (exec: it receives the container's stop signal).
#
#   POSTGRES_PASSWORD                      the superuser's (postgres) password
#   APP_USER, APP_PASSWORD, APP_DATABASE   the owner's application role and database
#   CDC_USER, CDC_PASSWORD                 the role Debezium connects as
set -eu
data=$PGDATA
config=/etc/orchard/postgresql.conf
# Made beside, then renamed: a first start cut off halfway (the bootstrap failed, the container
# was killed) leaves no cluster without its owner, and is made again from nothing.
fresh=$data.new

if [ ! -s "$data/PG_VERSION" ]; then
  rm -rf "$fresh"
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:?}" >"$pwfile"
  initdb -D "$fresh" -U postgres --pwfile="$pwfile" --auth-host=scram-sha-256 \
    --auth-local=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  # The compose network's containers connect over TCP, replicas included.
  printf 'host all all all scram-sha-256\nhost replication all all scram-sha-256\n' \
    >>"$fresh/pg_hba.conf"
  pg_ctl -D "$fresh" -w -s -o "-c config_file=$config -c listen_addresses=127.0.0.1 -c port=5433 -c unix_socket_directories=" start
  PGPASSWORD=$POSTGRES_PASSWORD psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5433 \
    -U postgres -d postgres \
    -v app_user="${APP_USER:?}" -v app_database="${APP_DATABASE:?}" -v cdc_user="${CDC_USER:?}" \
    -f /etc/orchard/bootstrap-owner.sql
  pg_ctl -D "$fresh" -w -s stop
  rm -rf "$data"
  mv "$fresh" "$data"
fi
exec postgres -D "$data" -c config_file="$config" -c listen_addresses='*' \
  -c unix_socket_directories= "$@"
