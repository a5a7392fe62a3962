"""Grading a class of 40: the course's grader, warm and cold, against plain ``nbgrader autograde``.

Builds 40 submissions of lesson 01 (correct, partly correct, blank, broken and hostile, mixed),
grades them with ``python -m autograder grade`` (parallel, sandboxed) with warm kernels (the
default) and with ``--cold``, and with plain sequential ``nbgrader autograde`` of the same files,
in one run. Prints each side's wall time and submissions per minute, the ratios, and whether
warm and cold gave the same grades. Target on 2 cores with 2 workers: at least 150
submissions/min, sandbox on. Exits 1 if a side failed or the grades differ.

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


def course_side(submitted: Path, scratch: Path, name: str, workers: int, *options: str):
    """Grade with the course's grader; return (seconds, rows of grades.csv)."""
    grading = scratch / name
    options = ("--workers", str(workers), "--seed", "1201", *options)  # one seed: same tests
    seconds = plain_nbgrader.course_grade(submitted, grading, *options)
    with open(grading / "grades.csv") as f:
        return seconds, [(r["student"], r["score"], r["reason"]) for r in csv.DictReader(f)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="grade-class-") as scratch:
        submitted = Path(scratch) / "submitted"
        count = build_class(submitted)
        warm, warm_rows = course_side(submitted, Path(scratch), "warm", args.workers)
        cold, cold_rows = course_side(submitted, Path(scratch), "cold", args.workers, "--cold")
        plain, theirs, log = plain_nbgrader.autograde(submitted, hostile.LESSON, jail=True)
    print(f"{count} submissions of {hostile.LESSON}; isolation: {describe(detect_isolation())}")
    failed = []
    for name, seconds, rows in (("warm", warm, warm_rows), ("cold", cold, cold_rows)):
        if len(rows) == count:
            print(
                f"course grader, {name} ({args.workers} workers): {seconds:6.1f} s  "
                f"{60 * count / seconds:6.1f} submissions/min"
            )
        else:
            failed.append(f"course grader, {name}: FAILED, {len(rows)} rows for {count}")
    scored = [s for s in plain.values() if isinstance(s, (int, float))]
    if len(scored) >= count // 2:  # plain nbgrader loses some hostile submissions by design
        print(
            f"plain nbgrader autograde:        {theirs:6.1f} s  "
            f"{60 * count / theirs:6.1f} submissions/min  ({len(scored)} graded)"
        )
    else:
        failed.append(
            f"plain nbgrader autograde: FAILED, {len(scored)} of {count} graded; its log ends: "
            + log[-500:]
        )
    if sorted(warm_rows) != sorted(cold_rows):
        differ = sorted(set(warm_rows) ^ set(cold_rows))[:6]
        failed.append(f"warm and cold grades DIFFER: {differ}")
    else:
        print(f"warm and cold grades: identical ({len(warm_rows)} rows)")
    if failed:
        print("\n".join(failed))
        print("no ratios: a side did not run, or the grades differ")
        raise SystemExit(1)
    print(f"ratio warm / cold: {warm / cold:.2f}")
    print(f"ratio warm / plain: {warm / theirs:.2f}  (target: at least 150 submissions/min)")


if __name__ == "__main__":
    main()
