#!/usr/bin/env bash
# Checks the Prometheus configuration and alert rules with promtool (Debian/Ubuntu: apt-get install prometheus):
# the scrape config and the rule files it loads, then the rules' unit tests. Exit 0 only when all pass.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
PROMTOOL="${PROMTOOL:-promtool}"

if ! command -v "$PROMTOOL" >/dev/null 2>&1; then
  echo "error: promtool not found (PROMTOOL=$PROMTOOL); install Debian's 'prometheus' package" \
       "(apt-get install prometheus) or point PROMTOOL at a promtool binary" >&2
  exit 2
fi

cd "$DIR"
"$PROMTOOL" check config prometheus.yml
"$PROMTOOL" check rules alerts.yml
"$PROMTOOL" test rules alerts_test.yml
