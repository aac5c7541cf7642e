#!/usr/bin/env bash
# Soak benchmark: `mooring run` (release build) against a release-built KubeSim process with the real kubectl,
# polling a repository where nothing changes, at 100 and 1,000 objects (SOAK_SIZES). The daemon's RSS is read
# (median of five readings, one per sync) after SOAK_WARMUP syncs and again SOAK_POLLS syncs later (300 by default);
# see soak/soak.py. Writes its section of benchmarks/README.md between the soak markers.
# Targets: growth under 1 MB over 300 no-change polls at 100 and at 1,000 objects; idle RSS under 60 MB at 1,000.
set -euo pipefail
cd "$(dirname "$0")/.."
results=benchmarks/results/soak
mkdir -p "$results"
for product in mooring kubesim; do
    swift build -c release --product "$product" >"$results/build-$product.log" 2>&1 || {
        cat "$results/build-$product.log"
        exit 1
    }
done
polls=${SOAK_POLLS:-300}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# shellcheck disable=SC2086
python3 benchmarks/soak/soak.py "$results/work" "$polls" ${SOAK_SIZES:-100 1000} >"$results/summary.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$results/summary.json" "$load_before" "$load_after" "$(nproc)" >"$results/section.md" <<'PY'
import datetime, json, sys
summary = json.load(open(sys.argv[1]))
load_before, load_after, cores = sys.argv[2], sys.argv[3], sys.argv[4]
mb = lambda kib: kib / 1024
print("<!-- soak:begin -->")
print("## Soak: `mooring run` polling with nothing changing — `benchmarks/soak.sh`")
print()
print(f"Release builds, {cores} cores, {datetime.date.today()}, kubectl 1.32 through `/usr/bin/kubectl`, KubeSim as a "
      f"separate process; `source.pollInterval: {summary['poll_ms']}ms`, deploy folders from "
      "`benchmarks/sync/generate.py`. RSS is VmRSS, each figure the median of five readings taken one sync apart, "
      f"the start after {summary['warmup']} syncs. Load average {load_before} before and {load_after} after "
      "(the machine is shared).")
print()
print("| objects | no-change polls | RSS at start | RSS at end | growth | per poll | target |")
print("|---|---|---|---|---|---|---|")
for result in summary["results"]:
    growth = mb(result["growth_kib"])
    ok = growth < 1 and (result["size"] < 1000 or mb(result["end_rss_kib"]) < 60)
    target = "growth < 1 MB" + (", idle RSS < 60 MB" if result["size"] >= 1000 else "")
    print(f"| {result['size']:,} | {result['polls']} | {mb(result['start_rss_kib']):.1f} MB | "
          f"{mb(result['end_rss_kib']):.1f} MB | {growth:+.2f} MB | {result['per_poll_kib']:+.2f} KiB | "
          f"{'✓' if ok else '✗'} {target} |")
print("<!-- soak:end -->")
PY
python3 - benchmarks/README.md "$results/section.md" <<'PY'
import re, sys
path, section = sys.argv[1], open(sys.argv[2]).read().strip()
text = open(path).read()
pattern = re.compile(r"<!-- soak:begin -->.*?<!-- soak:end -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
cat "$results/section.md"
