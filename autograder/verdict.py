"""Verdicts, decided in the trusted grader from what the sandbox reported.

A test cell earns its points only when all of these hold:

1. the student's form of the cell ran to the end without an error;
2. it reported as many records as the reference solution's run of the same cell, of the same
   kinds in the same order;
3. every reported value passes its check against the *reference's* expected value, tolerance,
   threshold and named mistakes, judged by :func:`demystify.check.explain`: the very rule a
   student's own run of the visible checks applies.

The student's kernel never holds an expected value (:mod:`autograder.rewrite`), and hidden tests
draw their inputs from a seed that changes with every grading run, so the only way to report
the values the reference expects is to compute them.

Messages are built here, from the reference side only: a check's description, the named
mistake and the hint, and, for a cell without hidden tests, the expected and reported numbers
(the student sees those in the notebook anyway). Nothing the kernel wrote reaches the feedback
but numbers of such cells and an exception's name: a kernel's strings could carry anything,
another cell's hidden tests included.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.runner import CellResult
from autograder.text import exception_name
from demystify.check import explain


@dataclass
class Verdict:
    """The grade of one test cell."""

    test_id: str
    points: float
    max_points: float
    message: str = ""  # why it failed; safe to show the student (no test source)
    mistake: str = ""  # the named mistake the student's value is, if any

    @property
    def passed(self) -> bool:
        return self.points == self.max_points


def _error_line(student: CellResult) -> str:
    """What to say of a cell that raised: the exception's name only. Its message is the
    kernel's text, and a kernel can put anything in it (another cell's hidden tests, say)."""
    return f"the cell raised {exception_name(student.error)} before its checks finished"


def judge_cell(
    test_id: str,
    points: float,
    student: CellResult,
    reference: CellResult,
    problem: str = "",
    has_hidden: bool = True,
) -> Verdict:
    """The verdict on one test cell, from the student's and the reference's results."""

    def zero(why: str) -> Verdict:
        return Verdict(test_id, 0, points, why)

    if student.status == "not run":
        return zero(f"not run: {problem}" if problem else "not run")
    if student.status != "ok":
        return zero(_error_line(student))
    expected = reference.records or []
    if student.records is None:
        return zero("the cell's checks did not report their results")
    if len(student.records) != len(expected):
        return zero(f"{len(student.records)} of the cell's {len(expected)} checks reported")
    for got, want in zip(student.records, expected, strict=True):
        if got.kind != want.kind:
            return zero(f"{want.what}: the check did not run as written")
        try:
            failure = explain(
                want.kind,
                got.value,
                want.expected,
                want.what,
                want.hint,
                want.params,
                want.mistakes,
            )
        except Exception:  # noqa: BLE001 (a reported value no rule can read)
            return zero(f"{want.what}: the reported value cannot be checked")
        if failure is not None:
            verdict = zero(failure.message(show_values=not (want.hidden or has_hidden)))
            verdict.mistake = failure.mistake or ""
            return verdict
    return Verdict(test_id, points, points)
