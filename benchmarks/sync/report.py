#!/usr/bin/env python3
"""Turns bench.py's summary into the sync section of benchmarks/README.md.
Usage: report.py SUMMARY_JSON CORES LOAD_BEFORE LOAD_AFTER READY_MS"""
import datetime
import json
import sys

summary = {int(size): figures for size, figures in json.load(open(sys.argv[1])).items()}
cores, load_before, load_after, ready_ms = sys.argv[2:6]
rollout = (
    "Ready as soon as its simulated controller has seen a change (`--ready-delay-ms 0`: the figures measure "
    "Mooring's cost, not a rollout's duration)"
    if int(ready_ms) == 0
    else f"Ready {ready_ms} ms after a change"
)
sizes = sorted(summary)


def s(value):
    return f"{value:.2f} s"


def ratio(a, b):
    return f"{a / b:.2f}×"


def calls(counts):
    return ", ".join(f"{count} {verb}" for verb, count in sorted(counts.items())) or "none"


def mark(value, target):
    return f"**{value:.2f}×** ✓" if value <= target else f"**{value:.2f}×** ✗ (target ≤ {target}×)"


lines = [
    "<!-- sync:begin -->",
    "## Sync: `mooring sync` against KubeSim with the real kubectl",
    "",
    f"`benchmarks/sync/run.sh` (release builds, {cores} cores, {datetime.date.today()}, kubectl 1.32 through "
    "`/usr/bin/kubectl`, KubeSim as a separate process with Deployments and InferenceServices "
    f"{rollout}, `health.timeout: 300s`). Deploy folders from `benchmarks/sync/generate.py`: 8 Namespaces, one model per "
    "50 objects (half rendered to an InferenceService, half to a Deployment and a Service), the rest ConfigMaps, "
    "Services and Deployments. Each round runs, in this order: a first sync (fresh KubeSim and state directory), a "
    "sync with no change, one `kubectl get` of the same objects, a sync of a commit that bumps one model "
    "(model-1, a Deployment and a Service), then the floor on a fresh KubeSim: one bare "
    "`kubectl apply --server-side -f all.yaml` of the first sync's objects as they are live (server fields "
    "stripped). Figures are medians over rounds (each figure's own median); the machine is shared, load average "
    f"{load_before} before and {load_after} after the run, so wall times carry noise — CPU times less so.",
    "",
    "| objects (rounds) | floor: kubectl apply | first sync | first / floor | the same less its health stage | "
    "kubectl get | no-change sync | no-change / get | one model changed | changed / no-change | "
    "the same less its health stage |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
]
for size in sizes:
    f = summary[size]
    lines.append(
        f"| {size:,} ({f['rounds']}) | {s(f['floor']['wall'])} | {s(f['first']['wall'])} | "
        f"{mark(f['first']['wall'] / f['floor']['wall'], 1.3)} | "
        f"{ratio(f['first']['wall'] - f['first']['health'], f['floor']['wall'])} | "
        f"{s(f['get']['wall'])} | {s(f['unchanged']['wall'])} | "
        f"{mark(f['unchanged']['wall'] / f['get']['wall'], 1.5)} | {s(f['changed']['wall'])} | "
        f"{mark(f['changed']['wall'] / f['unchanged']['wall'], 1.5)} | "
        f"{ratio(f['changed']['wall'] - f['changed']['health'], f['unchanged']['wall'])} |"
    )
if len(sizes) > 1:
    for small, large in zip(sizes, sizes[1:]):
        a, b = summary[small], summary[large]
        lines.append(
            f"| growth {small:,} → {large:,} | {ratio(b['floor']['wall'], a['floor']['wall'])} | "
            f"{ratio(b['first']['wall'], a['first']['wall'])} | | | {ratio(b['get']['wall'], a['get']['wall'])} | "
            f"{ratio(b['unchanged']['wall'], a['unchanged']['wall'])} | | "
            f"{ratio(b['changed']['wall'], a['changed']['wall'])} | | |"
        )
lines += [
    "",
    "The same ratios in CPU time (Mooring with its kubectl children against kubectl alone; KubeSim's CPU "
    "left out), which the machine's load disturbs less:",
    "",
    "| objects | first / floor | no-change / get | changed / no-change |",
    "|---|---|---|---|",
]
for size in sizes:
    f = summary[size]
    lines.append(
        f"| {size:,} | {ratio(f['first']['cpu'], f['floor']['cpu'])} | {ratio(f['unchanged']['cpu'], f['get']['cpu'])} | "
        f"{ratio(f['changed']['cpu'], f['unchanged']['cpu'])} |"
    )

lines += [
    "",
    "Where the time goes (from Mooring's JSON log with `-v`, each line timestamped as it arrived): *kubectl* is the "
    "time inside kubectl calls; *health stage* runs from `waiting for … to become ready` to the end of the last "
    "readiness read (each poll reads every object the sync applied, so the last one also records their settled "
    "resourceVersions), and *sleeping* is its part spent between polls, waiting for KubeSim to report Ready; "
    "*Mooring's own work* is the rest of the wall time (start-up, git, decoding and rendering, planning, the "
    "journal). CPU is Mooring with its kubectl children; KubeSim's CPU is counted apart.",
    "",
    "| objects | sync | wall | kubectl calls | in kubectl | health stage (sleeping) | Mooring's own work | CPU | KubeSim CPU |",
    "|---|---|---|---|---|---|---|---|---|",
]
for size in sizes:
    for name, label in (("first", "first"), ("unchanged", "no change"), ("changed", "one model")):
        f = summary[size][name]
        health = f"{s(f['health'])} ({s(f['sleeping'])})" if f["health"] else "—"
        lines.append(
            f"| {size:,} | {label} | {s(f['wall'])} | {calls(f['calls'])} | {s(f['kubectl'])} | {health} | "
            f"{s(f['own'])} | {s(f['cpu'])} | {s(f['sim_cpu'])} |"
        )
    for name, label in (("floor", "floor: kubectl apply"), ("get", "baseline: kubectl get")):
        f = summary[size][name]
        lines.append(f"| {size:,} | {label} | {s(f['wall'])} | 1 | | | | {s(f['cpu'])} | {s(f['sim_cpu'])} |")
lines.append("<!-- sync:end -->")
print("\n".join(lines))
