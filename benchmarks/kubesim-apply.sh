#!/usr/bin/env bash
# KubeSim benchmark: one `kubectl apply --server-side` of 1,000 objects against a release-built kubesim,
# with the share of the wall time KubeSim spent on CPU, against a baseline measured in the same run
# (the same kubectl call with --dry-run=client, which never reaches the server's write path);
# then KubeSim's resident memory with 10,000 objects stored. Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product kubesim >/dev/null
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
bin=$(swift build -c release --show-bin-path)/kubesim
"$bin" --port 0 --kubeconfig-out "$work/kubeconfig" >"$work/port" &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
kubectl=(/usr/bin/kubectl --kubeconfig "$work/kubeconfig" --cache-dir "$work/cache")
"${kubectl[@]}" get namespaces >/dev/null

objects() { # $1 = first index, $2 = count
    for i in $(seq "$1" $(($1 + $2 - 1))); do
        printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-%05d\n  labels: {app: bench}\ndata:\n  key: "value %d"\n---\n' "$i" "$i"
    done
}
objects 0 1000 >"$work/batch.yaml"

cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ticks=$(getconf CLK_TCK)
seconds() { python3 -c "import sys; print(f'{float(sys.argv[1]):.3f}')" "$1"; }

start=$(date +%s.%N)
"${kubectl[@]}" apply --dry-run=client -f "$work/batch.yaml" >/dev/null
baseline=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")

cpu_before=$(cpu)
start=$(date +%s.%N)
"${kubectl[@]}" apply --server-side -f "$work/batch.yaml" >/dev/null
wall=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
sim_cpu=$(python3 -c "import sys; print((int(sys.argv[2]) - int(sys.argv[1])) / int(sys.argv[3]))" "$cpu_before" "$(cpu)" "$ticks")
share=$(python3 -c "import sys; print(f'{100 * float(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$sim_cpu" "$wall")

for batch in 1 2 3 4 5 6 7 8 9; do
    objects $((batch * 1000)) 1000 >"$work/more.yaml"
    "${kubectl[@]}" apply --server-side -f "$work/more.yaml" >/dev/null
done
count=$("${kubectl[@]}" get configmaps -l app=bench -o name | wc -l)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")

echo "| measure | value |"
echo "|---|---|"
echo "| kubectl apply --server-side, 1,000 ConfigMaps, wall time | $(seconds "$wall") s |"
echo "| baseline: same kubectl call with --dry-run=client (no server writes) | $(seconds "$baseline") s |"
echo "| ratio apply / baseline | $(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$wall" "$baseline") |"
echo "| KubeSim CPU time during the apply | $(seconds "$sim_cpu") s |"
echo "| KubeSim CPU share of the apply's wall time | $share % |"
echo "| objects stored | $count ConfigMaps (+ seed objects) |"
echo "| KubeSim RSS with them stored | $((rss / 1024)) MiB |"
kill -TERM "$pid"
wait "$pid" && echo "| kubesim exit status after SIGTERM | 0 |"
