#!/usr/bin/env bash
# Local ClickHouse-HTTP endpoint (the real ClickHouse engine from chdb) for Periscope.
#
#   ctl.sh install   venv at $PERISCOPE_HOME/venv-clickhouse with the pinned requirements (+ pytest); skipped
#                    when the requirements did not change
#   ctl.sh start     install if needed, launch on 127.0.0.1:$CLICKHOUSE_HTTP_PORT, wait for GET /ping
#   ctl.sh stop      SIGTERM (bounded wait, SIGKILL fallback)
#   ctl.sh status    one line "clickhouse <pid|-> <port> ready|down" (exit 0 ready, 3 down)
#   ctl.sh test      the endpoint's pytest suite (starts its own server on a free port and a temp dir);
#                    JUnit XML in target/surefire-reports/
#
#   CLICKHOUSE_HTTP_PORT      default 8123
#   CLICKHOUSE_START_TIMEOUT  seconds to wait for /ping (default 60)
#   PYTHON                    interpreter used to create the venv (default python3)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source=../lib.sh
. "$SCRIPT_DIR/../lib.sh"

NAME=clickhouse
HOST=127.0.0.1
PORT="${CLICKHOUSE_HTTP_PORT:-8123}"
START_TIMEOUT="${CLICKHOUSE_START_TIMEOUT:-60}"
VENV="$PERISCOPE_HOME/venv-clickhouse"
STAMP="$VENV/.requirements.sha256"
MARKER="--periscope-server=$NAME"

is_ready() { [[ "$(curl -fsS --max-time 2 "http://$HOST:$PORT/ping" 2>/dev/null || true)" == "Ok." ]]; }

# the server is a Python process: its marker is an argument it ignores, not a -D property
running() {
  local f pid; f="$(pid_file "$NAME")"
  [[ -f "$f" ]] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  if pid_alive "$pid" "$MARKER"; then echo "$pid"; return 0; fi
  rm -f "$f"
  return 1
}

cmd_install() {
  local want
  want="$(fingerprint "$SCRIPT_DIR/requirements.txt" "$SCRIPT_DIR/requirements-test.txt")"
  if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    say "clickhouse: venv up to date ($VENV)"
    return 0
  fi
  say "clickhouse: installing the pinned chdb engine into $VENV (PyPI)"
  "${PYTHON:-python3}" -m venv "$VENV" || die "clickhouse: cannot create a venv (apt-get install python3-venv)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$SCRIPT_DIR/requirements-test.txt" \
    || die "clickhouse: pip install failed"
  echo "$want" >"$STAMP"
}

cmd_start() {
  with_lock "$NAME"
  local pid
  if pid="$(running)"; then say "clickhouse: already running (pid $pid, port $PORT)"; return 0; fi
  is_ready && die "clickhouse: port $PORT already answers /ping but is not ours (no live pidfile)"
  cmd_install
  ensure_dirs "$NAME"
  pid="$(TZ=UTC start_bg "$NAME" "$VENV/bin/python" "$SCRIPT_DIR/chdb_http_server.py" \
    --data "$(data_dir "$NAME")" --host "$HOST" --port "$PORT" "$MARKER")"
  wait_until "$START_TIMEOUT" "$pid" is_ready || {
    kill "$pid" 2>/dev/null || true
    rm -f "$(pid_file "$NAME")"
    die "clickhouse: not ready within ${START_TIMEOUT}s" "$NAME"
  }
  say "clickhouse: ready (pid $pid, http://$HOST:$PORT, data $(data_dir "$NAME"))"
}

cmd_stop() {
  with_lock "$NAME"
  local pid
  if ! pid="$(running)"; then say "clickhouse: not running"; return 0; fi
  kill -TERM "$pid" 2>/dev/null || true
  wait_until 20 "" bash -c "! kill -0 $pid" || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$(pid_file "$NAME")"
  say "clickhouse: stopped (pid $pid)"
}

cmd_status() {
  local pid state=down
  pid="$(running)" || pid="-"
  [[ "$pid" != "-" ]] && is_ready && state=ready
  echo "clickhouse $pid $PORT $state"
  [[ "$state" == ready ]] || return 3
}

cmd_test() {
  cmd_install
  mkdir -p "$SCRIPT_DIR/target/surefire-reports"
  (cd "$SCRIPT_DIR" && "$VENV/bin/python" -m pytest -q tests \
    --junitxml="$SCRIPT_DIR/target/surefire-reports/TEST-clickhouse-endpoint.xml")
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  test) cmd_test ;;
  *) echo "usage: $0 install|start|stop|status|test" >&2; exit 2 ;;
esac
