"""The hostile-submissions table: each attack's score under the course's grader and plain nbgrader.

Grades tests/hostile.py's corpus (lesson 01) in one batch with ``python -m autograder grade``,
then the same files with plain ``nbgrader autograde`` (jailed only so the machine survives; see
plain_nbgrader.py), and prints, per submission: the score it deserves, what each grader gave,
and the course grader's time for it.

    .venv/bin/python benchmarks/hostile_table.py
"""

from __future__ import annotations

import csv
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile  # noqa: E402
import plain_nbgrader  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    attacks = hostile.corpus()
    with tempfile.TemporaryDirectory(prefix="hostile-bench-") as scratch:
        submitted = Path(scratch) / "submitted"
        for attack in attacks:
            hostile.write(attack, submitted)
        out = Path(scratch) / "out"
        ours_seconds = plain_nbgrader.course_grade(
            submitted,
            out,
            "--workers",
            "2",
            "--cell-timeout",
            "8",
            "--timeout",
            "60",
            "--memory-mb",
            "1024",
        )
        with open(out / "grades.csv") as f:
            ours = {r["student"]: r for r in csv.DictReader(f)}
        with sqlite3.connect(out / "gradebook.db") as db:
            timing = dict(db.execute("SELECT student, seconds FROM grades"))
        # All in one batch, as an instructor would run it...
        batch, plain_seconds, log = plain_nbgrader.autograde(submitted, hostile.LESSON, jail=True)
        # ...and each alone, so that one attack's effect on the batch does not hide the others'.
        plain = {}
        for attack in attacks:
            alone = Path(scratch) / "alone" / attack.name
            hostile.write(attack, alone)
            scores, _, _ = plain_nbgrader.autograde(alone, hostile.LESSON, jail=True)
            plain[attack.name] = scores.get(attack.name, "no row")

    graded = sum(isinstance(v, float) for v in batch.values())
    print(f"course grader: {ours_seconds:.1f} s for {len(attacks)} submissions (2 workers)")
    print(
        f"plain nbgrader autograde: {plain_seconds:.1f} s, sequential, jailed; "
        f"{graded} of {len(attacks)} graded in one batch\n"
    )
    print("| submission | family | deserved | course grader | time (s) | plain nbgrader, alone |")
    print("|---|---|---|---|---|---|")
    for a in attacks:
        row = ours.get(a.name, {})
        theirs = plain.get(a.name, "no row")
        theirs = f"{theirs:g}" if isinstance(theirs, float) else theirs
        print(
            f"| {a.name} | {a.family} | {a.deserved:g} | {row.get('score', '-')} | "
            f"{timing.get(a.name, 0):.1f} | {theirs} |"
        )
    if "Traceback" in log:
        print("\nplain nbgrader's log ended with:\n" + log[-600:])


if __name__ == "__main__":
    main()
