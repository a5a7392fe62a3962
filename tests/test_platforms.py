"""autograder.platforms: Gradescope's results.json, Canvas's import CSV and GitHub Classroom's
workflow, each checked against what the platform's documentation specifies."""

import csv
import json
import re

import pytest
import yaml

from conftest import LESSONS, SOLUTIONS, autograder, load, write_submission
from conftest import test_points as points_of

LESSON = "02_matrices"
VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}


def check_results_json(results: dict) -> None:
    """Gradescope's autograder specification: a score, and tests with the documented fields."""
    assert isinstance(results["score"], (int, float))
    assert isinstance(results["tests"], list)
    assert results.get("visibility", "visible") in VISIBILITY
    for test in results["tests"]:
        assert isinstance(test["name"], str) and isinstance(test["output"], str)
        assert isinstance(test["score"], (int, float))
        assert isinstance(test["max_score"], (int, float))
        assert test["status"] in ("passed", "failed")
        assert test["visibility"] in VISIBILITY
    assert sum(t["score"] for t in results["tests"]) == pytest.approx(results["score"])


def test_gradescope_results_for_an_upload(tmp_path):
    upload = tmp_path / "submission"
    upload.mkdir()
    (upload / "my homework.ipynb").write_text(
        json.dumps(load(SOLUTIONS / LESSON / f"{LESSON}.ipynb"))
    )
    results_path = tmp_path / "results" / "results.json"
    autograder("gradescope", upload, "--results", results_path)
    results = json.loads(results_path.read_text())
    check_results_json(results)
    assert results["score"] == sum(points_of(load(SOLUTIONS / LESSON / f"{LESSON}.ipynb")).values())
    assert {t["visibility"] for t in results["tests"]} <= {"visible", "after_published"}
    assert "after_published" in {t["visibility"] for t in results["tests"]}  # hidden tests


def test_gradescope_says_why_an_upload_was_not_graded(tmp_path):
    upload = tmp_path / "submission"
    for name in ("a.ipynb", "b.ipynb"):
        write_submission(upload, "x", "y", load(LESSONS / LESSON / f"{LESSON}.ipynb"))
        (upload / name).write_text("{}")
    results_path = tmp_path / "results.json"
    autograder("gradescope", upload, "--results", results_path)
    results = json.loads(results_path.read_text())
    check_results_json(results)
    assert results["score"] == 0 and "exactly one notebook" in results["output"]


def test_canvas_import_csv(tmp_path):
    submitted = tmp_path / "submitted"
    write_submission(submitted, "ada", LESSON, load(SOLUTIONS / LESSON / f"{LESSON}.ipynb"))
    write_submission(submitted, "ben", LESSON, load(LESSONS / LESSON / f"{LESSON}.ipynb"))
    grading = tmp_path / "grading"
    autograder("grade", submitted, "--grading", grading)
    autograder("export", "--grading", grading)
    with open(grading / "export" / "canvas.csv", newline="") as f:
        rows = list(csv.reader(f))
    # Canvas's gradebook import: these five columns first, then one per assignment; an optional
    # "Points Possible" row; students matched by an ID or SIS column.
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", LESSON]
    full = sum(points_of(load(SOLUTIONS / LESSON / f"{LESSON}.ipynb")).values())
    assert rows[1][0] == "Points Possible" and float(rows[1][5]) == full
    by_login = {r[3]: r for r in rows[2:]}
    assert float(by_login["ada"][5]) == full and float(by_login["ben"][5]) == 0


def test_github_classroom_workflow_in_the_published_copy(tmp_path):
    autograder("publish", "01_derivatives", LESSON, "--out", tmp_path)
    workflow = yaml.safe_load((tmp_path / ".github" / "workflows" / "classroom.yml").read_text())
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    graders = [s for s in steps if s.get("uses") == "education/autograding-command-grader@v1"]
    assert [g["with"]["test-name"] for g in graders] == ["01_derivatives", LESSON]
    for step in graders:
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", step["id"])  # GitHub's rule for ids
        inputs = step["with"]
        assert set(inputs) >= {"test-name", "command", "timeout", "max-score"}
        assert isinstance(inputs["timeout"], int) and isinstance(inputs["max-score"], (int, float))
        lesson = inputs["test-name"]
        assert inputs["command"] == f"python -m autograder check lessons/{lesson}/{lesson}.ipynb"
        assert inputs["max-score"] == sum(
            points_of(load(SOLUTIONS / lesson / f"{lesson}.ipynb")).values()
        )
    (reporter,) = [s for s in steps if s.get("uses") == "education/autograding-grading-reporter@v1"]
    assert reporter["with"]["runners"].split(",") == [g["id"] for g in graders]
    for name, value in reporter["env"].items():
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name)
        assert re.fullmatch(r"\$\{\{steps\.[A-Za-z0-9_-]+\.outputs\.result\}\}", value)
