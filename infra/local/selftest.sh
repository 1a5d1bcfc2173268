#!/usr/bin/env bash
# Self-test of the local servers (infra/local/kafka, infra/local/mongo): install, start, status,
# Kafka produce/consume round trip + topic table check, Mongo ping/insert/checks, stop, restart,
# persistence of both, stop. Exits non-zero on any failure; prints "N passed, N failed".
#
# Isolated from a developer's running stack: its own PERISCOPE_HOME and ports, data wiped first
# (installs are kept, so a second run is warm).
#   SELFTEST_HOME          default <repo>/.periscope/selftest
#   SELFTEST_KAFKA_PORT    19092   SELFTEST_KAFKA_CONTROLLER_PORT 19093   SELFTEST_MONGO_PORT 27117
set -uo pipefail

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$LOCAL_DIR/../.." && pwd -P)"
export PERISCOPE_HOME="${SELFTEST_HOME:-$REPO_ROOT/.periscope/selftest}"
export KAFKA_PORT="${SELFTEST_KAFKA_PORT:-19092}"
export KAFKA_CONTROLLER_PORT="${SELFTEST_KAFKA_CONTROLLER_PORT:-19093}"
export MONGO_PORT="${SELFTEST_MONGO_PORT:-27117}"
unset KAFKA_BOOTSTRAP_SERVERS MONGO_URI KAFKA_TOPIC_PARTITIONS
while read -r v; do unset "$v"; done < <(compgen -e | grep '^KAFKA_PARTITIONS_' || true)
# shellcheck source=lib.sh
. "$LOCAL_DIR/lib.sh"

KAFKA="$LOCAL_DIR/kafka/ctl.sh"
MONGO="$LOCAL_DIR/mongo/ctl.sh"
BS="127.0.0.1:$KAFKA_PORT"
URI="mongodb://127.0.0.1:$MONGO_PORT"
RUN_ID="$(date +%s)-$$"
TOPIC="periscope.selftest.$RUN_ID"
PASSED=0
FAILED=0
TIMINGS=()

finish() {
  local rc=$?
  "$KAFKA" stop >/dev/null 2>&1 || true
  "$MONGO" stop >/dev/null 2>&1 || true
  if ((${#TIMINGS[@]})); then
    echo "---- timings (s)"
    printf '  %s\n' "${TIMINGS[@]}"
  fi
  echo "selftest: $PASSED passed, $FAILED failed"
  ((FAILED == 0 && rc == 0)) || exit 1
}
trap finish EXIT

# step NAME CMD... -- run CMD, record time and pass; on failure record and stop the test
step() {
  local name="$1"; shift
  local t0 out rc=0
  t0=$(date +%s%N)
  echo "== $name"
  out="$("$@" 2>&1)" || rc=$?
  local dt; dt="$(elapsed_since "$t0")"
  # shellcheck disable=SC2001 # prefix every line
  if [[ -n "$out" ]]; then sed 's/^/   | /' <<<"$out"; fi
  TIMINGS+=("$(printf '%-44s %6s' "$name" "$dt")")
  if ((rc == 0)); then
    PASSED=$((PASSED + 1)); echo "   ok (${dt}s)"
  else
    FAILED=$((FAILED + 1)); echo "   FAILED (rc=$rc, ${dt}s)" >&2
    exit 1
  fi
}

expect_status() { # CTL NAME PORT ready|down
  local line rc=0
  line="$("$1" status)" || rc=$?
  echo "$line"
  [[ "$line" =~ ^$2\ ([0-9]+|-)\ $3\ $4$ ]] || { echo "expected '$2 <pid> $3 $4'"; return 1; }
  if [[ "$4" == ready ]]; then ((rc == 0)); else ((rc == 3)); fi
}

expect_already_running() { # CTL
  local out; out="$("$1" start)" || return 1
  echo "$out"
  grep -q 'already running' <<<"$out"
}

kafka_tool() { # CLASS ARGS...
  local cls="$1"; shift
  java -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    "-Dlog4j2.configurationFile=$LOCAL_DIR/kafka/log4j2-tools.properties" \
    -cp "$("$KAFKA" classpath)" "$cls" "$@"
}

MSG="selftest-message-$RUN_ID"
produce() {
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BS" --create --if-not-exists \
    --topic "$TOPIC" --partitions 1 --replication-factor 1 || return 1
  printf 'k1\t%s\n' "$MSG" | timeout 60 java -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 \
    "-Dlog4j2.configurationFile=$LOCAL_DIR/kafka/log4j2-tools.properties" -cp "$("$KAFKA" classpath)" \
    org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$BS" --topic "$TOPIC" \
    --producer-property acks=all --property parse.key=true
}

consume() { # GROUP -- read the message back through a consumer group (needs offsets topic RF 1)
  local out
  out="$(timeout 60 java -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 \
    "-Dlog4j2.configurationFile=$LOCAL_DIR/kafka/log4j2-tools.properties" -cp "$("$KAFKA" classpath)" \
    org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BS" --topic "$TOPIC" \
    --group "$1" --from-beginning --max-messages 1 --timeout-ms 30000 \
    --property print.key=true)" || true
  echo "consumed: $out"
  [[ "$out" == "k1"$'\t'"$MSG" ]]
}

delete_topic() {
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$BS" --delete --topic "$TOPIC"
}

DOC_ID="selftest-$RUN_ID"
mongo_count_is() { # N
  local n; n="$("$MONGO" client --count "$URI" periscope selftest "{\"_id\": \"$DOC_ID\", \"v\": 42}")" || return 1
  echo "count=$n"
  [[ "$n" == "$1" ]]
}

echo "selftest: PERISCOPE_HOME=$PERISCOPE_HOME kafka=$BS mongo=$URI"
"$KAFKA" stop >/dev/null 2>&1 || true
"$MONGO" stop >/dev/null 2>&1 || true
rm -rf "$PERISCOPE_HOME/data"

step "kafka install" "$KAFKA" install
step "mongo install" "$MONGO" install
step "kafka start (fresh data dir)" "$KAFKA" start
step "mongo start (fresh data file)" "$MONGO" start
step "kafka status ready" expect_status "$KAFKA" kafka "$KAFKA_PORT" ready
step "mongo status ready" expect_status "$MONGO" mongo "$MONGO_PORT" ready
step "kafka start again is a no-op" expect_already_running "$KAFKA"
step "mongo start again is a no-op" expect_already_running "$MONGO"
step "kafka topics: partitions + configs" "$KAFKA" verify-topics
step "kafka create-topics is idempotent" "$KAFKA" create-topics
step "kafka produce ($TOPIC)" produce
step "kafka consume (consumer group)" consume "selftest-a-$RUN_ID"
step "mongo ping" "$MONGO" client --ping "$URI"
step "mongo insert" "$MONGO" client --insert "$URI" periscope selftest "{\"_id\": \"$DOC_ID\", \"v\": 42}"
step "mongo count = 1" mongo_count_is 1
step "mongo checks (unique index, _id upsert, 11000)" "$MONGO" check
step "kafka stop" "$KAFKA" stop
step "mongo stop" "$MONGO" stop
step "kafka status down" expect_status "$KAFKA" kafka "$KAFKA_PORT" down
step "mongo status down" expect_status "$MONGO" mongo "$MONGO_PORT" down
step "kafka stop again is a no-op" "$KAFKA" stop
step "mongo start (existing data file)" "$MONGO" start
step "mongo data persisted (count = 1)" mongo_count_is 1
step "kafka start (existing data dir)" "$KAFKA" start
step "kafka topics survived restart" "$KAFKA" verify-topics
step "kafka message survived restart" consume "selftest-b-$RUN_ID"
step "kafka delete selftest topic" delete_topic
step "mongo stop (final)" "$MONGO" stop
step "kafka stop (final)" "$KAFKA" stop
