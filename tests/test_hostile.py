"""Hostile and broken submissions, graded in one batch with honest ones.

No submission may earn more than it deserves, the honest ones keep their exact scores, every
one gets a row (a reason where it failed), and the gradebook passes its integrity check. The
corpus is tests/hostile.py. The batch runs under the strongest isolation the machine has and
again under the fallback (without the attacks only bubblewrap can contain: reading and writing
files outside the sandbox, killing every process it can see). Resource-hungry entries run with
small limits (1 GB, 8 s a cell) so the suite stays fast and safe on a 2-core machine.
"""

import csv
import os
import re
import time

import hostile
import pytest

from autograder.gradebook import Gradebook
from autograder.sandbox import bwrap_path, cgroups, describe
from conftest import autograder


def levels():
    """The strongest isolation here, and the fallback (with the attacks it can contain)."""
    return ["bwrap", "process"] if bwrap_path() else ["process"]


@pytest.fixture(scope="module", params=levels())
def batch(request, tmp_path_factory):
    isolation = request.param
    print(f"\nisolation in use: {describe(isolation)}")
    attacks = [a for a in hostile.corpus() if isolation == "bwrap" or not a.strong_only]
    if isolation == "process" and os.geteuid() == 0 and cgroups().kind == "none":
        # Nothing would bound a fork bomb's processes here: root ignores RLIMIT_NPROC.
        attacks = [a for a in attacks if a.name != "fork-bomb"]
    submitted = tmp_path_factory.mktemp("hostile")
    for attack in attacks:
        hostile.write(attack, submitted)
    hostile.symlink_to_solution(submitted)
    attacks.append(hostile.Attack("symlink-to-solution", "malformed", dict, 0))
    out = tmp_path_factory.mktemp("out") / "grades.csv"
    start = time.monotonic()
    autograder(
        "grade",
        submitted,
        "--grading",
        out.parent,
        "--workers",
        2,
        "--isolation",
        isolation,
        "--cell-timeout",
        8,
        "--timeout",
        60,
        "--memory-mb",
        1024,
    )
    seconds = time.monotonic() - start
    with open(out) as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    book = Gradebook(out.parent / "gradebook.db")
    timing = {g.student: g.seconds for g in book.grades()}
    print(f"\n{len(attacks)} submissions graded in {seconds:.1f} s with {isolation}")
    print(f"{'submission':26} {'family':18} {'earned':>6} {'deserved':>8} {'seconds':>7}  reason")
    for a in attacks:
        row = rows.get(a.name, {})
        print(
            f"{a.name:26} {a.family:18} {row.get('score', '-'):>6} {a.deserved:>8g} "
            f"{timing.get(a.name, 0):>7.1f}  {row.get('reason', '')[:70]}"
        )
    yield attacks, rows, book
    book.close()


def test_every_submission_has_a_row(batch):
    attacks, rows, _ = batch
    assert {a.name for a in attacks} == set(rows)


def test_nobody_earns_more_than_deserved(batch):
    attacks, rows, _ = batch
    over = {
        a.name: (rows[a.name]["score"], a.deserved)
        for a in attacks
        if float(rows[a.name]["score"]) > a.deserved
    }
    assert not over, f"(earned, deserved): {over}"


def test_every_submission_earns_exactly_what_it_deserves(batch):
    attacks, rows, _ = batch
    off = {
        a.name: (rows[a.name]["score"], a.deserved)
        for a in attacks
        if float(rows[a.name]["score"]) != a.deserved
    }
    assert not off, f"(earned, deserved): {off}"


def test_broken_submissions_say_why(batch):
    attacks, rows, _ = batch
    for a in attacks:
        if a.family in ("malformed", "kill or starve", "resources") and a.name != "renamed":
            assert rows[a.name]["reason"], f"{a.name} has no reason"
    assert "not valid JSON" in rows["not-json"]["reason"]
    assert "empty" in rows["empty-file"]["reason"]
    assert "not lesson 01_derivatives" in rows["other-lesson"]["reason"]
    assert "my_homework.ipynb" in rows["renamed"]["reason"]
    assert "restored" in rows["edited-tests-and-points"]["reason"]
    assert "deleted locked or test cells restored" in rows["deleted-tests"]["reason"]
    assert "changed point values ignored" in rows["edited-tests-and-points"]["reason"]
    assert "kernel died (exit status 1)" in rows["kill-own-kernel"]["reason"]
    if "kill-everything" in rows:  # bubblewrap only: its pid namespace is what contains it
        assert "kernel died (killed by SIGKILL)" in rows["kill-everything"]["reason"]
    assert "longer than 8 s" in rows["endless-loop"]["reason"]
    # Either the byte limit stops it, or the kernel dies of the output buffered in its memory.
    assert re.search(
        "more than|larger than|flooding its output|out of memory", rows["flood-output"]["reason"]
    ), rows["flood-output"]["reason"]
    assert re.search("raised MemoryError|out of memory", rows["eat-memory"]["reason"]), rows[
        "eat-memory"
    ]["reason"]
    assert "symbolic link" in rows["symlink-to-solution"]["reason"]


def test_no_hidden_test_reaches_the_gradebook(batch):
    """Whatever the kernel wrote about a cell with hidden tests stays out of every message."""
    _, _, book = batch
    messages = [c[5] for c in book.checks()] + [g.reason for g in book.grades()]
    assert not [m for m in messages if "LEAKED" in m or "hidden_rng" in m or "HIDDEN" in m]


def test_gradebook_is_intact(batch):
    _, _, book = batch
    assert book.integrity_problems() == []
    assert len(book.grades()) == len(batch[0])
