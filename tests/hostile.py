"""A corpus of hostile and broken submissions of lesson 01, each with the score it deserves.

Used by tests/test_hostile.py (which grades them all in one batch with honest submissions and
asserts nobody earns more than they deserve) and by benchmarks/hostile.py (which also runs them
through plain ``nbgrader autograde`` for comparison).

Every entry builds a submission from the released lesson. Unless an entry says otherwise its
answers are *wrong* (each function returns 0), so whatever it earns it earned by the attack.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON = "01_derivatives"
FULL = 10  # lesson 01's total points
SOLUTION_PATH = ROOT / "solutions" / LESSON / f"{LESSON}.ipynb"
RELEASE_PATH = ROOT / "lessons" / LESSON / f"{LESSON}.ipynb"

WRONG = {
    "secant_slope": "def secant_slope(f, x, h):\n    return 0.0\n",
    "central_difference": "def central_difference(f, x, h=1e-5):\n    return 0.0\n",
    "polynomial_derivative": "def polynomial_derivative(coefficients):\n    return [0]\n",
    "partials": "def partials(x, y):\n    return 0.0, 0.0\n",
    "softplus_derivative": "def softplus_derivative(x):\n    return 0.0 * np.asarray(x)\n",
    "path_contributions": "def path_contributions(x):\n    return 0.0, 0.0\n",
    "derivative_error": "def derivative_error(f, df, xs):\n    return 0.0\n",
}


def _load(path: Path) -> dict:
    return json.loads(path.read_text())


def _meta(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _source(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def notebook(answers: dict[str, str] | None = None, right: set[str] = frozenset()) -> dict:
    """The released lesson with wrong answers, except ``right`` (from the solution), and any
    code given in ``answers`` run at the top of that answer cell, before its definitions."""
    nb = copy.deepcopy(_load(RELEASE_PATH))
    solved = {
        _meta(c)["grade_id"]: _source(c)
        for c in _load(SOLUTION_PATH)["cells"]
        if _meta(c).get("solution")
    }
    for cell in nb["cells"]:
        grade_id = _meta(cell).get("grade_id")
        if _meta(cell).get("solution"):
            code = solved[grade_id] if grade_id in right else WRONG[grade_id]
            attack = answers.get(grade_id, "") if answers else ""
            cell["source"] = (attack + "\n" if attack else "") + code
    return nb


def with_first_answer(code: str, right: set[str] = frozenset()) -> dict:
    """Wrong answers, with ``code`` run in the first answer cell (before any test cell)."""
    return notebook({"secant_slope": code}, right)


def _answer(nb: dict, grade_id: str, code: str) -> dict:
    """``nb`` with answer cell ``grade_id`` holding only ``code``."""
    for cell in nb["cells"]:
        if _meta(cell).get("grade_id") == grade_id:
            cell["source"] = code
    return nb


def _only_reading_solutions() -> dict:
    """Every answer cell empty but the first, which runs the instructor's solution cells."""
    nb = notebook()
    for cell in nb["cells"]:
        if _meta(cell).get("solution"):
            cell["source"] = "pass"
    return _answer(nb, "secant_slope", READ_SOLUTIONS)


def _drop_tests(nb: dict) -> dict:
    nb["cells"] = [c for c in nb["cells"] if not _meta(c).get("grade")]
    return nb


def _edit_tests(nb: dict) -> dict:
    for cell in nb["cells"]:
        if _meta(cell).get("grade"):
            cell["source"] = "pass  # the checks were here"
            cell["metadata"]["nbgrader"]["points"] = 100
    return nb


def _other_lesson(nb: dict) -> dict:
    for cell in nb["cells"]:
        if "nbgrader" in cell.get("metadata", {}):
            cell["metadata"]["nbgrader"]["grade_id"] = "lesson2_" + _meta(cell)["grade_id"]
    return nb


ALL_RIGHT = set(WRONG)


@dataclass
class Attack:
    """One submission: its name, its family, how to build it, and what it deserves."""

    name: str
    family: str
    build: Callable[[], dict | str | bytes]
    deserved: float
    file_name: str | None = None  # when the notebook is submitted under another name
    strong_only: bool = False  # reaches outside its process: run only inside bubblewrap


PATCH_CHECKS = """
import demystify.check as _c
for _name in ("close", "equal", "true", "shape", "gradient", "at_least"):
    setattr(_c, _name, lambda *a, **k: None)
check = _c
"""
PATCH_NUMPY = """
import numpy as _np
_np.allclose = lambda *a, **k: True
_np.array_equal = lambda *a, **k: True
_np.testing.assert_allclose = lambda *a, **k: None
"""
FORGE_RECORDS = """
import demystify.protocol as _p
_real_drain = _p.drain
def _forged():
    _real_drain()
    return _p.Drain([_p.Record("close", 0.0, "x", 0.0)] * 5)
_p.drain = _forged
"""
# Issue 9's attack: every check records the expected value it was handed instead of the actual.
SWAP_EXPECTED = """
import demystify.check as _c, demystify.protocol as _p
_real_check, _real_report = _c._check, _p.report
_c._check = lambda kind, actual, expected, *a, **k: _real_check(kind, expected, expected, *a, **k)
def _report(kind, *values):
    return _real_report(kind, *(values[1:2] or values))  # an expected value, if one came along
_p.report = _report
"""
# An answer whose value looks up the calling check's frame for an expected value.
FRAME_LOOKUP = """
import sys as _sys, numpy as _np
class _Peek:
    def __array__(self, dtype=None, copy=None):
        frame = _sys._getframe(1)
        while frame is not None:
                for name in ("expected", "want", "reference", "numeric"):
                if name in frame.f_locals:
                    return _np.asarray(frame.f_locals[name], dtype=float)
            frame = frame.f_back
        return _np.asarray(0.0)
    def __float__(self):
        return 0.0
"""


def _frame_lookup() -> dict:
    nb = notebook()
    for name in ("secant_slope", "central_difference"):
        _answer(nb, name, FRAME_LOOKUP + f"def {name}(*args, **kwargs):\n    return _Peek()\n")
    return nb


# A hook that sees every test cell before it runs and raises its source as an error message.
LEAK_HIDDEN = """
def _leak(info):
    if "hidden_rng" in (info.raw_cell or ""):
        raise RuntimeError("LEAKED " + info.raw_cell)
get_ipython().events.register("pre_run_cell", _leak)
"""
EMPTY_LATER_CELLS = """
get_ipython().input_transformers_cleanup.append(lambda lines: [])
"""
FAKE_RUN_CELL = """
_ip = get_ipython()
_real = _ip.run_cell
def _fake(raw_cell, *args, **kwargs):
    return _real("None", *args, **kwargs)
_ip.run_cell = _fake
"""
PRINT_PASS = """
print("All tests passed. Score: 10/10")
"""
SWALLOW_ERRORS = """
_ip = get_ipython()
_ip.showtraceback = lambda *a, **k: None
_ip.set_custom_exc((BaseException,), lambda *a, **k: None)
"""
READ_SOLUTIONS = f"""
_src = open({str(SOLUTION_PATH)!r}).read()
import json as _json
for _cell in _json.loads(_src)["cells"]:
    if _cell.get("metadata", {{}}).get("nbgrader", {{}}).get("solution"):
        exec("".join(_cell["source"]))
"""
WRITE_GRADEBOOK = """
import glob as _glob, os as _os
for _top in ("/tmp", "/home", "/root", "/work", "/srv"):
    for _path in _glob.glob(_top + "/**/*.db", recursive=True):
        open(_path, "w").write("corrupted")
    for _path in _glob.glob(_top + "/**/grades.csv", recursive=True):
        open(_path, "w").write("student,lesson,score\\nmallory,01_derivatives,10\\n")
"""
IMPORT_REFERENCE = """
from demystify.gradcheck import numerical_derivative as central_difference
"""
KILL_GRADER = """
import os as _os, signal as _signal
for _pid in range(2, 400):
    if _pid != _os.getpid():
        try:
            _os.kill(_pid, _signal.SIGKILL)
        except Exception:
            pass
"""
KILL_KERNEL = """
import os as _os
_os._exit(1)
"""
LOOP_IGNORING_INTERRUPTS = """
import signal as _signal
_signal.signal(_signal.SIGINT, _signal.SIG_IGN)
_signal.signal(_signal.SIGTERM, _signal.SIG_IGN)
while True:
    pass
"""
EAT_MEMORY = """
_hog = []
while True:
    _hog.append(bytearray(50 * 2**20))
"""
FILL_DISK = """
import os as _os
_i = 0
while True:
    with open(_os.path.expanduser(f"~/fill{_i}.bin"), "wb") as _f:
        _f.write(b"x" * (32 * 2**20))
    _i += 1
"""
FORK_BOMB = """
import os as _os
while True:
    try:
        _os.fork()
    except OSError:
        pass
"""
FLOOD_OUTPUT = """
while True:
    print("x" * 100_000)
"""


def corpus() -> list[Attack]:
    """Every submission of the corpus, honest ones included."""
    return [
        # Honest submissions: they must keep their exact scores.
        Attack("honest-full", "honest", lambda: notebook(right=ALL_RIGHT), FULL),
        Attack("honest-blank", "honest", lambda: _load(RELEASE_PATH), 0),
        Attack(
            "honest-partial",
            "honest",
            lambda: notebook(right={"secant_slope", "central_difference", "path_contributions"}),
            4,
        ),
        # Patching the checking functions.
        Attack("patch-check-helpers", "patch checks", lambda: with_first_answer(PATCH_CHECKS), 0),
        Attack("patch-numpy", "patch checks", lambda: with_first_answer(PATCH_NUMPY), 0),
        Attack("forge-records", "patch checks", lambda: with_first_answer(FORGE_RECORDS), 0),
        Attack("swap-expected", "patch checks", lambda: with_first_answer(SWAP_EXPECTED), 0),
        Attack("frame-lookup", "patch checks", _frame_lookup, 0),
        Attack("leak-hidden-tests", "subvert IPython", lambda: with_first_answer(LEAK_HIDDEN), 0),
        # Subverting IPython.
        Attack(
            "empty-later-cells", "subvert IPython", lambda: with_first_answer(EMPTY_LATER_CELLS), 0
        ),
        Attack("fake-run-cell", "subvert IPython", lambda: with_first_answer(FAKE_RUN_CELL), 0),
        Attack("swallow-errors", "subvert IPython", lambda: with_first_answer(SWALLOW_ERRORS), 0),
        Attack("print-pass", "subvert IPython", lambda: with_first_answer(PRINT_PASS), 0),
        # Instructor files.
        Attack("read-solutions", "instructor files", _only_reading_solutions, 0, strong_only=True),
        Attack(
            "write-gradebook",
            "instructor files",
            lambda: with_first_answer(WRITE_GRADEBOOK),
            0,
            strong_only=True,
        ),
        Attack(
            "import-reference-answer",
            "instructor files",
            lambda: _answer(notebook(right=ALL_RIGHT), "central_difference", IMPORT_REFERENCE),
            FULL - 3,  # central_difference, and derivative_error, which uses it
        ),
        # Killing or starving the grader.
        Attack(
            "kill-everything",
            "kill or starve",
            lambda: with_first_answer(KILL_GRADER),
            0,
            strong_only=True,
        ),
        Attack(
            "kill-own-kernel",
            "kill or starve",
            lambda: notebook({"softplus_derivative": KILL_KERNEL}, right=ALL_RIGHT),
            6,
        ),
        Attack(
            "endless-loop",
            "kill or starve",
            lambda: notebook({"partials": LOOP_IGNORING_INTERRUPTS}, right=ALL_RIGHT),
            4,
        ),
        # Unbounded resources.
        Attack(
            "eat-memory",
            "resources",
            lambda: notebook({"derivative_error": EAT_MEMORY}, right=ALL_RIGHT),
            9,
        ),
        Attack("fill-disk", "resources", lambda: with_first_answer(FILL_DISK), 0, strong_only=True),
        Attack("fork-bomb", "resources", lambda: with_first_answer(FORK_BOMB), 0),
        Attack("flood-output", "resources", lambda: with_first_answer(FLOOD_OUTPUT), 0),
        # Malformed notebooks.
        Attack("not-json", "malformed", lambda: "this is not a notebook {", 0),
        Attack("empty-file", "malformed", lambda: b"", 0),
        Attack("json-not-notebook", "malformed", lambda: json.dumps({"cells": "many"}), 0),
        Attack("no-cells", "malformed", lambda: json.dumps({"cells": [], "metadata": {}}), 0),
        Attack("other-lesson", "malformed", lambda: _other_lesson(notebook(right=ALL_RIGHT)), 0),
        Attack(
            "renamed",
            "malformed",
            lambda: notebook(right=ALL_RIGHT),
            FULL,
            file_name="my_homework.ipynb",
        ),
        Attack("deleted-tests", "malformed", lambda: _drop_tests(notebook(right=ALL_RIGHT)), FULL),
        Attack(
            "edited-tests-and-points",
            "malformed",
            lambda: _edit_tests(notebook(right={"secant_slope"})),
            1,
        ),
    ]


def symlink_to_solution(submitted: Path) -> Path:
    """A submission that is a symbolic link to the instructor's solution notebook."""
    folder = submitted / "symlink-to-solution" / LESSON
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / f"{LESSON}.ipynb"
    link.symlink_to(SOLUTION_PATH)
    return link


def write(attack: Attack, submitted: Path) -> Path:
    """Write ``attack``'s notebook as ``submitted/<name>/01_derivatives/<file>``."""
    folder = submitted / attack.name / LESSON
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (attack.file_name or f"{LESSON}.ipynb")
    content = attack.build()
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path
