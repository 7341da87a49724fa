#!/bin/sh
# Starts the Kafka image's role in the foreground (exec: the JVM gets the stop signal).
#
#   container-start.sh broker    Kafka, from server.properties plus KAFKA_* variables
#   container-start.sh connect   Kafka Connect (distributed), from worker.properties plus CONNECT_*
#
# A variable names a property as Apache's and Debezium's images name them: KAFKA_LOG_DIRS is
# log.dirs (prefix dropped, lower case, '_' read as '.'). The repository's file comes first and
# the variables after it, so a variable wins, as the native stack's overrides do. KAFKA_HEAP_OPTS
# sizes the heap. A broker's first start formats its log directory with CLUSTER_ID: as a quorum
# of one (--standalone) unless KAFKA_CONTROLLER_QUORUM_VOTERS names a static quorum.
set -eu
role=${1:?broker or connect}
case $role in
  broker) template=/etc/orchard/kafka/server.properties prefix=KAFKA_ main=kafka.Kafka ;;
  connect)
    template=/etc/orchard/connect/worker.properties prefix=CONNECT_
    main=org.apache.kafka.connect.cli.ConnectDistributed
    ;;
  *) echo "container-start.sh: unknown role $role (broker or connect)" >&2 && exit 64 ;;
esac

config=$(mktemp --suffix=.properties)
{
  cat "$template"
  echo '# from the container'"'"'s variables'
  # *_OPTS variables are the JVM's (KAFKA_HEAP_OPTS below), never properties.
  env | grep "^$prefix" | grep -v '^[A-Z_]*_OPTS=' | while IFS='=' read -r name value; do
    key=$(printf '%s' "${name#"$prefix"}" | tr 'A-Z_' 'a-z.')
    printf '%s=%s\n' "$key" "$value"
  done
} >"$config"

# The native stack's JVM flags (infra/stack/src/components/java.ts).
set -- ${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m} -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
  -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent \
  -Djava.awt.headless=true -Dlog4j2.configurationFile=/etc/orchard/kafka/log4j2.properties \
  -cp '/opt/kafka/libs/*'

if [ "$role" = broker ]; then
  dirs=$(sed -n 's/^log\.dirs=//p' "$config" | tail -n 1)
  if [ ! -f "${dirs:?log.dirs is not set}/meta.properties" ]; then
    quorum=--standalone
    [ -n "${KAFKA_CONTROLLER_QUORUM_VOTERS:-}" ] && quorum=
    java -Xmx256m -cp '/opt/kafka/libs/*' kafka.tools.StorageTool format \
      -t "${CLUSTER_ID:?}" -c "$config" $quorum -g
  fi
fi
exec java "$@" "$main" "$config"
