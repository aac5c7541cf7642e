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
print("| objects | no-change polls | RSS at start | RSS at end (idle) | growth | per poll | Mooring's CPU per poll | growth < 1 MB | idle < 60 MB |")
print("|---|---|---|---|---|---|---|---|---|")
# The targets are in MB (10^6 bytes); the figures are in MiB and KiB, as /proc gives them.
megabytes = lambda kib: kib * 1024 / 1e6
for result in summary["results"]:
    growth_ok = megabytes(result["growth_kib"]) < 1
    idle = megabytes(result["end_rss_kib"])
    idle_mark = ("✓" if idle < 60 else "✗") + f" ({idle:.1f} MB)" if result["size"] >= 1000 else ""
    cpu = result.get("cpu_ms_per_poll")
    print(f"| {result['size']:,} | {result['polls']} | {mb(result['start_rss_kib']):.1f} MiB | "
          f"{mb(result['end_rss_kib']):.1f} MiB | {mb(result['growth_kib']):+.2f} MiB | {result['per_poll_kib']:+.2f} KiB | "
          f"{'' if cpu is None else f'{cpu:.0f} ms'} | {'✓' if growth_ok else '✗'} | {idle_mark} |")
print("<!-- soak:end -->")
