#!/usr/bin/env bash
# ./periscope bench event-writer [EVENTS [BATCH]]
# 1) JMH: AccessEvent → RowBinary (mapper + encoder), one thread; 2) end to end: EVENTS enriched events put on a
# topic of their own, the packaged writer (production defaults) storing them in the local ClickHouse endpoint,
# next to the endpoint's own ceiling for BATCH-row inserts. Starts the local Kafka and ClickHouse if needed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$ROOT"
infra/local/kafka/ctl.sh start >/dev/null
infra/local/clickhouse/ctl.sh start >/dev/null
cp_file="$ROOT/.periscope/bench/event-writer-classpath.txt"
mkdir -p "$(dirname "$cp_file")"
./mvnw -B -ntp -q -pl event-writer -am install -DskipTests
./mvnw -B -ntp -q -pl event-writer test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
  -Dmdep.includeScope=test
classpath="event-writer/target/test-classes:event-writer/target/classes:$(cat "$cp_file")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$classpath" org.openjdk.jmh.Main RowEncodingBenchmark -f 1 -wi 3 -w 2s -i 8 -r 2s
(cd event-writer && java -cp "$ROOT/event-writer/target/test-classes:$ROOT/event-writer/target/classes:$(cat "$cp_file")" \
  dev.periscope.eventwriter.bench.EndToEndThroughput "${1:-100000}" "${2:-5000}")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
