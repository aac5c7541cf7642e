#!/usr/bin/env python3
"""Writes the soak section of benchmarks/README.md from soak.py's summary.
Usage: report.py SUMMARY.json LOAD_BEFORE LOAD_AFTER CORES BUILDS"""
import datetime, json, sys
summary = json.load(open(sys.argv[1]))
load_before, load_after, cores, builds = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
mb = lambda kib: kib / 1024
print("<!-- soak:begin -->")
print("## Soak: `mooring run` polling with nothing changing — `benchmarks/soak.sh`")
print()
print(f"{builds[0].upper() + builds[1:]}, {cores} cores, {datetime.date.today()}, kubectl 1.32 through `/usr/bin/kubectl`, KubeSim as a "
      f"separate process; `source.pollInterval: {summary['poll_ms']}ms`, deploy folders from "
      "`benchmarks/sync/generate.py`. RSS is VmRSS, each figure the median of five readings taken one sync apart, "
      f"the start after {summary['warmup']} syncs. Load average {load_before} before and {load_after} after "
      "(the machine is shared).")
print()
print("| objects | no-change polls | RSS at start | RSS at end | growth | per poll | target |")
print("|---|---|---|---|---|---|---|")
for result in summary["results"]:
    growth = mb(result["growth_kib"])
    ok = growth < 1 and (result["size"] < 1000 or mb(result["end_rss_kib"]) < 60)
    target = "growth < 1 MiB" + (", idle RSS < 60 MiB" if result["size"] >= 1000 else "")
    print(f"| {result['size']:,} | {result['polls']} | {mb(result['start_rss_kib']):.1f} MiB | "
          f"{mb(result['end_rss_kib']):.1f} MiB | {growth:+.2f} MiB | {result['per_poll_kib']:+.2f} KiB | "
          f"{'✓' if ok else '✗'} {target} |")
print("<!-- soak:end -->")
