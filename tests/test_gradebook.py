"""autograder.gradebook: schema versions, migration, and text made safe before SQLite."""

import sqlite3

from autograder.gradebook import GRADED, SCHEMA_VERSION, Grade, Gradebook
from autograder.verdict import Verdict

OLD_SCHEMA = """
CREATE TABLE grades (student TEXT NOT NULL, lesson TEXT NOT NULL, sha256 TEXT NOT NULL,
    score REAL NOT NULL, max_score REAL NOT NULL, reason TEXT NOT NULL, isolation TEXT NOT NULL,
    seconds REAL NOT NULL, graded_at TEXT NOT NULL, PRIMARY KEY (student, lesson));
CREATE TABLE checks (student TEXT NOT NULL, lesson TEXT NOT NULL, test_id TEXT NOT NULL,
    points REAL NOT NULL, max_points REAL NOT NULL, message TEXT NOT NULL,
    PRIMARY KEY (student, lesson, test_id));
INSERT INTO grades VALUES ('ann', '01_derivatives', 'abc', 7, 10, '', 'bwrap', 1.5, 'then');
"""


def test_a_gradebook_from_before_schema_versions_is_migrated(tmp_path):
    path = tmp_path / "gradebook.db"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
    book = Gradebook(path)
    (grade,) = book.grades()
    assert (grade.student, grade.score, grade.status, grade.seed) == ("ann", 7, GRADED, None)
    assert book.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert book.graded_as("ann", "01_derivatives") == ("abc", "")


def test_a_newer_gradebook_is_refused(tmp_path):
    path = tmp_path / "gradebook.db"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    try:
        Gradebook(path)
    except RuntimeError as error:
        assert "update the course" in str(error)
    else:
        raise AssertionError("a gradebook from a newer grader was opened")


def test_grades_keep_their_seed_and_hashes_and_unsafe_text_is_stored_safely(tmp_path):
    book = Gradebook(tmp_path / "gradebook.db")
    grade = Grade("m\ud800llory", "01_derivatives", "sha", 1.0, 2.0, "bad\x1b[2J", seed=42,
                  source_sha256="src", course_version="0.1.0")  # fmt: skip
    book.record(grade, [Verdict("t\ud800", 1.0, 2.0, "why\x00")])
    (stored,) = book.grades()
    assert (stored.seed, stored.source_sha256, stored.course_version) == (42, "src", "0.1.0")
    assert stored.student == "m?llory" and "\x1b" not in stored.reason
    assert book.integrity_problems() == []
