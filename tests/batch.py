"""One grading batch that serves three test files: the round trips, the alternatives, the forgeries.

Each lesson's reference solution runs once per batch, and lesson 10's trains a network: grading
the three sets of submissions together saves those runs twice over. ``graded_class`` grades the
batch once per test session, even when pytest-xdist spreads the three files over several
workers: the first worker to ask grades it under a lock, and the others read its results.

- ``write_round_trips``: for every lesson, the solution (``full``), the blank lesson
  (``blank``), and each answer filled in with the answers it builds on (``only-<answer>``).
- ``write_alternatives``: submission k of a lesson uses the k-th correct alternative of every
  function that has one (tests/alternatives/).
- ``write_forgeries``: lessons 01, 05 and 10 with every graded function returning 0.0, and
  each attack of issue 9 added to those wrong answers.
"""

from __future__ import annotations

import ast
import copy
import csv
import fcntl
import importlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import hostile

from conftest import (
    LESSONS,
    SOLUTIONS,
    answer_ids,
    autograder,
    lesson_names,
    load,
    nbgrader,
    owner,
    with_answers,
    write_submission,
)
from conftest import test_points as points_of

# ------------------------------------------------------------------------------------------------
# Round trips


def dependencies(solution: dict) -> dict[str, set[str]]:
    """Each answer cell, and every other answer cell whose functions it or its test cells call
    (transitively)."""
    defines, calls = {}, {}
    answers = answer_ids(solution)
    for cell in solution["cells"]:
        meta = nbgrader(cell)
        if not (meta.get("solution") or meta.get("grade")):
            continue
        tree = ast.parse("".join(cell["source"]))
        answer = meta["grade_id"] if meta.get("solution") else owner(meta["grade_id"], answers)
        if meta.get("solution"):
            defines[answer] = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        calls[answer] = calls.get(answer, set()) | names
    direct = {a: {b for b in defines if b != a and defines[b] & calls[a]} for a in defines}
    closure = {}
    for answer in direct:
        seen, todo = set(), list(direct[answer])
        while todo:
            other = todo.pop()
            if other not in seen:
                seen.add(other)
                todo += direct[other]
        closure[answer] = seen - {answer}
    return closure


def write_round_trips(submitted: Path) -> dict[tuple[str, str], float]:
    expected = {}
    for lesson in lesson_names():
        solution = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
        blank = load(LESSONS / lesson / f"{lesson}.ipynb")
        points = points_of(solution)
        answers = answer_ids(solution)
        write_submission(submitted, "full", lesson, solution)
        expected["full", lesson] = sum(points.values())
        write_submission(submitted, "blank", lesson, blank)
        expected["blank", lesson] = 0
        builds_on = dependencies(solution)
        for answer in answers:
            student = f"only-{answer}"
            filled = builds_on[answer] | {answer}
            write_submission(submitted, student, lesson, with_answers(blank, solution, filled))
            expected[student, lesson] = sum(
                p for t, p in points.items() if owner(t, answers) in filled
            )
    return expected


# ------------------------------------------------------------------------------------------------
# Alternatives

ALTERNATIVES = sorted(p.stem for p in (Path(__file__).parent / "alternatives").glob("[0-9]*.py"))


def alternatives(lesson: str) -> dict[str, list[dict]]:
    by_answer: dict[str, list[dict]] = {}
    for entry in importlib.import_module(f"alternatives.{lesson}").ALTERNATIVES:
        by_answer.setdefault(entry["answer"], []).append(entry)
    return by_answer


def alternative_submission(lesson: str, k: int) -> dict:
    solution = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
    nb = with_answers(
        load(LESSONS / lesson / f"{lesson}.ipynb"), solution, set(answer_ids(solution))
    )
    for cell in nb["cells"]:
        choices = alternatives(lesson).get(nbgrader(cell).get("grade_id"), [])
        if nbgrader(cell).get("solution") and len(choices) > k:
            cell["source"] = choices[k]["code"]
    return nb


def write_alternatives(submitted: Path) -> dict[tuple[str, str], float]:
    expected = {}
    for lesson in ALTERNATIVES:
        full = sum(points_of(load(SOLUTIONS / lesson / f"{lesson}.ipynb")).values())
        for k in range(max(len(v) for v in alternatives(lesson).values())):
            nb = alternative_submission(lesson, k)
            write_submission(submitted, f"alternative-{k}", lesson, nb)
            expected[f"alternative-{k}", lesson] = full
    return expected


# ------------------------------------------------------------------------------------------------
# Forgeries

LESSONS_ATTACKED = ["01_derivatives", "05_activations", "10_mnist"]


def functions(cell) -> list[str]:
    tree = ast.parse(
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    )
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]


def wrong(lesson: str, prefix: str = "", body: str = "return 0.0", steal: bool = False) -> dict:
    """The released lesson with every graded function returning 0.0 (or ``body``)."""
    solution = {
        nbgrader(c).get("grade_id"): c
        for c in load(SOLUTIONS / lesson / f"{lesson}.ipynb")["cells"]
    }
    nb = copy.deepcopy(load(LESSONS / lesson / f"{lesson}.ipynb"))
    first = True
    for cell in nb["cells"]:
        if not nbgrader(cell).get("solution"):
            continue
        code = prefix if first else ""
        first = False
        for name in functions(solution[nbgrader(cell)["grade_id"]]):
            if steal:  # any reference answer importable under the same name, else 0.0
                code += (
                    f"try:\n    from demystify.nn import {name}\nexcept ImportError:\n"
                    f"    try:\n        from demystify.fast import {name}\n"
                    f"    except ImportError:\n        def {name}(*args, **kwargs):\n"
                    f"            return 0.0\n"
                )
            else:
                code += f"def {name}(*args, **kwargs):\n    {body}\n"
        cell["source"] = code
    return nb


ATTACKS = {
    "zeros": lambda lesson: wrong(lesson),
    "swap-expected": lambda lesson: wrong(lesson, hostile.SWAP_EXPECTED),
    "frame-lookup": lambda lesson: wrong(lesson, hostile.FRAME_LOOKUP, "return _Peek()"),
    "import-answers": lambda lesson: wrong(lesson, steal=True),
    "leak-hidden-tests": lambda lesson: wrong(lesson, hostile.LEAK_HIDDEN),
    "forge-drain": lambda lesson: wrong(lesson, hostile.FORGE_RECORDS),
}


def write_forgeries(submitted: Path) -> None:
    """The attacks (honest work is the round trips' ``full`` and ``blank``)."""
    for lesson in LESSONS_ATTACKED:
        for name, build in ATTACKS.items():
            write_submission(submitted, name, lesson, build(lesson))


# ------------------------------------------------------------------------------------------------
# The batch


@dataclass
class GradedClass:
    rows: dict[tuple[str, str], dict]  # grades.csv, by (student, lesson)
    grading: Path  # the grading folder: gradebook.db, grades.csv
    stdout: str  # what `grade` printed
    round_trips: dict[tuple[str, str], float]  # expected scores
    alternatives: dict[tuple[str, str], float]


def _grade(folder: Path, isolation: str) -> None:
    submitted = folder / "submitted"
    round_trips = write_round_trips(submitted)
    alternatives_ = write_alternatives(submitted)
    clash = set(round_trips) & set(alternatives_)
    assert not clash, clash
    write_forgeries(submitted)
    done = autograder(
        "grade", submitted, "--grading", folder / "grading", "--workers", 2,
        "--isolation", isolation,
    )  # fmt: skip
    (folder / "stdout.txt").write_text(done.stdout)
    expected = {"round_trips": round_trips, "alternatives": alternatives_}
    (folder / "expected.json").write_text(
        json.dumps({k: [[*key, v] for key, v in d.items()] for k, d in expected.items()})
    )


def graded_class(tmp_path_factory, isolation: str) -> GradedClass:
    """The batch, graded once per session (under a lock, shared by pytest-xdist's workers)."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if run:  # the workers of one run share the parent of their temporary folders
        folder = tmp_path_factory.getbasetemp().parent / f"class-batch-{run}"
    else:
        folder = tmp_path_factory.mktemp("class-batch")
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        failed = folder / "failed.txt"
        if failed.exists():  # another worker tried, and failed: say so once more, at once
            raise AssertionError(failed.read_text())
        if not (folder / "expected.json").exists():
            try:
                _grade(folder, isolation)
            except BaseException as error:
                failed.write_text(f"grading the shared batch failed: {error}")
                raise
    expected = json.loads((folder / "expected.json").read_text())
    with open(folder / "grading" / "grades.csv") as f:
        rows = {(r["student"], r["lesson"]): r for r in csv.DictReader(f)}
    return GradedClass(
        rows,
        folder / "grading",
        (folder / "stdout.txt").read_text(),
        {(s, lesson): v for s, lesson, v in expected["round_trips"]},
        {(s, lesson): v for s, lesson, v in expected["alternatives"]},
    )
