#!/usr/bin/env bash
# ./periscope demo: stream realistic Envoy access logs into the running gateway, then report per store what
# arrived. Extra arguments go to the traffic generator (e.g. --entries 10000 --streams 8).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
# shellcheck source=lib.sh
. "$ROOT/infra/local/lib.sh"

JAR="$ROOT/infra/traffic-generator/target/traffic-generator.jar"
[[ -f "$JAR" ]] || die "traffic generator not built ($JAR): run ./periscope up first"
KAFKA_CLASSPATH="$("$ROOT/infra/local/kafka/ctl.sh" classpath)" || die "kafka tools not installed: run ./periscope up"
export KAFKA_CLASSPATH KAFKA_TOOLS_LOG4J="$ROOT/infra/local/kafka/log4j2-tools.properties"
exec python3 "$ROOT/infra/local/demo.py" --generator "$JAR" "$@"
