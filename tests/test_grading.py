"""Round trips through `python -m autograder grade`, measured through the command line.

For every lesson: the reference solution submitted as it is earns full marks, the blank lesson
earns 0, and a submission with one function filled in, with the functions it builds on, earns
exactly the points of those functions' test cells. All in one batch, graded in parallel in the
sandbox.

A later exercise calls the student's own earlier functions, so a mistake in one of those costs
its points too: grading never puts a reference answer into the student's kernel to stand in
for it.
"""

import ast
import csv

import pytest

from autograder.gradebook import Gradebook
from conftest import (
    LESSONS,
    SOLUTIONS,
    answer_ids,
    autograder,
    lesson_names,
    load,
    nbgrader,
    owner,
    with_answers,
    write_submission,
)
from conftest import test_points as points_of


def grade(submitted, out, *extra):
    done = autograder("grade", submitted, "--grading", out.parent, *extra)
    with open(out) as f:
        return {(r["student"], r["lesson"]): r for r in csv.DictReader(f)}, done


def dependencies(solution: dict) -> dict[str, set[str]]:
    """Each answer cell, and every other answer cell whose functions it or its test cells call
    (transitively)."""
    defines, calls = {}, {}
    answers = answer_ids(solution)
    for cell in solution["cells"]:
        meta = nbgrader(cell)
        if not (meta.get("solution") or meta.get("grade")):
            continue
        tree = ast.parse("".join(cell["source"]))
        answer = meta["grade_id"] if meta.get("solution") else owner(meta["grade_id"], answers)
        if meta.get("solution"):
            defines[answer] = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        calls[answer] = calls.get(answer, set()) | names
    direct = {a: {b for b in defines if b != a and defines[b] & calls[a]} for a in defines}
    closure = {}
    for answer in direct:
        seen, todo = set(), list(direct[answer])
        while todo:
            other = todo.pop()
            if other not in seen:
                seen.add(other)
                todo += direct[other]
        closure[answer] = seen - {answer}
    return closure


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory, isolation):
    submitted = tmp_path_factory.mktemp("submitted")
    expected = {}
    for lesson in lesson_names():
        solution = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
        blank = load(LESSONS / lesson / f"{lesson}.ipynb")
        points = points_of(solution)
        answers = answer_ids(solution)
        write_submission(submitted, "full", lesson, solution)
        expected["full", lesson] = sum(points.values())
        write_submission(submitted, "blank", lesson, blank)
        expected["blank", lesson] = 0
        builds_on = dependencies(solution)
        for answer in answers:
            student = f"only-{answer}"
            filled = builds_on[answer] | {answer}
            write_submission(submitted, student, lesson, with_answers(blank, solution, filled))
            expected[student, lesson] = sum(
                p for t, p in points.items() if owner(t, answers) in filled
            )
    out = tmp_path_factory.mktemp("out") / "grades.csv"
    rows, done = grade(submitted, out, "--workers", "2", "--isolation", isolation)
    return rows, expected, out, done


def test_every_submission_has_a_row(round_trip):
    rows, expected, _, _ = round_trip
    assert set(rows) == set(expected)


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
    rows, _, out, _ = round_trip
    book = Gradebook(out.parent / "gradebook.db")
    try:
        assert book.integrity_problems() == []
        for grade in book.grades():
            assert float(rows[grade.student, grade.lesson]["score"]) == grade.score
    finally:
        book.close()


def test_table_is_printed(round_trip):
    _, _, _, done = round_trip
    assert done.stdout.splitlines()[0].split() == ["student", "lesson", "score", "reason"]
    assert "full" in done.stdout and "blank" in done.stdout


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
