"""A plain-text form of the course's nbgrader notebooks, for writing and reviewing lessons.

Notebook JSON is awkward to write by hand and to read in a diff. ``python -m autograder totext``
turns a source notebook into text and ``python -m autograder fromtext`` turns it back, with the
nbgrader metadata spelled as words on each cell's header line::

    # %% [markdown]                      a read-only explanation (locked)
    # %% locked id=setup                 read-only code, restored from the source when grading
    # %%                                 a free code cell ("try it")
    # %% id=check_all                    a free code cell with a cell id of its own
    # %% solution id=slope               an answer cell: ### BEGIN SOLUTION ... ### END SOLUTION
    # %% tests id=slope_values points=2  a graded test cell: visible checks, then hidden tests

Markdown lines are written as they are, not commented. The text form is a tool, not a second
source: ``solutions/*/*.ipynb`` stay the only committed course text.
"""

from __future__ import annotations

import re

import nbformat

HEADER = "# %%"
_SLUG = re.compile(r"[^a-z0-9]+")
_FREE_ID = re.compile(r"free-\d+")  # the ids from_text gives free cells without one


def nbgrader_meta(kind: str, grade_id: str, points: float = 0) -> dict:
    """The ``nbgrader`` metadata of a cell of ``kind`` locked, solution or tests."""
    return {
        "grade": kind == "tests",
        "grade_id": grade_id,
        "locked": kind in ("locked", "tests"),
        "schema_version": 3,
        "solution": kind == "solution",
        "task": False,
        **({"points": points} if kind == "tests" else {}),
    }


def _slug(text: str, taken: set[str]) -> str:
    words = _SLUG.sub(" ", text.lower()).split()[:4]
    base = "md_" + "_".join(words or ["text"])
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def _parse_header(line: str) -> tuple[str, str | None, float]:
    words = line[len(HEADER) :].split()
    kind, grade_id, points = "free", None, 0.0
    for word in words:
        if word == "[markdown]":
            kind = "markdown"
        elif word in ("locked", "solution", "tests"):
            kind = word
        elif word.startswith("id="):
            grade_id = word[3:]
        elif word.startswith("points="):
            points = float(word[7:])
            points = int(points) if points.is_integer() else points
        else:
            raise ValueError(f"unknown word {word!r} in cell header {line!r}")
    if kind in ("solution", "tests") and not grade_id:
        raise ValueError(f"{line!r}: solution and tests cells need id=NAME")
    return kind, grade_id, points


def from_text(text: str) -> nbformat.NotebookNode:
    """Build a notebook from the text form."""
    blocks: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith(HEADER):
            blocks.append((line, []))
        elif blocks:
            blocks[-1][1].append(line)
        elif line.strip():
            raise ValueError("the text must start with a '# %%' cell header")
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    taken: set[str] = set()
    for header, lines in blocks:
        kind, grade_id, points = _parse_header(header)
        source = "\n".join(lines).strip("\n")
        if kind == "markdown":
            cell = nbformat.v4.new_markdown_cell(source)
            grade_id = grade_id or _slug(source, taken)
            cell.metadata["nbgrader"] = nbgrader_meta("locked", grade_id)
        else:
            cell = nbformat.v4.new_code_cell(source)
            if kind != "free":
                grade_id = grade_id or _slug(source, taken)
                cell.metadata["nbgrader"] = nbgrader_meta(kind, grade_id, points)
        if grade_id:
            if grade_id in taken:
                raise ValueError(f"grade id {grade_id!r} is used twice")
            taken.add(grade_id)
        # Stable cell ids keep diffs of the committed notebooks quiet.
        cell["id"] = grade_id or f"free-{len(nb.cells)}"
        nb.cells.append(cell)
    return nb


def to_text(nb: nbformat.NotebookNode) -> str:
    """Write a notebook in the text form (the inverse of :func:`from_text`)."""
    parts = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        words = [HEADER]
        if cell.cell_type == "markdown":
            words.append("[markdown]")
        elif meta.get("grade"):
            words.append("tests")
        elif meta.get("solution"):
            words.append("solution")
        elif meta.get("locked"):
            words.append("locked")
        if meta.get("grade_id"):
            words.append(f"id={meta['grade_id']}")
        elif cell.cell_type == "code" and not _FREE_ID.fullmatch(cell.get("id", "free-0")):
            words.append(f"id={cell['id']}")  # a free cell with a name of its own
        if meta.get("grade"):
            words.append(f"points={meta.get('points', 0)}")
        parts.append(" ".join(words) + "\n" + cell.source + "\n")
    return "\n".join(parts)
