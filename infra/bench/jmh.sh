#!/usr/bin/env bash
# JMH benchmarks of the services' plain-Java cores: ./periscope bench enricher [JMH options...]
# Builds infra/jmh once (benchmarks.jar) and runs the service's benchmarks single-threaded, one fork; JSON results
# go to .periscope/bench/jmh-SERVICE-TIME.json. Extra arguments are passed to JMH (e.g. -i 10 -r 10s).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
service="${1:?usage: jmh.sh SERVICE [JMH options]}"
shift
case "$service" in
  enricher) pattern='EnricherClassifierBenchmark|ThreatIntelBenchmark' ;;
  readiness-service) pattern='ReadinessChecklistBenchmark' ;;
  *) echo "jmh.sh: no JMH benchmark for '$service'" >&2; exit 2 ;;
esac
cd "$ROOT"
./mvnw -B -ntp -q -pl infra/jmh -am package -DskipTests -Dbench
mkdir -p .periscope/bench
result=".periscope/bench/jmh-$service-$(date -u +%Y%m%dT%H%M%SZ).json"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar infra/jmh/target/benchmarks.jar "$pattern" -f 1 -t 1 -wi 3 -w 5s -i 5 -r 5s \
  -rf json -rff "$result" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); results: $result"
if [[ "$service" == enricher ]]; then
  java -cp infra/jmh/target/benchmarks.jar dev.periscope.bench.PipelineCpuTime 20
fi
