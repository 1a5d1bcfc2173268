#!/usr/bin/env bash
# Gateway benchmark: ./periscope bench gateway [--duration 60] [--streams 8] [--warmup S] [--jfr FILE] [--gateway-only]
#
# In one run, on this machine, with the broker co-located:
#   1. the packaged ingest-gateway (its own private instance on non-default ports, fresh HASH_SALT) under the
#      closed-loop ALS load of dev.periscope.traffic.bench.GatewayLoad (pre-serialized batches of 100 entries);
#   2. the bare ceiling: the same load against dev.periscope.traffic.bench.BareAlsServer (grpc-java, parse only);
#   3. the Kafka ceiling: the broker's own ProducerPerformance with payloads of the gateway's record size
#      (sampled from what the gateway just wrote), acks=all and the gateway's codec / linger / batch size;
#   4. the forwarding floor: the same load against infra/bench/ForwardingFloor.java — the gateway's own (slim) parse
#      on the bare server's event loops, then one record per entry sent as in 3 (the least a gateway does);
# then prints the figures, the ratios and whether every entry is accounted for. Everything it started is
# stopped on exit (Kafka only if this script started it). Results: $PERISCOPE_HOME/bench/gateway-<time>/.
#
# Options: --duration S (measured window, default 60), --streams N (default 8), --warmup S (default 10, or
# 5 for windows under 40 s), --jfr FILE (record the gateway with JFR during the window; settings=profile),
# --gateway-only (phase 1 alone, for quick same-conditions A/B runs; no ceilings, no ratios).
# Environment: KAFKA_BOOTSTRAP_SERVERS (use that broker instead of the local one), PERISCOPE_SERVICE_HEAP
# (gateway and bare server heap, default -Xmx384m like ./periscope up), BENCH_GATEWAY_GRPC_PORT (28090),
# BENCH_GATEWAY_MGMT_PORT (28091), BENCH_BARE_PORT (28190), BENCH_BARE_METRICS_PORT (28191), BENCH_GATEWAY_APP
# (another packaged gateway, e.g. an older build for a same-conditions A/B; default ingest-gateway/target/quarkus-app).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=../local/lib.sh
. "$SCRIPT_DIR/../local/lib.sh"
ROOT="$PERISCOPE_REPO_ROOT"

DURATION=60
STREAMS=8
WARMUP=""
JFR_FILE=""
GATEWAY_ONLY=0
while (($#)); do
  case "$1" in
    --duration) DURATION="${2:?--duration needs seconds}"; shift 2 ;;
    --streams) STREAMS="${2:?--streams needs a number}"; shift 2 ;;
    --warmup) WARMUP="${2:?--warmup needs seconds}"; shift 2 ;;
    --jfr) JFR_FILE="${2:?--jfr needs a file}"; shift 2 ;;
    --gateway-only) GATEWAY_ONLY=1; shift ;;
    -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (usage: ./periscope bench gateway [--duration 60] [--streams 8] [--warmup S] [--jfr FILE] [--gateway-only])" ;;
  esac
done
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || die "--duration must be whole seconds"
[[ "$STREAMS" =~ ^[1-9][0-9]*$ ]] || die "--streams must be a positive number"
if [[ -z "$WARMUP" ]]; then WARMUP=$((DURATION >= 40 ? 10 : 5)); fi
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup must be whole seconds"
if [[ -n "$JFR_FILE" ]]; then
  mkdir -p "$(dirname "$JFR_FILE")"
  JFR_FILE="$(cd "$(dirname "$JFR_FILE")" && pwd -P)/$(basename "$JFR_FILE")"
fi

GW_GRPC_PORT="${BENCH_GATEWAY_GRPC_PORT:-28090}"
GW_MGMT_PORT="${BENCH_GATEWAY_MGMT_PORT:-28091}"
BARE_PORT="${BENCH_BARE_PORT:-28190}"
BARE_METRICS_PORT="${BENCH_BARE_METRICS_PORT:-28191}"
HEAP="${PERISCOPE_SERVICE_HEAP:--Xmx384m}"
LOAD_HEAP="-Xmx256m"
RUN_ID="$(date +%Y%m%d-%H%M%S)"
# A topic of its own (deleted afterwards): gigabytes of benchmark records must not reach the pipeline's raw topic.
RAW_TOPIC="periscope.bench.raw.$RUN_ID"
OUT="$PERISCOPE_HOME/bench/gateway-$RUN_ID"
PERF_TOPIC="periscope.bench.producer-perf.$RUN_ID"
FLOOR_TOPIC="periscope.bench.floor.$RUN_ID"
TG_JAR="$ROOT/infra/traffic-generator/target/traffic-generator.jar"
GW_APP="${BENCH_GATEWAY_APP:-$ROOT/ingest-gateway/target/quarkus-app}"
mkdir -p "$OUT"

# ---------------------------------------------------------------- cleanup: stop what we started
STARTED_PIDS=()
STARTED_KAFKA=0
PERF_TOPIC_CREATED=0
RAW_TOPIC_CREATED=0
FLOOR_TOPIC_CREATED=0
KAFKA_CP=""
BOOTSTRAP=""

stop_pid() { # PID NAME [TIMEOUT_S]
  local pid="$1" name="$2" timeout_s="${3:-40}"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout_s))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name: pid $pid still alive after ${timeout_s}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in "${STARTED_PIDS[@]}"; do stop_pid "$pid" "pid $pid"; done
  if ((RAW_TOPIC_CREATED)); then
    bench_kafka delete-topic "$BOOTSTRAP" "$RAW_TOPIC" >/dev/null 2>&1 || warn "could not delete topic $RAW_TOPIC"
  fi
  if ((PERF_TOPIC_CREATED)); then
    bench_kafka delete-topic "$BOOTSTRAP" "$PERF_TOPIC" >/dev/null 2>&1 || warn "could not delete topic $PERF_TOPIC"
  fi
  if ((FLOOR_TOPIC_CREATED)); then
    bench_kafka delete-topic "$BOOTSTRAP" "$FLOOR_TOPIC" >/dev/null 2>&1 || warn "could not delete topic $FLOOR_TOPIC"
  fi
  if ((STARTED_KAFKA)); then
    say "kafka: stopping (this benchmark started it)"
    "$ROOT/infra/local/kafka/ctl.sh" stop || true
  fi
  rm -rf "$OUT/gateway-app" "$OUT/classes"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget_pid() { local keep=() p; for p in "${STARTED_PIDS[@]}"; do [[ "$p" == "$1" ]] || keep+=("$p"); done; STARTED_PIDS=("${keep[@]}"); }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
port_free() { ! tcp_open 127.0.0.1 "$1"; }
bench_kafka() { java -Xmx256m -XX:TieredStopAtLevel=1 -cp "$OUT/classes:$KAFKA_CP" BenchKafka "$@"; }
prop() { sed -n "s/^$2=//p" "$1" | head -n 1; }

for p in "$GW_GRPC_PORT" "$GW_MGMT_PORT" "$BARE_PORT" "$BARE_METRICS_PORT"; do
  port_free "$p" || die "port $p is in use (another benchmark running? set BENCH_*_PORT)"
done

# ---------------------------------------------------------------- Kafka
require_java
if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
  BOOTSTRAP="$KAFKA_BOOTSTRAP_SERVERS"
  say "kafka: external $BOOTSTRAP"
  "$ROOT/infra/local/kafka/ctl.sh" install >/dev/null
  "$ROOT/infra/local/kafka/ctl.sh" create-topics >/dev/null
else
  BOOTSTRAP="127.0.0.1:${KAFKA_PORT:-9092}"
  if ! "$ROOT/infra/local/kafka/ctl.sh" status >/dev/null 2>&1; then
    STARTED_KAFKA=1
  fi
  "$ROOT/infra/local/kafka/ctl.sh" start
fi
KAFKA_CP="$("$ROOT/infra/local/kafka/ctl.sh" classpath)"
mkdir -p "$OUT/classes"
javac -nowarn -d "$OUT/classes" -cp "$KAFKA_CP" "$SCRIPT_DIR/BenchKafka.java"

# ---------------------------------------------------------------- build (only what is missing or stale)
tg_stale() {
  [[ -f "$TG_JAR" ]] || return 0
  [[ -n "$(find "$ROOT/infra/traffic-generator/src/main" "$ROOT/infra/traffic-generator/pom.xml" -newer "$TG_JAR" -type f -print -quit)" ]]
}
if tg_stale; then
  say "build: traffic-generator"
  (cd "$ROOT" && mvn_cmd -B -ntp -q -pl infra/traffic-generator -am package -DskipTests) >"$OUT/build.log" 2>&1 \
    || { tail -n 30 "$OUT/build.log" >&2; die "traffic-generator build failed ($OUT/build.log)"; }
fi
if [[ ! -f "$GW_APP/quarkus-run.jar" ]]; then
  say "build: ingest-gateway"
  (cd "$ROOT" && mvn_cmd -B -ntp -q -pl ingest-gateway -am package -DskipTests) >>"$OUT/build.log" 2>&1 \
    || { tail -n 30 "$OUT/build.log" >&2; die "ingest-gateway build failed ($OUT/build.log)"; }
fi
# A private copy: other people may rebuild ingest-gateway/target while the benchmark runs.
cp -a "$GW_APP" "$OUT/gateway-app"

{
  echo "run_id=$RUN_ID"
  echo "nproc=$(nproc)"
  echo "memory=$(free -m | awk '/^Mem:/ {print $2 " MiB total, " $7 " MiB available"}')"
  echo "cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "jdk=$(java -version 2>&1 | head -n 2 | tail -n 1)"
  echo "git=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "gateway_jar=$(date -r "$GW_APP/quarkus-run.jar" '+%F %T') (uncommitted files under ingest-gateway/: $(cd "$ROOT" && git status --porcelain -- ingest-gateway 2>/dev/null | wc -l))"
  echo "heap=$HEAP"
  echo "kafka=$BOOTSTRAP"
  echo "streams=$STREAMS"
  echo "duration_s=$DURATION"
  echo "warmup_s=$WARMUP"
  echo "loadavg_start=$(loadavg)"
} >"$OUT/meta.properties"

load_args=(--streams "$STREAMS" --batch 100 --warmup "${WARMUP}s" --duration "${DURATION}s" --drain-timeout 90s
  --project-suffix -bench)

# ---------------------------------------------------------------- 1. the gateway
say "gateway: starting on grpc :$GW_GRPC_PORT, management :$GW_MGMT_PORT (log: $OUT/gateway.log)"
bench_kafka create-topic "$BOOTSTRAP" "$RAW_TOPIC" 6 >/dev/null && RAW_TOPIC_CREATED=1 \
  || die "could not create the benchmark's raw topic $RAW_TOPIC"
HASH_SALT_BENCH="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
GW_INSTANCE="bench-$RUN_ID"
env KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP" \
  MONGO_URI="${MONGO_URI:-mongodb://127.0.0.1:27017}" \
  HASH_SALT="$HASH_SALT_BENCH" \
  PERISCOPE_INSTANCE_ID="$GW_INSTANCE" \
  PERISCOPE_GATEWAY_PUBLISHER_RAW_TOPIC="$RAW_TOPIC" \
  QUARKUS_GRPC_SERVER_PORT="$GW_GRPC_PORT" PERISCOPE_GRPC_PORT="$GW_GRPC_PORT" \
  QUARKUS_GRPC_SERVER_HOST=127.0.0.1 PERISCOPE_GRPC_HOST=127.0.0.1 \
  QUARKUS_MANAGEMENT_PORT="$GW_MGMT_PORT" QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
  java $HEAP -Dlocal.launcher.server=bench-gateway -jar "$OUT/gateway-app/quarkus-run.jar" \
  </dev/null >"$OUT/gateway.log" 2>&1 &
GW_PID=$!
STARTED_PIDS+=("$GW_PID")
gw_ready() { curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$GW_MGMT_PORT/readyz"; }
if ! wait_until 120 "$GW_PID" gw_ready; then
  tail -n 30 "$OUT/gateway.log" >&2
  die "gateway did not become ready (log: $OUT/gateway.log)"
fi
curl -fsS -m 5 "http://127.0.0.1:$GW_MGMT_PORT/configz" >"$OUT/gateway-configz.json" 2>/dev/null || true
say "gateway: ready (pid $GW_PID); load: $STREAMS streams, ${WARMUP}s warm-up + ${DURATION}s window (load avg $(loadavg))"
SINCE_MS=$(($(date +%s%N) / 1000000))
JFR_PID=""
if [[ -n "$JFR_FILE" ]]; then
  (sleep "$((WARMUP + 1))" && jcmd "$GW_PID" JFR.start name=bench settings=profile \
    duration="$((DURATION - 2))s" filename="$JFR_FILE" >"$OUT/jfr-start.log" 2>&1) &
  JFR_PID=$!
fi
java $LOAD_HEAP -cp "$TG_JAR" dev.periscope.traffic.bench.GatewayLoad --target "127.0.0.1:$GW_GRPC_PORT" \
  --metrics "http://127.0.0.1:$GW_MGMT_PORT/metrics" --pid "$GW_PID" --label gateway "${load_args[@]}" \
  --out "$OUT/gateway.properties" >"$OUT/gateway-load.log" 2>&1 \
  || { cat "$OUT/gateway-load.log" >&2; die "gateway load failed"; }
curl -fsS -m 5 "http://127.0.0.1:$GW_MGMT_PORT/metrics" >"$OUT/gateway-metrics.txt" 2>/dev/null || true
if [[ -n "$JFR_PID" ]]; then
  wait "$JFR_PID" || true
  # the recording ends (and is written) DURATION-2 s after it started; give it time to land
  for _ in $(seq 1 50); do [[ -s "$JFR_FILE" ]] && break; sleep 0.2; done
fi
say "gateway: $(prop "$OUT/gateway.properties" accepted_per_s) entries/s accepted; stopping"
stop_pid "$GW_PID" gateway 60
forget_pid "$GW_PID"
[[ -z "$JFR_FILE" || -s "$JFR_FILE" ]] || warn "no JFR recording at $JFR_FILE (see $OUT/jfr-start.log)"

# The gateway's effective producer settings, from its /configz (acks=all and idempotence are fixed in its code).
configz_setting() { # KEY
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get(sys.argv[2], ""))' \
    "$OUT/gateway-configz.json" "$1" 2>/dev/null || true
}
to_ms() { # 5ms | 1s | 250 -> milliseconds
  local v="$1"
  case "$v" in
    *ms) echo "${v%ms}" ;;
    *s) awk -v s="${v%s}" 'BEGIN { print int(s * 1000) }' ;;
    *) echo "$v" ;;
  esac
}
GW_LINGER="$(configz_setting periscope.gateway.publisher.linger)"
GW_BATCH="$(configz_setting periscope.gateway.publisher.batch-size)"
GW_CODEC="$(configz_setting periscope.gateway.publisher.compression)"
GW_ACKS=all
SETTINGS_SOURCE="the gateway's /configz"
[[ -n "$GW_LINGER" ]] && GW_LINGER="$(to_ms "$GW_LINGER")"
if [[ -z "$GW_LINGER" || -z "$GW_BATCH" || -z "$GW_CODEC" ]]; then
  GW_LINGER="${GW_LINGER:-5}" GW_BATCH="${GW_BATCH:-16384}" GW_CODEC="${GW_CODEC:-lz4}"
  SETTINGS_SOURCE="Kafka/gateway defaults for what /configz did not show"
fi

if ((GATEWAY_ONLY)); then
  echo "loadavg_end=$(loadavg)" >>"$OUT/meta.properties"
  python3 "$SCRIPT_DIR/report.py" "$OUT" | tee "$OUT/summary.txt"
  exit 0
fi

# drive_bare_port PID LABEL VERB -- the ALS load against the server PID started on the bare ports (bare ceiling,
# forwarding floor): wait for it, drive it into $OUT/LABEL.properties, stop it.
drive_bare_port() {
  local pid="$1" label="$2" verb="$3"
  wait_for_tcp 127.0.0.1 "$BARE_METRICS_PORT" 30 "$pid" || die "$label server did not start ($OUT/$label.log)"
  java $LOAD_HEAP -cp "$TG_JAR" dev.periscope.traffic.bench.GatewayLoad --target "127.0.0.1:$BARE_PORT" \
    --metrics "http://127.0.0.1:$BARE_METRICS_PORT/metrics" --pid "$pid" --label "$label" "${load_args[@]}" \
    --out "$OUT/$label.properties" >"$OUT/$label-load.log" 2>&1 \
    || { cat "$OUT/$label-load.log" >&2; die "$label load failed"; }
  say "$label: $(prop "$OUT/$label.properties" accepted_per_s) entries/s $verb; stopping"
  stop_pid "$pid" "$label" 20
  forget_pid "$pid"
}

# ---------------------------------------------------------------- 2. the bare ceiling
say "bare: starting BareAlsServer on grpc :$BARE_PORT (load avg $(loadavg))"
java $HEAP -Dlocal.launcher.server=bench-bare -cp "$TG_JAR" dev.periscope.traffic.bench.BareAlsServer \
  --port "$BARE_PORT" --metrics-port "$BARE_METRICS_PORT" </dev/null >"$OUT/bare.log" 2>&1 &
BARE_PID=$!
STARTED_PIDS+=("$BARE_PID")
drive_bare_port "$BARE_PID" bare parsed

# ---------------------------------------------------------------- 3. the Kafka ceiling
say "kafka: sampling the gateway's records of this run from $RAW_TOPIC"
bench_kafka sample-payload "$BOOTSTRAP" "$RAW_TOPIC" "$SINCE_MS" 5000 "$OUT/payload.txt" >"$OUT/payload.log" 2>&1 \
  || { cat "$OUT/payload.log" >&2; die "could not sample the gateway's records"; }
RECORD_BYTES="$(sed -n 's/.*mean_record_bytes=\([0-9]*\).*/\1/p' "$OUT/payload.log")"
VALUE_BYTES="$(sed -n 's/.*mean_value_bytes=\([0-9]*\).*/\1/p' "$OUT/payload.log")"
bench_kafka create-topic "$BOOTSTRAP" "$PERF_TOPIC" 6 && PERF_TOPIC_CREATED=1
# ProducerPerformance has no duration option: ask for far more records than fit, stop it after warm-up + window,
# and average its 5-second progress lines after the warm-up (the same window the ALS load measures).
PERF_SECONDS=$((WARMUP + DURATION + 2))
say "kafka: ProducerPerformance for ${WARMUP}s + ${DURATION}s, records of ~$RECORD_BYTES B, acks=$GW_ACKS $GW_CODEC linger.ms=$GW_LINGER batch.size=$GW_BATCH (load avg $(loadavg))"
KAFKA_LOAD_START="$(loadavg)"
rc=0
timeout -s TERM "$PERF_SECONDS" java -Xmx512m -cp "$KAFKA_CP" \
  "-Dlog4j2.configurationFile=$ROOT/infra/local/kafka/log4j2-tools.properties" \
  org.apache.kafka.tools.ProducerPerformance --topic "$PERF_TOPIC" --num-records 2000000000 --throughput -1 \
  --payload-file "$OUT/payload.txt" --producer-props "bootstrap.servers=$BOOTSTRAP" "acks=$GW_ACKS" \
  enable.idempotence=true "compression.type=$GW_CODEC" "linger.ms=$GW_LINGER" "batch.size=$GW_BATCH" \
  >"$OUT/kafka-perf.log" 2>&1 || rc=$?
[[ $rc == 0 || $rc == 124 ]] || { cat "$OUT/kafka-perf.log" >&2; die "ProducerPerformance failed (exit $rc)"; }
KAFKA_LOAD_END="$(loadavg)"
# progress lines: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency."
read -r K_RATE K_RECORDS K_SECONDS K_LAT <<<"$(awk -v skip="$(((WARMUP + 4) / 5))" '
  /records sent, .* records\/sec/ && !/50th/ {
    if (++n <= skip) next
    recs = $1; r = $4; lat = $8
    if (r > 0) { total += recs; secs += recs / r; latsum += lat * recs }
  }
  END { if (secs > 0) printf "%.1f %d %.1f %.1f\n", total / secs, total, secs, latsum / total; else print "nan 0 0 nan" }' \
  "$OUT/kafka-perf.log")"
{
  echo "records_per_s=$K_RATE"
  echo "window_records=$K_RECORDS"
  echo "window_s=$K_SECONDS"
  echo "avg_latency_ms=$K_LAT"
  echo "record_bytes=$RECORD_BYTES"
  echo "value_bytes=$VALUE_BYTES"
  echo "settings=acks=$GW_ACKS compression.type=$GW_CODEC linger.ms=$GW_LINGER batch.size=$GW_BATCH enable.idempotence=true"
  echo "settings_source=$SETTINGS_SOURCE"
  echo "loadavg_start=$KAFKA_LOAD_START"
  echo "loadavg_end=$KAFKA_LOAD_END"
} >"$OUT/kafka.properties"
bench_kafka delete-topic "$BOOTSTRAP" "$PERF_TOPIC" >/dev/null 2>&1 && PERF_TOPIC_CREATED=0

# ---------------------------------------------------------------- 4. the forwarding floor
FLOOR_CP="$OUT/classes:$(echo "$OUT"/gateway-app/app/ingest-gateway-*.jar):$TG_JAR:$KAFKA_CP"
javac -nowarn -d "$OUT/classes" -cp "$FLOOR_CP" "$SCRIPT_DIR/ForwardingFloor.java"
bench_kafka create-topic "$BOOTSTRAP" "$FLOOR_TOPIC" 6 >/dev/null && FLOOR_TOPIC_CREATED=1 \
  || die "could not create the forwarding floor's topic $FLOOR_TOPIC"
say "floor: starting ForwardingFloor on grpc :$BARE_PORT (the gateway's parse + one record per entry; load avg $(loadavg))"
java $HEAP -Dlocal.launcher.server=bench-floor -cp "$FLOOR_CP" \
  "-Dlog4j2.configurationFile=$ROOT/infra/local/kafka/log4j2-tools.properties" ForwardingFloor \
  --port "$BARE_PORT" --metrics-port "$BARE_METRICS_PORT" --bootstrap "$BOOTSTRAP" --topic "$FLOOR_TOPIC" \
  --payload "$OUT/payload.txt" --acks "$GW_ACKS" --compression "$GW_CODEC" --linger-ms "$GW_LINGER" \
  --batch-size "$GW_BATCH" </dev/null >"$OUT/floor.log" 2>&1 &
FLOOR_PID=$!
STARTED_PIDS+=("$FLOOR_PID")
drive_bare_port "$FLOOR_PID" floor forwarded
bench_kafka delete-topic "$BOOTSTRAP" "$FLOOR_TOPIC" >/dev/null 2>&1 && FLOOR_TOPIC_CREATED=0

echo "loadavg_end=$(loadavg)" >>"$OUT/meta.properties"
python3 "$SCRIPT_DIR/report.py" "$OUT" | tee "$OUT/summary.txt"
