"""Shared helpers for the course's tests: where things are, and how to build submissions."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
LESSONS = ROOT / "lessons"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def lesson_names() -> list[str]:
    return sorted(p.name for p in SOLUTIONS.iterdir() if (p / f"{p.name}.ipynb").is_file())


def load(path: Path) -> dict:
    return json.loads(Path(path).read_text())


def nbgrader(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def answer_ids(nb: dict) -> list[str]:
    return [nbgrader(c)["grade_id"] for c in nb["cells"] if nbgrader(c).get("solution")]


def test_points(nb: dict) -> dict[str, float]:
    return {
        nbgrader(c)["grade_id"]: nbgrader(c)["points"]
        for c in nb["cells"]
        if nbgrader(c).get("grade")
    }


def owner(test_id: str, answers: list[str]) -> str | None:
    """The answer cell a test cell grades (the grader's own rule)."""
    from autograder.notebook import owner as grader_owner

    return grader_owner(test_id, answers)


def with_answers(lesson_nb: dict, solution_nb: dict, ids: set[str]) -> dict:
    """The released lesson with the answer cells in ``ids`` filled in from the solution."""
    nb = copy.deepcopy(lesson_nb)
    solved = {
        nbgrader(c)["grade_id"]: c["source"]
        for c in solution_nb["cells"]
        if nbgrader(c).get("solution")
    }
    for cell in nb["cells"]:
        if nbgrader(cell).get("grade_id") in ids:
            cell["source"] = solved[nbgrader(cell)["grade_id"]]
    return nb


def write_submission(root: Path, student: str, lesson: str, nb: dict | str | bytes) -> Path:
    folder = root / student / lesson
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lesson}.ipynb"
    if isinstance(nb, bytes):
        path.write_bytes(nb)
    else:
        path.write_text(nb if isinstance(nb, str) else json.dumps(nb))
    return path


@pytest.fixture(scope="session")
def isolation() -> str:
    from autograder.sandbox import best_isolation, describe

    level = os.environ.get("DEMYSTIFY_ISOLATION") or best_isolation()
    print(f"\nisolation in use: {describe(level)}")
    return level


def autograder(
    *args, status: int = 0, timeout: float = 900, env: dict | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess:
    """Run ``python -m autograder ARGS`` and check its exit status (``env`` adds variables)."""
    done = subprocess.run(
        [sys.executable, "-m", "autograder", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == status, (done.stdout + done.stderr)[-3000:]
    return done


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory, isolation):
    """The round trips, alternatives and forgeries, graded in one batch (tests/batch.py)."""
    from batch import graded_class as grade_once

    return grade_once(tmp_path_factory, isolation)
