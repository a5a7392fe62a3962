"""autograder.package: while a lesson is graded, nothing importable in the sandbox answers it.

The proof runs in the real sandbox, one kernel per lesson, with the package the student's kernel
gets. It defines the reference solution's graded functions, records every call the lesson's
tests make to them, then calls every function importable from ``demystify`` on those same
arguments (tests/importable_probe.py). A function that returns what the reference returns is
an answer the student could have imported. A control run, with the whole package, shows that
the probe does find such answers when they are there.
"""

import ast
import stat
from pathlib import Path

import pytest

from autograder import notebook
from autograder.grade import PACKAGE
from autograder.package import withheld_modules, write_student_package
from autograder.rewrite import rewrite
from autograder.runner import Cell, run_cells
from autograder.sandbox import Limits, bwrap_path
from conftest import SOLUTIONS, lesson_names, load

PROBE = (Path(__file__).parent / "importable_probe.py").read_text()
INSTRUMENT = """
import copy as _copy, functools as _functools
_calls, _reference = {}, {}
def _wrap(function, name):
    @_functools.wraps(function)
    def recorded(*args, **kwargs):
        examples = _calls.setdefault(name, [])
        if len(examples) < 5:
            try:
                examples.append((_copy.deepcopy(args), _copy.deepcopy(kwargs)))
            except Exception:
                pass
        return function(*args, **kwargs)
    return recorded
"""
WRAP_NEW = """
for _name in GRADED:
    if callable(globals().get(_name)) and _name not in _reference:
        _reference[_name] = globals()[_name]
        globals()[_name] = _wrap(globals()[_name], _name)
"""


def graded_functions(nb: dict) -> list[str]:
    names = []
    for cell in nb["cells"]:
        if notebook.is_solution(cell):
            tree = ast.parse(notebook.source(cell))
            names += [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    return names


def probe_cells(lesson: str) -> list[Cell]:
    nb = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
    cells = []
    for cell in nb["cells"]:
        code = notebook.source(cell)
        if notebook.is_grade(cell):
            body = rewrite(code).student_form
            guarded = f"exec(compile({body!r}, 'test', 'exec'))"
            cells.append(Cell(f"try:\n    {guarded}\nexcept Exception:\n    pass"))
        elif notebook.is_solution(cell) or (notebook.is_code(cell) and notebook.is_locked(cell)):
            cells.append(Cell(code))
            if notebook.grade_id(cell) == "setup":
                cells.append(Cell(f"GRADED = {graded_functions(nb)!r}\n{INSTRUMENT}"))
        if notebook.is_solution(cell):
            cells.append(Cell(WRAP_NEW))
    cells.append(
        Cell(
            PROBE + "\nfrom demystify.protocol import report\n"
            "report('equal', [list(p) for p in leaks(_calls, _reference)])",
            "leaks",
        )
    )
    return cells


def importable_answers(lesson: str, package: Path) -> list[list[str]]:
    result = run_cells(
        probe_cells(lesson), isolation="bwrap", limits=Limits(cell_seconds=120), package=package
    )
    cell = result.tests["leaks"]
    assert cell.status == "ok", cell.error or result.problem
    return cell.records[0].value


def student_package(lesson: str, tmp_path: Path) -> Path:
    return write_student_package(PACKAGE, lesson, tmp_path)


def test_withheld_modules_follow_the_table():
    assert withheld_modules(PACKAGE, "05_activations") == ["activations", "costs", "fast"]
    assert "derivatives" in withheld_modules(PACKAGE, "01_derivatives")
    assert withheld_modules(PACKAGE, "02_matrices") == []


def test_the_copy_leaves_the_modules_out_and_is_readable_by_anyone(tmp_path):
    folder = student_package("05_activations", tmp_path) / "demystify"
    assert not (folder / "answers" / "activations.py").exists()
    assert not (folder / "answers" / "fast.py").exists()
    assert not (folder / "answers" / "costs.py").exists()
    assert (folder / "answers" / "layers.py").exists() and (folder / "check.py").exists()
    for path in [folder, *folder.rglob("*")]:
        assert path.stat().st_mode & stat.S_IROTH, path


BWRAP = pytest.mark.skipif(not bwrap_path(), reason="the bwrap sandbox does not work here")


@BWRAP
@pytest.mark.parametrize("lesson", lesson_names())
def test_no_importable_function_computes_a_graded_function(lesson, tmp_path):
    assert importable_answers(lesson, student_package(lesson, tmp_path)) == []


@BWRAP
def test_the_probe_finds_answers_that_are_there():
    found = importable_answers("05_activations", PACKAGE.parent)
    assert ["sigmoid", "demystify.nn.sigmoid"] in found
    assert ["relu_prime", "demystify.nn.relu_prime"] in found, found
