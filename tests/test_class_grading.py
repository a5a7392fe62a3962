"""Grading a class: parallel and warm equals sequential and cold, Dask, feedback, exports, resuming.

One small class (lessons 01 and 02: full, blank, partial, a hard-coder, and hostile submissions
that patch numpy, forge records, empty IPython's later cells and kill their own kernel) is graded
sequentially with every sandbox started cold, in parallel with warm sandboxes (the default), and
on a Dask LocalCluster on loopback, all with the same seed; then feedback and exports are made
from the parallel run's gradebook.
"""

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time

import hostile
import pytest

from autograder.gradebook import Gradebook
from conftest import (
    LESSONS,
    ROOT,
    SOLUTIONS,
    answer_ids,
    autograder,
    load,
    nbgrader,
    with_answers,
    write_submission,
)

SEED = ["--seed", "20261121"]
HARDCODED = (
    "def secant_slope(f, x, h):\n"
    "    # the visible checks' answers, and nothing else\n"
    "    return {(1.0, 0.25): 2.25, (-3.0, -0.5): 5.0}.get((x, h), 0.0)\n"
)


def rows_of(path):
    with open(path) as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    submitted = tmp_path_factory.mktemp("class")
    for lesson in ("01_derivatives", "02_matrices"):
        solution = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
        blank = load(LESSONS / lesson / f"{lesson}.ipynb")
        write_submission(submitted, "ada", lesson, solution)
        write_submission(submitted, "ben", lesson, blank)
        write_submission(
            submitted, "cy", lesson, with_answers(blank, solution, set(answer_ids(solution)[:2]))
        )
    hardcoder = hostile.notebook(right=hostile.ALL_RIGHT - {"secant_slope"})
    for cell in hardcoder["cells"]:
        if nbgrader(cell).get("grade_id") == "secant_slope":
            cell["source"] = HARDCODED
    write_submission(submitted, "dee", "01_derivatives", hardcoder)
    attacks = {a.name: a for a in hostile.corpus()}
    for student, attack in (("eve", "patch-numpy"), ("fay", "forge-records"),
                            ("gus", "empty-later-cells"), ("hal", "kill-own-kernel")):  # fmt: skip
        write_submission(submitted, student, "01_derivatives", attacks[attack].build())
    return submitted


def class_size(klass) -> int:
    return len(list(klass.glob("*/*/*.ipynb")))


@pytest.fixture(scope="module")
def graded(klass, tmp_path_factory, isolation):
    """The class graded two ways here (Dask is the third): {name: (grades rows, out folder,
    seconds)}. The sequential run starts each sandbox cold, the parallel one warm."""
    runs = {}
    for name, extra in (("sequential", ["--workers", "1", "--cold"]),
                        ("parallel", ["--workers", "2"])):  # fmt: skip
        out = tmp_path_factory.mktemp(name)
        start = time.monotonic()
        autograder("grade", klass, "--grading", out, "--isolation", isolation, *SEED, *extra)
        runs[name] = (rows_of(out / "grades.csv"), out, time.monotonic() - start)
    return runs


def long_rows(out):
    autograder("export", "--grading", out)
    export = out / "export"
    return rows_of(export / "grades_by_student.csv"), rows_of(export / "grades_by_check.csv")


def test_parallel_warm_grades_equal_sequential_cold(graded):
    sequential, parallel = graded["sequential"][0], graded["parallel"][0]
    assert sequential == parallel
    assert long_rows(graded["sequential"][1])[1] == long_rows(graded["parallel"][1])[1]
    print(f"\nsequential {graded['sequential'][2]:.1f} s, parallel {graded['parallel'][2]:.1f} s")


def test_hard_coding_visible_answers_earns_nothing(graded):
    rows = {(r["student"], r["lesson"]): r for r in graded["parallel"][0]}
    assert float(rows["dee", "01_derivatives"]["score"]) == hostile.FULL - 1  # all but secant_slope
    assert float(rows["eve", "01_derivatives"]["score"]) == 0
    assert float(rows["fay", "01_derivatives"]["score"]) == 0
    assert float(rows["gus", "01_derivatives"]["score"]) == 0
    assert float(rows["hal", "01_derivatives"]["score"]) == 6


def test_dask_cluster_gives_the_same_grades(klass, graded, tmp_path, isolation):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
    ) as cluster:
        autograder(
            "grade",
            klass,
            "--grading",
            tmp_path,
            "--isolation",
            isolation,
            "--dask",
            cluster.scheduler_address,
            *SEED,
        )
    assert rows_of(tmp_path / "grades.csv") == graded["parallel"][0]


def test_exports_wide_and_long(graded):
    rows, out, _ = graded["parallel"]
    wide, long = long_rows(out)
    assert list(wide[0]) == ["student", "01_derivatives", "02_matrices", "total"]
    by_student = {r["student"]: r for r in wide}
    assert set(by_student) == {r["student"] for r in rows}
    for r in wide:
        lessons = [float(r[c]) for c in ("01_derivatives", "02_matrices") if r[c] != ""]
        assert float(r["total"]) == sum(lessons)
    assert by_student["ben"]["total"] == "0"
    assert list(long[0]) == ["student", "lesson", "check", "points", "max"]
    for student, lesson in {(r["student"], r["lesson"]) for r in rows}:
        mine = [x for x in long if (x["student"], x["lesson"]) == (student, lesson)]
        score = next(
            float(r["score"]) for r in rows if (r["student"], r["lesson"]) == (student, lesson)
        )
        assert sum(float(x["points"]) for x in mine) == score


def hidden_lines(lesson):
    """Every substantial line of the lesson's hidden tests."""
    lines = set()
    for cell in load(SOLUTIONS / lesson / f"{lesson}.ipynb")["cells"]:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        for block in re.findall(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", source, re.S):
            lines |= {line.strip() for line in block.splitlines() if len(line.strip()) > 12}
    return lines


def test_feedback_shows_checks_but_never_hidden_source(klass, graded, tmp_path):
    _, out, _ = graded["parallel"]
    autograder("feedback", klass, "--grading", out)
    pages = sorted((out / "feedback").glob("*/*/*.html"))
    assert len(pages) == len(graded["parallel"][0])
    for page in pages:
        text = page.read_text()
        lesson = page.parent.name
        assert "Total:" in text
        leaked = [line for line in hidden_lines(lesson) if line in text]
        assert not leaked, f"{page}: hidden test source in feedback: {leaked[:3]}"
    dee = (out / "feedback" / "dee" / "01_derivatives" / "01_derivatives.html").read_text()
    assert "Total: 9 / 10" in dee
    # The hard-coder sees which hidden check failed, by its message only.
    assert re.search(r"secant_slope\(sin, x=-?\d", dee)


def test_rerun_grades_only_new_or_changed(klass, graded):
    _, out, _ = graded["parallel"]
    changed = klass / "ben" / "01_derivatives" / "01_derivatives.ipynb"
    original = changed.read_text()
    try:
        changed.write_text(json.dumps(load(SOLUTIONS / "01_derivatives" / "01_derivatives.ipynb")))
        done = autograder("grade", klass, "--grading", out, *SEED)
        unchanged = f"unchanged={class_size(klass) - 1}"
        assert unchanged in done.stderr and "graded=1" in done.stderr, done.stderr[-500:]
        rows = {(r["student"], r["lesson"]): r for r in rows_of(out / "grades.csv")}
        assert rows["ben", "01_derivatives"]["score"] == "10"
        forced = autograder("grade", klass, "--grading", out, "--force", *SEED)
        assert "unchanged=0" in forced.stderr
    finally:
        changed.write_text(original)


def test_killed_run_loses_nothing_and_resumes(klass, tmp_path, isolation):
    book_path = tmp_path / "gradebook.db"
    command = [
        sys.executable,
        "-m",
        "autograder",
        "grade",
        str(klass),
        "--grading",
        str(tmp_path),
        "--workers",
        "1",
        "--isolation",
        isolation,
        *SEED,
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    done_before = 0
    while time.monotonic() < deadline and process.poll() is None:
        if book_path.exists():
            book = Gradebook(book_path)
            done_before = len(book.grades())
            book.close()
            if done_before >= 3:
                break
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 3 <= done_before < class_size(klass), "the run finished before it could be interrupted"
    book = Gradebook(book_path)
    assert book.integrity_problems() == []
    survivors = {(g.student, g.lesson): g.sha256 for g in book.grades()}
    book.close()
    resumed = autograder("grade", klass, "--grading", tmp_path, "--isolation", isolation, *SEED)
    assert f"unchanged={len(survivors)}" in resumed.stderr
    assert len(rows_of(tmp_path / "grades.csv")) == class_size(klass)
