"""Turn a submitted notebook into the cells to grade, trusting nothing in it but its answers.

Runs in the trusted grader. The graded notebook is rebuilt from the lesson's *source*
(``solutions/``): every locked cell and every test cell, with the points the source gives. From
the submission it takes only the code of the answer cells (matched by nbgrader ``grade_id``) and
the code cells the student added, each kept after the lesson cell it followed. The lesson's own
free cells ("Try it", figures; recognised by their cell ids) are not run: no test depends on
them. So deleting or editing a test cell, changing its points, or reordering cells changes
nothing, and each such edit is noted in the grade's reason.

Test cells reach the student's kernel in their *student form* (:mod:`autograder.rewrite`):
reports of the values under test, with no expected value and no reference computation. The
reference solution runs the *reference form*.

A submission that cannot be read (not JSON, empty, too large, another lesson's, malformed
cells) raises :class:`SubmissionError` with a reason for ``grades.csv``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from autograder import notebook as nb
from autograder.rewrite import TestCell, rewrite
from autograder.runner import Cell

MAX_NOTEBOOK_BYTES = 20_000_000


class SubmissionError(Exception):
    """A submission that cannot be graded; the message is the reason a student sees."""


@dataclass
class Prepared:
    """The cells to run for one submission, and the graded test cells with their points."""

    cells: list[Cell]
    points: dict[str, float]
    notes: list[str] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)  # answer id -> the student's code

    @property
    def max_score(self) -> float:
        return sum(self.points.values())


@dataclass
class Lesson:
    """A lesson's source notebook, read once: its cells and the two forms of its test cells."""

    name: str
    source: dict

    @cached_property
    def tests(self) -> dict[str, TestCell]:
        return {
            nb.grade_id(c): rewrite(nb.source(c) or "")
            for c in self.source["cells"]
            if nb.is_grade(c)
        }

    @cached_property
    def points(self) -> dict[str, float]:
        return {nb.grade_id(c): nb.points(c) for c in self.source["cells"] if nb.is_grade(c)}

    @cached_property
    def free_cells(self) -> set[str]:
        """The ids of the lesson's own ungraded code cells ("Try it", figures)."""
        cells = self.source["cells"]
        return {nb.cell_id(c) for c in cells if nb.is_code(c) and not nb.nbgrader(c)} - {None}

    def reference_cells(self) -> list[Cell]:
        """The reference solution's run: answers, locked cells and reference test forms."""
        cells = []
        for cell in self.source["cells"]:
            grade_id = nb.grade_id(cell)
            if nb.is_grade(cell):
                cells.append(Cell(self.tests[grade_id].reference_form, grade_id))
            elif nb.is_solution(cell):
                cells.append(Cell(nb.source(cell) or "", answer_id=grade_id))
            elif nb.is_code(cell) and nb.is_locked(cell):
                cells.append(Cell(nb.source(cell) or ""))
        return cells


def read_notebook(path: Path) -> dict:
    """Parse a submitted notebook, with a reason for every way it can be unreadable."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SubmissionError(f"the notebook cannot be read ({error.strerror})") from None
    if size == 0:
        raise SubmissionError("the notebook file is empty")
    if size > MAX_NOTEBOOK_BYTES:
        raise SubmissionError(
            f"the notebook is {size:,} bytes; the limit is {MAX_NOTEBOOK_BYTES:,}"
        )
    try:
        data = json.loads(path.read_bytes())
    except UnicodeDecodeError:
        raise SubmissionError("the notebook is not UTF-8 text") from None
    except (ValueError, RecursionError) as error:  # ValueError: bad JSON, or a huge integer
        raise SubmissionError(f"the notebook is not valid JSON ({str(error)[:120]})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise SubmissionError("the file is JSON but not a notebook (no list of cells)")
    if not data["cells"]:
        raise SubmissionError("the notebook has no cells")
    if not all(isinstance(cell, dict) for cell in data["cells"]):
        raise SubmissionError("the notebook's cells are not all objects")
    return data


@dataclass
class _Taken:
    """What a submission contributes: its answers, its own cells, and what it changed."""

    answers: dict[str, str] = field(default_factory=dict)
    extras: dict[str | None, list[str]] = field(default_factory=dict)  # after which lesson cell
    submitted: dict[str, dict] = field(default_factory=dict)
    foreign: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def _take(lesson: Lesson, submission: dict) -> _Taken:
    known = {nb.grade_id(c) for c in lesson.source["cells"]} - {None}
    taken, anchor = _Taken(), None
    for cell in submission["cells"]:
        grade_id = nb.grade_id(cell)
        if grade_id in known:
            if grade_id in taken.submitted:
                taken.notes.append(f"cell {grade_id} appears twice; the first copy was graded")
                continue
            taken.submitted[grade_id], anchor = cell, grade_id
            if nb.is_solution(cell):
                taken.answers[grade_id] = _code(cell)
        elif nb.nbgrader(cell).get("grade_id") is not None:
            taken.foreign.add(grade_id or "(an unreadable id)")
        elif nb.is_code(cell) and nb.cell_id(cell) not in lesson.free_cells:
            taken.extras.setdefault(anchor, []).append(_code(cell))
    if not taken.submitted:
        if taken.foreign:
            raise SubmissionError(
                f"this notebook is not lesson {lesson.name}: none of its graded cells are this "
                f"lesson's (it has {', '.join(sorted(taken.foreign)[:3])})"
            )
        raise SubmissionError(
            f"the notebook has none of lesson {lesson.name}'s cells; start from "
            f"lessons/{lesson.name}/{lesson.name}.ipynb"
        )
    return taken


def _code(cell: dict) -> str:
    text = nb.source(cell)
    if text is None:
        raise SubmissionError("a cell's source is not text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise SubmissionError("a cell's source is not valid Unicode (a lone surrogate)") from None
    return text


def prepare(lesson: Lesson, submission: dict) -> Prepared:
    """The cells to run for ``submission``, rebuilt around the lesson's source."""
    taken = _take(lesson, submission)
    cells = [Cell(code) for code in taken.extras.get(None, [])]
    changed: dict[str, list[str]] = {"missing": [], "deleted": [], "restored": [], "repointed": []}
    for cell in lesson.source["cells"]:
        grade_id = nb.grade_id(cell)
        theirs = taken.submitted.get(grade_id) if grade_id else None
        if nb.is_solution(cell):
            if grade_id not in taken.answers:
                changed["missing"].append(grade_id)
            cells.append(Cell(taken.answers.get(grade_id, ""), answer_id=grade_id))
        elif nb.is_code(cell) and nb.is_locked(cell):
            _note_changes(cell, theirs, changed)
            if nb.is_grade(cell):
                cells.append(Cell(lesson.tests[grade_id].student_form, grade_id))
            else:
                cells.append(Cell(nb.source(cell) or ""))
        cells.extend(Cell(code) for code in taken.extras.get(grade_id, []) if grade_id)
    notes = taken.notes + _change_notes(changed)
    return Prepared(cells, dict(lesson.points), notes, dict(taken.answers))


def _note_changes(cell: dict, theirs: dict | None, changed: dict[str, list[str]]) -> None:
    grade_id = nb.grade_id(cell)
    if theirs is None:
        changed["deleted"].append(grade_id)
        return
    if nb.is_grade(cell) and nb.nbgrader(theirs).get("points") != nb.nbgrader(cell).get("points"):
        changed["repointed"].append(grade_id)
    mine, their_source = nb.source(cell) or "", nb.source(theirs)
    if their_source is None or nb.visible(their_source) != nb.visible(mine):
        changed["restored"].append(grade_id)


def _change_notes(changed: dict[str, list[str]]) -> list[str]:
    words = {
        "missing": "answer cells missing",
        "deleted": "deleted locked or test cells restored from the lesson",
        "restored": "edited locked or test cells restored from the lesson",
        "repointed": "changed point values ignored",
    }
    return [f"{words[k]}: {', '.join(ids)}" for k, ids in changed.items() if ids]


def load_lesson(solutions: Path, name: str) -> Lesson:
    """The lesson's source notebook (trusted: the instructor's)."""
    return Lesson(name, json.loads((solutions / name / f"{name}.ipynb").read_text()))
