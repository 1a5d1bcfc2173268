# shellcheck shell=bash
# Shared helpers for infra/local/<server>/ctl.sh scripts. Source it, do not execute it:
#   . "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
#
# Conventions (every local server follows them):
#   PERISCOPE_HOME  default <repo root>/.periscope
#   data            $PERISCOPE_HOME/data/<server>
#   log             $PERISCOPE_HOME/logs/<server>.log
#   pidfile         $PERISCOPE_HOME/run/<server>.pid
#   build/install   $PERISCOPE_HOME/<server>/   (never inside the source tree)
# Processes are started with -Dlocal.launcher.server=<name> (not under periscope.*, which the services validate as config) (or another marker passed to
# start_bg) so a stale pidfile whose pid was reused by an unrelated process is never
# mistaken for a running server, and never signalled.

if [[ -n "${_PERISCOPE_LIB_SH:-}" ]]; then return 0; fi
_PERISCOPE_LIB_SH=1

PERISCOPE_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
PERISCOPE_HOME="${PERISCOPE_HOME:-$PERISCOPE_REPO_ROOT/.periscope}"
mkdir -p "$PERISCOPE_HOME" 2>/dev/null || { echo "error: cannot create PERISCOPE_HOME=$PERISCOPE_HOME" >&2; exit 1; }
PERISCOPE_HOME="$(cd "$PERISCOPE_HOME" && pwd -P)"
export PERISCOPE_HOME PERISCOPE_REPO_ROOT

data_dir() { echo "$PERISCOPE_HOME/data/$1"; }
log_file() { echo "$PERISCOPE_HOME/logs/$1.log"; }
pid_file() { echo "$PERISCOPE_HOME/run/$1.pid"; }
ensure_dirs() { mkdir -p "$PERISCOPE_HOME/data/$1" "$PERISCOPE_HOME/logs" "$PERISCOPE_HOME/run"; }

say() { echo "[$(date +%H:%M:%S)] $*"; }
warn() { echo "warning: $*" >&2; }

# log_tail NAME [LINES] -- last lines of the server log since its last start marker, to stderr
log_tail() {
  local f n; f="$(log_file "$1")"; n="${2:-40}"
  [[ -s "$f" ]] || return 0
  echo "---- last lines of $f ----" >&2
  awk -v n="$n" '/^==== / { c = 0 } { buf[c++ % n] = $0 }
    END { s = (c > n) ? c - n : 0; for (i = s; i < c; i++) print substr(buf[i % n], 1, 400) }' "$f" >&2
  echo "----" >&2
}

# die REASON [NAME] -- one-line reason on stderr (plus the log tail of NAME), exit 1
die() {
  echo "error: $1" >&2
  if [[ -n "${2:-}" ]]; then log_tail "$2"; fi
  exit 1
}

# pid_alive PID [MARKER] -- true if PID runs (and its command line contains MARKER, if given)
pid_alive() {
  local pid="$1" marker="${2:-}"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ -z "$marker" ]] && return 0
  [[ -r "/proc/$pid/cmdline" ]] || return 0   # no procfs: trust kill -0
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

server_marker() { echo "-Dlocal.launcher.server=$1"; }

# running_pid NAME -- prints the pid of the running server NAME; false (and removes a stale pidfile) if none
running_pid() {
  local f pid; f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  if pid_alive "$pid" "$(server_marker "$1")"; then echo "$pid"; return 0; fi
  rm -f "$f"
  return 1
}

# start_bg NAME CMD... -- launch CMD detached (own session, stdin closed, output appended to the log),
# write the pidfile, print the pid
start_bg() {
  local name="$1"; shift
  local log; log="$(log_file "$name")"
  ensure_dirs "$name"
  rotate_log "$name"
  local cmdline="$*"
  ((${#cmdline} > 300)) && cmdline="${cmdline:0:300}..."
  echo "==== $(date -Is) start: $cmdline" >>"$log"
  # Non-interactive bash has no job control, so setsid execs in place and $! is the server's pid.
  # fd 9 (the with_lock flock) is closed so the server does not hold the ctl lock.
  setsid "$@" </dev/null >>"$log" 2>&1 9>&- &
  local pid=$!
  echo "$pid" >"$(pid_file "$name")"
  echo "$pid"
}

# rotate_log NAME [MAX_BYTES] -- keep one previous log once the log exceeds MAX_BYTES (20 MiB)
rotate_log() {
  local f size; f="$(log_file "$1")"
  [[ -f "$f" ]] || return 0
  size=$(stat -c %s "$f" 2>/dev/null || echo 0)
  if (( size > ${2:-20971520} )); then mv -f "$f" "$f.1"; fi
}

# tcp_open HOST PORT -- true if a TCP connect succeeds within 1 s
tcp_open() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null
}

# wait_for_tcp HOST PORT TIMEOUT_S [PID] -- poll until HOST:PORT accepts; false after TIMEOUT_S
# (or as soon as PID, if given, has exited)
wait_for_tcp() {
  local host="$1" port="$2" timeout_s="$3" pid="${4:-}"
  local deadline=$((SECONDS + timeout_s))
  while ((SECONDS < deadline)); do
    tcp_open "$host" "$port" && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.2
  done
  tcp_open "$host" "$port"
}

# wait_until TIMEOUT_S PID CMD... -- poll CMD (every 0.3 s) until it succeeds; false after
# TIMEOUT_S or as soon as PID (may be empty) has exited
wait_until() {
  local timeout_s="$1" pid="$2"; shift 2
  local deadline=$((SECONDS + timeout_s))
  while ((SECONDS < deadline)); do
    "$@" >/dev/null 2>&1 && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.3
  done
  "$@" >/dev/null 2>&1
}

# stop_pidfile NAME [TIMEOUT_S] -- SIGTERM, wait up to TIMEOUT_S (default 30), then SIGKILL
stop_pidfile() {
  local name="$1" timeout_s="${2:-30}" pid
  if ! pid="$(running_pid "$name")"; then
    say "$name: not running"
    rm -f "$(pid_file "$name")"
    return 0
  fi
  say "$name: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout_s))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name: pid $pid still alive after ${timeout_s}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    local kdeadline=$((SECONDS + 10))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < kdeadline)); do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && die "$name: pid $pid survived SIGKILL"
  fi
  rm -f "$(pid_file "$name")"
  say "$name: stopped"
}

# status_line NAME PORT READY_CMD... -- prints "name pid port ready|down"; returns 0 if ready, 3 if not
status_line() {
  local name="$1" port="$2"; shift 2
  local pid state=down
  pid="$(running_pid "$name")" || pid="-"
  if "$@" >/dev/null 2>&1; then state=ready; fi
  echo "$name $pid $port $state"
  [[ "$state" == ready ]] || return 3
}

# with_lock NAME -- serialise ctl operations on one server (fd 9 held until the script exits)
with_lock() {
  mkdir -p "$PERISCOPE_HOME/run"
  exec 9>"$PERISCOPE_HOME/run/$1.lock"
  flock -w "${2:-180}" 9 || die "$1: another ctl.sh operation holds $PERISCOPE_HOME/run/$1.lock"
}

require_java() {
  command -v java >/dev/null 2>&1 || die "java not found on PATH (JDK 17+ required)"
  local v
  v="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [[ "${v%%.*}" =~ ^[0-9]+$ && "${v%%.*}" -ge 17 ]] || die "java $v found, 17+ required"
}

# mvn_cmd ARGS... -- the repo's Maven wrapper if present (3.9.x: cross-process file locks on the
# shared ~/.m2, safe when other builds run at the same time), else mvn from PATH.
mvn_cmd() {
  local mvn=()
  if [[ -n "${MVN:-}" ]]; then
    read -r -a mvn <<<"$MVN"
  elif [[ -x "$PERISCOPE_REPO_ROOT/mvnw" ]]; then
    mvn=("$PERISCOPE_REPO_ROOT/mvnw")
  elif command -v mvn >/dev/null 2>&1; then
    mvn=(mvn)
  else
    die "neither $PERISCOPE_REPO_ROOT/mvnw nor mvn found"
  fi
  local locks=()
  if "${mvn[@]}" -v 2>/dev/null | grep -q 'Apache Maven 3\.9\|Apache Maven [4-9]'; then
    locks=(-Daether.syncContext.named.factory=file-lock -Daether.syncContext.named.nameMapper=file-gav)
  fi
  "${mvn[@]}" "${locks[@]}" "$@"
}

# fingerprint FILE... -- one sha256 over the given files' contents and names
fingerprint() {
  local f
  for f in "$@"; do echo "$f"; cat "$f"; done | sha256sum | cut -d' ' -f1
}

# elapsed_since START_NS -- seconds with one decimal since START_NS ($(date +%s%N))
elapsed_since() {
  local now; now=$(date +%s%N)
  awk -v a="$1" -v b="$now" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'
}
