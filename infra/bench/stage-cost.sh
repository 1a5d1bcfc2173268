#!/usr/bin/env bash
# CPU per entry of the gateway's stages on one thread (parse, map, record + serialize, producer send), from the built
# ingest-gateway and traffic-generator: ./infra/bench/stage-cost.sh [--rounds N] [--kafka HOST:PORT] [--compression C]
# Needs `./mvnw -pl ingest-gateway -am package` and `-pl infra/traffic-generator package` first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
APP="$ROOT/ingest-gateway/target/quarkus-app"
TG="$ROOT/infra/traffic-generator/target/classes"
[[ -d "$APP/lib/main" && -d "$ROOT/ingest-gateway/target/classes" && -d "$TG" ]] \
  || { echo "build ingest-gateway and infra/traffic-generator first" >&2; exit 1; }
CP="$ROOT/ingest-gateway/target/classes:$(find "$APP/lib/main" -name '*.jar' | sort | tr '\n' ':')$TG"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
javac -nowarn -d "$OUT" -cp "$CP" "$ROOT/infra/bench/StageCost.java"
exec java -Xmx384m -cp "$OUT:$CP" dev.periscope.gateway.messaging.StageCost "$@"
