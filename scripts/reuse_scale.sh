#!/usr/bin/env bash
# Side-by-side timing of `tifa reuse` (with peers) on prefixes of the levelled development
# corpus: the binary under test (TIFA, default target/release/tifa) and, where given, an older
# one (TIFA_OLD) in the same run, each with wall time and peak memory (GNU time).
#
#   scripts/reuse_scale.sh ../shared/corpora/news-2012-2019.jsonl "2000 5000 10000 20000 39185"
#
# TIFA_OLD_MAX (default 2000) bounds the sizes the old binary runs at (it is quadratic).
# Corpora go to ${TMPDIR:-/tmp}/tifa-reuse-scale-N; outputs are discarded.
set -euo pipefail
corpus=${1:?usage: reuse_scale.sh NEWS.jsonl "SIZES"}
sizes=${2:-"2000 5000 10000 20000 39185"}
tifa=${TIFA:-target/release/tifa}
old=${TIFA_OLD:-}
old_max=${TIFA_OLD_MAX:-2000}
tmp=${TMPDIR:-/tmp}
echo "| documents | binary | wall s | peak MB |"
echo "|---:|---|---:|---:|"
for n in $sizes; do
    dir="$tmp/tifa-reuse-scale-$n"
    python3 "$(dirname "$0")/assign_levels.py" "$corpus" "$dir" --limit "$n" > /dev/null
    binaries=("$tifa")
    if [[ -n "$old" && "$n" -le "$old_max" ]]; then binaries+=("$old"); fi
    for b in "${binaries[@]}"; do
        /usr/bin/time -f "%e %M" -o "$dir/time" "$b" reuse --corpus "$dir/corpus.toml" --quiet --format csv > "$dir/out.csv"
        read -r wall kb < "$dir/time"
        echo "| $n | $b | $wall | $((kb / 1024)) |"
    done
done
