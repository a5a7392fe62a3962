"""Grading works however the course is installed, and always mounts the graded course's package.

- a copy of the course, graded with this checkout's environment, mounts the copy's package;
- a plain (non-editable) ``pip install .``: the installed copy is what the sandbox mounts, its
  answers withheld, and the installed folder itself is hidden from the kernel.
(The editable install is the one every other test uses.)
"""

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.sandbox import bwrap_path
from conftest import (
    LESSONS,
    ROOT,
    SOLUTIONS,
    answer_ids,
    autograder,
    load,
    with_answers,
    write_submission,
)  # fmt: skip
from conftest import test_points as points_of

pytestmark = pytest.mark.skipif(not bwrap_path(), reason="the bwrap sandbox does not work here")
LESSON = "05_activations"


def copy_course(dest: Path, with_package: bool) -> Path:
    for folder in ("solutions", "lessons") + (("demystify",) if with_package else ()):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def scores(out: Path) -> dict[str, float]:
    with open(out) as f:
        return {row["student"]: float(row["score"]) for row in csv.DictReader(f)}


def solution_with_first_answer(prefix: str) -> dict:
    nb = load(SOLUTIONS / LESSON / f"{LESSON}.ipynb")
    first = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("solution"))
    first["source"] = prefix + "".join(first["source"])
    return nb


def test_a_copy_of_the_course_is_graded_with_its_own_package(tmp_path):
    course = copy_course(tmp_path / "course", with_package=True)
    (course / "demystify" / "course_marker.py").write_text("MARK = 1\n")
    submitted = tmp_path / "sub"
    write_submission(
        submitted, "ann", LESSON, solution_with_first_answer("import demystify.course_marker\n")
    )
    full = sum(points_of(load(SOLUTIONS / LESSON / f"{LESSON}.ipynb")).values())
    autograder("grade", submitted, "--solutions", course / "solutions", "--grading", tmp_path / "a")
    assert scores(tmp_path / "a" / "grades.csv") == {"ann": full}
    # This checkout's own package has no marker: the same notebook loses its first function.
    autograder("grade", submitted, "--grading", tmp_path / "b")
    assert scores(tmp_path / "b" / "grades.csv")["ann"] < full


def test_a_plain_install_grades_and_hides_its_installed_answers(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python*/site-packages"))
    here = next(Path(p) for p in sys.path if p.endswith("site-packages") and ".venv" in p)
    (site / "course_deps.pth").write_text(f"{here}\n")  # numpy and friends from this environment
    python = venv / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", str(ROOT)],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    assert (site / "demystify" / "answers" / "activations.py").is_file()
    course = copy_course(tmp_path / "course", with_package=False)
    solution = load(SOLUTIONS / LESSON / f"{LESSON}.ipynb")
    blank = load(LESSONS / LESSON / f"{LESSON}.ipynb")
    answers = answer_ids(solution)
    stolen = with_answers(blank, solution, set(answers) - {"sigmoid"})
    for cell in stolen["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "sigmoid":
            cell["source"] = (
                f"import sys\nsys.path.insert(0, {str(site)!r})\n"
                "import importlib, demystify\nfor name in list(sys.modules):\n"
                "    if name.startswith('demystify'):\n        del sys.modules[name]\n"
                "from demystify.answers.activations import sigmoid\n"
            )
    submitted = tmp_path / "sub"
    write_submission(submitted, "honest", LESSON, solution)
    write_submission(submitted, "thief", LESSON, stolen)
    write_submission(
        submitted, "stub", LESSON, with_answers(blank, solution, set(answers) - {"sigmoid"})
    )
    out = tmp_path / "out" / "grades.csv"
    subprocess.run(
        [python, "-m", "autograder", "grade", submitted, "--solutions", course / "solutions",
         "--grading", out.parent],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    got = scores(out)
    assert got["honest"] == sum(points_of(solution).values())
    assert got["thief"] == got["stub"] < got["honest"]  # the installed answer earned nothing
