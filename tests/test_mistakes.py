"""The visible checks recognise the usual mistakes and name them.

Each module in tests/mistakes/ lists mistakes for one lesson: the answer cell's code replaced by
a wrong version, the test cell whose visible part must then fail, and a phrase its message must
contain. One kernel per lesson runs the reference solution, then each mistake in turn (putting the
right answer back after each).
"""

import importlib
import re
from pathlib import Path

import pytest

from autograder.runner import Cell, run_cells
from autograder.sandbox import Limits
from conftest import SOLUTIONS, load, nbgrader

CORPUS = sorted(p.stem for p in (Path(__file__).parent / "mistakes").glob("[0-9]*.py"))
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.DOTALL)


def source(cell):
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


@pytest.mark.parametrize("lesson", CORPUS)
def test_each_mistake_is_named_by_its_visible_check(lesson, isolation):
    mistakes = importlib.import_module(f"mistakes.{lesson}").MISTAKES
    nb = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
    graded = {nbgrader(c)["grade_id"]: source(c) for c in nb["cells"] if nbgrader(c)}
    cells = [
        Cell(source(c))
        for c in nb["cells"]
        if c["cell_type"] == "code" and nbgrader(c) and not nbgrader(c).get("grade")
    ]
    for i, mistake in enumerate(mistakes):
        visible = HIDDEN.sub("", graded[mistake["test"]])
        cells += [
            Cell(mistake["code"]),
            Cell(visible, f"mistake-{i}"),
            Cell(graded[mistake["answer"]]),
        ]
    result = run_cells(cells, isolation=isolation, limits=Limits())
    assert not result.problem, result.problem
    for i, mistake in enumerate(mistakes):
        outcome = result.tests[f"mistake-{i}"]
        assert outcome.status == "error", f"{mistake['name']}: the check passed"
        assert outcome.error.startswith("CheckFailed"), f"{mistake['name']}: {outcome.error}"
        assert mistake["message"] in outcome.error, (
            f"{mistake['name']}: message lacks {mistake['message']!r}: {outcome.error}"
        )


def test_corpus_covers_the_usual_mistakes():
    """The mistakes COURSE.md and the syllabus name each have at least one entry."""
    names = " | ".join(
        m["name"].lower()
        for lesson in CORPUS
        for m in importlib.import_module(f"mistakes.{lesson}").MISTAKES
    )
    for phrase in [
        "sigmoid'(a)",
        "axis",
        "bias gradient",
        "(n,) vs (n, 1)",
        "overflow",
        "log(0)",
        "sum",
        "transposed",
        "uphill",
    ]:
        assert phrase in names, f"no mistake about {phrase!r} in the corpus"
