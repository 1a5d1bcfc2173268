#!/usr/bin/env bash
# Local single-node Kafka (KRaft broker+controller) as a plain JVM process on loopback.
#
#   ctl.sh install        resolve the broker/tools classpath from pom.xml (Maven Central) and
#                         compile tools/KafkaTopics.java; skipped when nothing changed
#   ctl.sh start          install if needed, format storage once, launch, wait until the broker
#                         answers, create the topics of topics.txt (idempotent)
#   ctl.sh stop           SIGTERM (bounded wait, SIGKILL fallback)
#   ctl.sh restart
#   ctl.sh status         one line: "kafka <pid|-> <port> ready|down" (exit 0 ready, 3 down)
#   ctl.sh create-topics  create the topics against ${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}
#                         (works for an external broker too)
#   ctl.sh verify-topics  check every topic exists with its partitions and configs
#   ctl.sh classpath      print the classpath (e.g. java -cp "$(ctl.sh classpath)" org.apache.kafka.tools.ConsoleProducer ...)
#
# Environment:
#   PERISCOPE_HOME           default <repo>/.periscope
#   KAFKA_PORT               PLAINTEXT port (9092)     KAFKA_CONTROLLER_PORT   controller port (9093)
#   KAFKA_START_TIMEOUT      seconds to wait for readiness (90)
#   KAFKA_HEAP_OPTS          default "-Xms256m -Xmx512m"; KAFKA_JAVA_OPTS extra JVM options
#   KAFKA_PARTITIONS_<TOPIC> / KAFKA_TOPIC_PARTITIONS  partition overrides (see topics.txt)
#   KAFKA_BOOTSTRAP_SERVERS  set = "use an external broker": the top-level launcher then does not
#                            start this one; only create-topics/verify-topics honour it here.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$SCRIPT_DIR/../lib.sh"

NAME=kafka
KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

WORK="$PERISCOPE_HOME/kafka"            # classpath, compiled helper, rendered configs
CP_FILE="$WORK/classpath.txt"
FP_FILE="$WORK/install.sha256"
CLASSES="$WORK/classes"
DATA="$(data_dir "$NAME")"
LOG_DIRS="$DATA/log"
LOG="$(log_file "$NAME")"
TOOLS_JAVA_OPTS=(-Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
  "-Dlog4j2.configurationFile=$SCRIPT_DIR/log4j2-tools.properties")

local_bootstrap() { echo "$KAFKA_HOST:$KAFKA_PORT"; }

install_fingerprint() { (cd "$SCRIPT_DIR" && fingerprint pom.xml tools/KafkaTopics.java); }

classpath_complete() {
  local jar
  [[ -s "$CP_FILE" && -f "$CLASSES/KafkaTopics.class" ]] || return 1
  while IFS= read -r -d ':' jar || [[ -n "$jar" ]]; do
    [[ -f "$jar" ]] || return 1
  done <"$CP_FILE"
}

cmd_install() {
  require_java
  command -v javac >/dev/null 2>&1 || die "javac not found (a JDK 17+ is required, not only a JRE)"
  mkdir -p "$WORK" "$PERISCOPE_HOME/logs"
  local fp; fp="$(install_fingerprint)"
  if [[ -f "$FP_FILE" && "$(cat "$FP_FILE")" == "$fp" ]] && classpath_complete; then
    say "kafka: install up to date ($CP_FILE)"
    return 0
  fi
  local t0; t0=$(date +%s%N)
  local ilog="$PERISCOPE_HOME/logs/kafka-install.log"
  say "kafka: resolving classpath from $SCRIPT_DIR/pom.xml (Maven Central)"
  if ! mvn_cmd -q -B -f "$SCRIPT_DIR/pom.xml" dependency:build-classpath \
      "-Dmdep.outputFile=$CP_FILE.tmp" >"$ilog" 2>&1; then
    tail -n 30 "$ilog" >&2
    die "kafka: dependency resolution failed (full output: $ilog)"
  fi
  rm -rf "$CLASSES.tmp" && mkdir -p "$CLASSES.tmp"
  if ! javac -nowarn -d "$CLASSES.tmp" -cp "$(cat "$CP_FILE.tmp")" "$SCRIPT_DIR/tools/KafkaTopics.java" >>"$ilog" 2>&1; then
    tail -n 30 "$ilog" >&2
    die "kafka: compiling tools/KafkaTopics.java failed (full output: $ilog)"
  fi
  rm -rf "$CLASSES" && mv "$CLASSES.tmp" "$CLASSES"
  mv -f "$CP_FILE.tmp" "$CP_FILE"
  echo "$fp" >"$FP_FILE"
  say "kafka: installed in $(elapsed_since "$t0")s ($(tr ':' '\n' <"$CP_FILE" | wc -l) jars)"
}

classpath() {
  [[ -s "$CP_FILE" ]] || die "kafka: not installed (run: $0 install)"
  echo "$CLASSES:$(cat "$CP_FILE")"
}

# kafka_ready -- the broker answers an ApiVersions request (pure bash, no JVM):
# size=12 | api_key=18 | api_version=0 | correlation_id="PERS" | client_id="ps"
kafka_ready() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x00\x00\x00\x0c\x00\x12\x00\x00PERS\x00\x02ps" >&3
    hdr=$(head -c 10 <&3 | od -An -tx1 | tr -d " \n")
    [[ "${hdr:8:8}" == 50455253 && "${hdr:16:4}" == 0000 ]]
  ' "$KAFKA_HOST" "$KAFKA_PORT" 2>/dev/null
}

render_config() {
  mkdir -p "$WORK" "$LOG_DIRS"
  sed -e "s|@KAFKA_HOST@|$KAFKA_HOST|g" -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
      -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" -e "s|@LOG_DIRS@|$LOG_DIRS|g" \
      "$SCRIPT_DIR/server.properties" >"$WORK/server.properties"
}

# Kafka's Uuid.randomUuid(): 16 random bytes, URL-safe base64 without padding, not starting with '-'
new_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* && "$id" != AAAAAAAAAAAAAAAAAAAAA* ]] && { echo "$id"; return; }
  done
}

format_storage() {
  [[ -f "$LOG_DIRS/meta.properties" ]] && return 0
  local id_file="$DATA/cluster.id"
  [[ -s "$id_file" ]] || new_cluster_id >"$id_file"
  say "kafka: formatting $LOG_DIRS (cluster id $(cat "$id_file"))"
  java "${TOOLS_JAVA_OPTS[@]}" -cp "$(classpath)" kafka.tools.StorageTool format \
    -t "$(cat "$id_file")" -c "$WORK/server.properties" --ignore-formatted >>"$LOG" 2>&1 \
    || die "kafka: storage format failed" "$NAME"
}

# effective_topics FILE -- topics.txt with env partition overrides applied
effective_topics() {
  local out="$1" name parts rest var
  : >"$out"
  while read -r name parts rest; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    var="KAFKA_PARTITIONS_$(echo "$name" | tr '[:lower:].-' '[:upper:]__')"
    parts="${!var:-${KAFKA_TOPIC_PARTITIONS:-$parts}}"
    [[ "$parts" =~ ^[1-9][0-9]*$ ]] || die "kafka: bad partition count '$parts' for $name"
    echo "$name $parts $rest" >>"$out"
  done <"$SCRIPT_DIR/topics.txt"
}

topics_tool() { # MODE BOOTSTRAP
  local table; table="$(mktemp)"
  effective_topics "$table"
  local rc=0
  java "${TOOLS_JAVA_OPTS[@]}" -cp "$(classpath)" KafkaTopics "$1" "$2" "$table" || rc=$?
  rm -f "$table"
  return "$rc"
}

cmd_create_topics() {
  [[ -s "$CP_FILE" ]] || cmd_install
  local bs="${KAFKA_BOOTSTRAP_SERVERS:-$(local_bootstrap)}"
  say "kafka: ensuring topics on $bs"
  topics_tool create "$bs"
}

cmd_verify_topics() {
  [[ -s "$CP_FILE" ]] || cmd_install
  topics_tool verify "${KAFKA_BOOTSTRAP_SERVERS:-$(local_bootstrap)}"
}

cmd_start() {
  with_lock "$NAME"
  local pid
  if pid="$(running_pid "$NAME")"; then
    if kafka_ready; then
      say "kafka: already running (pid $pid) on $(local_bootstrap)"
      return 0
    fi
    say "kafka: pid $pid running but not answering yet; waiting up to ${KAFKA_START_TIMEOUT}s"
    wait_until "$KAFKA_START_TIMEOUT" "$pid" kafka_ready || die "kafka: pid $pid not ready" "$NAME"
    say "kafka: ready (pid $pid) on $(local_bootstrap)"
    return 0
  fi
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    tcp_open "$KAFKA_HOST" "$p" && die "kafka: $KAFKA_HOST:$p is already in use by another process (not ours: no live pidfile in $PERISCOPE_HOME/run)"
  done
  cmd_install
  ensure_dirs "$NAME"
  render_config
  format_storage
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086 # heap/extra opts are word lists
  pid="$(start_bg "$NAME" java $KAFKA_HEAP_OPTS -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    "$(server_marker "$NAME")" "-Dperiscope.home=$PERISCOPE_HOME" \
    "-Dlog4j2.configurationFile=$SCRIPT_DIR/log4j2.properties" "-Dperiscope.kafka.log=$LOG" \
    ${KAFKA_JAVA_OPTS:-} -cp "$(classpath)" kafka.Kafka "$WORK/server.properties")"
  say "kafka: started pid $pid, waiting for $(local_bootstrap) (up to ${KAFKA_START_TIMEOUT}s)"
  if ! wait_until "$KAFKA_START_TIMEOUT" "$pid" kafka_ready; then
    if kill -0 "$pid" 2>/dev/null; then
      stop_pidfile "$NAME" 20 >&2 || true
      die "kafka: not ready within ${KAFKA_START_TIMEOUT}s (stopped pid $pid)" "$NAME"
    fi
    rm -f "$(pid_file "$NAME")"
    die "kafka: process $pid exited during startup" "$NAME"
  fi
  say "kafka: broker answering after $(elapsed_since "$t0")s"
  KAFKA_BOOTSTRAP_SERVERS="$(local_bootstrap)" cmd_create_topics || die "kafka: topic creation failed" "$NAME"
  say "kafka: ready on $(local_bootstrap) (pid $pid) in $(elapsed_since "$t0")s"
}

cmd_stop() {
  with_lock "$NAME"
  stop_pidfile "$NAME" "${KAFKA_STOP_TIMEOUT:-60}"
}

cmd_status() {
  status_line "$NAME" "$KAFKA_PORT" kafka_ready
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) (cmd_stop) && cmd_start ;;
  status) cmd_status ;;
  create-topics) cmd_create_topics ;;
  verify-topics) cmd_verify_topics ;;
  classpath) classpath ;;
  *) echo "usage: $0 install|start|stop|restart|status|create-topics|verify-topics|classpath" >&2; exit 2 ;;
esac
