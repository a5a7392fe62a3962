"""Late work: when a submission came in, and what its lesson's deadline policy takes off.

nbgrader's ``collect`` leaves ``timestamp.txt`` beside each submitted notebook. The course's
``course.toml`` says each lesson's deadline and the policy::

    [late]
    penalty_per_day = 0.1   # the share of the score lost per day late, or part of a day
    max_penalty = 0.5       # never more than this share

    [deadlines]
    01_derivatives = 2026-12-08T23:59:00Z

The raw score is stored as graded and never changed; the penalty is stored beside it, and the
final score is the raw score times (1 - penalty), in grades.csv, the exports and the feedback.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from pathlib import Path

CONFIG = "course.toml"
TIMESTAMP = "timestamp.txt"


@dataclass(frozen=True)
class LatePolicy:
    deadlines: dict[str, datetime.datetime] = field(default_factory=dict)
    penalty_per_day: float = 0.0
    max_penalty: float = 1.0

    @classmethod
    def load(cls, course: Path) -> LatePolicy:
        """The policy in ``course/course.toml``; none (no deadlines) when there is no file."""
        path = Path(course) / CONFIG
        if not path.is_file():
            return cls()
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib
        data = tomllib.loads(path.read_text())
        late = data.get("late", {})
        deadlines = {str(k): _utc(v) for k, v in data.get("deadlines", {}).items()}
        return cls(
            deadlines, float(late.get("penalty_per_day", 0)), float(late.get("max_penalty", 1))
        )

    def penalty(self, lesson: str, submitted_at: datetime.datetime | None) -> float:
        """The share of the score taken off for ``submitted_at`` (0 when on time or unknown)."""
        deadline = self.deadlines.get(lesson)
        if deadline is None or submitted_at is None or submitted_at <= deadline:
            return 0.0
        days = math.ceil((submitted_at - deadline).total_seconds() / 86400)
        return min(self.max_penalty, days * self.penalty_per_day)


def _utc(value: object) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time(23, 59, 59))
    else:
        moment = datetime.datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc)


def submitted_at(notebook: Path | None) -> datetime.datetime | None:
    """When the notebook was submitted, from nbgrader's ``timestamp.txt`` beside it."""
    if notebook is None:
        return None
    path = notebook.parent / TIMESTAMP
    try:
        text = path.read_text().strip()[:100]
    except (OSError, UnicodeDecodeError):
        return None
    from dateutil import parser  # nbgrader's own parser for these files

    try:
        return _utc(parser.parse(text.replace(" UTC", "+00:00")))
    except (ValueError, OverflowError):
        return None
