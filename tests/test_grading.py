"""Round trips through `python -m autograder grade`, measured through the command line.

For every lesson: the reference solution submitted as it is earns full marks, the blank lesson
earns 0, and a submission with one function filled in, with the functions it builds on, earns
exactly the points of those functions' test cells. All in one batch, graded in parallel in the
sandbox, with the alternatives and the forgeries (tests/batch.py).

A later exercise calls the student's own earlier functions, so a mistake in one of those costs
its points too: grading never puts a reference answer into the student's kernel to stand in
for it.
"""

import csv

import pytest

from autograder.gradebook import Gradebook
from conftest import SOLUTIONS, autograder, load, with_answers, write_submission


@pytest.fixture(scope="module")
def round_trip(graded_class):
    rows = {key: graded_class.rows[key] for key in graded_class.round_trips}
    out = graded_class.grading / "grades.csv"
    return rows, graded_class.round_trips, out, graded_class.stdout


def test_every_submission_has_a_row(graded_class):
    assert set(graded_class.round_trips) <= set(graded_class.rows)


def test_solutions_earn_full_marks(round_trip):
    rows, expected, _, _ = round_trip
    for (student, lesson), want in expected.items():
        if student == "full":
            row = rows[student, lesson]
            assert float(row["score"]) == want == float(row["max_score"]), row


def test_blank_lessons_earn_zero(round_trip):
    rows, expected, _, _ = round_trip
    for student, lesson in expected:
        if student == "blank":
            assert float(rows[student, lesson]["score"]) == 0, rows[student, lesson]


def test_one_function_earns_exactly_its_points_and_those_it_builds_on(round_trip):
    rows, expected, _, _ = round_trip
    wrong = {
        key: (rows[key]["score"], want)
        for key, want in expected.items()
        if key[0].startswith("only-") and float(rows[key]["score"]) != want
    }
    assert not wrong, f"(score, expected) per submission: {wrong}"


def test_gradebook_is_intact_and_matches_csv(round_trip):
    _, _, out, _ = round_trip
    with open(out) as f:
        rows = {(r["student"], r["lesson"]): r for r in csv.DictReader(f)}
    with Gradebook(out.parent / "gradebook.db") as book:
        assert book.integrity_problems() == []
        assert len(book.grades()) == len(rows)
        for grade in book.grades():
            assert float(rows[grade.student, grade.lesson]["score"]) == grade.score


def test_table_is_printed(round_trip):
    _, _, _, stdout = round_trip
    assert stdout.splitlines()[0].split() == ["student", "lesson", "score", "reason"]
    assert "full" in stdout and "blank" in stdout


def test_a_broken_reference_solution_stops_the_batch_with_a_reason(tmp_path):
    """A lesson whose own solution fails its tests is the instructor's to fix, not 0 for all."""
    lesson = "01_derivatives"
    solution = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
    broken = with_answers(solution, solution, set())
    for cell in broken["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "secant_slope":
            cell["source"] = "def secant_slope(f, x, h):\n    return 0.0\n"
    write_submission(tmp_path / "solutions", ".", lesson, broken)
    write_submission(tmp_path / "submitted", "ada", lesson, solution)
    out = tmp_path / "out" / "grades.csv"
    done = autograder(
        "grade",
        tmp_path / "submitted",
        "--grading",
        out.parent,
        "--solutions",
        tmp_path / "solutions",
        status=2,
    )
    assert "the reference solution of 01_derivatives fails: secant_slope_values" in done.stderr
    assert not out.exists()
