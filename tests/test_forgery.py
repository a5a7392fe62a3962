"""Issue 9's families of forgery, on lessons 01, 05 and 10, graded in one batch with honest work.

Every attack submission has the same wrong answers: each graded function returns 0.0, whatever
it is given. Graded alone, those answers earn a baseline (a check whose right answer is 0 may
pass). Each attack adds one trick to them (the attacks of tests/hostile.py) and must earn
exactly that baseline (or less, where the trick breaks the cell): the trick itself earns nothing.
The attacks are built and graded in tests/batch.py, with the round trips and the alternatives.
"""

import pytest
from batch import ATTACKS, LESSONS_ATTACKED

from autograder.gradebook import Gradebook
from conftest import SOLUTIONS, load
from conftest import test_points as points_of


@pytest.fixture(scope="module")
def batch(graded_class):
    with Gradebook(graded_class.grading / "gradebook.db") as book:
        yield graded_class.rows, book


@pytest.mark.parametrize("lesson", LESSONS_ATTACKED)
def test_honest_work_keeps_its_exact_score(batch, lesson):
    rows, _ = batch
    full = sum(points_of(load(SOLUTIONS / lesson / f"{lesson}.ipynb")).values())
    assert float(rows["full", lesson]["score"]) == full
    assert float(rows["blank", lesson]["score"]) == 0


@pytest.mark.parametrize("lesson", LESSONS_ATTACKED)
@pytest.mark.parametrize("attack", [a for a in ATTACKS if a != "zeros"])
def test_no_trick_earns_a_point(batch, lesson, attack):
    rows, _ = batch
    baseline = float(rows["zeros", lesson]["score"])
    earned = float(rows[attack, lesson]["score"])
    if attack == "forge-drain":  # forged records also cost the cells the zeros would pass
        assert earned <= baseline
    else:
        assert earned == baseline, rows[attack, lesson]["reason"]


def test_nothing_a_kernel_wrote_reaches_the_gradebook_and_it_is_intact(batch):
    _, book = batch
    assert book.integrity_problems() == []
    messages = [c[5] for c in book.checks()] + [g.reason for g in book.grades()]
    assert not [m for m in messages if "LEAKED" in m or "hidden_rng" in m]
