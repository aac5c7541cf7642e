#!/usr/bin/env python3
"""Formats bench.py's JSON summary as the live-cache section of benchmarks/README.md.
Usage: report.py SUMMARY.json LOAD_BEFORE LOAD_AFTER CORES"""
import json
import sys

summary = json.load(open(sys.argv[1]))
load_before, load_after, cores = sys.argv[2], sys.argv[3], sys.argv[4]


def mb(kib):
    return f"{kib / 1024:.1f} MB"


lines = [
    "<!-- live-cache:begin -->",
    "## Live cache — `benchmarks/live-cache.sh`",
    "",
    "`mooring run` (release build) against a release-built KubeSim process with the real kubectl (bookmarks every 60 s,",
    "as a real API server sends them), on a folder of N objects (`benchmarks/sync/generate.py`), after a first",
    "`mooring sync`. Idle: polling every 15 s with nothing changing, once the live cache is in sync, the CPU time of",
    f"the daemon and all its child processes over {summary['idle_seconds']} s, the kubectl calls made meanwhile (the",
    "script fails unless 0) and the memory of the daemon alone and with its children (RSS; PSS shares kubectl's",
    "binary pages between its processes); then every kubectl the daemon runs is killed (SIGKILL) and the time until",
    "its cache is in sync again is taken. Reactions, polling every 60 s: a `kubectl scale` by hand → its drift event",
    "(`mooring_drift_detection_seconds_count` grows), and a push webhook → a new ConfigMap live; medians. Each size",
    "runs with both transports: `proxy` (KubeSim started with `--anonymous-reads`, so the daemon's one",
    "`kubectl proxy` can read, as the kubeconfig's credentials let it on a TLS cluster) and `kubectl` (without: the",
    "proxy gets 401 and the cache falls back to one `kubectl get --raw` watch per kind); `/status` must report the",
    f"transport asked for. {cores} cores, load average {load_before} before and {load_after} after.",
    "",
    "| objects | transport | idle CPU (daemon + children) | kubectl calls while idle | kubectl processes | daemon RSS "
    "| all RSS | all PSS | kubectl killed → in sync | drift by hand → event (median) | webhook → live (median) |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
]
for result in summary["results"]:
    lines.append(
        f"| {result['size']:,} | {result['transport']} | {result['idle_cpu_percent']:.2f} % of a core "
        f"({int(result['idle_polls'])} polls) | {int(result['kubectl_calls_while_idle'])} "
        f"| {result['watch_processes']} | {mb(result['daemon_rss_kib'])} | {mb(result['all_rss_kib'])} "
        f"| {mb(result['all_pss_kib'])} | {result['reconnect_seconds']:.2f} s | {result['drift_median_seconds']:.2f} s "
        f"| {result['hook_median_seconds']:.2f} s |"
    )
lines += [
    "",
    "Targets at 1,000 objects: idle CPU under 1 % of a core at a 15 s poll; 0 kubectl calls on a quiet poll; drift",
    "by hand → event under 2 s with a 60 s poll; the daemon under 60 MB and with its children under 120 MB; webhook →",
    "live under 1 s. Mooring keeps the proxy wherever it can read through it and falls back to `get --raw` per kind",
    "where it cannot (a plain-HTTP server that wants credentials: kubectl sends them only over TLS).",
    "<!-- live-cache:end -->",
]
print("\n".join(lines))
