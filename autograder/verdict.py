"""Verdicts, decided in the trusted grader from what the sandbox reported.

A test cell earns its points only when all of these hold:

1. the cell ran to the end without an error (its visible checks passed in the kernel);
2. it reported its check records, as many as the reference solution's run of the same cell;
3. every recorded value matches the reference's value for the same check, judged here with the
   reference's tolerance (``close``), exactly (``equal``), or against the reference's threshold
   (``at_least``).

The reference records come from running ``solutions/`` in the same sandbox with the same seed,
and the hidden tests draw their inputs from that seed, which changes with every grading run. So
patching numpy or the check helpers, disabling later cells, or printing what a passing test
prints earns nothing: the only way to report the reference's values for inputs nobody knew in
advance is to compute them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from autograder.runner import CellResult


@dataclass
class Verdict:
    """The grade of one test cell."""

    test_id: str
    points: float
    max_points: float
    message: str = ""  # why it failed; safe to show the student (no test source)

    @property
    def passed(self) -> bool:
        return self.points == self.max_points


def _decode(value: object) -> np.ndarray | object:
    """A recorded value as an array of floats where it is numeric, else as it is."""
    if isinstance(value, dict) and set(value) == {"shape", "data"}:
        data = [float(x) for x in value["data"]]
        return np.array(data, dtype=float).reshape(value["shape"])
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        try:
            return np.array(float(value))  # "nan", "inf"
        except ValueError:
            return value
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return value


def values_match(record: dict, reference: dict) -> bool:
    """Whether a student's record agrees with the reference's record of the same check."""
    if not isinstance(record, dict) or record.get("kind") != reference.get("kind"):
        return False
    try:
        got, want = _decode(record.get("value")), _decode(reference.get("value"))
        kind = reference["kind"]
        if kind == "at_least":
            return (
                isinstance(got, np.ndarray)
                and got.size == 1
                and float(got) >= float(reference["minimum"])
            )
        if (
            isinstance(want, np.ndarray)
            and isinstance(got, np.ndarray)
            and not isinstance(reference.get("value"), bool)
        ):
            if got.shape != want.shape:
                return False
            if kind == "equal":
                return bool(np.array_equal(got, want))
            rtol, atol = float(reference.get("rtol", 1e-5)), float(reference.get("atol", 1e-8))
            return bool(np.allclose(got, want, rtol=rtol, atol=atol))
        return type(got) is type(want) and got == want
    except (TypeError, ValueError, KeyError, OverflowError, MemoryError):
        return False


def judge_cell(
    test_id: str, points: float, student: CellResult, reference: CellResult, problem: str = ""
) -> Verdict:
    """The verdict on one test cell, from the student's and the reference's results."""
    if student.status == "not run":
        why = f"not run: {problem}" if problem else "not run"
        return Verdict(test_id, 0, points, why)
    if student.status != "ok":
        return Verdict(test_id, 0, points, student.error or "the cell raised an error")
    expected = reference.records or []
    if student.records is None:
        return Verdict(test_id, 0, points, "the cell's checks did not report their results")
    if len(student.records) != len(expected):
        return Verdict(
            test_id,
            0,
            points,
            f"{len(student.records)} of the cell's {len(expected)} checks reported",
        )
    for record, want in zip(student.records, expected, strict=True):
        if not values_match(record, want):
            return Verdict(test_id, 0, points, f"check failed: {want.get('what', 'a check')}")
    return Verdict(test_id, points, points)
