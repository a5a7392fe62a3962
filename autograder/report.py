"""Reports from the gradebook: per-student HTML feedback and CSV exports.

Feedback shows, for each answer cell, the student's own code (they wrote it, so it is safe to
show), then each check that grades it: its name, the one-line description from the top of its
test cell, passed or failed, the points, and the verdict's message. It never shows a test's
source: a hidden test appears only through its name and its message (plain nbgrader's feedback
shows hidden tests' code; see its issues #917 and #1363). Pages are rendered from
``templates/feedback.html`` by jinja2 with autoescaping: every name, message and line of code
on them came from a student.
"""

from __future__ import annotations

import ast
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from autograder import notebook as nb
from autograder.gradebook import GRADED, Grade, Gradebook
from autograder.prepare import load_lesson
from autograder.text import csv_cell


def check_descriptions(source_nb: dict) -> dict[str, str]:
    """Each test cell's id and the first line of its docstring (what it checks)."""
    descriptions = {}
    for cell in source_nb["cells"]:
        if not nb.is_grade(cell):
            continue
        source = nb.source(cell) or ""
        try:
            doc = ast.get_docstring(ast.parse(source)) or ""
        except SyntaxError:
            doc = ""
        descriptions[nb.grade_id(cell)] = doc.strip().splitlines()[0] if doc.strip() else ""
    return descriptions


_TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class CheckRow:
    test_id: str
    description: str
    points: float
    max_points: float
    message: str

    @property
    def passed(self) -> bool:
        return self.points == self.max_points


@dataclass
class Part:
    """One answer cell (its code, when the gradebook has it) and the checks that grade it."""

    answer: str | None
    code: str | None
    checks: list[CheckRow] = field(default_factory=list)


def templates():
    import jinja2

    # Autoescape: every name, message and line of code on the page came from a student.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["number"] = number
    return env


def feedback_html(
    grade: Grade,
    checks: list[tuple],
    descriptions: dict[str, str],
    answers: dict[str, str],
    answer_ids: list[str],
) -> str:
    """One student's feedback page for one lesson: each answer with its checks."""
    parts = {a: Part(a, answers.get(a)) for a in answer_ids}
    other = Part(None, None)
    for _, _, test_id, points, max_points, message in checks:
        row = CheckRow(test_id, descriptions.get(test_id, ""), points, max_points, message)
        parts.get(nb.owner(test_id, answer_ids), other).checks.append(row)
    shown = [p for p in [*parts.values(), other] if p.checks]
    page = templates().get_template("feedback.html")
    return page.render(
        lesson=grade.lesson,
        student=grade.student,
        score=grade.score,
        max_score=grade.max_score,
        reason=grade.reason,
        penalty=grade.penalty,
        final_score=grade.final_score,
        submitted_at=grade.submitted_at,
        parts=shown,
    )


def write_feedback(gradebook: Gradebook, solutions: Path, out: Path) -> list[Path]:
    """Write ``out/<student>/<lesson>/<lesson>.html`` for every graded (student, lesson)."""
    descriptions: dict[str, dict[str, str]] = {}
    answer_ids: dict[str, list[str]] = {}
    written = []
    for grade in gradebook.grades():
        if grade.status != GRADED:
            continue
        if grade.lesson not in descriptions:
            known = (solutions / grade.lesson / f"{grade.lesson}.ipynb").is_file()
            source = load_lesson(solutions, grade.lesson).source if known else {"cells": []}
            descriptions[grade.lesson] = check_descriptions(source)
            answer_ids[grade.lesson] = [
                nb.grade_id(c) for c in source["cells"] if nb.is_solution(c)
            ]
        page = feedback_html(
            grade,
            gradebook.checks(grade.student, grade.lesson),
            descriptions[grade.lesson],
            gradebook.answers(grade.student, grade.lesson),
            answer_ids[grade.lesson],
        )
        target = out / grade.student / grade.lesson / f"{grade.lesson}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page)
        written.append(target)
    return written


def atomic_csv(path: Path, header: list[str], rows: list[list]) -> None:
    """Write a CSV file whole or not at all (a temporary file, then a rename)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(buffer.getvalue())
    tmp.replace(path)


def number(x: float) -> str:
    """3 for 3.0, 2.5 for 2.5: points as a person writes them."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def export_wide(gradebook: Gradebook, path: Path) -> None:
    """One row per student, one column per lesson (the final score, after any late penalty),
    and the total (a spreadsheet's view)."""
    grades = gradebook.grades()
    lessons = sorted({g.lesson for g in grades})
    table: dict[str, dict[str, float]] = {}
    for g in grades:
        table.setdefault(g.student, {})[g.lesson] = g.final_score
    rows = [
        [
            student,
            *(number(row[lesson]) if lesson in row else "" for lesson in lessons),
            number(sum(row.values())),
        ]
        for student, row in sorted(table.items())
    ]
    atomic_csv(path, ["student", *lessons, "total"], rows)


def export_long(gradebook: Gradebook, path: Path) -> None:
    """One row per student, lesson and check: ``student, lesson, check, points, max`` (for LMS)."""
    rows = [
        [s, lesson, check, number(p), number(m)] for s, lesson, check, p, m, _ in gradebook.checks()
    ]
    atomic_csv(path, ["student", "lesson", "check", "points", "max"], rows)
