#!/usr/bin/env bash
# Cost of one unchanged poll (GitMirror.poll, in process, as the daemon runs it) against a local
# `git daemon`, compared in the same run with `git ls-remote` and an up-to-date `git fetch` on the
# same remote. Checks that the unchanged polls fetched nothing and left the mirror's objects untouched (exit 1
# if not), then writes its section of benchmarks/README.md between the git-poll markers.
# Usage: benchmarks/git-poll.sh [iterations]   (needs git, hyperfine, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-200}"
for tool in git hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "git-poll.sh needs $tool (Debian: apt-get install $tool)" >&2; exit 2; }
done

work="$(mktemp -d)"
daemon_pid=""
cleanup() {
    # Under `set -e` a failing command here would set the script's exit status: the killed daemon's wait does.
    if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

benchmarks/build-release.sh "$work" GitSourceBenchmark
bench="$(swift build -c release --show-bin-path)/GitSourceBenchmark"

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
# Its log goes to a file: the readiness probe below connects and hangs up, and the daemon says so.
git daemon --reuseaddr --listen=127.0.0.1 --port="$port" --base-path="$work" --export-all "$work" 2>"$work/daemon.log" &
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

python3 - "$poll_json" "$work/git.json" "$([ "$objects_before" = "$objects_after" ] && echo yes || echo no)" \
    "$(nproc)" "$(date -u +%Y-%m-%d)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, re, sys
poll = json.loads(sys.argv[1])
git = {r["command"]: r for r in json.load(open(sys.argv[2]))["results"]}
unchanged, cores, day, load = sys.argv[3:7]
ls = git["git ls-remote"]["median"] * 1000
fetch = git["git fetch (up to date)"]["median"] * 1000
requests = ", ".join(f"{count} × {name}" for name, count in sorted(poll["requests"].items()))
section = f"""<!-- git-poll:begin -->
## Git poll: one poll with nothing new — `benchmarks/git-poll.sh`

`benchmarks/git-poll.sh` (release build, {cores} cores, {day}, load average {load}): `GitMirror.poll()` in
process, as the daemon polls, against a local `git daemon` serving a deploy repository of 40 models and 100
commits that does not change; compared in the same run with the git CLI's checks of the same remote (hyperfine,
{poll['iterations']} runs each, a process started each time). Medians.

| measurement | median (ms) | ratio to git ls-remote |
|---|---:|---:|
| `GitMirror.poll()`, unchanged, in process | {poll['median_ms']:.2f} | {poll['median_ms'] / ls:.2f} |
| `git ls-remote` (process) | {ls:.2f} | 1.00 |
| `git fetch`, up to date (process) | {fetch:.2f} | {fetch / ls:.2f} |

Polls: {poll['iterations']} (mean {poll['mean_ms']:.2f} ms, fastest {poll['min_ms']:.2f} ms, slowest
{poll['max_ms']:.2f} ms), of which fetched: {poll['fetches']}; mirror objects unchanged: {unchanged}; requests
made: {requests}.
<!-- git-poll:end -->"""
print(section)
if poll["fetches"] != 0 or unchanged != "yes":
    sys.exit("an unchanged poll fetched or changed the mirror: benchmarks/README.md is left as it was")
readme = open("benchmarks/README.md").read()
pattern = re.compile(r"<!-- git-poll:begin -->.*?<!-- git-poll:end -->", re.S)
readme = pattern.sub(lambda _: section, readme) if pattern.search(readme) else readme.rstrip("\n") + "\n\n" + section + "\n"
open("benchmarks/README.md", "w").write(readme)
PY
