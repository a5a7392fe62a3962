"""Grading a class of 40: the course's grader against plain sequential ``nbgrader autograde``.

Builds 40 submissions of lesson 01 (correct, partly correct, blank, broken and hostile, mixed),
grades them with ``python -m autograder grade`` (parallel, sandboxed) and with plain
``nbgrader autograde`` of the same files, in one run, and prints both wall times, their ratio and
submissions per minute. Target on 2 cores: at most 0.6x plain nbgrader's time, sandbox on.

    .venv/bin/python benchmarks/grade_class.py [--workers N]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile  # noqa: E402
import plain_nbgrader  # noqa: E402

from autograder.sandbox import describe, detect_isolation  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RIGHT = sorted(hostile.ALL_RIGHT)


def build_class(submitted: Path) -> int:
    """40 submissions: 12 correct, 12 partly correct, 8 blank, 4 broken, 4 hostile."""
    attacks = {a.name: a for a in hostile.corpus()}
    made = []
    for i in range(12):
        made.append((f"correct-{i:02d}", hostile.notebook(right=hostile.ALL_RIGHT)))
    for i in range(12):
        made.append((f"partial-{i:02d}", hostile.notebook(right=set(RIGHT[: 1 + i % 5]))))
    for i in range(8):
        made.append((f"blank-{i:02d}", attacks["honest-blank"].build()))
    for name in ("not-json", "empty-file", "other-lesson", "deleted-tests"):
        made.append((f"broken-{name}", attacks[name].build()))
    for name in ("patch-numpy", "forge-records", "empty-later-cells", "kill-own-kernel"):
        made.append((f"hostile-{name}", attacks[name].build()))
    for student, content in made:
        attack = hostile.Attack(student, "", lambda content=content: content, 0)
        hostile.write(attack, submitted)
    return len(made)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="grade-class-") as scratch:
        submitted = Path(scratch) / "submitted"
        count = build_class(submitted)
        grading = Path(scratch) / "grading"
        ours = plain_nbgrader.course_grade(submitted, grading, "--workers", str(args.workers))
        with open(grading / "grades.csv") as f:
            graded = list(csv.DictReader(f))
        plain, theirs, log = plain_nbgrader.autograde(submitted, hostile.LESSON, jail=True)
    print(f"{count} submissions of {hostile.LESSON}; isolation: {describe(detect_isolation())}")
    failed = []
    if len(graded) == count:
        print(
            f"course grader ({args.workers} workers): {ours:6.1f} s  "
            f"{60 * count / ours:6.1f} submissions/min  ({len(graded)} rows)"
        )
    else:
        failed.append(f"course grader: FAILED, {len(graded)} rows for {count} submissions")
    scored = [s for s in plain.values() if isinstance(s, (int, float))]
    if len(scored) >= count // 2:  # plain nbgrader loses some hostile submissions by design
        print(
            f"plain nbgrader autograde:   {theirs:6.1f} s  "
            f"{60 * count / theirs:6.1f} submissions/min  ({len(scored)} graded)"
        )
    else:
        failed.append(
            f"plain nbgrader autograde: FAILED, {len(scored)} of {count} graded; its log ends: "
            + log[-500:]
        )
    if failed:
        print("\n".join(failed))
        print("no ratio: a side did not run")
        raise SystemExit(1)
    print(f"ratio course / plain: {ours / theirs:.2f}  (target: at most 0.60)")


if __name__ == "__main__":
    main()
