#!/usr/bin/env bash
# Neighbours end to end, side by side in one run (docs/PERFORMANCE.md, "Neighbours on real
# news"): the Python pipeline, then an older tifa binary, then this one, on one corpus made by
# scripts/assign_levels.py. Prints wall, CPU and peak RSS of each; stage timings and outputs go
# to OUT. Not used by any test.
#
#   scripts/neighbours_vs_python.sh CORPUS_DIR OUT_DIR OLD_TIFA [NEW_TIFA]
set -euo pipefail
c=$1 out=$2 old=$3 new=${4:-target/release/tifa}
mkdir -p "$out"
time_of() { /usr/bin/time -f "$1 wall %e s, CPU %U + %S s, peak RSS %M KB" -o "$out/$1.time" "${@:2}"; }
time_of python env OMP_NUM_THREADS=1 python3 scripts/python_pipeline.py "$c/documents.jsonl" \
    --top-k 10 --out "$out/python.csv" > "$out/python.stages" 2>&1
time_of old "$old" similarity --corpus "$c/corpus.toml" --top-k 10 --format csv -q --timings \
    > "$out/old.csv" 2> "$out/old.stages"
time_of new "$new" similarity --corpus "$c/corpus.toml" --top-k 10 --format csv -q --timings \
    > "$out/new.csv" 2> "$out/new.stages"
cat "$out/python.time" "$out/old.time" "$out/new.time"
if cmp -s "$out/old.csv" "$out/new.csv"; then echo "old and new edge lists identical"; else echo "old and new edge lists differ"; fi
