#!/usr/bin/env bash
# Runs every test against the servers ./periscope test has started (or the external ones named by
# KAFKA_BOOTSTRAP_SERVERS / MONGO_URI / CLICKHOUSE_URI): the ClickHouse endpoint's own pytest suite, the
# launcher's Python tests, the Prometheus rules' promtool checks, then one Maven build that runs unit tests,
# integration tests and the PipelineIT.
# Extra arguments go to Maven.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
# shellcheck source=lib.sh
. "$ROOT/infra/local/lib.sh"

failed=0
say "tests: ClickHouse endpoint (pytest)"
"$ROOT/infra/local/clickhouse/ctl.sh" test || failed=1

say "tests: launcher (python unittest)"
python3 -m unittest discover -s "$ROOT/infra/local" -p 'test_doctor.py' || failed=1

say "tests: Prometheus config and alert rules (promtool)"
"$ROOT/infra/prometheus/check.sh" || failed=1

say "tests: Maven verify (unit, integration, pipeline)"
(cd "$ROOT" && mvn_cmd -B -ntp verify "$@") || failed=1

python3 "$ROOT/infra/local/test_summary.py" "$ROOT" || failed=1
exit $failed
