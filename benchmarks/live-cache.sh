#!/usr/bin/env bash
# Live-cache benchmark: idle cost, kubectl calls on quiet polls, memory, drift and webhook reaction times of
# `mooring run` (release) against a release-built KubeSim, at LIVE_CACHE_SIZES objects (1,000 by default); see
# live-cache/bench.py. Writes its section of benchmarks/README.md between the live-cache markers.
set -euo pipefail
cd "$(dirname "$0")/.."
results=$PWD/benchmarks/results/live-cache
mkdir -p "$results"
for product in mooring kubesim; do
    swift build -c release --product "$product" >"$results/build-$product.log" 2>&1 || {
        cat "$results/build-$product.log"
        exit 1
    }
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# shellcheck disable=SC2086
python3 benchmarks/live-cache/bench.py "$results/work" ${LIVE_CACHE_SIZES:-1000} >"$results/summary.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 benchmarks/live-cache/report.py "$results/summary.json" "$load_before" "$load_after" "$(nproc)" \
    >"$results/section.md"
python3 - benchmarks/README.md "$results/section.md" <<'PY'
import re, sys
path, section = sys.argv[1], open(sys.argv[2]).read().strip()
text = open(path).read()
pattern = re.compile(r"<!-- live-cache:begin -->.*?<!-- live-cache:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
cat "$results/section.md"
