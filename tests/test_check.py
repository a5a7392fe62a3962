"""demystify.check: failures say what was expected, what came back, and name usual mistakes."""

import json

import numpy as np
import pytest

from demystify import check, protocol
from demystify.check import CheckFailed
from demystify.protocol import Record


def message(function, *args, **kwargs) -> str:
    with pytest.raises(CheckFailed) as info:
        function(*args, **kwargs)
    return str(info.value)


def drained() -> list[Record]:
    return protocol.records_from_json(json.loads(json.dumps(protocol.drain()._repr_json_())))


def test_close_passes_silently_and_records_both_sides():
    drained()
    check.close(np.array([1.0, 2.0]), [1.0, 2.0], "f(x)", hint="h", mistakes={"m": [2.0, 4.0]})
    (record,) = drained()
    assert record.kind == "close" and record.what == "f(x)" and record.hint == "h"
    assert np.array_equal(record.value, [1.0, 2.0]) and record.value.dtype == np.float64
    assert np.array_equal(record.expected, [1.0, 2.0])
    assert record.params == {"rtol": 1e-5, "atol": 1e-8}
    assert np.array_equal(record.mistakes["m"], [2.0, 4.0])
    assert drained() == []


def test_close_failure_says_what_expected_got_and_hint():
    text = message(check.close, 0.0, 0.5, "sigmoid(0)", hint="1 / (1 + exp(-z))")
    assert "sigmoid(0): expected 0.5, got 0." in text
    assert "Hint: 1 / (1 + exp(-z))" in text


def test_column_vs_flat_shape_is_named():
    text = message(check.close, np.ones((3, 1)), np.ones(3), "layer(X)")
    assert "expected shape (3,), got shape (3, 1)" in text
    assert "(n,) vs (n, 1)" in text


def test_transposed_result_is_named():
    expected = np.arange(6.0).reshape(2, 3)
    assert "transposed" in message(check.close, expected.T, expected, "X @ W")
    square = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert "transpose" in message(check.close, square.T, square, "W")


def test_nan_and_inf_point_at_overflow_or_log0():
    assert "overflow" in message(check.close, [np.nan, 1.0], [0.5, 1.0], "softmax")


def test_listed_mistake_is_named():
    text = message(check.close, 8.0, 2.0, "mse", mistakes={"sum instead of mean": 8.0})
    assert "This is what sum instead of mean gives." in text


def test_sign_flip_is_named():
    assert "sign is flipped" in message(check.close, [-1.0, 2.0], [1.0, -2.0], "update")


def test_none_means_missing_return():
    assert "forget to `return`" in message(check.close, None, 1.0, "f(1)")


def test_shape_check_reports_both_shapes():
    text = message(check.shape, np.zeros((2, 5)), (5, 2), "W")
    assert "expected shape (5, 2), got shape (2, 5)" in text and "transposed" in text


def test_gradient_compares_with_numerical_gradient():
    x = np.array([1.0, -2.0, 0.5])
    check.gradient(lambda w: float(np.sum(w**3)), x, 3 * x**2, "d/dx sum(x^3)")
    text = message(check.gradient, lambda w: float(np.sum(w**3)), x, 2 * x**2, "d/dx sum(x^3)")
    assert "relative error" in text and "numerical" in text


def test_no_warnings_catches_overflow_and_returns_value():
    assert check.no_warnings(np.exp, 1.0, what="exp(1)") == pytest.approx(np.e)
    assert "overflow" in message(check.no_warnings, np.exp, 1000.0, what="exp(1000)")


def test_at_least_and_equal_and_true():
    check.at_least(0.9, 0.8, "accuracy")
    assert "expected at least 0.95" in message(check.at_least, 0.9, 0.95, "accuracy")
    assert "expected 3, got 2" in message(check.equal, 2, 3, "count")
    assert "does not hold" in message(check.true, False, "rows sum to 1")


def test_hidden_rng_follows_grading_seed(monkeypatch):
    monkeypatch.delenv(check.SEED_VARIABLE, raising=False)
    default = check.hidden_rng(1).random()
    monkeypatch.setenv(check.SEED_VARIABLE, "12345")
    graded = check.hidden_rng(1).random()
    assert default != graded
    assert check.hidden_rng(1).random() == graded  # same seed, same draw
    assert check.hidden_rng(2).random() != graded  # offsets give independent streams


def test_records_carry_non_finite_values():
    drained()
    check.true(True, "x")
    with pytest.raises(CheckFailed):
        check.close(np.array([np.inf]), [1.0], "f")
    records = drained()
    assert records[0].value is True
    assert np.isinf(records[1].value[0])


def test_failed_check_shows_its_message_instead_of_a_traceback():
    with pytest.raises(CheckFailed) as info:
        check.close(1.5, 3.0, "slope", hint="divide by 2h")
    lines = info.value._render_traceback_()
    assert len(lines) == 1 and "slope: expected 3, got 1.5" in lines[0]
    assert "Traceback" not in lines[0] and "check.py" not in lines[0]


def test_expected_and_got_never_print_alike():
    text = message(check.close, 0.5000001, 0.5, "sigmoid(0)", rtol=1e-9, atol=0)
    assert "expected 0.5, got 0.5000001" in text


def test_nan_matches_nan_and_inf_matches_inf():
    check.close([np.nan, np.inf, 1.0], [np.nan, np.inf, 1.0], "with nan")
    check.equal(np.array([np.nan]), np.array([np.nan]), "nan labels")
    assert "expected" in message(check.close, [np.inf], [-np.inf], "signs")


def test_shape_mistakes_are_named():
    text = message(
        check.shape,
        np.zeros((3, 3)),
        (1, 3),
        "layer(x)",
        mistakes={"a bias of shape (H, 1)": (3, 3)},
    )
    assert "This is the shape a bias of shape (H, 1) gives." in text


def test_no_warnings_allows_harmless_underflow():
    z = np.array([-1000.0, 0.0, 1000.0])
    result = check.no_warnings(lambda v: np.exp(v - v.max()), z, what="shifted exp")
    assert result[0] == 0.0


def test_broadcast_square_is_named():
    text = message(check.close, np.zeros((4, 4)), np.zeros((4, 1)), "mse_grad(Y_hat, Y)")
    assert "broadcast them into a square" in text and "(n,) vs (n, 1)" in text


def test_summary_lists_each_check_cell_and_says_grading_runs_more(capsys):
    check._results.clear()
    check._cell["id"] = "sigmoid_values"
    check.close(0.5, 0.5, "sigmoid(0)")
    check._cell["id"] = "sigmoid_stable"
    with pytest.raises(CheckFailed):
        check.close(0.0, 1.0, "sigmoid(1000)")
    capsys.readouterr()
    check.summary({"sigmoid_values": 1, "sigmoid_stable": 2, "relu_values": 1})
    out = capsys.readouterr().out
    assert "✓ sigmoid_values (1 point): passed" in out
    assert "✗ sigmoid_stable (2 points): failed" in out
    assert "· relu_values (1 point): not run yet" in out
    assert "pass for 1 of 4 points" in out and "Grading runs more checks" in out
