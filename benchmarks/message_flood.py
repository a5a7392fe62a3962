"""The grader's memory while a kernel floods it: twelve 100 MB messages with a foreign parent.

Before the runner counted raw bytes, such messages were decoded whole and then dropped, and the
grader grew from 50 MB to 1,250 MB. Prints the grader's peak resident memory before and after
the run, and what the run reported. Exits non-zero if the run was not stopped.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograder.runner import Cell, run_cells  # noqa: E402
from autograder.sandbox import Limits, describe, detect_isolation  # noqa: E402

FLOOD = """
kernel = get_ipython().kernel
text = "x" * 100_000_000
for _ in range(12):
    kernel.session.send(kernel.iopub_socket, "stream", {"name": "stdout", "text": text},
                        parent={"header": {"msg_id": "someone-else"}})
"""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    isolation = detect_isolation()
    before = peak_mb()
    start = time.monotonic()
    result = run_cells([Cell(FLOOD, "flood")], isolation=isolation, limits=Limits(memory_mb=4096))
    print(f"isolation: {describe(isolation)}")
    print(f"grader peak memory: {before:.0f} MB before, {peak_mb():.0f} MB after the flood")
    print(f"run stopped after {time.monotonic() - start:.1f} s: {result.problem or 'NOT STOPPED'}")
    print(f"bytes counted: {result.output_bytes:,}")
    if not result.problem:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
