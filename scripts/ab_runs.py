#!/usr/bin/env python3
"""Two or more tifa binaries (or any commands taking the same arguments) run alternately, one
run at a time, so that a shared machine's drift falls on all of them alike
(docs/PERFORMANCE.md). Prints each binary's mean and median wall time and CPU time (user +
system, from the child's rusage) and, for every binary after the first, the mean paired
difference from the first with its standard error. Not used by any test.

    scripts/ab_runs.py 20 "similarity --corpus C/corpus.toml --top-k 10 --format csv -q" old new
"""
import os
import shlex
import statistics as st
import subprocess
import sys
import time


def run(binary, args):
    """Wall and CPU seconds of one run, output discarded."""
    start = time.perf_counter()
    child = subprocess.Popen([binary] + args, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        sys.exit(f"{binary} failed (status {status})")
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main(rounds, args, binaries):
    runs = {b: [] for b in binaries}
    for r in range(rounds):
        # Alternate the order too, so that neither binary always follows the other.
        for b in binaries if r % 2 == 0 else binaries[::-1]:
            runs[b].append(run(b, args))
    first = binaries[0]
    for b in binaries:
        wall = [w for w, _ in runs[b]]
        cpu = [c for _, c in runs[b]]
        line = (f"{b}: wall mean {st.mean(wall):.4f} median {st.median(wall):.4f} s, "
                f"CPU mean {st.mean(cpu):.4f} median {st.median(cpu):.4f} s")
        if b != first:
            for name, k in (("wall", 0), ("CPU", 1)):
                d = [x[k] - y[k] for x, y in zip(runs[b], runs[first])]
                line += f"; paired Δ{name} {st.mean(d):+.4f} ± {st.stdev(d) / len(d) ** 0.5:.4f} s"
        print(line)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(int(sys.argv[1]), shlex.split(sys.argv[2]), sys.argv[3:])
