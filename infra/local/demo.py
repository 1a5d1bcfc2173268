"""Sends demo traffic through the running pipeline and prints, per store, what arrived during this run.

Counts are deltas against a snapshot taken before sending, so repeated demos stay readable.
"""
import argparse
import base64
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import doctor  # the readiness reader token, found as ./periscope doctor finds it

GATEWAY = "127.0.0.1:18090"
INVENTORY_API = "http://127.0.0.1:18200/api/inventory"
INSTANCES_API = "http://127.0.0.1:18400/api/instances"
TOPICS = ["periscope.access.raw.v1", "periscope.access.enriched.v1", "periscope.ops.health.v1",
          "periscope.access.dlq.v1"]
SETTLE_TIMEOUT_S = 120
STALE_AFTER_S = 30


def topic_offsets() -> dict:
    """Sum of end offsets per topic (records ever written, retention not being reached in a demo)."""
    command = ["java", "-Xmx128m", "-XX:TieredStopAtLevel=1", f"-Dlog4j2.configurationFile={os.environ['KAFKA_TOOLS_LOG4J']}",
               "-cp", os.environ["KAFKA_CLASSPATH"], "org.apache.kafka.tools.GetOffsetShell",
               "--bootstrap-server", os.environ["KAFKA_BOOTSTRAP_SERVERS"], "--topic-partitions", r"periscope\..*"]
    output = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True).stdout
    totals = {topic: 0 for topic in TOPICS}
    for line in output.splitlines():
        topic, _, offset = line.rpartition(":")
        topic = topic.rpartition(":")[0]
        if topic in totals:
            totals[topic] += int(offset)
    return totals


def clickhouse(sql: str) -> str:
    uri = urllib.parse.urlsplit(os.environ["CLICKHOUSE_URI"])
    base = f"{uri.scheme}://{uri.hostname}:{uri.port or 8123}/"
    request = urllib.request.Request(base, data=sql.encode(), method="POST")
    user = os.environ.get("CLICKHOUSE_USERNAME") or urllib.parse.unquote(uri.username or "")
    password = os.environ.get("CLICKHOUSE_PASSWORD") or urllib.parse.unquote(uri.password or "")
    if user:
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def clickhouse_rows(projects) -> dict:
    database = os.environ.get("CLICKHOUSE_DATABASE", "periscope")
    quoted = ",".join("'" + p.replace("'", "") + "'" for p in projects)
    text = clickhouse(f"SELECT project_id, count() FROM {database}.api_events_raw WHERE project_id IN ({quoted}) "
                      "GROUP BY project_id FORMAT TabSeparated")
    rows = {p: 0 for p in projects}
    for line in text.splitlines():
        project, count = line.split("\t")
        rows[project] = int(count)
    return rows


def get_json(url: str, token: str = ""):
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def inventory(project: str) -> list:
    """Every endpoint of the project, page by page (the read API pages at most 100 per request)."""
    documents, offset = [], 0
    while True:
        query = urllib.parse.urlencode({"project": project, "limit": 100, "offset": offset})
        page = get_json(INVENTORY_API + "?" + query)
        items = page.get("items", [])
        documents.extend(items)
        offset += len(items)
        if not items or offset >= int(page.get("total", 0)):
            return documents


def seen_total(projects) -> dict:
    return {p: sum(int(doc.get("seen_count", 0)) for doc in inventory(p)) for p in projects}


def run_generator(jar: str, args) -> tuple:
    command = ["java", "-jar", jar, "--target", GATEWAY, "--entries", "3000", "--streams", "4", *args]
    print("$ " + " ".join(command[:3] + ["…"] + command[4:]), flush=True)
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    print(result.stdout, end="")
    if result.returncode != 0:
        sys.exit(f"traffic generator failed ({result.returncode}): {result.stderr.strip()}")
    # Health probes are dropped at the gateway by the default ingest_deny_patterns: expect the rest.
    expected = {m.group(1): int(m.group(2)) - int(m.group(3)) for m in re.finditer(
        r"^project (\S+)\s+sent\s+(\d+) entries,\s+(\d+) health probes", result.stdout, re.M)}
    if not expected:
        sys.exit("traffic generator printed no per-project lines")
    return expected


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--generator", required=True)
    known, generator_args = parser.parse_known_args()

    before_topics = topic_offsets()
    # Project names are fixed by the generator (plus an optional --project-suffix): learn them with a dry run.
    dry = subprocess.run(["java", "-jar", known.generator, "--dry-run", *generator_args], capture_output=True,
                         text=True, timeout=120)
    projects = re.findall(r"^project (\S+)\s", dry.stdout, re.M)
    before_rows = clickhouse_rows(projects) if projects else {}
    before_seen = seen_total(projects) if projects else {}

    sent = run_generator(known.generator, generator_args)
    total = sum(sent.values())
    before_rows = {p: before_rows.get(p, 0) for p in sent}
    before_seen = {p: before_seen.get(p, 0) for p in sent}

    print(f"\nwaiting (up to {SETTLE_TIMEOUT_S}s) for {total} entries to reach every store…", flush=True)
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    while True:
        offsets = topic_offsets()
        delta = {t: offsets[t] - before_topics[t] for t in TOPICS}
        rows = clickhouse_rows(sent)
        seen = seen_total(sent)
        rows_delta = {p: rows[p] - before_rows[p] for p in sent}
        seen_delta = {p: seen[p] - before_seen[p] for p in sent}
        settled = (delta[TOPICS[0]] >= total and delta[TOPICS[1]] >= total
                   and sum(rows_delta.values()) >= total and sum(seen_delta.values()) >= total)
        if settled or time.monotonic() > deadline:
            break
        time.sleep(1)

    print("\nKafka (records written during this demo)")
    for topic in TOPICS:
        print(f"  {topic:32} {delta[topic]:>7}")
    print("\nMongoDB api_inventory (documents of the demo projects; seen_count added by this demo)")
    for project in sent:
        docs = inventory(project)
        print(f"  {project}: {len(docs)} endpoints, seen_count +{seen_delta[project]} (expected {sent[project]})")
        for doc in sorted(docs, key=lambda d: -int(d.get("seen_count", 0)))[:5]:
            name = doc.get("grpc_service") and f"{doc['grpc_service']}/{doc.get('grpc_method', '')}" \
                or f"{doc.get('method', '')} {doc.get('normalized_path', '')}"
            print(f"      {int(doc.get('seen_count', 0)):>6}  {doc.get('protocol', ''):8} {doc.get('host', '')} {name}")
    print("\nClickHouse api_events_raw (rows added by this demo)")
    for project in sent:
        print(f"  {project:32} {rows_delta[project]:>7}")
    print(f"\nreadiness-service instances (reporting within the last {STALE_AFTER_S}s)")
    instances = get_json(INSTANCES_API, doctor.bearer_token() or "")
    live = [i for i in instances if float(i.get("age_seconds", 0)) <= STALE_AFTER_S]
    for instance in live:
        print(f"  {instance.get('service', ''):18} {instance.get('instance_id', ''):24} {instance.get('status', ''):9} "
              f"last report {float(instance.get('age_seconds', 0)):.1f}s ago")
    if len(live) < len(instances):
        print(f"  ({len(instances) - len(live)} more instances have not reported for over {STALE_AFTER_S}s: "
              "stopped without shutting down, or from earlier test runs)")
    complete = (delta[TOPICS[0]] >= total and delta[TOPICS[1]] >= total
                and sum(rows_delta.values()) >= total and sum(seen_delta.values()) >= total)
    print("\n" + (f"all {total} entries reached Kafka, MongoDB and ClickHouse" if complete else
                  f"NOT SETTLED after {SETTLE_TIMEOUT_S}s: see ./periscope status and ./periscope logs SERVICE"))
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
