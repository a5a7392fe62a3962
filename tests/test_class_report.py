"""autograder.class_report: a class with known mistakes gives the counts it should."""

import copy

import pytest

from autograder.class_report import lesson_summary
from autograder.gradebook import Gradebook
from conftest import LESSONS, SOLUTIONS, autograder, load, nbgrader, write_submission

LESSON = "01_derivatives"
NO_DIVISION = "def secant_slope(f, x, h):\n    return f(x + h) - f(x)\n"
TWICE_H = "def secant_slope(f, x, h):\n    return (f(x + h) - f(x)) / (2 * h)\n"


def with_secant(code: str) -> dict:
    nb = copy.deepcopy(load(SOLUTIONS / LESSON / f"{LESSON}.ipynb"))
    for cell in nb["cells"]:
        if nbgrader(cell).get("grade_id") == "secant_slope":
            cell["source"] = code
    return nb


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    submitted = tmp_path_factory.mktemp("class")
    solution = load(SOLUTIONS / LESSON / f"{LESSON}.ipynb")
    for student, nb in {
        "ann": solution,
        "bob": solution,
        "cat": with_secant(NO_DIVISION),
        "dan": with_secant(NO_DIVISION),
        "eve": with_secant(TWICE_H),
        "fay": load(LESSONS / LESSON / f"{LESSON}.ipynb"),
    }.items():
        write_submission(submitted, student, LESSON, nb)
    grading = tmp_path_factory.mktemp("grading")
    autograder("grade", submitted, "--grading", grading, "--workers", 2)
    autograder("report", "--grading", grading)
    return grading


def test_the_named_mistakes_are_counted(report):
    book = Gradebook(report / "gradebook.db")
    summary = lesson_summary(book, LESSON)
    hits = {(m.mistake, m.test_id): m.students for m in summary["mistakes"]}
    assert hits[("forgetting to divide by the run h", "secant_slope_values")] == 2
    assert hits[("dividing by 2h instead of h", "secant_slope_values")] == 1
    shares = {c.test_id: (c.failed, c.total) for c in summary["checks"]}
    assert shares["secant_slope_values"] == (4, 6)  # three mistakes and the blank lesson
    assert summary["graded"] == 6 and summary["not_graded"] == []


def test_the_page_is_one_self_contained_file(report):
    page = (report / "report" / f"{LESSON}.html").read_text()
    assert page.count("data:image/png;base64,") == 2
    assert "forgetting to divide by the run h" in page and "2 of" not in page.split("<h2>")[0]
    assert "<script" not in page and 'src="http' not in page
