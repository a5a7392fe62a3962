"""Reports from the gradebook: per-student HTML feedback and CSV exports.

Feedback shows, for each graded check, its name, the one-line description from the top of its
(visible) test cell, passed or failed, the points, and the failure message. It never shows a
test's source: a hidden test appears only through its name and its message (plain nbgrader's
feedback shows hidden tests' code; see its issues #917 and #1363). Everything that came from a
student's kernel is escaped.
"""

from __future__ import annotations

import ast
import csv
import html
import io
from pathlib import Path

from autograder import notebook as nb
from autograder.gradebook import GRADED, Gradebook
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


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .5rem; text-align: left; vertical-align: top; }
.passed { color: #1a7f37; font-weight: 600; } .failed { color: #cf222e; font-weight: 600; }
pre { white-space: pre-wrap; margin: 0; font-size: .9rem; }
.total { font-size: 1.3rem; margin: 1rem 0; } .reason { background: #fff8c5; padding: .5rem; }
"""


def feedback_html(
    student: str,
    lesson: str,
    score: float,
    max_score: float,
    reason: str,
    checks: list[tuple],
    descriptions: dict[str, str],
) -> str:
    """One student's feedback page for one lesson."""
    e = html.escape
    rows = []
    for _, _, test_id, points, max_points, message in checks:
        passed = points == max_points
        rows.append(
            f"<tr><td><code>{e(test_id)}</code><br>{e(descriptions.get(test_id, ''))}</td>"
            f'<td class="{"passed" if passed else "failed"}">{"passed" if passed else "failed"}'
            f"</td><td>{points:g} / {max_points:g}</td>"
            f"<td><pre>{e(message)}</pre></td></tr>"
        )
    note = f'<p class="reason">{e(reason)}</p>' if reason else ""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{e(lesson)}: feedback for {e(student)}</title><style>{STYLE}</style></head>"
        f"<body><h1>{e(lesson)}</h1><p>Feedback for <b>{e(student)}</b></p>"
        f'<p class="total">Total: {score:g} / {max_score:g}</p>{note}'
        "<table><tr><th>check</th><th>result</th><th>points</th><th>message</th></tr>"
        + "".join(rows)
        + "</table></body></html>\n"
    )


def write_feedback(gradebook: Gradebook, solutions: Path, out: Path) -> list[Path]:
    """Write ``out/<student>/<lesson>/<lesson>.html`` for every graded (student, lesson)."""
    descriptions: dict[str, dict[str, str]] = {}
    written = []
    for grade in gradebook.grades():
        if grade.status != GRADED:
            continue
        if grade.lesson not in descriptions:
            known = (solutions / grade.lesson / f"{grade.lesson}.ipynb").is_file()
            source = load_lesson(solutions, grade.lesson).source if known else {"cells": []}
            descriptions[grade.lesson] = check_descriptions(source)
        page = feedback_html(
            grade.student,
            grade.lesson,
            grade.score,
            grade.max_score,
            grade.reason,
            gradebook.checks(grade.student, grade.lesson),
            descriptions[grade.lesson],
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
    """One row per student, one column per lesson, and the total (a spreadsheet's view)."""
    grades = gradebook.grades()
    lessons = sorted({g.lesson for g in grades})
    table: dict[str, dict[str, float]] = {}
    for g in grades:
        table.setdefault(g.student, {})[g.lesson] = g.score
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
