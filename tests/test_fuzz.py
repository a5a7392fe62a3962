"""Malformed and mutated notebooks: each is graded or refused with a reason, and nothing else.

Thousands go through reading, preparation and recording in-process (hypothesis); a few hundred
through the whole grader in one batch, which must finish with a row for each and an intact
gradebook.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.gradebook import Grade, Gradebook
from autograder.prepare import SubmissionError, load_lesson, prepare, read_notebook
from autograder.verdict import Verdict
from conftest import LESSONS, SOLUTIONS, autograder, load

LESSON = "01_derivatives"
RELEASED = load(LESSONS / LESSON / f"{LESSON}.ipynb")

ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["\ud800", '=HYPERLINK("x")', "setup", "secant_slope", "\x1b[31m", ""]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
PLACES = ["cell", "metadata", "nbgrader", "grade_id", "source", "id", "cell_type", "points"]


def mutate(nb: dict, rng: random.Random, value) -> dict:
    """``nb`` with one field somewhere set to ``value``."""
    nb = copy.deepcopy(nb)
    cells = nb["cells"]
    graded = [i for i, c in enumerate(cells) if isinstance(c, dict) and c.get("metadata", {}) and
              isinstance(c["metadata"], dict) and c["metadata"].get("nbgrader")]  # fmt: skip
    index = rng.choice(graded) if graded and rng.random() < 0.8 else rng.randrange(len(cells))
    place = rng.choice(PLACES)
    cell = cells[index]
    if place == "cell" or not isinstance(cell, dict):
        cells[index] = value
    elif place == "metadata":
        cell["metadata"] = value
    elif place in ("cell_type", "source", "id"):
        cell[place] = value
    elif not isinstance(cell.get("metadata"), dict):
        cell["metadata"] = {"nbgrader": value}
    elif place == "nbgrader" or not isinstance(cell["metadata"].get("nbgrader"), dict):
        cell["metadata"]["nbgrader"] = value
    else:
        cell["metadata"]["nbgrader"][place] = value
    return nb


def survives(path, lesson) -> str:
    try:
        prepared = prepare(lesson, read_notebook(path))
    except SubmissionError as error:
        return str(error)
    return f"{len(prepared.cells)} cells"


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=ODD, seed=st.integers(0, 2**32), times=st.integers(1, 4))
def test_mutated_notebooks_are_prepared_or_refused(tmp_path_factory, value, seed, times):
    lesson = _lesson()
    rng = random.Random(seed)
    nb = RELEASED
    for _ in range(times):
        nb = mutate(nb, rng, value)
    path = tmp_path_factory.mktemp("nb") / "n.ipynb"
    path.write_text(json.dumps(nb))
    reason = survives(path, lesson)
    book = Gradebook(path.with_suffix(".db"))
    book.record(
        Grade(str(value), LESSON, "sha", 0.0, 1.0, reason), [Verdict(str(value), 0, 1, reason)]
    )
    assert book.integrity_problems() == []
    book.close()


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.recursive(ODD, lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_any_json_is_prepared_or_refused(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("nb") / "n.ipynb"
    path.write_text(json.dumps(data))
    survives(path, _lesson())


_LESSONS = {}


def _lesson():
    if LESSON not in _LESSONS:
        _LESSONS[LESSON] = load_lesson(SOLUTIONS, LESSON)
    return _LESSONS[LESSON]


def test_a_batch_of_hostile_notebooks_finishes_with_a_row_each(tmp_path):
    rng = random.Random(2026)
    submitted = tmp_path / "submitted"
    odd = [None, True, 10**40, "\ud800", ["x"], {"a": 1}, "", 3.5]
    names = []
    for i in range(200):
        nb = RELEASED
        for _ in range(rng.randint(2, 4)):  # most break the notebook; some still run
            nb = mutate(nb, rng, rng.choice(odd))
        name = f"s{i:03d}"
        (submitted / name / LESSON).mkdir(parents=True)
        (submitted / name / LESSON / f"{LESSON}.ipynb").write_text(json.dumps(nb))
        names.append(name)
    specials = {
        '=HYPERLINK("x","y")': json.dumps(RELEASED),
        "huge-int": '{"cells": [' + "1" * 5000 + "]}",
        "id-is-a-list": json.dumps(mutate(RELEASED, random.Random(1), ["a", "b"])),
    }
    for name, text in specials.items():
        (submitted / name / LESSON).mkdir(parents=True)
        (submitted / name / LESSON / f"{LESSON}.ipynb").write_text(text)
        names.append(name)
    odd_name = os.fsencode(str(submitted)) + b"/bad\xffname"
    os.makedirs(odd_name + b"/" + LESSON.encode())
    with open(odd_name + b"/" + LESSON.encode() + f"/{LESSON}.ipynb".encode(), "w") as f:
        f.write(json.dumps(RELEASED))
    out = tmp_path / "out" / "grades.csv"
    autograder("grade", submitted, "--grading", out.parent, "--workers", 2, "--cell-timeout", 10,
               "--timeout", 30)  # fmt: skip
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(names) + 1
    assert all(r["status"] == "graded" for r in rows)
    assert any(r["student"].startswith("'=HYPERLINK") for r in rows)  # never a formula
    assert not any(r["student"].startswith("=") for r in rows)
    book = Gradebook(out.parent / "gradebook.db")
    assert book.integrity_problems() == []
    assert len(book.grades()) == len(names) + 1
