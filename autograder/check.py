"""``python -m autograder check NOTEBOOK``: a student's own run of their notebook.

Runs every code cell in order, as Jupyter's "Run All" would, and reports each visible check
cell as passed or failed, with the failures' messages; cells of the student's that raised, as
warnings; and a setup cell that failed, as exactly that. It says plainly that grading runs
more checks (the hidden tests, on other inputs), so these points are not the grade. Exit
status 1 when any check fails, so a student's CI or GitHub Classroom can use it.
"""

from __future__ import annotations

import dataclasses
import shutil
import textwrap
from pathlib import Path

from autograder import notebook
from autograder.pool import WarmPool
from autograder.runner import Cell, KernelSpec, KernelStartFailed, RunResult, run_cells
from autograder.sandbox import Limits, bwrap_problem


def _cells(nb: dict) -> tuple[list[Cell], dict[str, float]]:
    """Every code cell; test cells by their grade id, the others labelled for warnings."""
    cells, points = [], {}
    for number, cell in enumerate(nb["cells"], 1):
        if not notebook.is_code(cell):
            continue
        source = notebook.source(cell) or ""
        if notebook.is_grade(cell):
            test_id = notebook.grade_id(cell) or f"cell {number}"
            points[test_id] = notebook.points(cell)
            cells.append(Cell(source, test_id))
        else:
            label = notebook.grade_id(cell) or f"cell {number}"
            cells.append(Cell(source, answer_id=label))
    return cells, points


def _print_failure(test_id: str, points: float, message: str) -> None:
    head, *rest = message.splitlines() or [""]
    print(f"✗ {test_id} ({points:g} point{'' if points == 1 else 's'}): {head}")
    for line in rest:
        print(textwrap.indent(line, "    "))


def _print_warnings(answer_errors: dict[str, str]) -> None:
    """A warning for each cell of the student's that raised, in order. An exercise left as
    it was is not one; a name that is missing after an earlier cell failed most likely
    follows from that failure, and says so."""
    earlier_failed = False
    for label, error in answer_errors.items():
        if error.startswith("NotImplementedError"):
            earlier_failed = True
            continue
        why = ""
        if earlier_failed and error.startswith("NameError"):
            why = " (most likely because an earlier cell failed before defining it)"
        print(f"warning: {label} raised {error}{why}")
        earlier_failed = True


def report(path: Path, result: RunResult, points: dict[str, float]) -> int:
    """Print what a run of the student's notebook shows; return the exit status."""
    if "setup" in result.answer_errors:
        print(f"{path.name}: the setup cell failed, so no check could run:")
        print(f"    {result.answer_errors['setup']}")
        print("Run the setup cell in Jupyter to see the whole error (is the course installed?).")
        return 1
    failed = {t: r for t, r in result.tests.items() if r.status != "ok"}
    passed = [t for t in points if t not in failed]
    earned = sum(points[t] for t in passed)
    print(
        f"{path.name}: {len(passed)} of {len(points)} visible check cells pass "
        f"({earned:g} of their {sum(points.values()):g} points)."
    )
    for test_id in passed:
        print(f"✓ {test_id}")
    for test_id, cell in failed.items():
        message = cell.error or (f"not run: {result.problem}" if result.problem else cell.status)
        _print_failure(test_id, points[test_id], message.removeprefix("CheckFailed: "))
    _print_warnings(result.answer_errors)
    if result.problem:
        print(f"stopped early: {result.problem}")
    print(
        "Grading runs more checks than these, on other inputs (the hidden tests), so a notebook "
        "that passes every visible check can still lose points."
    )
    return 1 if failed else 0


def check_notebook(path: Path, isolation: str | None = None) -> int:
    """Run ``path`` and print what it shows; return 1 if any check failed, else 0.

    Without ``isolation``, the bwrap sandbox where it works, else a plain process: the student
    runs their own code. The kernel starts while the notebook is read, and the sandbox is
    tried for real rather than probed first (a probe costs a tenth of a second).
    """
    spec = KernelSpec(isolation or ("bwrap" if shutil.which("bwrap") else "process"), Limits())
    with WarmPool(spec, size=1, budget=1) as pool:
        from autograder.prepare import SubmissionError, read_notebook  # once the kernel starts

        try:
            nb = read_notebook(path)
        except SubmissionError as error:
            print(f"{path}: {error}")
            return 1
        cells, points = _cells(nb)
        if not points:
            print(f"{path}: no graded check cells found")
            return 1
        try:
            kernel = pool.take()
        except KernelStartFailed as error:
            if isolation or spec.isolation != "bwrap" or not bwrap_problem():
                return report(path, RunResult(problem=str(error), infrastructure=True), points)
            spec = dataclasses.replace(spec, isolation="process")  # bubblewrap cannot run here
            kernel = None
        result = run_cells(cells, isolation=spec.isolation, limits=spec.limits, kernel=kernel)
    return report(path, result, points)
