"""demystify.errors: the numpy errors students meet most get a line that names the cause."""

import math

import numpy as np
import pytest

from demystify.errors import diagnosis, explain_error


def message(action) -> str:
    with pytest.raises((ValueError, TypeError)) as info:
        action()
    return str(info.value)


@pytest.mark.parametrize(
    "action, phrase",
    [
        (lambda: 1 if np.array([1.0, 2.0]) > 0 else 0, "np.where"),
        (lambda: math.exp(np.array([1.0, 2.0])), "np.exp"),
        (lambda: np.ones((2, 3)) @ np.ones((2, 3)), "transposed"),
        (lambda: np.dot(np.ones((2, 3)), np.ones((2, 3))), "transposed"),
        (lambda: 2.0 ^ 2, "x ** 2"),
        (lambda: np.ones(3) ^ 2, "x ** 2"),
        (lambda: np.ones(3) + np.ones(4), "keepdims"),
    ],
)
def test_each_usual_error_is_named(action, phrase):
    assert phrase in diagnosis(message(action))


def test_other_errors_are_left_alone():
    assert diagnosis("list index out of range") is None


def test_the_handler_shows_the_traceback_then_the_diagnosis(capsys):
    shown = []

    class Shell:
        def showtraceback(self, exc_tuple, tb_offset=None):
            shown.append(exc_tuple[0])

    error = ValueError("operands could not be broadcast together with shapes (3,) (4,)")
    explain_error(Shell(), ValueError, error, None)
    assert shown == [ValueError]
    assert "What this usually means" in capsys.readouterr().out


def test_an_unwritten_exercise_is_named_without_a_traceback(capsys):
    shown = []

    class Shell:
        def showtraceback(self, exc_tuple, tb_offset=None):
            shown.append(exc_tuple[0])

    def secant_slope(f, x, h):
        raise NotImplementedError("Replace this line with your code.")

    try:
        secant_slope(None, 0, 1)
    except NotImplementedError as error:
        explain_error(Shell(), NotImplementedError, error, error.__traceback__)
    assert shown == []
    assert "`secant_slope` is not written yet" in capsys.readouterr().out
