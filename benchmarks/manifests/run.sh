#!/usr/bin/env bash
# Manifests benchmark: `mooring validate` (read, decode, validate, render) on generated folders of
# 1,000 and 10,000 resources, in a release build. Baselines measured in the same run: the process
# on an empty folder (start-up), the same build held to one core (`taskset -c 0`: the files are read one
# after another in effect), and PyYAML's C loader parsing the same files (a plain YAML parse, no validation),
# when available. Also times the refusal of an alias bomb.
# Writes its section of benchmarks/README.md between the manifests markers. Needs hyperfine, taskset, python3, cc.
# MOORING=PATH measures that release build of mooring instead of building one; BASELINE=PATH (with
# BASELINE_NAME, say a commit) also measures an earlier build on the 10,000 resources in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in hyperfine taskset python3 cc; do
    command -v "$tool" >/dev/null || { echo "run.sh needs $tool (Debian: apt-get install hyperfine util-linux python3 gcc)" >&2; exit 2; }
done
results=benchmarks/results/manifests
rm -rf "$results"
mkdir -p "$results/empty" "$results/bomb"
mooring=${MOORING:-.build/release/mooring}
if [ -z "${MOORING:-}" ]; then
    benchmarks/build-release.sh "$results" mooring
fi

for count in 1000 10000; do
    python3 benchmarks/manifests/generate.py "$count" "$results/folder-$count"
done
cp Tests/ManifestsTests/Corpus/too-many-nodes-alias-bomb/files/bomb.yaml "$results/bomb/"

cat >"$results/pyyaml.py" <<'PY'
import pathlib, sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    list(yaml.load_all(path.read_text(), Loader=loader))
PY
have_pyyaml=0
if python3 -c 'import yaml' 2>/dev/null; then have_pyyaml=1; fi

median() { # median seconds of command N over every round's runs
    python3 -c 'import json, statistics, sys
times = [t for f in sys.argv[2:] for t in json.load(open(f))["results"][int(sys.argv[1])]["times"]]
print("%.3f" % statistics.median(times))' "$1" "$results"/hyperfine-*.json
}
resources() { # "peak-MB cpu-seconds": medians over three runs (CPU time suffers less from a busy machine)
    local runs
    runs=$(for _ in 1 2 3; do /usr/bin/time -f '%M %U %S' "$@" 2>&1 >/dev/null | tail -1; done)
    local memory cpu
    memory=$(echo "$runs" | awk '{print $1}' | sort -n | sed -n 2p)
    cpu=$(echo "$runs" | awk '{print $2 + $3}' | sort -n | sed -n 2p)
    awk -v m="$memory" -v c="$cpu" 'BEGIN {printf "%.0f %.2f\n", m / 1024, c}'
}

commands=("$mooring validate $results/empty" "$mooring validate $results/bomb")
for count in 1000 10000; do commands+=("$mooring validate $results/folder-$count"); done
if [ "$have_pyyaml" = 1 ]; then
    for count in 1000 10000; do commands+=("python3 $results/pyyaml.py $results/folder-$count"); done
fi
one_core=${#commands[@]}
commands+=("taskset -c 0 $mooring validate $results/folder-10000")
# `mooring` holds glibc to one malloc arena (ProcessHeap.useOneArena, for the daemon's memory), so the threads
# reading files queue for its lock. The same build with mallopt made a no-op (an arena per thread) shows the cost.
printf 'int mallopt(int p, int v) { (void)p; (void)v; return 1; }\n' >"$results/no-mallopt.c"
cc -shared -fPIC -o "$results/no-mallopt.so" "$results/no-mallopt.c"
arenas=${#commands[@]}
commands+=("env LD_PRELOAD=$results/no-mallopt.so $mooring validate $results/folder-10000")
if [ -n "${BASELINE:-}" ]; then commands+=("$BASELINE validate $results/folder-10000"); fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Rounds of three runs each, so that the load of the shared machine drifts over every command alike.
for round in 1 2 3; do
    hyperfine -N --warmup 1 --runs 3 -i --export-json "$results/hyperfine-$round.json" "${commands[@]}" >/dev/null
done

empty=$(median 0)
bomb=$(median 1)
m1k=$(median 2)
m10k=$(median 3)
m10k1=$(median "$one_core")
read -r _ cpu10ka < <(resources env LD_PRELOAD="$results/no-mallopt.so" "$mooring" validate "$results/folder-10000")
arenas_row="| 10,000 resources, an arena per thread (mallopt a no-op) | $(median "$arenas") s | ${cpu10ka} s | | | |"
baseline_row=""
if [ -n "${BASELINE:-}" ]; then
    read -r memb cpub < <(resources "$BASELINE" validate "$results/folder-10000")
    baseline_row=$'\n'"| 10,000 resources, earlier build (${BASELINE_NAME:-baseline}) | $(median $((arenas + 1))) s | ${cpub} s | ${memb} MB | | |"
fi
read -r mem1k cpu1k < <(resources "$mooring" validate "$results/folder-1000")
read -r mem10k cpu10k < <(resources "$mooring" validate "$results/folder-10000")
if [ "$have_pyyaml" = 1 ]; then
    p1k=$(median 4)
    p10k=$(median 5)
else
    p1k="n/a"
    p10k="n/a"
fi
ratio() { python3 -c 'import sys; a,b=sys.argv[1:]; print("n/a" if "n/a" in (a,b) else "%.1f×" % (float(a)/float(b)))' "$1" "$2"; }

section=$(cat <<MD
<!-- manifests:begin -->
## Manifests: decode, validate and render (\`mooring validate\`)

\`benchmarks/manifests/run.sh\` (release build, $(nproc) cores, $(date -u +%Y-%m-%d)): generated folders
where one resource in ten is a model (a ModelDeployment with a canary, gates and two ModelVersion
records) and the rest ConfigMaps, Deployments and Services, some files holding four documents.
Wall time: medians of 9 runs (hyperfine, three rounds of three runs of every command); CPU time (user +
system) and peak memory (maximum RSS): medians of 3 runs. Load average (1, 5, 15 min) before the runs:
${load_before}; after: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared).

| input | \`mooring validate\` wall | CPU | peak memory | PyYAML C loader, parse only | ratio |
|---|---|---|---|---|---|
| empty folder (start-up) | ${empty} s | | | | |
| 1,000 resources | ${m1k} s | ${cpu1k} s | ${mem1k} MB | ${p1k} s | $(ratio "$m1k" "$p1k") |
| 10,000 resources | ${m10k} s | ${cpu10k} s | ${mem10k} MB | ${p10k} s | $(ratio "$m10k" "$p10k") |
| 10,000 resources, one core (\`taskset -c 0\`) | ${m10k1} s | | | | |
${arenas_row}${baseline_row}
| growth 1,000 → 10,000 | $(ratio "$m10k" "$m1k") | $(ratio "$cpu10k" "$cpu1k") | $(ratio "$mem10k" "$mem1k") | $(ratio "$p10k" "$p1k") | |
| alias bomb (refused) | ${bomb} s | | | | |

The files are read side by side, one worker per core (\`ManifestDecoder\`, \`LocalFolderReader\`): held to one
core, the same build takes $(ratio "$m10k1" "$m10k") the wall time it takes on $(nproc) cores for 10,000 resources.
\`mooring\` holds glibc's malloc to one arena for every command (\`ProcessHeap.useOneArena\`, meant for the daemon's
memory), so the reading threads queue for one lock; with an arena per thread the same build takes
$(ratio "$(median "$arenas")" "$m10k") the wall time and $(ratio "$cpu10ka" "$cpu10k") the CPU time.
Targets: 10,000 resources under 2 s and 200 MB; an alias bomb refused within 100 ms.
<!-- manifests:end -->
MD
)
readme=benchmarks/README.md
[ -f "$readme" ] || printf '# Benchmarks\n\nFigures from the scripts in this folder, each section written by its script.\n' >"$readme"
python3 - "$readme" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
pattern = re.compile(r"<!-- manifests:begin -->.*?<!-- manifests:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
echo "$section"
