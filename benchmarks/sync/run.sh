#!/usr/bin/env bash
# Sync benchmark: `mooring sync` against a release-built KubeSim process with the real kubectl, at 100, 1,000
# and 10,000 objects, with its baselines measured in the same rounds (see bench.py): the floor (one bare
# `kubectl apply --server-side -f all.yaml` of the same objects) for the first sync, one
# `kubectl get <kinds> -A -l app.kubernetes.io/managed-by=mooring -o json` for the no-change sync, and the
# no-change sync for a sync that bumps one model. Writes its section of benchmarks/README.md between the
# sync markers. Rounds per size: SYNC_BENCH_SIZES="100:5 1000:5 10000:3" (the default). KubeSim's simulated
# controller makes changed Deployments and InferenceServices Ready after SYNC_BENCH_READY_MS milliseconds (0, the
# default, measures Mooring's own cost; a rollout's duration is the cluster's, and no ratio absorbs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
results=benchmarks/results/sync
mkdir -p "$results"
benchmarks/build-release.sh "$results" mooring kubesim
export SYNC_BENCH_READY_MS=${SYNC_BENCH_READY_MS:-0}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# shellcheck disable=SC2086
python3 benchmarks/sync/bench.py "$results" ${SYNC_BENCH_SIZES:-100:5 1000:5 10000:3} >"$results/summary.json"
python3 benchmarks/sync/report.py "$results/summary.json" "$(nproc)" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$SYNC_BENCH_READY_MS" \
    >"$results/section.md"
python3 benchmarks/write-section.py sync "$results/section.md"
cat "$results/section.md"
