"""autograder.verdict: every rule, on records as the runner decodes them."""

import numpy as np
import pytest

from autograder.runner import CellResult
from autograder.verdict import judge_cell
from demystify.protocol import Record


def reference(*records):
    return CellResult("ok", records=list(records))


def student(*values, kinds=None):
    kinds = kinds or ["close"] * len(values)
    return CellResult("ok", records=[Record(k, v) for k, v in zip(kinds, values, strict=True)])


CLOSE = Record("close", 0.5, "sigmoid(0)", 0.5, {"rtol": 1e-5, "atol": 1e-8}, "1/2")


def judge(got, want=CLOSE, hidden=False):
    return judge_cell("t", 2, got, reference(want), has_hidden=hidden)


def test_a_right_value_earns_the_points():
    assert judge(student(0.5000001)).points == 2


def test_a_wrong_value_earns_nothing_and_says_why():
    verdict = judge(student(1.0))
    assert verdict.points == 0
    assert verdict.message == "sigmoid(0): expected 0.5, got 1.\nHint: 1/2"


def test_a_hidden_check_shows_no_values():
    want = Record("close", 0.5, "sigmoid(z)", 0.5, {}, "", {"exp(z)": 0.25}, hidden=True)
    verdict = judge(student(0.25), want)
    assert verdict.message == "sigmoid(z): wrong value.\nThis is what exp(z) gives."


def test_nan_matches_nan():
    want = Record("close", np.array([np.nan, 1.0]), "x", np.array([np.nan, 1.0]))
    assert judge(student(np.array([np.nan, 1.0])), want).passed


@pytest.mark.parametrize(
    "kind, expected, params, right, wrong",
    [
        ("equal", 3, {}, 3, 4),
        ("equal", "float32", {}, "float32", "float64"),
        ("shape", (2, 3), {}, (2, 3), (3, 2)),
        ("at_least", 0.97, {"minimum": 0.97}, 0.98, 0.9),
        ("true", True, {}, True, False),
        ("no_warnings", True, {}, True, False),
        ("gradient", np.array([1.0, 2.0]), {"tolerance": 1e-6}, np.array([1.0, 2.0]), np.ones(2)),
    ],
)
def test_each_kind(kind, expected, params, right, wrong):
    want = Record(kind, right, "c", expected, params)
    assert judge(student(right, kinds=[kind]), want).passed
    assert judge(student(wrong, kinds=[kind]), want).points == 0


@pytest.mark.parametrize(
    "result, phrase",
    [
        (CellResult("not run"), "not run"),
        (CellResult("ok", records=None), "did not report"),
        (CellResult("ok", records=[]), "0 of the cell's 1 checks reported"),
        (student(0.5, kinds=["equal"]), "did not run as written"),
        (student("0.5"), "expected numbers"),
        (student({"a": 1}), "expected numbers"),
        (student([1, "x"]), "expected numbers"),
    ],
)
def test_anything_else_earns_nothing(result, phrase):
    verdict = judge(result)
    assert verdict.points == 0 and phrase in verdict.message


def test_an_error_shows_only_its_exception_name():
    raised = CellResult("error", "ValueError: hidden = check.hidden_rng(11) ...")
    assert judge(raised).message == "the cell raised ValueError before its checks finished"
    forged = CellResult("error", "hidden = check.hidden_rng(11): boo")
    assert "hidden" not in judge(forged).message


def test_a_cell_with_hidden_tests_shows_no_reported_values():
    verdict = judge(student(1.0), hidden=True)
    assert verdict.message == "sigmoid(0): wrong value.\nHint: 1/2"
    leak = Record("shape", ("hidden = check.hidden_rng(3)",), "s", (2, 3))
    assert "hidden" not in judge(CellResult("ok", records=[leak]), leak).message
