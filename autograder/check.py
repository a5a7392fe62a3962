"""``python -m autograder check NOTEBOOK``: a student's own run of their notebook.

Runs every code cell in order, as Jupyter's "Run All" would, and lists each graded check cell
that fails with its message. Exit status 1 when any fails, so a student's CI or GitHub Classroom
can use it. Only the checks in the notebook itself run; the hidden tests are the grader's.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from autograder import notebook
from autograder.prepare import SubmissionError, read_notebook
from autograder.runner import Cell, run_cells
from autograder.sandbox import Limits, best_isolation


def _cells(nb: dict) -> tuple[list[Cell], dict[str, float]]:
    cells, points = [], {}
    for cell in nb["cells"]:
        if not notebook.is_code(cell):
            continue
        test_id = notebook.grade_id(cell) if notebook.is_grade(cell) else None
        if test_id:
            points[test_id] = notebook.points(cell)
        cells.append(Cell(notebook.source(cell) or "", test_id))
    return cells, points


def check_notebook(path: Path, isolation: str | None = None) -> int:
    """Run ``path``, print each failing check; return 1 if any failed, else 0."""
    try:
        nb = read_notebook(path)
    except SubmissionError as error:
        print(f"{path}: {error}")
        return 1
    cells, points = _cells(nb)
    if not points:
        print(f"{path}: no graded check cells found")
        return 1
    result = run_cells(cells, isolation=isolation or best_isolation(), limits=Limits())
    failed = {t: r for t, r in result.tests.items() if r.status != "ok"}
    earned = sum(p for t, p in points.items() if t not in failed)
    print(
        f"{path.name}: {len(points) - len(failed)} of {len(points)} checks pass "
        f"({earned:g}/{sum(points.values()):g} points)"
    )
    for test_id, cell in failed.items():
        message = cell.error or (f"not run: {result.problem}" if result.problem else cell.status)
        head, *rest = message.splitlines() or [""]
        pts = points[test_id]
        print(f"FAIL {test_id} ({pts:g} point{'' if pts == 1 else 's'}): {head}")
        for line in rest:
            print(textwrap.indent(line, "     "))
    if result.problem:
        print(f"stopped early: {result.problem}")
    return 1 if failed else 0
