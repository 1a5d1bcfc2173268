#!/usr/bin/env python3
"""Prints the gateway benchmark's summary from the files infra/bench/gateway.sh wrote into one run directory.

usage: report.py RUN_DIR   (meta.properties, gateway.properties, bare.properties, kafka.properties, floor.properties)
"""
import sys
from pathlib import Path


def props(path):
    out = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                out[key] = value
    return out


def num(d, key, default=float("nan")):
    try:
        return float(d.get(key, default))
    except ValueError:
        return default


def rate(v):
    return "n/a" if v != v else f"{v:,.0f}"


def ms(v):
    return "n/a" if v != v else f"{v:.2f}"


def mib(kib):
    return "n/a" if kib != kib or kib < 0 else f"{kib / 1024:.0f}"


def main():
    run = Path(sys.argv[1])
    meta, gw, bare, kafka, floor = (props(run / f) for f in ("meta.properties", "gateway.properties",
                                                             "bare.properties", "kafka.properties", "floor.properties"))
    print()
    print(f"Gateway benchmark {meta.get('run_id', '?')}: {meta.get('nproc', '?')} CPUs ({meta.get('cpu', '?')}), "
          f"{meta.get('memory', '?')}")
    print(f"  {meta.get('jdk', '?')}; heap {meta.get('heap', '?')}; Kafka {meta.get('kafka', '?')} (co-located); "
          f"git {meta.get('git', '?')}, gateway jar {meta.get('gateway_jar', '?')}")
    print(f"  load: {gw.get('streams', '?')} closed-loop ALS streams, pre-serialized batches of {gw.get('batch', '?')} "
          f"entries (~{num(gw, 'mean_message_bytes') / 1024:.1f} KiB/message), {gw.get('warmup_s', '?')} s warm-up "
          f"excluded, {num(gw, 'window_s'):.1f} s measured")
    print()
    header = f"  {'':28} {'entries/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'RSS peak/end MiB':>17}  load avg (window start / end)"
    print(header)
    for label, d, what in (("gateway (accepted)", gw, "accepted_per_s"), ("bare ceiling (parse only)", bare, "accepted_per_s"),
                           ("forwarding floor", floor, "published_per_s")):
        print(f"  {label:28} {rate(num(d, what)):>11} {ms(num(d, 'handling_p50_ms')):>8} {ms(num(d, 'handling_p99_ms')):>8} "
              f"{mib(num(d, 'rss_peak_kib')) + '/' + mib(num(d, 'rss_kib')):>17}  "
              f"{d.get('loadavg_window_start', '?')} / {d.get('loadavg_window_end', '?')}")
    k_rate = num(kafka, "records_per_s")
    print(f"  {'kafka ceiling (producer)':28} {rate(k_rate):>11} {'':>8} {'':>8} {'':>17}  "
          f"{kafka.get('loadavg_start', '?')} / {kafka.get('loadavg_end', '?')}")
    print()
    print(f"  per-message handling time: gateway from {gw.get('handling_source', '?')}; "
          f"bare from {bare.get('handling_source', '?')}")
    print(f"  server CPU over the window (all threads, JIT and GC included): gateway "
          f"{gw.get('server_cpu_cores', '?')} cores = {gw.get('server_cpu_us_per_entry', '?')} us/entry received, "
          f"bare {bare.get('server_cpu_cores', '?')} cores = {bare.get('server_cpu_us_per_entry', '?')} us/entry, "
          f"floor {floor.get('server_cpu_cores', '?')} cores = {floor.get('server_cpu_us_per_entry', '?')} us/entry")
    for label, d in (("gateway", gw), ("floor", floor)):
        by_thread = d.get("server_cpu_us_per_entry_by_thread", "")
        if by_thread:
            print(f"  {label} CPU us/entry by thread: {by_thread.replace(',', ', ')}")
    print(f"  client send->ready p50/p99 ms: gateway {ms(num(gw, 'client_send_ready_p50_ms'))}/"
          f"{ms(num(gw, 'client_send_ready_p99_ms'))}, bare {ms(num(bare, 'client_send_ready_p50_ms'))}/"
          f"{ms(num(bare, 'client_send_ready_p99_ms'))}")
    print(f"  gateway window: sent {rate(num(gw, 'sent_entries_per_s'))}/s, received {rate(num(gw, 'received_per_s'))}/s, "
          f"published {rate(num(gw, 'published_per_s'))}/s, dropped {gw.get('dropped_window', '?')} "
          f"({gw.get('dropped_window_by_reason', '?')})")
    print(f"  kafka: ProducerPerformance, records of {kafka.get('record_bytes', '?')} B (value "
          f"{kafka.get('value_bytes', '?')} B + key + headers, sampled from the gateway's output of this run), "
          f"{kafka.get('settings', '?')} [from {kafka.get('settings_source', '?')}]")
    print(f"         {num(kafka, 'window_records'):,.0f} records in the {num(kafka, 'window_s'):.1f} s after warm-up, "
          f"avg send->ack latency {kafka.get('avg_latency_ms', '?')} ms")
    print()
    g = num(gw, "accepted_per_s")
    if bare:
        b = num(bare, "accepted_per_s")
        # a ceiling that could not be measured (NaN: e.g. no Kafka progress line after a short warm-up) is left out
        which = "bare" if k_rate != k_rate or b <= k_rate else "kafka"
        lower = b if which == "bare" else k_rate
        ratio = g / lower if lower > 0 else float("nan")
        print(f"  ratios: gateway/bare {g / b:.1%}, gateway/kafka {g / k_rate:.1%}; "
              f"gateway / lower ceiling ({which}) {ratio:.1%}: target >= 50% "
              f"{'MET' if ratio >= 0.5 else 'NOT MET'}")
        f_rate = num(floor, "published_per_s")
        print(f"  forwarding floor (the gateway's parse + one record per entry, nothing else): {rate(f_rate)} entries/s = "
              f"{f_rate / lower:.1%} of the lower ceiling, the most any gateway reaches on this machine; "
              f"gateway / floor {g / f_rate:.1%}")
    else:
        print("  gateway only (--gateway-only): no ceilings, no ratios")
    sent, received = num(gw, "sent_total"), num(gw, "received_total")
    published, dropped = num(gw, "published_total"), num(gw, "dropped_total")
    ok = gw.get("all_accounted") == "true"
    print(f"  accounting (whole run): sent {sent:,.0f} {'=' if sent == received else '!='} received {received:,.0f}; "
          f"received {'=' if received == published + dropped else '!='} published {published:,.0f} + dropped "
          f"{dropped:,.0f} ({gw.get('dropped_total_by_reason', '?')}) -> "
          f"{'zero unaccounted entries' if ok else 'UNACCOUNTED ENTRIES'}")
    if gw.get("close_problems", "none") != "none" or gw.get("stream_reopens", "0") != "0":
        print(f"  stream problems: reopens {gw.get('stream_reopens')}, {gw.get('close_problems')}")
    print(f"  files: {run}")


if __name__ == "__main__":
    main()
