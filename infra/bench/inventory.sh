#!/usr/bin/env bash
# ./periscope bench inventory-writer [MONGO_URI [ENDPOINTS [BATCHES [BATCH_SIZE]]]]
# The inventory write path (fold a batch per key, map to fenced upserts, one unordered bulk write) against a
# MongoDB-API server: the local one (started if needed) unless MONGO_URI / the first argument says otherwise.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$ROOT"
uri="${1:-${MONGO_URI:-mongodb://127.0.0.1:27017}}"
if [[ "$uri" == mongodb://127.0.0.1:27017 ]]; then
  infra/local/mongo/ctl.sh start >/dev/null
fi
cp_file="$ROOT/.periscope/bench/inventory-classpath.txt"
mkdir -p "$(dirname "$cp_file")"
./mvnw -B -ntp -q -pl inventory-writer -am install -DskipTests
./mvnw -B -ntp -q -pl inventory-writer test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "inventory-writer/target/test-classes:inventory-writer/target/classes:$(cat "$cp_file")" \
  dev.periscope.inventory.bench.InventoryWriteBench "$uri" "${2:-500}" "${3:-60}" "${4:-1000}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
