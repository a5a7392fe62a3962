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

import dataclasses
import hashlib
import importlib.metadata
import os
import secrets
import sys
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from autograder.gradebook import GRADED, NOT_GRADED, Grade, Gradebook
from autograder.late import LatePolicy, submitted_at
from autograder.package import student_package
from autograder.pool import WarmPool
from autograder.prepare import (
    MAX_NOTEBOOK_BYTES,
    Lesson,
    Prepared,
    SubmissionError,
    load_lesson,
    prepare,
    read_notebook,
)
from autograder.report import atomic_csv, number
from autograder.runner import Cell, CellResult, KernelSpec, KernelStartFailed, RunResult, run_cells
from autograder.sandbox import Limits, cgroups
from autograder.text import exception_name, one_line, safe_text
from autograder.verdict import Verdict, judge_cell

PACKAGE = Path(__file__).resolve().parent.parent / "demystify"
try:
    COURSE_VERSION = importlib.metadata.version("demystify")
except importlib.metadata.PackageNotFoundError:  # run from a checkout that is not installed
    COURSE_VERSION = "unknown"  # this grader's own course package


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
            size = self.path.stat().st_size
            if size > MAX_NOTEBOOK_BYTES:  # refused unread; the size stands in for the hash
                return f"too-large-{size}"
            with open(self.path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return "unreadable"
        return digest.hexdigest()


def find_submissions(submitted: Path, lessons: list[str]) -> tuple[list[Submission], list[str]]:
    """Every ``<student>/<lesson>/`` folder under ``submitted``, with its notebook; and one line
    for each folder that names no lesson (those are not graded, and get no row)."""
    found, misplaced = [], []
    for student_dir in sorted(p for p in Path(submitted).iterdir() if p.is_dir()):
        for lesson_dir in sorted(p for p in student_dir.iterdir() if p.is_dir()):
            student, lesson = student_dir.name, lesson_dir.name
            if lesson not in lessons:
                misplaced.append(
                    f"{one_line(student)}/{one_line(lesson)}: not a lesson; the lessons are "
                    + ", ".join(lessons)
                )
                continue
            found.append(_submission(student, lesson, student_dir, lesson_dir))
    return found, misplaced


def _submission(student: str, lesson: str, student_dir: Path, lesson_dir: Path) -> Submission:
    expected = lesson_dir / f"{lesson}.ipynb"
    links = [p for p in (student_dir, lesson_dir, expected) if p.is_symlink()]
    if links:
        problem = f"{safe_text(links[0].name)} is a symbolic link; submit the notebook itself"
        return Submission(student, lesson, None, problem)
    if expected.is_file():
        return Submission(student, lesson, expected)
    notebooks = sorted(p for p in lesson_dir.glob("*.ipynb") if p.is_file() and not p.is_symlink())
    if len(notebooks) == 1:
        note = f"graded {safe_text(notebooks[0].name)} (expected {expected.name})"
        return Submission(student, lesson, notebooks[0], notes=[note])
    if notebooks:
        names = ", ".join(safe_text(p.name) for p in notebooks)
        return Submission(
            student, lesson, None, f"no {expected.name}, and several notebooks ({names})"
        )
    return Submission(student, lesson, None, f"no notebook ({expected.name})")


@dataclass
class Job:
    """Plain data a worker needs to run one notebook."""

    cells: list[Cell]
    isolation: str
    limits: Limits
    seed: int
    package: Path  # the course's demystify
    lesson: str | None  # whose answers to withhold (None: the reference run, the whole package)

    def spec(self) -> KernelSpec:
        """The kernel this job needs.

        The package the kernel sees is made here, on the worker: a Dask worker on another
        machine uses its own copy of the course where the grader's path does not exist there.
        """
        package = self.package if self.package.is_dir() else PACKAGE
        folder = student_package(package, self.lesson) if self.lesson else package.parent
        return KernelSpec(self.isolation, self.limits, self.seed, folder)


def run_job(job: Job, pool: WarmPool | None = None) -> RunResult:
    """Run one notebook in a sandbox (on whichever worker the executor picks): in a kernel
    from ``pool``, made for ``job.spec()``, or in one started now."""
    spec = pool.spec if pool is not None else job.spec()
    kernel = None
    if pool is not None:
        try:
            kernel = pool.take()
        except KernelStartFailed as error:
            return RunResult(problem=str(error), infrastructure=True)
    return run_cells(
        job.cells, isolation=spec.isolation, limits=spec.limits, seed=spec.seed,
        package=spec.package, kernel=kernel,
    )  # fmt: skip


class _LessonPools:
    """A warm pool per lesson of a batch, made when the lesson's first job runs, with one
    kernel per worker kept ahead and as many in all as the batch has jobs of that lesson."""

    def __init__(self, size: int, budgets: Counter):
        self.size, self.budgets = size, budgets
        self._pools: dict[str, WarmPool] = {}
        self._lock = threading.Lock()

    def get(self, lesson: str, job: Job) -> WarmPool:
        with self._lock:
            if lesson not in self._pools:
                self._pools[lesson] = WarmPool(job.spec(), self.size, self.budgets[lesson])
            return self._pools[lesson]

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()


class BrokenReference(RuntimeError):
    """The reference solution itself failed a test: the lesson, not a student, is broken."""


def course_package(solutions: Path) -> Path:
    """The ``demystify`` of the course being graded: beside its ``solutions/``, or this one."""
    beside = Path(solutions).resolve().parent / "demystify"
    return beside if (beside / "answers" / "__init__.py").is_file() else PACKAGE


@dataclass
class Reference:
    """One lesson, and its reference solution's run with this batch's seed."""

    lesson: Lesson
    result: RunResult
    hidden: set[str]  # the test cells that hold hidden tests


RETRIES = 1  # a sandbox that fails to start is tried once more before "not graded"


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
    warm: bool = True  # start each worker's next kernel ahead of time (autograder.pool)
    _lessons: dict[str, Lesson] = field(default_factory=dict)
    _references: dict[str, Reference] = field(default_factory=dict)
    _source_hashes: dict[str, str] = field(default_factory=dict)

    @property
    def package(self) -> Path:
        return course_package(self.solutions)

    @cached_property
    def late_policy(self) -> LatePolicy:
        return LatePolicy.load(Path(self.solutions).resolve().parent)

    def _job(self, cells: list[Cell], lesson: str | None) -> Job:
        limits = self.limits
        if lesson is None:  # the reference run also records expected values and mistakes
            limits = dataclasses.replace(limits, output_bytes=10 * limits.output_bytes)
        return Job(cells, self.isolation, limits, self.seed, self.package, lesson)

    def _run(self, executor: Executor, cells: list[Cell], lesson: str | None) -> Future:
        return executor.submit(run_job, self._job(cells, lesson))

    def references(self, executor: Executor, lessons: set[str]) -> None:
        """Run the reference solution of each lesson not yet run, and check it passes."""
        self._check_references(self._start_references(executor, lessons))

    def _start_references(self, executor: Executor, lessons: set[str]) -> dict[str, Future]:
        """Load each lesson not yet run and start its reference run; return the runs."""
        futures = {}
        for name in sorted(lessons - set(self._references)):
            lesson = self._lessons[name] = load_lesson(self.solutions, name)
            student_package(self.package, name)  # made here, once, before any worker needs it
            futures[name] = self._run(executor, lesson.reference_cells(), None)
        return futures

    def _check_references(self, futures: dict[str, Future]) -> None:
        """Wait for the reference runs; raise :class:`BrokenReference` if one fails a test."""
        for name, future in futures.items():
            lesson, result = self._lessons[name], future.result()
            broken = [t for t, r in result.tests.items() if r.status != "ok" or r.records is None]
            if result.problem or broken:
                detail = result.problem or "; ".join(
                    f"{t}: {result.tests[t].error or result.tests[t].status}" for t in broken
                )
                raise BrokenReference(f"the reference solution of {name} fails: {detail}")
            hidden = {t for t, c in lesson.tests.items() if c.has_hidden}
            self._references[name] = Reference(lesson, result, hidden)

    def hidden_cells(self, lesson: str) -> set[str]:
        """The test cells of ``lesson`` that hold hidden tests (after its reference has run)."""
        reference = self._references.get(lesson)
        return set(reference.hidden) if reference else set()

    def judge(self, lesson: str, prepared: Prepared, result: RunResult) -> list[Verdict]:
        reference = self._references[lesson]
        return [
            judge_cell(
                test_id,
                pts,
                result.tests.get(test_id, CellResult("not run")),
                reference.result.tests[test_id],
                result.problem,
                test_id in reference.hidden,
            )
            for test_id, pts in prepared.points.items()
        ]

    def grade(
        self,
        submissions: list[Submission],
        force: bool = False,
        progress: Callable[[Grade | None, bool], None] | None = None,
    ) -> list[Grade]:
        """Grade ``submissions`` and record each as it finishes; return this batch's grades.

        Every submission gets a grade: a score, 0 with a reason, or "not graded" with a reason
        (the sandbox could not start, twice); nothing one submission does stops the batch.
        """
        cgroups().remove_stale()
        executor = self.executor or ThreadPoolExecutor(max_workers=max(1, self.workers))
        pools = None
        grades: list[Grade] = []

        def done(grade: Grade) -> None:
            grades.append(grade)
            if progress:
                progress(grade, False)

        try:
            lessons = {s.lesson for s in submissions if s.path is not None}
            references = self._start_references(executor, lessons)
            # While the references run: read the submissions, and start their kernels.
            runs, failures = self._prepare_all(submissions, force, progress)
            if self.warm and self.executor is None:  # warm kernels live in this process
                pools = _LessonPools(self.workers, Counter(sub.lesson for sub, _, _ in runs))
                for sub, prepared, _ in runs[:1]:  # the first lesson's pool starts filling now
                    pools.get(sub.lesson, self._job(prepared.cells, sub.lesson))
            self._check_references(references)
            for sub, sha, reason in failures:
                done(self._record_failure(sub, sha, reason))
            self._run_all(executor, runs, pools, done)
            return grades
        finally:
            if self.executor is None:
                executor.shutdown(wait=True, cancel_futures=True)
            if pools is not None:
                pools.close()

    def _run_all(self, executor: Executor, runs: list[tuple], pools, done) -> None:
        """Run every prepared submission, retry once those whose sandbox failed, and record
        each as it finishes."""
        pending = {self._submit(executor, s, p, pools): (s, p, sha, 0) for s, p, sha in runs}
        while pending:
            future = next(as_completed(pending))
            sub, prepared, sha, tries = pending.pop(future)
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 (a worker lost)
                result = RunResult(problem=f"the worker failed: {error}", infrastructure=True)
            if result.infrastructure and tries < RETRIES:
                retry = self._submit(executor, sub, prepared, pools)
                pending[retry] = (sub, prepared, sha, tries + 1)
                continue
            try:
                done(self._record(sub, sha, prepared, result))
            except Exception as error:  # noqa: BLE001
                done(self._record_failure(sub, sha, f"the grader could not judge it ({error})"))

    def _prepare_all(self, submissions, force, progress) -> tuple[list[tuple], list[tuple]]:
        """Each submission to run, prepared, with its hash, grouped by lesson (so one lesson's
        warm kernels are in use at a time); and each that cannot run, with the reason."""
        runs, failures = [], []
        for sub in submissions:
            sha = sub.sha256()
            if not force and sub.path is not None and self._unchanged(sub, sha):
                if progress:
                    progress(None, True)
                continue
            try:
                runs.append((sub, self._prepare(sub), sha))
            except SubmissionError as error:
                failures.append((sub, sha, str(error)))
            except Exception as error:  # noqa: BLE001 (a bug meets a strange notebook)
                failures.append((sub, sha, f"the grader could not read it ({error})"))
        return sorted(runs, key=lambda run: run[0].lesson), failures

    def _unchanged(self, sub: Submission, sha: str) -> bool:
        """Graded before, from the same file, against the same lesson source."""
        return self.gradebook.graded_as(sub.student, sub.lesson) == (sha, self._source_sha(sub))

    def _source_sha(self, sub: Submission) -> str:
        """The lesson source's hash, read once per lesson, as its reference run is made once."""
        if sub.lesson not in self._source_hashes:
            self._source_hashes[sub.lesson] = lesson_sha256(self.solutions, sub.lesson)
        return self._source_hashes[sub.lesson]

    def _prepare(self, sub: Submission) -> Prepared:
        if sub.problem:
            raise SubmissionError(sub.problem)
        return prepare(self._lessons[sub.lesson], read_notebook(sub.path))

    def _submit(
        self, executor: Executor, sub: Submission, prepared: Prepared, pools: _LessonPools | None
    ) -> Future:
        job = self._job(prepared.cells, sub.lesson)
        if pools is None:
            return executor.submit(run_job, job)
        return executor.submit(lambda: run_job(job, pools.get(sub.lesson, job)))

    def _grade_row(self, sub: Submission, sha: str, **values) -> Grade:
        when = submitted_at(sub.path)
        values.setdefault("penalty", self.late_policy.penalty(sub.lesson, when))
        return Grade(
            safe_text(sub.student, 200),
            safe_text(sub.lesson, 200),
            sha,
            seed=self.seed,
            source_sha256=self._source_sha(sub) if sub.lesson in self._lessons else "",
            course_version=COURSE_VERSION,
            submitted_at=when.isoformat(timespec="seconds") if when else "",
            isolation=self.isolation,
            **values,
        )

    def _record(self, sub: Submission, sha: str, prepared: Prepared, result: RunResult) -> Grade:
        if result.infrastructure:
            return self._not_graded(sub, sha, result.problem)
        verdicts = self.judge(sub.lesson, prepared, result)
        raised = [
            f"answer cell {answer} raised {exception_name(error)}"
            for answer, error in result.answer_errors.items()
            if not error.startswith("NotImplementedError")  # a stub left as it was
        ]
        problem = [result.problem] if result.problem else []
        grade = self._grade_row(
            sub,
            sha,
            score=sum(v.points for v in verdicts),
            max_score=prepared.max_score,
            reason=safe_text("; ".join(sub.notes + prepared.notes + raised + problem)),
            seconds=result.seconds,
        )
        self.gradebook.record(grade, verdicts, prepared.answers)
        return grade

    def _record_failure(self, sub: Submission, sha: str, reason: str) -> Grade:
        """0 with a reason, for a submission that could not be graded through its own fault."""
        lesson = self._lessons.get(sub.lesson)
        points = lesson.points if lesson else {}
        reason = safe_text(reason)
        verdicts = [Verdict(t, 0, p, f"not graded: {reason}") for t, p in points.items()]
        grade = self._grade_row(
            sub, sha, score=0.0, max_score=sum(points.values()), reason=reason, seconds=0.0
        )
        self.gradebook.record(grade, verdicts)
        return grade

    def _not_graded(self, sub: Submission, sha: str, reason: str) -> Grade:
        """No grade at all: the grader failed, not the student. The next run tries again."""
        grade = self._grade_row(
            sub, sha, score=0.0, max_score=0.0, reason=safe_text(reason), seconds=0.0,
            status=NOT_GRADED, penalty=0.0,
        )  # fmt: skip
        self.gradebook.record(grade, [])
        return grade


def lesson_sha256(solutions: Path, lesson: str) -> str:
    """The hash of a lesson's source notebook (a regrade is due when it changes)."""
    path = Path(solutions) / lesson / f"{lesson}.ipynb"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def stale_submissions(gradebook: Gradebook, submitted: Path, solutions: Path) -> list[str]:
    """One line for each submission in ``submitted`` that the gradebook has no grade of, or
    whose file changed since it was graded."""
    from autograder.release import lesson_names

    lines = []
    found, _ = find_submissions(submitted, lesson_names(solutions))
    for sub in found:
        graded = gradebook.graded_as(sub.student, sub.lesson)
        name = f"{one_line(sub.student)}/{sub.lesson}"
        if graded is None:
            lines.append(f"{name}: not graded yet (run grade)")
        elif graded[0] != sub.sha256():
            lines.append(f"{name}: changed since it was graded (run grade)")
    return lines


def write_grades_csv(grades: list[Grade], out: Path) -> None:
    """One row per student and lesson, written atomically: the raw score, the late penalty and
    the final score, the status, when it was submitted, and the reason."""
    rows = [
        [g.student, g.lesson, number(g.score), number(g.max_score), number(g.penalty),
         number(g.final_score), g.status, g.submitted_at, g.reason]
        for g in sorted(grades, key=lambda g: (g.student, g.lesson))
    ]  # fmt: skip
    header = ["student", "lesson", "score", "max_score", "penalty", "final_score", "status",
              "submitted_at", "reason"]  # fmt: skip
    atomic_csv(Path(out), header, rows)


def format_table(grades: list[Grade], width: int = 60) -> str:
    """A plain-text table of grades for the terminal."""
    rows = [("student", "lesson", "score", "reason")]
    for g in sorted(grades, key=lambda g: (g.student, g.lesson)):
        score = f"{number(g.score)}/{number(g.max_score)}" if g.status == GRADED else g.status
        rows.append(
            (one_line(g.student, 40), one_line(g.lesson, 40), score, one_line(g.reason, width))
        )
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = ["  ".join(r[i].ljust(widths[i]) for i in range(3)) + "  " + r[3] for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def main_progress(total: int) -> Callable[[Grade | None, bool], None]:
    """A tqdm progress bar counting graded, failed (0 with a reason), unchanged (skipped) and
    remaining submissions."""
    from tqdm import tqdm

    bar = tqdm(total=total, unit="nb", file=sys.stderr, dynamic_ncols=True)
    counts = {"graded": 0, "failed": 0, "unchanged": 0, "not graded": 0}

    def update(grade: Grade | None, skipped: bool) -> None:
        if skipped:
            counts["unchanged"] += 1
        elif grade is not None and grade.status == NOT_GRADED:
            counts["not graded"] += 1
        elif grade is not None and grade.score == 0 and grade.reason:
            counts["failed"] += 1
        else:
            counts["graded"] += 1
        bar.update(1)
        bar.set_postfix({**counts, "remaining": total - bar.n}, refresh=False)
        if bar.n >= total:
            bar.close()

    return update
