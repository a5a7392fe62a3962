"""Issue 9's families of forgery, on lessons 01, 05 and 10, graded in one batch with honest work.

Every attack submission has the same wrong answers: each graded function returns 0.0, whatever
it is given. Graded alone, those answers earn a baseline (a check whose right answer is 0 may
pass). Each attack adds one trick to them (the attacks of tests/hostile.py) and must earn
exactly that baseline (or less, where the trick breaks the cell): the trick itself earns nothing.
"""

import ast
import copy
import csv

import hostile
import pytest

from autograder.gradebook import Gradebook
from conftest import LESSONS, SOLUTIONS, autograder, load, nbgrader, write_submission
from conftest import test_points as points_of

LESSONS_ATTACKED = ["01_derivatives", "05_activations", "10_mnist"]


def functions(cell) -> list[str]:
    tree = ast.parse(
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    )
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]


def wrong(lesson: str, prefix: str = "", body: str = "return 0.0", steal: bool = False) -> dict:
    """The released lesson with every graded function returning 0.0 (or ``body``)."""
    solution = {
        nbgrader(c).get("grade_id"): c
        for c in load(SOLUTIONS / lesson / f"{lesson}.ipynb")["cells"]
    }
    nb = copy.deepcopy(load(LESSONS / lesson / f"{lesson}.ipynb"))
    first = True
    for cell in nb["cells"]:
        if not nbgrader(cell).get("solution"):
            continue
        code = prefix if first else ""
        first = False
        for name in functions(solution[nbgrader(cell)["grade_id"]]):
            if steal:  # any reference answer importable under the same name, else 0.0
                code += (
                    f"try:\n    from demystify.nn import {name}\nexcept ImportError:\n"
                    f"    try:\n        from demystify.fast import {name}\n"
                    f"    except ImportError:\n        def {name}(*args, **kwargs):\n"
                    f"            return 0.0\n"
                )
            else:
                code += f"def {name}(*args, **kwargs):\n    {body}\n"
        cell["source"] = code
    return nb


ATTACKS = {
    "zeros": lambda lesson: wrong(lesson),
    "swap-expected": lambda lesson: wrong(lesson, hostile.SWAP_EXPECTED),
    "frame-lookup": lambda lesson: wrong(lesson, hostile.FRAME_LOOKUP, "return _Peek()"),
    "import-answers": lambda lesson: wrong(lesson, steal=True),
    "leak-hidden-tests": lambda lesson: wrong(lesson, hostile.LEAK_HIDDEN),
    "forge-drain": lambda lesson: wrong(lesson, hostile.FORGE_RECORDS),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    submitted = tmp_path_factory.mktemp("forgery")
    for lesson in LESSONS_ATTACKED:
        write_submission(
            submitted, "honest-full", lesson, load(SOLUTIONS / lesson / f"{lesson}.ipynb")
        )
        write_submission(
            submitted, "honest-blank", lesson, load(LESSONS / lesson / f"{lesson}.ipynb")
        )
        for name, build in ATTACKS.items():
            write_submission(submitted, name, lesson, build(lesson))
    grading = tmp_path_factory.mktemp("grading")
    autograder("grade", submitted, "--grading", grading, "--workers", 2, "--cell-timeout", 30)
    with open(grading / "grades.csv") as f:
        rows = {(r["student"], r["lesson"]): r for r in csv.DictReader(f)}
    return rows, Gradebook(grading / "gradebook.db")


@pytest.mark.parametrize("lesson", LESSONS_ATTACKED)
def test_honest_work_keeps_its_exact_score(batch, lesson):
    rows, _ = batch
    full = sum(points_of(load(SOLUTIONS / lesson / f"{lesson}.ipynb")).values())
    assert float(rows["honest-full", lesson]["score"]) == full
    assert float(rows["honest-blank", lesson]["score"]) == 0


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
