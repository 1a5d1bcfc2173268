#!/usr/bin/env python3
"""Where the time goes in a JFR recording (JDK 17 has no `jfr view hot-methods`).

usage: jfr-hot.py RECORDING.jfr [--top 20]

Runs `jfr print --json --stack-depth 64` for jdk.ExecutionSample (Java threads only: GC and JIT compiler threads
are native and not sampled) and jdk.GarbageCollection, then prints:
  * samples by thread group (digits stripped from thread names),
  * the hottest methods by self samples (top frame),
  * exclusive shares of the gateway's building blocks (each sample goes to the block of its innermost frame
    that belongs to one; JDK frames fall through to their caller's block) and inclusive shares (a sample counts
    once per block if any of its frames matches),
  * GC pauses.
"""
import collections
import json
import re
import subprocess
import sys

BLOCKS = [
    ("gRPC/Netty transport (io.grpc, io.netty)", ("io.grpc.", "io.netty.", "io.vertx.")),
    ("Envoy ALS message parse + field access (io.envoyproxy, protobuf decode)", ("io.envoyproxy.",
                                                                              "com.google.protobuf.CodedInputStream")),
    ("gateway mapping + privacy (dev.periscope.gateway.mapping/.privacy)", ("dev.periscope.gateway.mapping.",
                                                                          "dev.periscope.gateway.privacy.")),
    ("gateway runtime filters", ("dev.periscope.gateway.filter.", "dev.periscope.gateway.runtime.")),
    ("gateway stream/service", ("dev.periscope.gateway.service.",)),
    ("gateway publisher (messaging)", ("dev.periscope.gateway.messaging.",)),
    ("salted hashing (MessageDigest)", ("java.security.MessageDigest", "sun.security.provider.")),
    ("AccessEvent build/serialize (model.v1, CodedOutputStream)", ("dev.periscope.model.",
                                                                 "com.google.protobuf.CodedOutputStream")),
    ("Kafka producer client (org.apache.kafka)", ("org.apache.kafka.",)),
    ("lz4 compression", ("net.jpountz.", "org.apache.kafka.common.compress.Lz4")),
    ("Micrometer metrics", ("io.micrometer.",)),
    ("JDK queues/locks (java.util.concurrent)", ("java.util.concurrent.",)),
    ("JSON/logging", ("org.jboss.logging.", "org.jboss.logmanager.", "com.fasterxml.")),
]


def frame_name(frame):
    method = frame.get("method", {})
    return f"{method.get('type', {}).get('name', '?').replace('/', '.')}.{method.get('name', '?')}"


def load(path, event, depth):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", event, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 20
    samples = load(path, "jdk.ExecutionSample", 64)
    total = len(samples)
    if total == 0:
        print("no execution samples")
        return
    by_thread = collections.Counter()
    self_counts = collections.Counter()
    blocks = collections.Counter()
    owner = collections.Counter()
    owner_by_thread = collections.defaultdict(collections.Counter)
    for s in samples:
        values = s["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or "?"
        group = re.sub(r"[-#]?\d+", "-N", thread)
        by_thread[group] += 1
        frames = [frame_name(f) for f in (values.get("stackTrace") or {}).get("frames", [])]
        if frames:
            self_counts[frames[0]] += 1
        for label, prefixes in BLOCKS:
            if any(f.startswith(prefixes) for f in frames):
                blocks[label] += 1
        block = next((label for f in frames for label, prefixes in BLOCKS if f.startswith(prefixes)), "other")
        owner[block] += 1
        owner_by_thread[group][block] += 1

    print(f"{total} execution samples (Java threads, ~every 10-20 ms per running thread)")
    print("\nby thread group:")
    for name, n in by_thread.most_common(12):
        print(f"  {n / total:6.1%}  {name}")
        if n / total >= 0.05:
            print("          " + "; ".join(f"{label.split(' (')[0]} {c / n:.0%}"
                                          for label, c in owner_by_thread[name].most_common(4)))
    print(f"\nhottest methods (self):")
    for name, n in self_counts.most_common(top):
        print(f"  {n / total:6.1%}  {name}")
    print("\nexclusive, by building block (each sample to the block of its innermost frame that has one):")
    for label, n in owner.most_common():
        print(f"  {n / total:6.1%}  {label}")
    print("\ninclusive, by building block (a sample may count in several):")
    for label, _ in BLOCKS:
        if blocks[label]:
            print(f"  {blocks[label] / total:6.1%}  {label}")

    gcs = load(path, "jdk.GarbageCollection", 1)
    pauses = []
    for g in gcs:
        v = g["values"]
        pauses.append((v.get("name", "?"), parse_duration(v.get("sumOfPauses", v.get("duration", "0 s")))))
    if gcs:
        start = min(g["values"]["startTime"] for g in gcs)
        names = collections.Counter(n for n, _ in pauses)
        print(f"\nGC: {len(gcs)} collections ({', '.join(f'{k} {v}' for k, v in names.items())}), "
              f"pauses total {sum(p for _, p in pauses) * 1000:.0f} ms, longest {max(p for _, p in pauses) * 1000:.1f} ms"
              f" (first at {start})")


def parse_duration(value):
    """JFR JSON durations: ISO-8601 'PT0.001234S' or a number of nanoseconds."""
    if isinstance(value, (int, float)):
        return value / 1e9
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", value or "")
    if m:
        return int(m.group(1) or 0) * 60 + float(m.group(2))
    return 0.0


if __name__ == "__main__":
    main()
