#!/bin/sh
# docker-compose.scaled.yml's read replica, made as the native stack makes it
# (infra/stack/src/components/postgres-replica.ts): copied once from $PRIMARY_HOST with
# pg_basebackup through the physical slot $REPLICATION_SLOT (-R writes standby.signal and
# primary_conninfo), then started as a hot standby that streams the primary's WAL.
set -eu
data=$PGDATA
if [ ! -s "$data/PG_VERSION" ]; then
  until pg_isready -q -h "$PRIMARY_HOST" -U postgres; do sleep 1; done
  # A copy made before (its volume since removed) left its slot: made again below.
  psql -q -h "$PRIMARY_HOST" -U postgres -d postgres -c \
    "select pg_drop_replication_slot(slot_name) from pg_replication_slots
      where slot_name = '$REPLICATION_SLOT' and not active"
  pg_basebackup -h "$PRIMARY_HOST" -U postgres -D "$data" -R -X stream -c fast -C -S "$REPLICATION_SLOT"
  chmod 700 "$data"
fi
exec postgres -D "$data" -c config_file=/etc/orchard/postgresql.conf -c listen_addresses='*' \
  -c unix_socket_directories= -c hot_standby=on
