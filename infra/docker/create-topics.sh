#!/usr/bin/env bash
# Creates the Periscope topics listed in topics.txt (the same file the local launcher reads) on a broker.
# Usage: create-topics.sh BOOTSTRAP TOPICS_FILE   (runs inside the apache/kafka image)
set -euo pipefail
bootstrap="$1"
while read -r name partitions configs; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  args=()
  for pair in $configs; do args+=(--config "$pair"); done
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor 1 "${args[@]}"
done <"$2"
