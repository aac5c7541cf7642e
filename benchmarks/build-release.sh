#!/usr/bin/env bash
# Builds each PRODUCT in release for a benchmark, quietly: each build's output goes to LOG_DIR/build-PRODUCT.log,
# which is printed only when the build fails (and the script then fails). Run from the package's root.
# Usage: benchmarks/build-release.sh LOG_DIR PRODUCT...
set -euo pipefail
logs=$1
shift
mkdir -p "$logs"
for product in "$@"; do
    swift build -c release --product "$product" >"$logs/build-$product.log" 2>&1 || {
        cat "$logs/build-$product.log"
        exit 1
    }
done
