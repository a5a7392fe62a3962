"""How long each solution notebook takes to run top to bottom (target: under 20 s on 2 cores;
lesson 10 under 60 s). Kernel start-up included, as a student or nbval would see it.

    .venv/bin/python benchmarks/lesson_times.py [LESSON ...]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
LIMITS = {"10_mnist": 60.0}


def main(names: list[str]) -> int:
    os.environ.setdefault("MPLBACKEND", "Agg")
    lessons = names or sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
    slow = 0
    print(f"{'lesson':28} {'seconds':>8} {'limit':>6}")
    for lesson in lessons:
        path = ROOT / "solutions" / lesson / f"{lesson}.ipynb"
        nb = nbformat.read(path, as_version=4)
        start = time.monotonic()
        NotebookClient(
            nb,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        seconds = time.monotonic() - start
        limit = LIMITS.get(lesson, 20.0)
        slow += seconds > limit
        print(f"{lesson:28} {seconds:8.1f} {limit:6.0f}{'  SLOW' if seconds > limit else ''}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
