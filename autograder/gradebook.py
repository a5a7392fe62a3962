"""The gradebook: one SQLite file, written only by the trusted grader process.

Each graded submission is written in a single transaction (its grade and every check's points),
so an interrupted run leaves every submission either fully recorded or not at all, and parallel
workers never touch the file: they return results, and the grader writes them one at a time.
"""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from autograder.text import safe_text
from autograder.verdict import Verdict

SCHEMA_VERSION = 4
GRADED, NOT_GRADED = "graded", "not graded"
GRADE_COLUMNS = (
    "student", "lesson", "sha256", "score", "max_score", "reason", "isolation", "seconds",
    "status", "seed", "source_sha256", "course_version", "submitted_at", "penalty",
)  # fmt: skip
SCHEMA = """
CREATE TABLE IF NOT EXISTS grades (
    student TEXT NOT NULL,
    lesson TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    reason TEXT NOT NULL,
    isolation TEXT NOT NULL,
    seconds REAL NOT NULL,
    graded_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'graded',
    seed INTEGER,
    source_sha256 TEXT NOT NULL DEFAULT '',
    course_version TEXT NOT NULL DEFAULT '',
    submitted_at TEXT NOT NULL DEFAULT '',
    penalty REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (student, lesson)
);
CREATE TABLE IF NOT EXISTS answers (
    student TEXT NOT NULL,
    lesson TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (student, lesson, answer_id)
);
CREATE TABLE IF NOT EXISTS checks (
    student TEXT NOT NULL,
    lesson TEXT NOT NULL,
    test_id TEXT NOT NULL,
    points REAL NOT NULL,
    max_points REAL NOT NULL,
    message TEXT NOT NULL,
    mistake TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (student, lesson, test_id)
);
"""
# Version 1 (before schema versions) lacked these columns; they are added with their defaults.
_MIGRATIONS = {
    1: [
        "ALTER TABLE grades ADD COLUMN status TEXT NOT NULL DEFAULT 'graded'",
        "ALTER TABLE grades ADD COLUMN seed INTEGER",
        "ALTER TABLE grades ADD COLUMN source_sha256 TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE grades ADD COLUMN course_version TEXT NOT NULL DEFAULT ''",
    ],
    2: ["ALTER TABLE checks ADD COLUMN mistake TEXT NOT NULL DEFAULT ''"],
    3: [
        "ALTER TABLE grades ADD COLUMN submitted_at TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE grades ADD COLUMN penalty REAL NOT NULL DEFAULT 0",
    ],
}


@dataclass
class Grade:
    """One student's grade on one lesson (``status`` "not graded": the grader failed, and the
    next run grades it again)."""

    student: str
    lesson: str
    sha256: str
    score: float
    max_score: float
    reason: str
    isolation: str = ""
    seconds: float = 0.0
    status: str = GRADED
    seed: int | None = None
    source_sha256: str = ""
    course_version: str = ""
    submitted_at: str = ""  # from nbgrader's timestamp.txt, when there is one
    penalty: float = 0.0  # the share the late-work policy takes off; score stays raw

    @property
    def final_score(self) -> float:
        """The score after the late-work penalty (what exports and feedback report)."""
        return self.score * (1 - self.penalty)


class Gradebook:
    """Grades and per-check points, keyed by (student, lesson)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self._migrate()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        exists = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'grades'"
        ).fetchone()
        if version > SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path} is a gradebook of schema {version}; this grader knows up to "
                f"{SCHEMA_VERSION}: update the course"
            )
        with self.db:
            if exists and version == 0:
                version = 1
            for step in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS.get(step, []) if exists else []:
                    self.db.execute(statement)
            self.db.executescript(SCHEMA)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def record(
        self, grade: Grade, verdicts: Iterable[Verdict], answers: dict[str, str] | None = None
    ) -> None:
        """Replace (student, lesson)'s grade, checks and answer code, all in one transaction."""
        now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        row = {name: getattr(grade, name) for name in GRADE_COLUMNS}
        row.update(
            {k: safe_text(row[k]) for k in ("student", "lesson", "reason", "isolation")},
            seconds=round(grade.seconds, 3),
            graded_at=now,
        )
        columns = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        with self.db:
            self.db.execute(
                "DELETE FROM checks WHERE student = ? AND lesson = ?",
                (row["student"], row["lesson"]),
            )
            self.db.execute(
                "DELETE FROM answers WHERE student = ? AND lesson = ?",
                (row["student"], row["lesson"]),
            )
            self.db.executemany(
                "INSERT INTO answers VALUES (?, ?, ?, ?)",
                [
                    (row["student"], row["lesson"], safe_text(a), safe_text(code, 100_000))
                    for a, code in (answers or {}).items()
                ],
            )
            self.db.execute(f"INSERT OR REPLACE INTO grades ({columns}) VALUES ({marks})", row)
            self.db.executemany(
                "INSERT INTO checks (student, lesson, test_id, points, max_points, message, "
                "mistake) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (row["student"], row["lesson"], safe_text(v.test_id), v.points, v.max_points,
                     safe_text(v.message), safe_text(v.mistake))
                    for v in verdicts
                ],
            )  # fmt: skip

    def mistakes(self, lesson: str) -> list[tuple[str, str, str]]:
        """(student, check, named mistake) for every check of ``lesson`` that hit one."""
        rows = self.db.execute(
            "SELECT student, test_id, mistake FROM checks WHERE lesson = ? AND mistake != '' "
            "ORDER BY student, rowid",
            (lesson,),
        )
        return list(rows)

    def answers(self, student: str, lesson: str) -> dict[str, str]:
        """The code of each answer cell of (student, lesson)'s graded submission."""
        rows = self.db.execute(
            "SELECT answer_id, source FROM answers WHERE student = ? AND lesson = ?",
            (student, lesson),
        )
        return dict(rows)

    def graded_as(self, student: str, lesson: str) -> tuple[str, str] | None:
        """(submission hash, lesson source hash) of the last grade of (student, lesson), if it
        was graded."""
        row = self.db.execute(
            "SELECT sha256, source_sha256 FROM grades WHERE student = ? AND lesson = ? "
            "AND status = ?",
            (safe_text(student), safe_text(lesson), GRADED),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def grades(self) -> list[Grade]:
        rows = self.db.execute(
            f"SELECT {', '.join(GRADE_COLUMNS)} FROM grades ORDER BY student, lesson"
        )
        return [Grade(*row) for row in rows]

    def checks(self, student: str | None = None, lesson: str | None = None) -> list[tuple]:
        """Rows (student, lesson, test_id, points, max_points, message)."""
        query = "SELECT student, lesson, test_id, points, max_points, message FROM checks"
        where, args = [], []
        for column, value in (("student", student), ("lesson", lesson)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if where:
            query += " WHERE " + " AND ".join(where)
        return list(self.db.execute(query + " ORDER BY student, lesson, rowid", args))

    def integrity_problems(self) -> list[str]:
        """Everything wrong with the file: SQLite's own check, and grades that disagree with
        their checks. An empty list means the gradebook is intact."""
        problems = [r[0] for r in self.db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        rows = self.db.execute(
            "SELECT g.student, g.lesson, g.score, g.max_score, "
            "COALESCE(SUM(c.points), 0), COALESCE(SUM(c.max_points), 0), COUNT(c.test_id) "
            "FROM grades g LEFT JOIN checks c ON g.student = c.student AND g.lesson = c.lesson "
            "GROUP BY g.student, g.lesson"
        )
        for student, lesson, score, max_score, points, max_points, count in rows:
            if count and (abs(score - points) > 1e-9 or abs(max_score - max_points) > 1e-9):
                problems.append(f"{student}/{lesson}: score {score} but checks sum to {points}")
            if score < 0 or score > max_score:
                problems.append(f"{student}/{lesson}: score {score} outside 0..{max_score}")
        return problems
