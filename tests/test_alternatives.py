"""Correct answers written differently earn full marks: grading depends on what, not how.

tests/alternatives/NN_lesson.py lists, for every graded function, two or more correct
implementations unlike the reference (loops, einsum, other formulas, float32 where the
docstring allows it). Submission k of a lesson uses the k-th alternative of every function
that has one (the reference elsewhere); all are graded in one batch and must earn full marks.
"""

import csv
import importlib
from pathlib import Path

import pytest

from conftest import (
    LESSONS,
    SOLUTIONS,
    answer_ids,
    autograder,
    load,
    nbgrader,
    with_answers,
    write_submission,
)  # fmt: skip
from conftest import test_points as points_of

CORPUS = sorted(p.stem for p in (Path(__file__).parent / "alternatives").glob("[0-9]*.py"))


def alternatives(lesson: str) -> dict[str, list[dict]]:
    by_answer: dict[str, list[dict]] = {}
    for entry in importlib.import_module(f"alternatives.{lesson}").ALTERNATIVES:
        by_answer.setdefault(entry["answer"], []).append(entry)
    return by_answer


def submission(lesson: str, k: int) -> dict:
    solution = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
    nb = with_answers(
        load(LESSONS / lesson / f"{lesson}.ipynb"), solution, set(answer_ids(solution))
    )
    for cell in nb["cells"]:
        choices = alternatives(lesson).get(nbgrader(cell).get("grade_id"), [])
        if nbgrader(cell).get("solution") and len(choices) > k:
            cell["source"] = choices[k]["code"]
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    submitted = tmp_path_factory.mktemp("alternatives")
    expected = {}
    for lesson in CORPUS:
        full = sum(points_of(load(SOLUTIONS / lesson / f"{lesson}.ipynb")).values())
        for k in range(max(len(v) for v in alternatives(lesson).values())):
            write_submission(submitted, f"alternative-{k}", lesson, submission(lesson, k))
            expected[f"alternative-{k}", lesson] = full
    grading = tmp_path_factory.mktemp("grading")
    autograder("grade", submitted, "--grading", grading, "--workers", 2)
    with open(grading / "grades.csv") as f:
        rows = {(r["student"], r["lesson"]): r for r in csv.DictReader(f)}
    return rows, expected


def test_every_graded_function_has_two_alternatives():
    for lesson in CORPUS:
        solution = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
        counts = {a: len(alternatives(lesson).get(a, [])) for a in answer_ids(solution)}
        assert min(counts.values()) >= 2, f"{lesson}: {counts}"


@pytest.mark.parametrize("lesson", CORPUS)
def test_alternatives_earn_full_marks(graded, lesson):
    rows, expected = graded
    for (student, name), full in expected.items():
        if name == lesson:
            row = rows[student, lesson]
            assert float(row["score"]) == full, f"{student}: {row['score']}/{full}: {row['reason']}"
