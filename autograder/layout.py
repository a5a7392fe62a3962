"""Where grading keeps its files: one folder per course, ``grading/`` unless told otherwise.

Every instructor command reads and writes here, so they always agree on the gradebook, and no
command's output has another's name::

    grading/
      gradebook.db             the gradebook (SQLite): every grade, check, seed and hash
      grades.csv               `grade`: one row per student and lesson, with status and reason
      feedback/STUDENT/LESSON/LESSON.html
                               `feedback`: one page per student and lesson
      export/grades_by_student.csv
                               `export`: a row per student, a column per lesson, the total
      export/grades_by_check.csv
                               `export`: a row per student, lesson and check (for an LMS)
      export/canvas.csv        `export`: Canvas's gradebook import
      report/LESSON.html       `report`: how the class did, lesson by lesson
      similarity.csv           `similarity`: pairs of submissions to look at

``grading/`` is in ``.gitignore``: students' grades are never committed by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT = Path("grading")


@dataclass(frozen=True)
class GradingFolder:
    root: Path = DEFAULT

    @property
    def gradebook(self) -> Path:
        return self.root / "gradebook.db"

    @property
    def grades_csv(self) -> Path:
        return self.root / "grades.csv"

    @property
    def feedback(self) -> Path:
        return self.root / "feedback"

    @property
    def canvas_csv(self) -> Path:
        return self.root / "export" / "canvas.csv"

    @property
    def similarity_csv(self) -> Path:
        return self.root / "similarity.csv"

    @property
    def report(self) -> Path:
        return self.root / "report"

    @property
    def by_student_csv(self) -> Path:
        return self.root / "export" / "grades_by_student.csv"

    @property
    def by_check_csv(self) -> Path:
        return self.root / "export" / "grades_by_check.csv"
