"""``python -m autograder publish LESSON... --out DIR``: a student-only copy of the course.

For a graded class the course is two repositories: the instructor's (this one: ``solutions/``,
hidden tests, every reference answer) and a public one the students clone, updated lesson by
lesson. The copy holds the released ``lessons/`` of the lessons named, the course package
without any module of ``demystify/answers/`` that answers an exercise of those lessons, the
student's command line (``python -m autograder check``), ``requirements.txt``,
``pyproject.toml``, a README for students, and a GitHub Classroom workflow that runs each
lesson's self-check for its points. Nothing from ``solutions/`` goes into it.
Publishing into an existing copy replaces what it publishes and keeps the rest (its ``.git``,
the lessons published before).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder.package import ANSWERS, withheld_modules
from autograder.platforms import classroom_workflow

STUDENT_README = """# Demystifying Neural Networks

A hands-on Jupyter course from derivatives to a neural network you train yourself. This is the
students' copy: the lessons your instructor has published so far.

Set up once, and open the lessons (Python 3.10 or newer; on Windows use WSL):

    python3 -m venv .venv && .venv/bin/pip install -r requirements.txt \\
        && .venv/bin/jupyter lab lessons/

Open a lesson, read, fill in each `raise NotImplementedError(...)`, and run the check cell
below it. `.venv/bin/python -m autograder check lessons/LESSON/LESSON.ipynb` runs a whole
notebook and lists every visible check. Grading runs more checks, on other inputs.

Lessons: {lessons}
"""


def publish(root: Path, lessons: list[str], out: Path) -> list[Path]:
    """Write the student-only copy of ``root``'s ``lessons`` to ``out``; return what it wrote."""
    missing = [name for name in lessons if not (root / "lessons" / name).is_dir()]
    if missing:
        raise ValueError(f"no released lesson {', '.join(missing)}: run release first")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in lessons:
        written.append(_copy(root / "lessons" / name, out / "lessons" / name))
    written.append(_copy(root / "autograder", out / "autograder"))
    package = _copy(root / "demystify", out / "demystify")
    for name in lessons:
        for module in withheld_modules(root / "demystify", name):
            (package / ANSWERS / f"{module}.py").unlink(missing_ok=True)
    written.append(package)
    for file in ("requirements.txt", "pyproject.toml"):
        shutil.copy2(root / file, out / file)
        written.append(out / file)
    published = sorted(p.name for p in (out / "lessons").iterdir() if p.is_dir())
    workflow = out / ".github" / "workflows" / "classroom.yml"
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text(classroom_workflow(root / "solutions", published))
    written.append(workflow)
    (out / "README.md").write_text(STUDENT_README.format(lessons=", ".join(published)))
    (out / ".gitignore").write_text(".venv/\n__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\n")
    return [*written, out / "README.md"]


def _copy(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    shutil.copytree(source, target, ignore=ignore)
    return target
