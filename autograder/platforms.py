"""Grades where instructors already work: Gradescope, Canvas and GitHub Classroom.

- **Gradescope** runs ``platforms/gradescope/run_autograder`` on each upload; it calls
  ``python -m autograder gradescope``, which grades the one notebook in the submission folder
  and writes ``results.json`` in the format of Gradescope's autograder specification: the
  total ``score``, and a ``tests`` list with each check cell's ``name``, ``score``,
  ``max_score``, ``status``, ``output`` and ``visibility`` (cells with hidden tests are shown
  ``after_published``).
- **Canvas** imports ``grading/export/canvas.csv`` (Grades > Import): the columns Student, ID,
  SIS User ID, SIS Login ID and Section, then one column per lesson, and a "Points Possible"
  row. The course knows students by their submission folder, written as the SIS Login ID.
- **GitHub Classroom** runs the workflow that :func:`classroom_workflow` writes: per lesson a
  step of ``education/autograding-command-grader`` that runs the student's self-check, worth the
  visible checks' points, and the ``autograding-grading-reporter`` that adds them up.
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder import notebook as nb
from autograder.gradebook import GRADED, Grade, Gradebook
from autograder.report import atomic_csv, number

CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def gradescope_results(grade: Grade, checks: list[tuple], hidden: set[str]) -> dict:
    """results.json for one graded submission."""
    tests = [
        {
            "name": test_id,
            "score": points,
            "max_score": max_points,
            "status": "passed" if points == max_points else "failed",
            "output": message,
            "visibility": "after_published" if test_id in hidden else "visible",
        }
        for _, _, test_id, points, max_points, message in checks
    ]
    results = {"score": grade.score, "tests": tests, "visibility": "visible"}
    if grade.status != GRADED or grade.reason:
        results["output"] = f"{grade.status}: {grade.reason}" if grade.reason else grade.status
    return results


def not_graded_results(reason: str) -> dict:
    """results.json for an upload that could not be graded at all."""
    return {"score": 0.0, "tests": [], "output": f"not graded: {reason}", "visibility": "visible"}


def write_canvas_csv(gradebook: Gradebook, path: Path) -> None:
    """A Canvas gradebook import: a column per lesson, and the points possible."""
    grades = gradebook.grades()
    lessons = sorted({g.lesson for g in grades})
    possible = {
        lesson: max(g.max_score for g in grades if g.lesson == lesson) for lesson in lessons
    }
    table: dict[str, dict[str, float]] = {}
    for g in grades:
        if g.status == GRADED:
            table.setdefault(g.student, {})[g.lesson] = g.final_score
    rows = [["Points Possible", "", "", "", "", *(number(possible[x]) for x in lessons)]]
    for student, scores in sorted(table.items()):
        marks = [number(scores[x]) if x in scores else "" for x in lessons]
        rows.append([student, "", "", student, "", *marks])
    atomic_csv(path, [*CANVAS_COLUMNS, *lessons], rows)


def classroom_workflow(solutions: Path, lessons: list[str]) -> str:
    """A GitHub Classroom autograding workflow: each lesson's self-check, for its visible points."""
    import yaml

    steps, ids = [], []
    for lesson in lessons:
        source = json.loads((solutions / lesson / f"{lesson}.ipynb").read_text())
        points = sum(nb.points(c) for c in source["cells"] if nb.is_grade(c))
        ids.append("lesson-" + lesson.replace("_", "-"))  # a step id starts with a letter
        command = f"python -m autograder check lessons/{lesson}/{lesson}.ipynb"
        steps.append(
            {
                "name": lesson,
                "id": ids[-1],
                "uses": "education/autograding-command-grader@v1",
                "with": {
                    "test-name": lesson,
                    "setup-command": "pip install -q -r requirements.txt",
                    "command": command,
                    "timeout": 10,
                    "max-score": int(points) if float(points).is_integer() else points,
                },
            }
        )
    reporter = {
        "name": "Autograding Reporter",
        "uses": "education/autograding-grading-reporter@v1",
        "env": {
            f"{i.upper().replace('-', '_')}_RESULTS": f"${{{{steps.{i}.outputs.result}}}}"
            for i in ids
        },
        "with": {"runners": ",".join(ids)},
    }
    setup = [
        {"name": "Checkout code", "uses": "actions/checkout@v4"},
        {"name": "Set up Python", "uses": "actions/setup-python@v5",
         "with": {"python-version": "3.11"}},
    ]  # fmt: skip
    workflow = {
        "name": "Autograding Tests",
        "on": ["push", "repository_dispatch"],
        "permissions": {"checks": "write", "actions": "read", "contents": "read"},
        "jobs": {
            "run-autograding-tests": {
                "runs-on": "ubuntu-latest",
                "if": "github.actor != 'github-classroom[bot]'",
                "steps": [*setup, *steps, reporter],
            }
        },
    }
    header = "# Written by `python -m autograder classroom`: the self-check, lesson by lesson.\n"
    return header + yaml.safe_dump(workflow, sort_keys=False, width=100)


def find_lesson(notebook_path: Path, solutions: Path) -> str | None:
    """Which lesson an uploaded notebook is: by its name, else by the graded cells it holds."""
    from autograder.release import lesson_names

    lessons = lesson_names(solutions)
    if notebook_path.stem in lessons:
        return notebook_path.stem
    try:
        cells = json.loads(notebook_path.read_text())["cells"]
        ids = {nb.grade_id(c) for c in cells} - {None}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    overlap = {}
    for lesson in lessons:
        source = json.loads((solutions / lesson / f"{lesson}.ipynb").read_text())
        overlap[lesson] = len(ids & {nb.grade_id(c) for c in source["cells"]})
    best = max(overlap, key=overlap.get, default=None)
    return best if best and overlap[best] else None


def grade_upload(upload: Path, solutions: Path, grader_for, scratch: Path) -> dict:
    """results.json for the one notebook in a Gradescope ``upload`` folder."""
    from autograder.grade import Submission

    notebooks = [p for p in upload.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts]
    if len(notebooks) != 1:
        names = ", ".join(sorted(p.name for p in notebooks)) or "none"
        return not_graded_results(f"upload exactly one notebook (found: {names})")
    lesson = find_lesson(notebooks[0], solutions)
    if lesson is None:
        return not_graded_results(f"{notebooks[0].name} is none of the course's lessons")
    gradebook = Gradebook(scratch / "gradebook.db")
    try:
        grader = grader_for(gradebook)
        (grade,) = grader.grade([Submission("student", lesson, notebooks[0])], force=True)
        checks = gradebook.checks("student", lesson)
        return gradescope_results(grade, checks, grader.hidden_cells(lesson))
    finally:
        gradebook.close()
