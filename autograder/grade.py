"""Grade a folder of submissions: prepare (trusted), run (sandboxed, in parallel), judge, record.

Submissions follow nbgrader's submitted layout, ``SUBMITTED/<student>/<lesson>/<lesson>.ipynb``.
For each lesson the reference solution is run first, with the batch's seed, to give the records
every student's are compared with. Student notebooks then run concurrently on any
``concurrent.futures`` executor (threads driving local sandboxes by default, or a Dask cluster);
the workers only run notebooks and return plain results, and this process alone judges them and
writes the gradebook. A submission whose file is unchanged since it was last graded is skipped
unless ``force`` is set, so an interrupted batch resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sys
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from autograder.gradebook import Grade, Gradebook
from autograder.prepare import Prepared, SubmissionError, load_source, prepare, read_notebook
from autograder.report import atomic_csv, number
from autograder.runner import Cell, RunResult, run_cells
from autograder.sandbox import Limits, remove_stale_cgroups
from autograder.verdict import Verdict, judge_cell


@dataclass
class Submission:
    """One notebook found in the submitted folder (or the reason none could be used)."""

    student: str
    lesson: str
    path: Path | None
    problem: str = ""
    notes: list[str] = field(default_factory=list)

    def sha256(self) -> str:
        if self.path is None:
            return "missing"
        digest = hashlib.sha256()
        try:
            with open(self.path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return "unreadable"
        return digest.hexdigest()


def find_submissions(submitted: Path, lessons: list[str]) -> list[Submission]:
    """Every ``<student>/<lesson>/`` folder under ``submitted``, with its notebook."""
    found = []
    for student_dir in sorted(p for p in Path(submitted).iterdir() if p.is_dir()):
        for lesson_dir in sorted(p for p in student_dir.iterdir() if p.is_dir()):
            student, lesson = student_dir.name, lesson_dir.name
            if lesson not in lessons:
                found.append(Submission(student, lesson, None, f"there is no lesson {lesson!r}"))
                continue
            expected = lesson_dir / f"{lesson}.ipynb"
            links = [p for p in (student_dir, lesson_dir, expected) if p.is_symlink()]
            if links:
                problem = f"{links[0].name} is a symbolic link; submit the notebook itself"
                found.append(Submission(student, lesson, None, problem))
                continue
            if expected.is_file():
                found.append(Submission(student, lesson, expected))
                continue
            notebooks = sorted(
                p for p in lesson_dir.glob("*.ipynb") if p.is_file() and not p.is_symlink()
            )
            if len(notebooks) == 1:
                note = f"graded {notebooks[0].name} (expected {expected.name})"
                found.append(Submission(student, lesson, notebooks[0], notes=[note]))
            elif notebooks:
                names = ", ".join(p.name for p in notebooks)
                problem = f"no {expected.name}, and several other notebooks ({names})"
                found.append(Submission(student, lesson, None, problem))
            else:
                found.append(Submission(student, lesson, None, f"no notebook ({expected.name})"))
    return found


@dataclass
class Job:
    """Plain data a worker needs to run one notebook."""

    cells: list[Cell]
    isolation: str
    limits: Limits
    seed: int
    lesson: str


def run_job(job: Job) -> RunResult:
    """Run one notebook in a sandbox (on whichever worker the executor picks)."""
    return run_cells(
        job.cells, isolation=job.isolation, limits=job.limits, seed=job.seed, lesson=job.lesson
    )


class BrokenReference(RuntimeError):
    """The reference solution itself failed a test: the lesson, not a student, is broken."""


@dataclass
class Grader:
    """Grades submissions of the lessons in ``solutions`` into ``gradebook``."""

    solutions: Path
    gradebook: Gradebook
    isolation: str
    limits: Limits = field(default_factory=Limits)
    seed: int = field(default_factory=lambda: secrets.randbelow(2**31))
    executor: Executor | None = None
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    # lesson -> (its source notebook, the reference run, its test cells' points)
    _references: dict[str, tuple[dict, RunResult, dict[str, float]]] = field(default_factory=dict)

    def _run(self, executor: Executor, cells: list[Cell], lesson: str) -> Future:
        job = Job(cells, self.isolation, self.limits, self.seed, lesson)
        return executor.submit(run_job, job)

    def references(self, executor: Executor, lessons: set[str]) -> None:
        """Run the reference solution of each lesson not yet run, and check it passes."""
        futures = {}
        for lesson in sorted(lessons - set(self._references)):
            source = load_source(self.solutions, lesson)
            prepared = prepare(source, source, lesson)
            futures[lesson] = (source, prepared.points, self._run(executor, prepared.cells, lesson))
        for lesson, (source, points, future) in futures.items():
            result = future.result()
            broken = [t for t, r in result.tests.items() if r.status != "ok" or r.records is None]
            if result.problem or broken:
                detail = result.problem or "; ".join(
                    f"{t}: {result.tests[t].error or result.tests[t].status}" for t in broken
                )
                raise BrokenReference(f"the reference solution of {lesson} fails: {detail}")
            self._references[lesson] = (source, result, points)

    def judge(self, lesson: str, prepared: Prepared, result: RunResult) -> list[Verdict]:
        reference = self._references[lesson][1]
        return [
            judge_cell(
                test_id, pts, result.tests[test_id], reference.tests[test_id], result.problem
            )
            for test_id, pts in prepared.points.items()
        ]

    def _zero(self, lesson: str, reason: str) -> list[Verdict]:
        points = self._references[lesson][2]
        return [Verdict(t, 0, p, f"not graded: {reason}") for t, p in points.items()]

    def grade(
        self,
        submissions: list[Submission],
        force: bool = False,
        progress: Callable[[Grade | None, bool], None] | None = None,
    ) -> list[Grade]:
        """Grade ``submissions`` and record each as it finishes; return this batch's grades."""
        remove_stale_cgroups()
        executor = self.executor or ThreadPoolExecutor(max_workers=max(1, self.workers))
        try:
            self.references(executor, {s.lesson for s in submissions if s.path is not None})
            pending: dict[Future, tuple[Submission, Prepared, str]] = {}
            grades = []
            for sub in submissions:
                sha = sub.sha256()
                if (
                    not force
                    and sub.path is not None
                    and self.gradebook.sha256(sub.student, sub.lesson) == sha
                ):
                    if progress:
                        progress(None, True)
                    continue
                try:
                    if sub.problem:
                        raise SubmissionError(sub.problem)
                    prepared = prepare(
                        self._references[sub.lesson][0], read_notebook(sub.path), sub.lesson
                    )
                except SubmissionError as error:
                    grades.append(self._record_failure(sub, sha, str(error)))
                    if progress:
                        progress(grades[-1], False)
                    continue
                pending[self._run(executor, prepared.cells, sub.lesson)] = (sub, prepared, sha)
            for future in as_completed(pending):
                sub, prepared, sha = pending[future]
                try:
                    result = future.result()
                except Exception as error:  # a worker lost: grade 0 with the reason
                    grades.append(self._record_failure(sub, sha, f"grading failed: {error}"))
                else:
                    grades.append(self._record(sub, sha, prepared, result))
                if progress:
                    progress(grades[-1], False)
            return grades
        finally:
            if self.executor is None:
                executor.shutdown(wait=True, cancel_futures=True)

    def _record(self, sub: Submission, sha: str, prepared: Prepared, result: RunResult) -> Grade:
        verdicts = self.judge(sub.lesson, prepared, result)
        raised = [
            f"answer cell {answer} raised {error if len(error) <= 100 else error[:97] + '...'}"
            for answer, error in result.answer_errors.items()
            if not error.startswith("NotImplementedError")  # a stub left as it was
        ]
        problem = [result.problem] if result.problem else []
        reason = "; ".join(sub.notes + prepared.notes + raised + problem)
        grade = Grade(
            sub.student,
            sub.lesson,
            sha,
            sum(v.points for v in verdicts),
            prepared.max_score,
            reason,
            self.isolation,
            result.seconds,
        )
        self.gradebook.record(grade, verdicts)
        return grade

    def _record_failure(self, sub: Submission, sha: str, reason: str) -> Grade:
        if sub.lesson in self._references:
            verdicts = self._zero(sub.lesson, reason)
        else:
            verdicts = []
        grade = Grade(
            sub.student,
            sub.lesson,
            sha,
            0.0,
            sum(v.max_points for v in verdicts),
            reason,
            self.isolation,
            0.0,
        )
        self.gradebook.record(grade, verdicts)
        return grade


def write_grades_csv(grades: list[Grade], out: Path) -> None:
    """``student, lesson, score, max_score, reason``, one row each, written atomically."""
    rows = [
        [g.student, g.lesson, number(g.score), number(g.max_score), g.reason]
        for g in sorted(grades, key=lambda g: (g.student, g.lesson))
    ]
    atomic_csv(Path(out), ["student", "lesson", "score", "max_score", "reason"], rows)


def format_table(grades: list[Grade], width: int = 60) -> str:
    """A plain-text table of grades for the terminal."""
    rows = [("student", "lesson", "score", "reason")]
    for g in sorted(grades, key=lambda g: (g.student, g.lesson)):
        reason = g.reason if len(g.reason) <= width else g.reason[: width - 3] + "..."
        rows.append((g.student, g.lesson, f"{number(g.score)}/{number(g.max_score)}", reason))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def main_progress(total: int) -> Callable[[Grade | None, bool], None]:
    """A tqdm progress bar counting graded, failed (0 with a reason), unchanged (skipped) and
    remaining submissions."""
    from tqdm import tqdm

    bar = tqdm(total=total, unit="nb", file=sys.stderr, dynamic_ncols=True)
    counts = {"graded": 0, "failed": 0, "unchanged": 0}

    def update(grade: Grade | None, skipped: bool) -> None:
        if skipped:
            counts["unchanged"] += 1
        elif grade is not None and grade.score == 0 and grade.reason:
            counts["failed"] += 1
        else:
            counts["graded"] += 1
        bar.update(1)
        bar.set_postfix({**counts, "remaining": total - bar.n}, refresh=False)
        if bar.n >= total:
            bar.close()

    return update
