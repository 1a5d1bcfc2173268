#!/usr/bin/env bash
# Enricher end to end through Kafka: ./periscope bench enricher-e2e [EVENTS]   (default 300000)
#
# 1. Builds (if missing) the packaged enricher and infra/jmh's benchmarks.jar; copies the enricher app so a
#    concurrent rebuild does not matter.
# 2. dev.periscope.bench.EnricherEndToEnd prepare: creates a raw and an enriched topic of the run's own
#    (periscope.bench.enricher-raw.<time> / -enriched.<time>, 6 partitions, deleted afterwards), preloads EVENTS
#    raw events (the demo mix, a third of the addresses geolocated) keyed by source address, and fills a MongoDB
#    database of the run's own (periscope_bench_enricher_<time>, dropped afterwards) with MaxMind's test GeoIP
#    databases (GridFS), a 10,000-entry threat-intel feed and a runtime config with every detector on.
# 3. Starts the packaged enricher on those topics (PERISCOPE_ENRICHER_INPUT_TOPIC / _OUTPUT_TOPIC), its own
#    consumer group (earliest), instance id and management port, heap
#    PERISCOPE_SERVICE_HEAP (-Xmx384m like ./periscope up), and EnricherEndToEnd measure: events/s from the first
#    to the last enriched record's timestamp and the enricher's CPU time (/proc/PID/stat, all threads) over that
#    span (the span includes the enricher's JIT warm-up; the second half of the records is reported apart).
# Environment: BENCH_ENRICHER_APP (another packaged enricher's quarkus-app directory, for a same-conditions A/B;
# with BENCH_ENRICHER_SMALLRYE=1 the topics go as mp.messaging.*.topic, for builds before the plain consumer loop),
# PERISCOPE_SERVICE_HEAP (-Xmx384m), ENRICHER_JAVA_OPTS (extra JVM options for the enricher, e.g.
# -XX:StartFlightRecording=filename=/tmp/enricher.jfr,settings=profile), BENCH_ENRICHER_MGMT_PORT (28192),
# KAFKA_BOOTSTRAP_SERVERS / MONGO_URI (use those servers instead of the local ones).
# Needs the local broker and MongoDB-API server (started by infra/local/*/ctl.sh start if down; never stopped).
# Results: $PERISCOPE_HOME/bench/enricher-e2e-<time>/ (summary.txt, enricher.log).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=../local/lib.sh
. "$SCRIPT_DIR/../local/lib.sh"
ROOT="$PERISCOPE_REPO_ROOT"

EVENTS="${1:-300000}"
[[ "$EVENTS" =~ ^[1-9][0-9]*$ ]] || die "usage: ./periscope bench enricher-e2e [EVENTS]"
HEAP="${PERISCOPE_SERVICE_HEAP:--Xmx384m}"
MGMT_PORT="${BENCH_ENRICHER_MGMT_PORT:-28192}"
BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}"
MONGO="${MONGO_URI:-mongodb://127.0.0.1:27017}"
RUN_ID="$(date +%Y%m%d-%H%M%S)"
RAW_TOPIC="periscope.bench.enricher-raw.$RUN_ID"
ENRICHED_TOPIC="periscope.bench.enricher-enriched.$RUN_ID"
DATABASE="periscope_bench_enricher_${RUN_ID//-/_}"
OUT="$PERISCOPE_HOME/bench/enricher-e2e-$RUN_ID"
APP="${BENCH_ENRICHER_APP:-$ROOT/enricher/target/quarkus-app}"
JAR="$ROOT/infra/jmh/target/benchmarks.jar"
mkdir -p "$OUT"

ENRICHER_PID=""
PREPARED=0
KAFKA_CP=""
cleanup() {
  if [[ -n "$ENRICHER_PID" ]] && kill -0 "$ENRICHER_PID" 2>/dev/null; then
    kill -TERM "$ENRICHER_PID" 2>/dev/null || true
    local deadline=$((SECONDS + 40))
    while kill -0 "$ENRICHER_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill -KILL "$ENRICHER_PID" 2>/dev/null || true
  fi
  if ((PREPARED)); then
    for topic in "$RAW_TOPIC" "$ENRICHED_TOPIC"; do
      java -Xmx128m -cp "$KAFKA_CP" org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
        --delete --topic "$topic" >/dev/null 2>&1 || warn "could not delete topic $topic"
    done
    java -Xmx128m -cp "$JAR" dev.periscope.bench.EnricherEndToEnd drop "$MONGO" "$DATABASE" >/dev/null 2>&1 \
      || warn "could not drop database $DATABASE"
  fi
  rm -rf "$OUT/enricher-app" "$OUT/benchmarks.jar" "$OUT/geoip-cache" # copies; summary.txt and enricher.log stay
}
trap cleanup EXIT

if [[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then "$ROOT/infra/local/kafka/ctl.sh" start >/dev/null; fi
if [[ -z "${MONGO_URI:-}" ]]; then "$ROOT/infra/local/mongo/ctl.sh" start >/dev/null; fi
KAFKA_CP="$("$ROOT/infra/local/kafka/ctl.sh" classpath)"

cd "$ROOT"
if [[ ! -f "$APP/quarkus-run.jar" ]]; then
  say "building the enricher"
  ./mvnw -B -ntp -q -pl enricher -am install -DskipTests
fi
if [[ ! -f "$JAR" ]]; then
  say "building infra/jmh (benchmarks.jar)"
  ./mvnw -B -ntp -q -pl infra/jmh -am package -Dmaven.test.skip=true -Dbench
fi
cp -a "$APP" "$OUT/enricher-app"
cp "$JAR" "$OUT/benchmarks.jar"
JAR="$OUT/benchmarks.jar"

say "preparing $EVENTS raw events in $RAW_TOPIC, GeoIP/feed/runtime config in $DATABASE"
PREPARED=1
java -Xmx512m -cp "$JAR" dev.periscope.bench.EnricherEndToEnd prepare "$BOOTSTRAP" "$RAW_TOPIC" \
  "$ENRICHED_TOPIC" "$EVENTS" "$MONGO" "$DATABASE" | tee "$OUT/summary.txt"

{
  echo "run=$RUN_ID events=$EVENTS heap=$HEAP cpus=$(nproc)"
  echo "jdk=$(java -version 2>&1 | head -n 2 | tail -n 1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$OUT/summary.txt"

SMALLRYE_TOPICS=()
if [[ "${BENCH_ENRICHER_SMALLRYE:-0}" == 1 ]]; then
  SMALLRYE_TOPICS=(-Dmp.messaging.incoming.access-raw.topic="$RAW_TOPIC"
    -Dmp.messaging.outgoing.access-enriched.topic="$ENRICHED_TOPIC")
fi
say "starting the enricher (group bench-$RUN_ID, management :$MGMT_PORT)"
env KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP" MONGO_URI="$MONGO" MONGO_DATABASE="$DATABASE" \
  HASH_SALT="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" PERISCOPE_INSTANCE_ID="bench-$RUN_ID" \
  PERISCOPE_CONSUMER_GROUP="bench-$RUN_ID" PERISCOPE_MANAGEMENT_PORT="$MGMT_PORT" \
  PERISCOPE_ENRICHER_INPUT_TOPIC="$RAW_TOPIC" PERISCOPE_ENRICHER_OUTPUT_TOPIC="$ENRICHED_TOPIC" \
  GEOIP_CACHE_DIR="$OUT/geoip-cache" BASELINE_SNAPSHOT_INTERVAL=0 \
  java $HEAP ${ENRICHER_JAVA_OPTS:-} -Dlocal.launcher.server=bench-enricher \
  "${SMALLRYE_TOPICS[@]}" \
  -jar "$OUT/enricher-app/quarkus-run.jar" >"$OUT/enricher.log" 2>&1 &
ENRICHER_PID=$!

java -Xmx512m -cp "$JAR" dev.periscope.bench.EnricherEndToEnd measure "$BOOTSTRAP" "$ENRICHED_TOPIC" "$EVENTS" \
  "$ENRICHER_PID" | tee -a "$OUT/summary.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
say "results: $OUT/summary.txt"
