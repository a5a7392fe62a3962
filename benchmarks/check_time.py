"""A student's self-check against plain ``jupyter nbconvert --execute`` of the same notebook.

Times ``python -m autograder check`` and ``jupyter nbconvert --to notebook --execute`` on lesson
01's reference solution (every check passes, so every cell runs), side by side, three times
each, alternating, and prints each time, the medians and their ratio. Target: at most 0.25x.
Exits 1 if either side failed.

    .venv/bin/python benchmarks/check_time.py [--runs N] [NOTEBOOK]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "solutions" / "01_derivatives" / "01_derivatives.ipynb"
BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    start = time.monotonic()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.monotonic() - start, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", nargs="?", type=Path, default=NOTEBOOK)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sides = {
        "autograder check": [str(BIN / "python"), "-m", "autograder", "check"],
        "nbconvert --execute": [
            str(BIN / "jupyter"),
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--output",
            "executed",
        ],  # fmt: skip
    }
    times: dict[str, list[float]] = {name: [] for name in sides}
    failed = []
    with tempfile.TemporaryDirectory(prefix="check-time-") as scratch:
        copy = Path(scratch) / args.notebook.name
        shutil.copyfile(args.notebook, copy)
        for _ in range(args.runs):
            for name, command in sides.items():
                seconds, done = timed([*command, str(copy)], Path(scratch))
                if done.returncode != 0:
                    failed.append(f"{name}: FAILED (exit {done.returncode}): {done.stdout[-300:]}"
                                  f"{done.stderr[-300:]}")  # fmt: skip
                times[name].append(seconds)
    print(f"{args.notebook.name}, {args.runs} runs each, alternating")
    for name, values in times.items():
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(f"{name:22} median {statistics.median(values):5.2f} s  ({runs})")
    if failed:
        print("\n".join(failed))
        print("no ratio: a side did not run")
        raise SystemExit(1)
    ratio = statistics.median(times["autograder check"]) / statistics.median(
        times["nbconvert --execute"]
    )
    print(f"ratio check / nbconvert: {ratio:.2f}  (target: at most 0.25)")


if __name__ == "__main__":
    main()
