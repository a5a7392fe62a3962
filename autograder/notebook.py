"""The one reader of nbgrader's cell metadata, cell sources and hidden-test markers.

Every other module asks these small predicates (as nbgrader's own ``utils.is_grade`` and
friends) instead of reading ``cell["metadata"]["nbgrader"]`` itself. They accept any JSON value
for a cell and never raise: a submission's metadata is untrusted, and a malformed cell simply
has no grade id, no points and no flags.
"""

from __future__ import annotations

import math
from typing import Any

BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
MAX_ID_CHARS = 100


def nbgrader(cell: Any) -> dict:
    """The cell's ``metadata.nbgrader`` mapping, or an empty one."""
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    meta = metadata.get("nbgrader") if isinstance(metadata, dict) else None
    return meta if isinstance(meta, dict) else {}


def grade_id(cell: Any) -> str | None:
    """The cell's nbgrader ``grade_id`` when it is a short string of printable text."""
    value = nbgrader(cell).get("grade_id")
    if isinstance(value, str) and 0 < len(value) <= MAX_ID_CHARS and value.isprintable():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            return None
        return value
    return None


def is_code(cell: Any) -> bool:
    return isinstance(cell, dict) and cell.get("cell_type") == "code"


def is_solution(cell: Any) -> bool:
    """An answer cell: code the student writes."""
    return is_code(cell) and nbgrader(cell).get("solution") is True


def is_grade(cell: Any) -> bool:
    """A graded test cell (code with points, not an answer)."""
    return is_code(cell) and nbgrader(cell).get("grade") is True and not is_solution(cell)


def is_locked(cell: Any) -> bool:
    """A read-only cell of the lesson (setup, given code, test cells)."""
    return nbgrader(cell).get("locked") is True or is_grade(cell)


def points(cell: Any) -> float:
    """The cell's points, 0 where they are missing or not a finite number."""
    value = nbgrader(cell).get("points", 0)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0.0
    try:
        number = float(value)
    except OverflowError:
        return 0.0
    return number if math.isfinite(number) and number >= 0 else 0.0


def cell_id(cell: Any) -> str | None:
    """The notebook format's own cell ``id`` (not nbgrader's), when it is a string."""
    value = cell.get("id") if isinstance(cell, dict) else None
    return value if isinstance(value, str) else None


def source(cell: Any) -> str | None:
    """The cell's source as one string, or None when it is not text."""
    value = cell.get("source", "") if isinstance(cell, dict) else None
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "".join(value)
    return value if isinstance(value, str) else None


def visible(text: str) -> str:
    """A test cell's source without its hidden tests (one pass over its lines: a submission's
    text is never matched with a pattern that can backtrack)."""
    kept, hidden = [], False
    for line in text.split("\n"):
        if not hidden and line.startswith(BEGIN_HIDDEN):
            hidden = True
        elif hidden and line.startswith(END_HIDDEN):
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept).rstrip()


def has_hidden_tests(text: str) -> bool:
    return BEGIN_HIDDEN in text


def owner(test_id: str, answer_ids: list[str]) -> str | None:
    """The answer cell a test cell grades: the longest answer id that prefixes ``<id>_``
    (``sigmoid_prime_values`` grades ``sigmoid_prime``, not ``sigmoid``)."""
    matches = [a for a in answer_ids if test_id.startswith(a + "_")]
    return max(matches, key=len) if matches else None
