"""Turn a submitted notebook into the cells to grade, trusting nothing in it but its answers.

Runs in the trusted grader. The graded notebook is rebuilt from the lesson's *source*
(``solutions/``): every locked cell and every test cell, hidden tests included, with the
points the source gives. From the submission it takes only the code of the answer cells
(matched by nbgrader ``grade_id``) and the code cells the student added, each kept after the
lesson cell it followed. The lesson's own free cells ("Try it", figures; recognised by their
cell ids) are not run: no test depends on them, and they are the slow part of a notebook.
So deleting or editing a test cell, changing its points, or reordering cells changes nothing,
and each such edit is noted in the grade's reason.

A submission that cannot be read (not JSON, empty, too large, another lesson's) raises
:class:`SubmissionError` with a reason for ``grades.csv``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from autograder.runner import Cell

MAX_NOTEBOOK_BYTES = 20_000_000
_HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.DOTALL)


class SubmissionError(Exception):
    """A submission that cannot be graded; the message is the reason a student sees."""


@dataclass
class Prepared:
    """The cells to run for one submission, and the graded test cells with their points."""

    cells: list[Cell]
    points: dict[str, float]
    notes: list[str] = field(default_factory=list)

    @property
    def max_score(self) -> float:
        return sum(self.points.values())


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    if isinstance(source, list):
        if not all(isinstance(line, str) for line in source):
            raise SubmissionError("a cell's source is not text")
        return "".join(source)
    if not isinstance(source, str):
        raise SubmissionError("a cell's source is not text")
    return source


def _meta(cell: dict) -> dict:
    metadata = cell.get("metadata")
    nbgrader = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return nbgrader if isinstance(nbgrader, dict) else {}


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
        nb = json.loads(path.read_bytes())
    except UnicodeDecodeError:
        raise SubmissionError("the notebook is not UTF-8 text") from None
    except (json.JSONDecodeError, RecursionError) as error:
        raise SubmissionError(f"the notebook is not valid JSON ({error})") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise SubmissionError("the file is JSON but not a notebook (no list of cells)")
    if not nb["cells"]:
        raise SubmissionError("the notebook has no cells")
    if not all(isinstance(cell, dict) for cell in nb["cells"]):
        raise SubmissionError("the notebook's cells are not all objects")
    return nb


def _visible(source: str) -> str:
    return _HIDDEN.sub("", source).rstrip()


def prepare(source_nb: dict, submission: dict, lesson: str) -> Prepared:
    """The cells to run for ``submission``, rebuilt around the lesson's ``source_nb``."""
    source_ids = [_meta(c).get("grade_id") for c in source_nb["cells"]]
    known = {i for i in source_ids if i}
    lesson_free_cells = {
        c.get("id") for c in source_nb["cells"] if c["cell_type"] == "code" and not _meta(c)
    }
    answers: dict[str, str] = {}
    extras: dict[str | None, list[str]] = {}
    submitted: dict[str, dict] = {}
    anchor: str | None = None
    foreign: set[str] = set()
    notes: list[str] = []
    for cell in submission["cells"]:
        grade_id = _meta(cell).get("grade_id")
        if isinstance(grade_id, str) and grade_id in known:
            if grade_id in submitted:
                notes.append(f"cell {grade_id} appears twice; the first copy was graded")
                continue
            submitted[grade_id] = cell
            anchor = grade_id
            if _meta(cell).get("solution") and cell.get("cell_type") == "code":
                answers[grade_id] = _source(cell)
        elif grade_id:
            foreign.add(str(grade_id))
        elif cell.get("cell_type") == "code" and cell.get("id") not in lesson_free_cells:
            extras.setdefault(anchor, []).append(_source(cell))
    if not submitted:
        if foreign:
            raise SubmissionError(
                f"this notebook is not lesson {lesson}: none of its graded cells are this "
                f"lesson's (it has {', '.join(sorted(foreign)[:3])})"
            )
        raise SubmissionError(
            f"the notebook has none of lesson {lesson}'s cells; start from "
            f"lessons/{lesson}/{lesson}.ipynb"
        )

    cells = [Cell(code) for code in extras.get(None, [])]
    points: dict[str, float] = {}
    restored, repointed, missing, deleted = [], [], [], []
    for cell in source_nb["cells"]:
        meta = _meta(cell)
        grade_id = meta.get("grade_id")
        theirs = submitted.get(grade_id) if grade_id else None
        if cell["cell_type"] == "code" and meta.get("solution"):
            if grade_id not in answers:
                missing.append(grade_id)
            cells.append(Cell(answers.get(grade_id, ""), answer_id=grade_id))
        elif cell["cell_type"] == "code" and (meta.get("locked") or meta.get("grade")):
            if meta.get("grade"):
                points[grade_id] = float(meta.get("points", 0))
                if theirs is not None and _meta(theirs).get("points") != meta.get("points"):
                    repointed.append(grade_id)
            if theirs is None:
                deleted.append(grade_id)
            elif _visible(_source(theirs)) != _visible(_source(cell)):
                restored.append(grade_id)
            cells.append(Cell(_source(cell), grade_id if meta.get("grade") else None))
        cells.extend(Cell(code) for code in extras.get(grade_id, []) if grade_id)
    if missing:
        notes.append(f"answer cells missing: {', '.join(missing)}")
    if deleted:
        notes.append(f"deleted locked or test cells restored from the lesson: {', '.join(deleted)}")
    if restored:
        notes.append(f"edited locked or test cells restored from the lesson: {', '.join(restored)}")
    if repointed:
        notes.append(f"changed point values ignored: {', '.join(repointed)}")
    return Prepared(cells, points, notes)


def load_source(solutions: Path, lesson: str) -> dict:
    """The lesson's source notebook (trusted: the instructor's)."""
    return json.loads((solutions / lesson / f"{lesson}.ipynb").read_text())
