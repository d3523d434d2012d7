"""What `python -m byhand step` costs on a large network (10 layers of width 100, with biases, one
example), and what the 10,000 rounds of the Mazur page cost (both of its runs, stacked in one pass).

Run: ``.venv/bin/python tests/bench_step.py``. Prints the median wall and CPU time of the whole command (the goal is on CPU time: on a shared
machine the wall time counts the other processes too) (a fresh
Python process: import, load and check the file, the step, the table) over ``BENCH_RUNS`` runs, and of
the step alone in-process, and says whether the command stays under the one-second goal. pytest does
not collect it: tests don't time things.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from byhand import network_file, network_step, second_post

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
DEPTH, WIDTH, GOAL = 10, 100, 1.0


def network_toml(seed: int = 0) -> str:
    """A seeded random network file of DEPTH layers of WIDTH units (weights scaled so units don't saturate)."""
    rng = np.random.default_rng(seed)
    text = f"x = {rng.normal(size=WIDTH).tolist()}\ny = {rng.uniform(size=WIDTH).tolist()}\neta = 0.5\n"
    for _ in range(DEPTH):
        text += (f"[[layers]]\nW = {(rng.normal(size=(WIDTH, WIDTH)) / WIDTH ** 0.5).tolist()}\n"
                 f"b = {rng.normal(size=WIDTH).tolist()}\n")
    return text


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.toml"
        path.write_text(network_toml(), encoding="utf-8")
        command = [sys.executable, "-m", "byhand", "step", str(path)]
        walls, cpus = [], []
        for _ in range(RUNS):
            start, used = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(command, check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
        problem = network_file.load(path)
        steps = []
        for _ in range(RUNS):
            start = time.perf_counter()
            network_step.descend(problem)
            steps.append(time.perf_counter() - start)
    wall, cpu, alone = statistics.median(walls), statistics.median(cpus), statistics.median(steps)
    print(f"python -m byhand step on {DEPTH} layers of width {WIDTH} ({DEPTH * WIDTH * (WIDTH + 1)} parameters): "
          f"median {wall:.3f} s wall, {cpu:.3f} s CPU, over {RUNS} runs (the step alone: {alone * 1e3:.1f} ms); goal < {GOAL:g} s of CPU "
          f"(the wall time also counts the other processes of a shared machine): {'met' if cpu < GOAL else 'MISSED'}")
    problem, n, times = second_post.problem(), max(f.rounds for f in second_post.figures()), []
    for _ in range(RUNS):
        start = time.process_time()
        second_post.rounds(problem, n)
        times.append(time.process_time() - start)
    print(f"Mazur's {n:,} rounds, both runs at once: median {statistics.median(times):.3f} s of CPU over {RUNS} runs "
          f"({statistics.median(times) / n * 1e6:.0f} us a round)")
    return 0 if cpu < GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
