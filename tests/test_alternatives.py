"""Correct answers written differently earn full marks: grading depends on what, not how.

tests/alternatives/NN_lesson.py lists, for every graded function, two or more correct
implementations unlike the reference (loops, einsum, other formulas, float32 where the
docstring allows it). Submission k of a lesson uses the k-th alternative of every function
that has one (the reference elsewhere); all are graded in one batch (tests/batch.py, with the
round trips and the forgeries) and must earn full marks.
"""

import pytest
from batch import ALTERNATIVES as CORPUS
from batch import alternatives

from conftest import SOLUTIONS, answer_ids, load


@pytest.fixture(scope="module")
def graded(graded_class):
    return graded_class.rows, graded_class.alternatives


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
