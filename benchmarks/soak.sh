#!/usr/bin/env bash
# Soak benchmark: `mooring run` (release build) against a release-built KubeSim process with the real kubectl,
# polling a repository where nothing changes, at 100 and 1,000 objects (SOAK_SIZES). The daemon's RSS is read
# (median of five readings, one per sync) after SOAK_WARMUP syncs and again SOAK_POLLS syncs later (300 by default);
# see soak/soak.py. Writes its section of benchmarks/README.md between the soak markers.
# Targets: growth under 1 MB over 300 no-change polls at 100 and at 1,000 objects; idle RSS under 60 MB at 1,000.
set -euo pipefail
cd "$(dirname "$0")/.."
# Absolute: the host configuration it writes resolves relative paths against its own folder.
results=$PWD/benchmarks/results/soak
mkdir -p "$results"
benchmarks/build-release.sh "$results" mooring kubesim
polls=${SOAK_POLLS:-300}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# shellcheck disable=SC2086
python3 benchmarks/soak/soak.py "$results/work" "$polls" ${SOAK_SIZES:-100 1000} >"$results/summary.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 benchmarks/soak/report.py "$results/summary.json" "$load_before" "$load_after" "$(nproc)" "release builds" \
    >"$results/section.md"
python3 benchmarks/write-section.py soak "$results/section.md"
cat "$results/section.md"
