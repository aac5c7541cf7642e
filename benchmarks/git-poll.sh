#!/usr/bin/env bash
# Cost of one unchanged poll (GitMirror.poll, in process, as the daemon runs it) against a local
# `git daemon`, compared in the same run with `git ls-remote` and an up-to-date `git fetch` on the
# same remote. Checks that the unchanged polls fetched nothing and left the mirror's objects untouched.
# Usage: benchmarks/git-poll.sh [iterations]   (needs git, hyperfine, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-200}"

swift build -c release --product GitSourceBenchmark >/dev/null
bench="$(swift build -c release --show-bin-path)/GitSourceBenchmark"

work="$(mktemp -d)"
daemon_pid=""
cleanup() {
    [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com \
    GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

# A repository shaped like a deploy repo: 40 models with a deployment and versions, 100 commits.
git init -q --bare -b main "$work/remote.git"
git init -q -b main "$work/src"
for commit in $(seq 1 100); do
    model=$((commit % 40))
    mkdir -p "$work/src/deploy-manifests/models/m$model/versions"
    printf 'kind: ModelDeployment\nstable: "%s"\n' "$commit" >"$work/src/deploy-manifests/models/m$model/deployment.yaml"
    printf 'kind: ModelVersion\nversion: "%s"\n' "$commit" >"$work/src/deploy-manifests/models/m$model/versions/$commit.yaml"
    git -C "$work/src" add -A && git -C "$work/src" commit -qm "commit $commit"
done
git -C "$work/src" push -q "$work/remote.git" HEAD:main

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
git daemon --reuseaddr --listen=127.0.0.1 --port="$port" --base-path="$work" --export-all "$work" &
daemon_pid=$!
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.05
done
url="git://127.0.0.1:$port/remote.git"
git clone -q --bare "$url" "$work/clone.git"

# Clone the mirror, then record its object store.
"$bench" "$url" "$work/state" 1 >/dev/null
objects_before="$(find "$work/state/mirror.git/objects" -type f -printf '%p %s\n' | sort | sha256sum)"

poll_json="$("$bench" "$url" "$work/state" "$iterations")"
objects_after="$(find "$work/state/mirror.git/objects" -type f -printf '%p %s\n' | sort | sha256sum)"

hyperfine --style none --warmup 5 --runs "$iterations" --export-json "$work/git.json" \
    -n "git ls-remote" "git ls-remote $url refs/heads/main" \
    -n "git fetch (up to date)" "git -C $work/clone.git fetch -q origin +refs/heads/main:refs/heads/main" \
    >/dev/null

python3 - "$poll_json" "$work/git.json" "$([ "$objects_before" = "$objects_after" ] && echo yes || echo no)" <<'PY'
import json, sys
poll = json.loads(sys.argv[1])
git = {r["command"]: r for r in json.load(open(sys.argv[2]))["results"]}
ls = git["git ls-remote"]["median"] * 1000
fetch = git["git fetch (up to date)"]["median"] * 1000
print(f"| measurement | median (ms) | ratio to git ls-remote |")
print(f"|---|---:|---:|")
print(f"| GitMirror.poll(), unchanged, in process | {poll['median_ms']:.2f} | {poll['median_ms']/ls:.2f} |")
print(f"| git ls-remote (process) | {ls:.2f} | 1.00 |")
print(f"| git fetch, up to date (process) | {fetch:.2f} | {fetch/ls:.2f} |")
print()
print(f"polls: {poll['iterations']}, of which fetched: {poll['fetches']}; "
      f"mirror objects unchanged: {sys.argv[3]}; requests: {poll['requests']}")
PY
