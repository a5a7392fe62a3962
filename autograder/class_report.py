"""``python -m autograder report``: one page per lesson on how the whole class did.

Made from the gradebook alone, nothing re-run: the distribution of scores, each check with the
share of students who failed it, the named mistakes the class hit most (each check's verdict
records the mistake a wrong value matched), and the submissions that carry a reason or could
not be graded. Plots are matplotlib PNGs embedded in the page, so one file is the whole report.
"""

from __future__ import annotations

import base64
import io
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from autograder.gradebook import GRADED, Gradebook
from autograder.report import templates


@dataclass
class CheckShare:
    test_id: str
    max_points: float
    failed: int
    total: int

    @property
    def share(self) -> float:
        return self.failed / self.total if self.total else 0.0


@dataclass
class MistakeCount:
    mistake: str
    test_id: str
    students: int


def lesson_summary(gradebook: Gradebook, lesson: str) -> dict:
    """Everything the lesson's page shows, as plain data (the tests read it)."""
    grades = [g for g in gradebook.grades() if g.lesson == lesson]
    graded = [g for g in grades if g.status == GRADED]
    checks: dict[str, CheckShare] = {}
    for _, _, test_id, points, max_points, _ in gradebook.checks(lesson=lesson):
        row = checks.setdefault(test_id, CheckShare(test_id, max_points, 0, 0))
        row.total += 1
        row.failed += points < max_points
    hits = Counter((mistake, test_id) for _, test_id, mistake in gradebook.mistakes(lesson))
    scores = [g.score for g in graded]
    return {
        "lesson": lesson,
        "graded": len(graded),
        "not_graded": [g for g in grades if g.status != GRADED],
        "scores": scores,
        "max_score": max((g.max_score for g in graded), default=0.0),
        "mean": statistics.fmean(scores) if scores else 0.0,
        "median": statistics.median(scores) if scores else 0.0,
        "checks": list(checks.values()),
        "mistakes": [MistakeCount(m, t, n) for (m, t), n in hits.most_common(15)],
        "reasons": [g for g in grades if g.reason],
    }


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _plots(summary: dict) -> tuple[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scores, top = summary["scores"], summary["max_score"] or 1
    fig, ax = plt.subplots(figsize=(5, 3.2))
    ax.hist(scores, bins=min(20, int(top) + 1), range=(0, top), color="#4c72b0")
    ax.set(xlabel="score", ylabel="students", title="Distribution of scores")
    score_plot = _png(fig)
    plt.close(fig)
    checks = summary["checks"]
    fig, ax = plt.subplots(figsize=(5, 0.3 * len(checks) + 1.2))
    ax.barh([c.test_id for c in checks][::-1], [c.share for c in checks][::-1], color="#c44e52")
    ax.set(xlim=(0, 1), xlabel="share of students who failed", title="Checks failed")
    check_plot = _png(fig)
    plt.close(fig)
    return score_plot, check_plot


def write_reports(gradebook: Gradebook, out: Path) -> list[Path]:
    """``out/<lesson>.html`` for every lesson in the gradebook."""
    page = templates().get_template("class_report.html")
    written = []
    for lesson in sorted({g.lesson for g in gradebook.grades()}):
        summary = lesson_summary(gradebook, lesson)
        score_plot, check_plot = _plots(summary)
        target = out / f"{lesson}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.render(score_plot=score_plot, check_plot=check_plot, **summary))
        written.append(target)
    return written
