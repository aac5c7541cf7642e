#!/usr/bin/env bash
# Cluster driver benchmark: the kubectl call shapes the driver uses — one process for many objects — against
# the naive baseline of one kubectl process per object, measured in the same run against a release-built
# kubesim. 50 Deployments: server-side apply (`apply --server-side -f batch -o name`, as ClusterClient.apply)
# and readiness (`get -f refs -o json`, as ClusterClient.readiness). Medians from hyperfine; prints Markdown.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${COUNT:-50}
swift build -c release --product kubesim >/dev/null
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
bin=$(swift build -c release --show-bin-path)/kubesim
"$bin" --port 0 --kubeconfig-out "$work/kubeconfig" >"$work/port" &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
kubectl="/usr/bin/kubectl --kubeconfig $work/kubeconfig --cache-dir $work/cache"
echo '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"bench"}}' | $kubectl apply --server-side -f - >/dev/null

deployment() { # $1 = index: one Deployment as one JSON line, the driver's manifest format
    printf '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web-%03d","namespace":"bench","labels":{"app.kubernetes.io/managed-by":"mooring"}},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web-%03d"}},"template":{"metadata":{"labels":{"app":"web-%03d"}},"spec":{"containers":[{"name":"app","image":"nginx:1.25"}]}}}}\n' "$1" "$1" "$1"
}
reference() {
    printf '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web-%03d","namespace":"bench"}}\n' "$1"
}
mkdir -p "$work/one"
for i in $(seq "$count"); do
    deployment "$i" >>"$work/batch.json"
    reference "$i" >>"$work/refs.json"
    deployment "$i" >"$work/one/$i.json"
done

apply="apply --server-side --field-manager=mooring"
hyperfine --style none --export-json "$work/apply.json" --warmup 1 --runs 5 \
    -n batch "$kubectl $apply -f $work/batch.json -o name" \
    -n per-object "for f in $work/one/*.json; do $kubectl $apply -f \$f -o name; done" >/dev/null
hyperfine --style none --export-json "$work/get.json" --warmup 1 --runs 5 \
    -n batch "$kubectl get -f $work/refs.json -o json" \
    -n per-object "for i in \$(seq -f %03g 1 $count); do $kubectl get deployment/web-\$i -n bench -o json; done" >/dev/null

median() { python3 -c "import json,sys; r={x['command']: x['median'] for x in json.load(open(sys.argv[1]))['results']}; print(f\"{r[sys.argv[2]]:.3f}\")" "$@"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.1f}')" "$@"; }
apply_batch=$(median "$work/apply.json" batch); apply_each=$(median "$work/apply.json" per-object)
get_batch=$(median "$work/get.json" batch); get_each=$(median "$work/get.json" per-object)
echo "| $count Deployments | one kubectl call (driver) | one call per object (baseline) | baseline / driver |"
echo "|---|---|---|---|"
echo "| server-side apply (median) | $apply_batch s | $apply_each s | $(ratio "$apply_each" "$apply_batch")× |"
echo "| readiness read (median) | $get_batch s | $get_each s | $(ratio "$get_each" "$get_batch")× |"
