"""autograder.grade: isolation fails closed, and a grader's failure is never a student's grade."""

import autograder.grade as grade_module
from autograder.grade import Grader, find_submissions
from autograder.gradebook import NOT_GRADED, Gradebook
from autograder.runner import RunResult
from autograder.sandbox import Limits
from conftest import SOLUTIONS, autograder, lesson_names, load, write_submission
from conftest import test_points as points_of

LESSON = "01_derivatives"


def test_grade_refuses_to_run_without_the_strong_sandbox(tmp_path):
    write_submission(tmp_path / "sub", "ann", LESSON, load(SOLUTIONS / LESSON / f"{LESSON}.ipynb"))
    no_bwrap = {"PATH": "/nonexistent"}
    done = autograder(
        "grade", tmp_path / "sub", "--grading", tmp_path / "g", status=4, env=no_bwrap
    )
    assert "bubblewrap (bwrap) is not installed" in done.stderr
    assert "--isolation process" in done.stderr
    assert not (tmp_path / "g" / "grades.csv").exists()
    weak = autograder(
        "grade", tmp_path / "sub", "--grading", tmp_path / "g", "--isolation", "process",
        env=no_bwrap,
    )  # fmt: skip
    assert "WEAK ISOLATION" in weak.stderr


def test_a_sandbox_that_fails_to_start_is_retried_then_not_graded(tmp_path, monkeypatch):
    submitted = tmp_path / "sub"
    solution = load(SOLUTIONS / LESSON / f"{LESSON}.ipynb")
    for student in ("ann", "bob"):
        write_submission(submitted, student, LESSON, solution)
    real = grade_module.run_cells
    attempts = []

    def flaky(cells, *, package, **kwargs):
        """The first three student runs fail to start: ann's, bob's, and ann's retry."""
        if package != grade_module.PACKAGE.parent:
            attempts.append(package)
            if len(attempts) <= 3:
                return RunResult(problem="the kernel did not start", infrastructure=True)
        return real(cells, package=package, **kwargs)

    monkeypatch.setattr(grade_module, "run_cells", flaky)
    book = Gradebook(tmp_path / "gradebook.db")
    submissions, _ = find_submissions(submitted, lesson_names())
    grader = Grader(SOLUTIONS, book, "process", Limits(), seed=7, workers=1)
    first = {g.student: g for g in grader.grade(submissions)}
    statuses = {s: g.status for s, g in first.items()}
    assert statuses == {"ann": NOT_GRADED, "bob": "graded"} and len(attempts) == 4
    assert "did not start" in first["ann"].reason and first["ann"].max_score == 0
    full = sum(points_of(solution).values())
    assert first["bob"].score == first["bob"].max_score == full
    monkeypatch.setattr(grade_module, "run_cells", real)
    again = {g.student: g for g in grader.grade(submissions)}
    assert set(again) == {s for s, status in statuses.items() if status == NOT_GRADED}
    assert all(g.status != NOT_GRADED and g.score == full for g in again.values())
    assert book.integrity_problems() == []


def test_unknown_lesson_folders_get_one_line_and_no_row(tmp_path):
    (tmp_path / "ann" / "lesson6").mkdir(parents=True)
    found, misplaced = find_submissions(tmp_path, lesson_names())
    assert found == []
    assert misplaced == [f"ann/lesson6: not a lesson; the lessons are {', '.join(lesson_names())}"]
