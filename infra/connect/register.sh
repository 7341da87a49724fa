#!/bin/sh
# Registers every connector file with Kafka Connect: docker-compose's one-shot `connect-init`
# service runs it (the native stack does the same in infra/stack/src/connect/connectors.ts).
# POSIX sh and curl only. Idempotent: PUT /connectors/<name>/config creates, or updates a changed file.
#
#   CONNECT_URL     Kafka Connect's REST API          (default http://kafka-connect:8083)
#   CONNECTORS_DIR  the folder of <name>.json files  (default /orchard/connectors)
#   READY_URLS      space-separated URLs that must answer 2xx first: the services' readiness,
#                   since their migrations create the outbox tables and publications
#   TIMEOUT_SECONDS how long to wait for all of the above  (default 180)
set -eu

CONNECT_URL=${CONNECT_URL:-http://kafka-connect:8083}
CONNECTORS_DIR=${CONNECTORS_DIR:-/orchard/connectors}
READY_URLS=${READY_URLS:-}
TIMEOUT_SECONDS=${TIMEOUT_SECONDS:-180}
deadline=$(($(date +%s) + TIMEOUT_SECONDS))
answer=$(mktemp)
trap 'rm -f "$answer"' EXIT

say() { printf 'connect-init: %s\n' "$*"; }
fail() {
  say "$*" >&2
  exit 1
}
in_time() { [ "$(date +%s)" -lt "$deadline" ]; }

for url in $READY_URLS; do
  until curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; do
    in_time || fail "timed out waiting for $url"
    sleep 2
  done
  say "ready: $url"
done

# A worker that has just started answers 409 while its group rebalances: retried.
register() {
  name=$1
  file=$2
  while :; do
    : >"$answer"
    code=$(curl -s -o "$answer" -w '%{http_code}' --max-time 30 -X PUT \
      -H 'Content-Type: application/json' --data-binary "@$file" \
      "$CONNECT_URL/connectors/$name/config") || code=000
    case $code in
      200) say "$name: configured" && return 0 ;;
      201) say "$name: created" && return 0 ;;
      000 | 409 | 5??) in_time || fail "$name: Kafka Connect answered ${code}: $(cat "$answer")" ;;
      *) fail "$name: rejected (${code}): $(cat "$answer")" ;;
    esac
    sleep 2
  done
}

# RUNNING once the connector and its task both say so. A FAILED one is restarted once; FAILED
# again once the restart took effect (another state was seen), or still FAILED 8 polls after
# it (a task that fails at once may show no other state in between), is an error.
wait_running() {
  name=$1
  restart=none
  polls_since_restart=0
  while :; do
    status=$(curl -s --max-time 10 "$CONNECT_URL/connectors/$name/status" 2>/dev/null) || status=
    states=$(printf '%s' "$status" | grep -o '"state":"[A-Z]*"' || true)
    total=$(printf '%s\n' "$states" | grep -c . || true)
    running=$(printf '%s\n' "$states" | grep -c RUNNING || true)
    if printf '%s' "$states" | grep -q FAILED; then
      case $restart in
        none)
          say "$name FAILED; restarting it once"
          curl -s -o /dev/null -X POST \
            "$CONNECT_URL/connectors/$name/restart?includeTasks=true&onlyFailed=true" || true
          restart=requested
          ;;
        effective) fail "$name FAILED: $status" ;;
        requested)
          polls_since_restart=$((polls_since_restart + 1))
          [ "$polls_since_restart" -lt 8 ] || fail "$name FAILED: $status"
          ;;
      esac
    elif [ "$running" -ge 2 ] && [ "$running" -eq "$total" ]; then
      say "$name: running"
      return 0
    elif [ "$restart" = requested ]; then
      restart=effective
    fi
    in_time || fail "$name is not RUNNING in time: $status"
    sleep 2
  done
}

found=no
for file in "$CONNECTORS_DIR"/*.json; do
  [ -f "$file" ] || continue
  found=yes
  register "$(basename "$file" .json)" "$file"
done
[ "$found" = yes ] || fail "no connector files in $CONNECTORS_DIR"

for file in "$CONNECTORS_DIR"/*.json; do
  wait_running "$(basename "$file" .json)"
done
say "all connectors run"
