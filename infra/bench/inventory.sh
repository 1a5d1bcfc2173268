#!/usr/bin/env bash
# ./periscope bench inventory-writer [MONGO_URI [ENDPOINTS [EVENTS_PER_RUN [BATCH_SIZES [ROUNDS]]]]]
#   The inventory write path (fold a batch per key, map to upserts, one unordered bulk write) against a
#   MongoDB-API server: the local one (started if needed) unless MONGO_URI / the first argument says otherwise.
# ./periscope bench inventory-writer e2e [EVENTS [ENDPOINTS [MAX_POLL_RECORDS [MODULE_DIR [legacy]]]]]
#   The packaged service end to end: a private topic filled first, then consumed into a private database
#   (local Kafka and MongoDB-API server, or KAFKA_BOOTSTRAP_SERVERS / MONGO_URI). MODULE_DIR runs another build of
#   the module (its target/quarkus-app), e.g. the previous commit's, for a before/after pair; "legacy" for a build
#   from before the own consumer loop (it reads its topic from MP_MESSAGING_INCOMING_ACCESS_ENRICHED_TOPIC).
# Both report CPU time per event: the write path of its client thread and of the local server process, end to end
# of the service, the local MongoDB-API server and the local broker (their pids from ctl.sh status).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$ROOT"
mode=write-path
if [[ "${1:-}" == e2e ]]; then
  mode=e2e
  shift
  uri="${MONGO_URI:-mongodb://127.0.0.1:27017}"
else
  uri="${1:-${MONGO_URI:-mongodb://127.0.0.1:27017}}"
fi
if [[ "$uri" == mongodb://127.0.0.1:27017 ]]; then
  infra/local/mongo/ctl.sh start >/dev/null
fi
cp_file="$ROOT/.periscope/bench/inventory-classpath.txt"
mkdir -p "$(dirname "$cp_file")"
./mvnw -B -ntp -q -pl inventory-writer -am install -DskipTests
./mvnw -B -ntp -q -pl inventory-writer test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test
classpath="inventory-writer/target/test-classes:inventory-writer/target/classes:$(cat "$cp_file")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ "$mode" == e2e ]]; then
  infra/local/kafka/ctl.sh start >/dev/null
  legacy=false; [[ -n "${5:-}" ]] && legacy=true
  # CPU of the local servers too (pids from their ctl.sh status line), to quote CPU per event
  pids=""
  for server in mongo kafka; do
    pid="$(infra/local/$server/ctl.sh status 2>/dev/null | awk '{print $2}')" || true
    [[ "$pid" =~ ^[0-9]+$ ]] && pids="$pids${pids:+,}$server=$pid"
  done
  java -Dbench.pids="$pids" -Dbench.module="${4:-inventory-writer}" -Dbench.legacy="$legacy" -cp "$classpath" dev.periscope.inventory.bench.InventoryEndToEndBench \
    "${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" "$uri" "${1:-200000}" "${2:-500}" "${3:-20000}"
else
  mongo_pid=""
  [[ "$uri" == mongodb://127.0.0.1:27017 ]] && mongo_pid="$(infra/local/mongo/ctl.sh status 2>/dev/null | awk '{print $2}')" || true
  java -Dbench.mongo-pid="$mongo_pid" -cp "$classpath" dev.periscope.inventory.bench.InventoryWriteBench "$uri" "${2:-500}" "${3:-60000}" \
    "${4:-1000,5000,20000}" "${5:-3}"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
