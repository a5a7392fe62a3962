"""The committed notebooks: stored clean, built to the course's pattern, lessons in sync."""

import filecmp
import json
import re

import pytest

from autograder.release import release
from conftest import LESSONS, ROOT, SOLUTIONS, answer_ids, lesson_names, load, nbgrader, owner
from conftest import test_points as points_of

READABLE_ID = re.compile(r"^[a-z][A-Za-z0-9_]*$")  # dW, dA_prev: the course's names
ALL_NOTEBOOKS = sorted(SOLUTIONS.glob("*/*.ipynb")) + sorted(LESSONS.glob("*/*.ipynb"))


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_without_outputs(path):
    dirty = [
        i
        for i, c in enumerate(load(path)["cells"])
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))
    ]
    assert not dirty, f"{path.name}: cells {dirty} have outputs or execution counts"


def test_lessons_are_exactly_a_fresh_release(tmp_path):
    release(dest=tmp_path)
    fresh = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in LESSONS.iterdir() if p.is_dir())
    assert committed == fresh, "lessons/ has other folders than a release of solutions/ makes"
    for lesson in fresh:
        compare = filecmp.dircmp(tmp_path / lesson, LESSONS / lesson)
        assert not (compare.left_only or compare.right_only), f"{lesson}: files differ"
        for name in compare.common_files:
            assert (tmp_path / lesson / name).read_bytes() == (
                LESSONS / lesson / name
            ).read_bytes(), (
                f"lessons/{lesson}/{name} differs from a fresh release: "
                "run `python -m autograder release` and commit"
            )


@pytest.mark.parametrize("lesson", lesson_names())
def test_lesson_follows_the_course_pattern(lesson):
    nb = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
    cells = nb["cells"]
    text = lambda c: c["source"] if isinstance(c["source"], str) else "".join(c["source"])  # noqa: E731
    assert re.match(r"# Lesson \d+: ", text(cells[0])), "the first cell is the title"
    assert "After this lesson you will be able to" in text(cells[0])
    setup = cells[1]
    assert nbgrader(setup).get("locked") and nbgrader(setup)["grade_id"] == "setup"
    assert "setup_lesson(" in text(setup)
    assert text(cells[-1]).startswith("## Summary")
    answers = answer_ids(nb)
    assert 4 <= len(answers) <= 8, f"{len(answers)} graded functions"
    figures = [c for c in cells if c["cell_type"] == "code" and "# Figure only" in text(c)]
    assert len(figures) >= 2, "at least two figures"
    points = points_of(nb)
    for cell in cells:
        meta = nbgrader(cell)
        if "grade_id" in meta:
            assert READABLE_ID.match(meta["grade_id"]), meta["grade_id"]
        if meta.get("solution"):
            assert "### BEGIN SOLUTION" in text(cell) and '"""' in text(cell), meta["grade_id"]
        if meta.get("grade"):
            source = text(cell)
            assert source.startswith('"""'), f"{meta['grade_id']} opens with a docstring"
            assert "### BEGIN HIDDEN TESTS" in source and "check.hidden_rng(" in source
            assert owner(meta["grade_id"], answers), f"{meta['grade_id']} grades no answer"
            assert "assert " not in source.split("### BEGIN HIDDEN TESTS")[0], "use check.*"
    for answer in answers:
        total = sum(p for t, p in points.items() if owner(t, answers) == answer)
        assert total > 0, f"{answer} has no test cell"


@pytest.mark.parametrize("lesson", lesson_names())
def test_exercise_headings_state_the_points(lesson):
    """Each "### Exercise" heading states the points of the tests of the function after it."""
    nb = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
    answers, points = answer_ids(nb), points_of(nb)
    stated, heading = {}, None
    for cell in nb["cells"]:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            found = re.findall(r"### Exercise [\d.]+ \((\d+(?:\.\d+)?) points?\)", source)
            heading = float(found[-1]) if found else heading
        elif nbgrader(cell).get("solution"):
            stated[nbgrader(cell)["grade_id"]] = heading
            heading = None
    for answer in answers:
        total = sum(p for t, p in points.items() if owner(t, answers) == answer)
        assert stated[answer] == total, (
            f"{answer}: heading says {stated[answer]}, tests give {total}"
        )


def test_every_notebook_is_valid_json_with_a_python_kernel():
    for path in ALL_NOTEBOOKS:
        nb = json.loads(path.read_text())
        assert nb["metadata"]["kernelspec"]["name"] == "python3", path


@pytest.mark.parametrize("lesson", lesson_names())
def test_the_check_all_cell_lists_every_check_cell_with_its_points(lesson):
    """The lesson's last exercise cell, check.summary({...}), may not drift from its checks."""
    import ast

    nb = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
    (cell,) = [c for c in nb["cells"] if c.get("id") == "check_all"]
    source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
    listed = ast.literal_eval(ast.parse(source).body[0].value.args[0])
    assert listed == points_of(nb)
    assert not nbgrader(cell), "a free cell: grading does not run it"
