#!/usr/bin/env bash
# Local MongoDB-API server (mongo-java-server, H2 MVStore file backend) as a plain JVM process on
# loopback. A stand-in, not MongoDB: see shared/notes/mongo-local.md.
#
#   ctl.sh install       build $PERISCOPE_HOME/mongo/build/local-mongo.jar (+ lib/) from this folder;
#                        skipped when pom.xml and src/ are unchanged and the jar exists
#   ctl.sh start         install if needed, launch, wait until {ping: 1} answers over the wire
#   ctl.sh stop          SIGTERM (the shutdown hook closes the H2 store), bounded, SIGKILL fallback
#   ctl.sh restart
#   ctl.sh status        one line: "mongo <pid|-> <port> ready|down" (exit 0 ready, 3 down)
#   ctl.sh client ARGS   run the jar's client modes, e.g. client --count mongodb://127.0.0.1:27017 periscope c
#                        (--ping URI | --insert URI DB COLL JSON | --count URI DB COLL [FILTER] | --check URI)
#   ctl.sh check         functional checks (unique compound index, _id upsert, 11000) against
#                        ${MONGO_URI:-mongodb://127.0.0.1:$MONGO_PORT}
#   ctl.sh jar           print the jar path
#
# Environment:
#   PERISCOPE_HOME        default <repo>/.periscope; data file $PERISCOPE_HOME/data/mongo/periscope.mv.db
#   MONGO_PORT            27017            MONGO_START_TIMEOUT   seconds to wait for readiness (30)
#   MONGO_BACKEND         h2 (file, default) | memory (nothing persists)
#   MONGO_HEAP_OPTS       default "-Xms64m -Xmx512m"; MONGO_JAVA_OPTS extra JVM options
#   MONGO_URI             set = "use an external MongoDB": the top-level launcher then does not start
#                         this one; only `check` honours it here.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$SCRIPT_DIR/../lib.sh"

NAME=mongo
MONGO_HOST=127.0.0.1
MONGO_PORT="${MONGO_PORT:-27017}"
MONGO_START_TIMEOUT="${MONGO_START_TIMEOUT:-30}"
MONGO_BACKEND="${MONGO_BACKEND:-h2}"
MONGO_HEAP_OPTS="${MONGO_HEAP_OPTS:--Xms64m -Xmx512m}"

WORK="$PERISCOPE_HOME/mongo"
BUILD="$WORK/build"
JAR="$BUILD/local-mongo.jar"
FP_FILE="$WORK/install.sha256"
DATA="$(data_dir "$NAME")"
DATA_FILE="$DATA/periscope.mv.db"
LOCAL_URI="mongodb://$MONGO_HOST:$MONGO_PORT"
CLIENT_JAVA_OPTS=(-Xms16m -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

install_fingerprint() {
  (cd "$SCRIPT_DIR" && mapfile -t files < <(find src -type f | LC_ALL=C sort) && fingerprint pom.xml "${files[@]}")
}

jar_complete() {
  # dependencies are copied next to the jar (Class-Path: lib/...), so ~/.m2 is not needed at run time
  [[ -f "$JAR" ]] && compgen -G "$BUILD/lib/mongodb-driver-sync-*.jar" >/dev/null \
    && compgen -G "$BUILD/lib/mongo-java-server-h2-backend-*.jar" >/dev/null
}

cmd_install() {
  require_java
  mkdir -p "$WORK" "$PERISCOPE_HOME/logs"
  local fp; fp="$(install_fingerprint)"
  if [[ -f "$FP_FILE" && "$(cat "$FP_FILE")" == "$fp" ]] && jar_complete; then
    say "mongo: install up to date ($JAR)"
    return 0
  fi
  local t0; t0=$(date +%s%N)
  local ilog="$PERISCOPE_HOME/logs/mongo-install.log"
  say "mongo: building $JAR (Maven Central)"
  rm -rf "$BUILD"
  if ! mvn_cmd -q -B -f "$SCRIPT_DIR/pom.xml" "-Dlocal.mongo.build.dir=$BUILD" package >"$ilog" 2>&1; then
    tail -n 30 "$ilog" >&2
    die "mongo: build failed (full output: $ilog)"
  fi
  [[ -f "$JAR" ]] || die "mongo: build produced no $JAR (see $ilog)"
  echo "$fp" >"$FP_FILE"
  say "mongo: installed in $(elapsed_since "$t0")s"
}

client() {
  [[ -f "$JAR" ]] || cmd_install >&2
  java "${CLIENT_JAVA_OPTS[@]}" -jar "$JAR" "$@"
}

mongo_ready() { tcp_open "$MONGO_HOST" "$MONGO_PORT" && client --ping "$LOCAL_URI" >/dev/null 2>&1; }

cmd_start() {
  with_lock "$NAME"
  local pid
  if pid="$(running_pid "$NAME")"; then
    if mongo_ready; then
      say "mongo: already running (pid $pid) on $LOCAL_URI"
      return 0
    fi
    say "mongo: pid $pid running but not answering yet; waiting up to ${MONGO_START_TIMEOUT}s"
    wait_until "$MONGO_START_TIMEOUT" "$pid" mongo_ready || die "mongo: pid $pid not ready" "$NAME"
    say "mongo: ready (pid $pid) on $LOCAL_URI"
    return 0
  fi
  tcp_open "$MONGO_HOST" "$MONGO_PORT" \
    && die "mongo: $MONGO_HOST:$MONGO_PORT is already in use by another process (not ours: no live pidfile in $PERISCOPE_HOME/run)"
  cmd_install
  ensure_dirs "$NAME"
  local args
  case "$MONGO_BACKEND" in
    h2) args=("$DATA_FILE") ;;
    memory) args=(--memory) ;;
    *) die "mongo: MONGO_BACKEND must be h2 or memory, not '$MONGO_BACKEND'" ;;
  esac
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086 # heap/extra opts are word lists
  pid="$(start_bg "$NAME" java $MONGO_HEAP_OPTS -XX:+ExitOnOutOfMemoryError "$(server_marker "$NAME")" \
    "-Dperiscope.home=$PERISCOPE_HOME" ${MONGO_JAVA_OPTS:-} \
    -jar "$JAR" --host "$MONGO_HOST" --port "$MONGO_PORT" "${args[@]}")"
  say "mongo: started pid $pid ($MONGO_BACKEND), waiting for $LOCAL_URI (up to ${MONGO_START_TIMEOUT}s)"
  if ! wait_for_tcp "$MONGO_HOST" "$MONGO_PORT" "$MONGO_START_TIMEOUT" "$pid" \
      || ! wait_until "$((MONGO_START_TIMEOUT / 2 + 1))" "$pid" client --ping "$LOCAL_URI"; then
    if kill -0 "$pid" 2>/dev/null; then
      stop_pidfile "$NAME" 20 >&2 || true
      die "mongo: not ready within ${MONGO_START_TIMEOUT}s (stopped pid $pid)" "$NAME"
    fi
    rm -f "$(pid_file "$NAME")"
    die "mongo: process $pid exited during startup" "$NAME"
  fi
  say "mongo: ready on $LOCAL_URI (pid $pid, data $([[ $MONGO_BACKEND == h2 ]] && echo "$DATA_FILE" || echo "in memory")) in $(elapsed_since "$t0")s"
}

cmd_stop() {
  with_lock "$NAME"
  stop_pidfile "$NAME" "${MONGO_STOP_TIMEOUT:-30}"
}

cmd_status() {
  status_line "$NAME" "$MONGO_PORT" mongo_ready
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) (cmd_stop) && cmd_start ;;
  status) cmd_status ;;
  client) shift; client "$@" ;;
  check) client --check "${MONGO_URI:-$LOCAL_URI}" ;;
  jar) echo "$JAR" ;;
  *) echo "usage: $0 install|start|stop|restart|status|client ARGS|check|jar" >&2; exit 2 ;;
esac
