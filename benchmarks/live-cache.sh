#!/usr/bin/env bash
# Live-cache benchmark: idle cost, kubectl calls on quiet polls, memory, drift and webhook reaction times of
# `mooring run` (release) against a release-built KubeSim, at LIVE_CACHE_SIZES objects (1,000 by default), through
# each transport in LIVE_CACHE_TRANSPORTS (proxy and kubectl by default); see
# live-cache/bench.py. Writes its section of benchmarks/README.md between the live-cache markers.
set -euo pipefail
cd "$(dirname "$0")/.."
results=$PWD/benchmarks/results/live-cache
mkdir -p "$results"
benchmarks/build-release.sh "$results" mooring kubesim
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# shellcheck disable=SC2086
python3 benchmarks/live-cache/bench.py "$results/work" ${LIVE_CACHE_SIZES:-1000} >"$results/summary.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 benchmarks/live-cache/report.py "$results/summary.json" "$load_before" "$load_after" "$(nproc)" \
    >"$results/section.md"
python3 benchmarks/write-section.py live-cache "$results/section.md"
cat "$results/section.md"
