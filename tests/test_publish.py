"""autograder.publish: the students' copy answers no exercise of the lessons it publishes."""

import pytest
from test_package import importable_answers

from autograder.sandbox import bwrap_path
from conftest import ROOT, autograder

PUBLISHED = ["04_perceptron", "05_activations"]


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    out = tmp_path_factory.mktemp("student-copy")
    autograder("publish", *PUBLISHED, "--out", out)
    return out


def test_the_copy_holds_the_lessons_the_package_and_a_readme(copy):
    assert sorted(p.name for p in (copy / "lessons").iterdir()) == PUBLISHED
    assert not (copy / "solutions").exists()
    for file in ("requirements.txt", "pyproject.toml", "README.md", ".gitignore"):
        assert (copy / file).is_file()
    assert "05_activations" in (copy / "README.md").read_text()


def test_nothing_in_the_copy_holds_a_solution_or_a_hidden_test(copy):
    """(The grader's own code names the markers; the lessons and the package must not hold them.)"""
    for path in [*(copy / "lessons").rglob("*"), *(copy / "demystify").rglob("*")]:
        if path.is_file() and path.suffix in (".py", ".ipynb", ".md", ".txt"):
            text = path.read_text()
            assert "### BEGIN SOLUTION" not in text and "### BEGIN HIDDEN TESTS" not in text, path


@pytest.mark.skipif(not bwrap_path(), reason="the bwrap sandbox does not work here")
@pytest.mark.parametrize("lesson", PUBLISHED)
def test_no_function_in_the_copy_computes_a_published_exercise(copy, lesson):
    assert importable_answers(lesson, copy) == []


def test_an_unreleased_lesson_is_refused(tmp_path):
    done = autograder("publish", "99_nothing", "--out", tmp_path, status=1)
    assert "no released lesson 99_nothing" in done.stderr
    assert not (ROOT / "lessons" / "99_nothing").exists()
