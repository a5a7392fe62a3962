"""autograder.late: nbgrader's timestamps, a per-lesson deadline policy, and raw scores kept."""

import csv
import datetime
import shutil

from autograder.gradebook import Gradebook
from autograder.late import LatePolicy, submitted_at
from conftest import ROOT, SOLUTIONS, autograder, load, write_submission

LESSON = "02_matrices"
UTC = datetime.timezone.utc


def test_nbgraders_timestamp_is_read(tmp_path):
    notebook = write_submission(tmp_path, "ann", LESSON, {"cells": []})
    assert submitted_at(notebook) is None
    (notebook.parent / "timestamp.txt").write_text("2026-12-10 09:30:00.123456 UTC\n")
    assert submitted_at(notebook) == datetime.datetime(2026, 12, 10, 9, 30, 0, 123456, UTC)
    (notebook.parent / "timestamp.txt").write_text("not a time")
    assert submitted_at(notebook) is None


def test_the_penalty_counts_started_days_and_stops_at_the_cap():
    deadline = datetime.datetime(2026, 12, 8, 23, 59, tzinfo=UTC)
    policy = LatePolicy({LESSON: deadline}, penalty_per_day=0.1, max_penalty=0.3)
    assert policy.penalty(LESSON, deadline) == 0
    assert policy.penalty(LESSON, deadline + datetime.timedelta(minutes=1)) == 0.1
    assert policy.penalty(LESSON, deadline + datetime.timedelta(days=1, hours=1)) == 0.2
    assert policy.penalty(LESSON, deadline + datetime.timedelta(days=30)) == 0.3
    assert policy.penalty("01_derivatives", deadline + datetime.timedelta(days=3)) == 0
    assert policy.penalty(LESSON, None) == 0


def test_a_late_submission_keeps_its_raw_score_and_reports_the_penalty(tmp_path):
    course = tmp_path / "course"
    shutil.copytree(ROOT / "solutions", course / "solutions")
    (course / "course.toml").write_text(
        "[late]\npenalty_per_day = 0.1\nmax_penalty = 0.5\n\n"
        f"[deadlines]\n{LESSON} = 2026-12-08T23:59:00Z\n"
    )
    solution = load(SOLUTIONS / LESSON / f"{LESSON}.ipynb")
    for student, stamp in (("ann", "2026-12-08 20:00:00 UTC"), ("bob", "2026-12-10 09:00:00 UTC")):
        path = write_submission(course / "submitted", student, LESSON, solution)
        (path.parent / "timestamp.txt").write_text(stamp)
    grading = course / "grading"
    autograder(
        "grade", course / "submitted", "--solutions", course / "solutions", "--grading", grading
    )
    autograder("export", "--grading", grading)
    autograder("feedback", "--solutions", course / "solutions", "--grading", grading)
    with open(grading / "grades.csv") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    full = float(rows["ann"]["max_score"])
    assert float(rows["ann"]["score"]) == float(rows["bob"]["score"]) == full
    assert float(rows["ann"]["penalty"]) == 0 and float(rows["bob"]["penalty"]) == 0.2
    assert float(rows["bob"]["final_score"]) == 0.8 * full
    assert rows["bob"]["submitted_at"] == "2026-12-10T09:00:00+00:00"
    book = Gradebook(grading / "gradebook.db")
    assert {g.student: g.score for g in book.grades()} == {"ann": full, "bob": full}  # raw kept
    with open(grading / "export" / "grades_by_student.csv") as f:
        wide = {r["student"]: float(r[LESSON]) for r in csv.DictReader(f)}
    assert wide == {"ann": full, "bob": 0.8 * full}
    page = (grading / "feedback" / "bob" / LESSON / f"{LESSON}.html").read_text()
    assert "20% off" in page
