"""autograder.similarity: a renamed copy is flagged; independent correct answers are not."""

import importlib
import re

import pytest

from autograder.gradebook import Grade, Gradebook
from autograder.similarity import similar_pairs
from conftest import LESSONS, SOLUTIONS, load, nbgrader

LESSON = "10_mnist"


def reference_answers() -> dict[str, str]:
    cells = load(SOLUTIONS / LESSON / f"{LESSON}.ipynb")["cells"]
    code = {
        nbgrader(c)["grade_id"]: "".join(c["source"]) for c in cells if nbgrader(c).get("solution")
    }
    return {a: re.sub(r" *### (BEGIN|END) SOLUTION\n", "", s) for a, s in code.items()}


def renamed(code: str) -> str:
    """The same code with every local name changed, as a student hiding a copy would."""
    for old, new in {"params": "weights_dict", "X": "inputs", "y": "labels", "grads": "g",
                     "rng": "gen", "W1": "A", "W2": "B", "dZ": "delta"}.items():  # fmt: skip
        code = re.sub(rf"\b{old}\b", new, code)
    return code


def alternative(k: int) -> dict[str, str]:
    """Every answer written another way: the k-th alternative correct implementation."""
    answers = reference_answers()
    by_answer: dict[str, list[str]] = {}
    for entry in importlib.import_module(f"alternatives.{LESSON}").ALTERNATIVES:
        by_answer.setdefault(entry["answer"], []).append(entry["code"])
    for answer, codes in by_answer.items():
        answers[answer] = codes[k % len(codes)]
    return answers


@pytest.fixture(scope="module")
def pairs(tmp_path_factory):
    book = Gradebook(tmp_path_factory.mktemp("similarity") / "gradebook.db")
    original = reference_answers()
    class_answers = {
        "ada": original,
        "bea": {a: renamed(code) for a, code in original.items()},
        "cal": alternative(0),
        "dov": alternative(1),
    }
    for student, answers in class_answers.items():
        book.record(Grade(student, LESSON, "sha", 1.0, 1.0, ""), [], answers)
    return {(p.first, p.second): p.similarity for p in similar_pairs(book, LESSONS, LESSON)}


def test_a_renamed_copy_is_flagged(pairs):
    assert ("ada", "bea") in pairs and pairs["ada", "bea"] > 0.9


def test_independent_correct_answers_are_not_flagged(pairs):
    assert set(pairs) == {("ada", "bea")}, pairs
