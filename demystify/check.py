"""Checks that tell a student what went wrong.

Every graded test cell in the course is written with these helpers instead of bare ``assert``.
A failing check raises :class:`CheckFailed` (an ``AssertionError``) whose message says what was
checked, what was expected, what came back, and a hint, for example::

    sigmoid(0.0): expected 0.5, got 0.0.
    Hint: sigmoid(z) = 1 / (1 + exp(-z)).

Checks also recognise the usual mistakes. Shapes that differ only by a length-1 axis are named
as a ``(n,)`` vs ``(n, 1)`` mix-up, a transposed result is named as such, ``nan`` and ``inf``
point at overflow or ``log(0)``, and a check may list the wrong answers that a known mistake
produces (``mistakes={"sum instead of mean": 4 * expected}``) so the message names the mistake.

Every check also *records* the value it was given. The course's autograder reads these records
from outside the student's Python process and compares them with the records of the reference
solution, so a check that is monkeypatched, skipped or faked earns nothing (see
``autograder/verdict.py``). Hidden tests draw their inputs from :func:`hidden_rng`, whose seed
the autograder changes for every grading run, so hidden answers cannot be learned in advance.
"""

from __future__ import annotations

import json
import math
import os
import warnings
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import numpy as np

from demystify.gradcheck import numerical_gradient, rel_error

__all__ = [
    "CheckFailed",
    "at_least",
    "close",
    "equal",
    "gradient",
    "hidden_rng",
    "no_warnings",
    "shape",
    "true",
]

SEED_VARIABLE = "DEMYSTIFY_GRADING_SEED"


class CheckFailed(AssertionError):
    """A check did not pass; the message says what was expected and what came back."""


# ----------------------------------------------------------------------------------------------
# Records for the autograder


_records: list[dict[str, Any]] = []


def _encode(value: Any) -> Any:
    """A JSON-safe copy of ``value``: numbers, nested lists, strings, booleans and shapes."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (str, int, float, np.integer, np.floating)) or value is None:
        if isinstance(value, (float, np.floating)) and not math.isfinite(float(value)):
            return str(float(value))
        return value.item() if isinstance(value, np.generic) else value
    if isinstance(value, (tuple, list)) and all(not isinstance(v, np.ndarray) for v in value):
        return [_encode(v) for v in value]
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return repr(value)[:200]
    flat = [x if math.isfinite(x) else str(x) for x in array.ravel().tolist()]
    return {"shape": list(array.shape), "data": flat}


def _record(kind: str, value: Any, what: str, **params: Any) -> None:
    _records.append({"kind": kind, "what": str(what)[:200], "value": _encode(value), **params})


def drain_records() -> str:
    """Return every record made since the last call, as JSON, and forget them."""
    text = json.dumps(_records)
    _records.clear()
    return text


def hidden_rng(offset: int = 0) -> np.random.Generator:
    """A random generator for hidden tests.

    Its seed is 0 when a student runs the notebook; the autograder sets a fresh seed for every
    grading run through the ``DEMYSTIFY_GRADING_SEED`` environment variable.
    """
    seed = int(os.environ.get(SEED_VARIABLE, "0"))
    return np.random.default_rng([seed, offset])


# ----------------------------------------------------------------------------------------------
# Formatting


def _show(value: Any) -> str:
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=6, threshold=20, edgeitems=3, suppress=True):
            text = np.array2string(value, separator=", ")
        return f"array(shape={value.shape}) {text}" if value.ndim > 1 else text
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.8g}"
    return repr(value)


def _fail(message: str, diagnosis: str | None = None, hint: str | None = None) -> NoReturn:
    """Raise CheckFailed: the message, then what the mistake looks like, then the hint."""
    if diagnosis:
        message += f"\n{diagnosis}"
    if hint:
        message += f"\nHint: {hint}"
    raise CheckFailed(message)


def _fail_shape(what: str, got: tuple, expected: tuple, hint: str | None, named: str = ""):
    diagnosis = f"This is the shape {named} gives." if named else _shape_diagnosis(got, expected)
    _fail(f"{what}: expected shape {expected}, got shape {got}.", diagnosis, hint)


def _as_array(value: Any, what: str) -> np.ndarray:
    if value is None:
        raise CheckFailed(f"{what}: got None. Did the function forget to `return` its result?")
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError) as error:
        raise CheckFailed(
            f"{what}: expected numbers, got {type(value).__name__} ({error})."
        ) from None


def _shape_diagnosis(got: tuple[int, ...], expected: tuple[int, ...]) -> str | None:
    rows = expected[0] if expected else None
    if rows and rows > 1 and got == (rows, rows) and expected in ((rows,), (rows, 1)):
        return (
            f"The shape is {got}: an array of shape ({rows},) met one of shape ({rows}, 1) and "
            "numpy broadcast them into a square, a (n,) vs (n, 1) mix-up. Give both the same shape."
        )
    squeeze = tuple(n for n in got if n != 1)
    if squeeze == tuple(n for n in expected if n != 1):
        return (
            f"The numbers are there but the shape is {got}, not {expected}: a (n,) vs (n, 1) "
            "mix-up. Look for a missing or extra axis (keepdims=True, reshape, or [:, None])."
        )
    if got == expected[::-1]:
        return "The shape is reversed: is a matrix transposed (W where W.T is meant)?"
    return None


def _value_diagnosis(
    got: np.ndarray, expected: np.ndarray, mistakes: Mapping[str, Any] | None
) -> str | None:
    for name, wrong in (mistakes or {}).items():
        wrong = np.asarray(wrong, dtype=float)
        if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-5, atol=1e-8):
            if not np.allclose(wrong, expected, rtol=1e-5, atol=1e-8):
                return f"This is what {name} gives."
    if not np.all(np.isfinite(got)):
        return (
            "The result holds nan or inf: an overflow (exp of a large number) or log(0)? "
            "Numerically stable formulas avoid both."
        )
    if got.ndim == 2 and got.shape == expected.shape[::-1] and got.shape[0] != got.shape[1]:
        return "The shape is reversed: is a matrix transposed (W where W.T is meant)?"
    if got.ndim == 2 and got.shape[0] == got.shape[1] > 1 and np.allclose(got.T, expected):
        return "This is the transpose of the expected result: is a matrix used transposed?"
    if np.allclose(got, -expected) and np.any(expected != 0):
        return "The sign is flipped."
    return None


# ----------------------------------------------------------------------------------------------
# Checks


def shape(
    actual: Any,
    expected: tuple[int, ...],
    what: str,
    hint: str | None = None,
    *,
    mistakes: Mapping[str, tuple[int, ...]] | None = None,
) -> None:
    """Check that ``actual`` is an array of shape ``expected``.

    ``mistakes`` maps a description of a usual mistake to the wrong shape it produces.
    """
    got = np.shape(actual) if actual is not None else None
    _record("equal", list(got) if got is not None else None, what)
    if actual is None:
        _as_array(actual, what)
    if tuple(got) != tuple(expected):
        named = [name for name, wrong in (mistakes or {}).items() if tuple(wrong) == tuple(got)]
        _fail_shape(what, tuple(got), tuple(expected), hint, named[0] if named else "")


def close(
    actual: Any,
    expected: Any,
    what: str,
    hint: str | None = None,
    *,
    rtol: float = 1e-5,
    atol: float = 1e-8,
    mistakes: Mapping[str, Any] | None = None,
) -> None:
    """Check that ``actual`` equals ``expected`` to within a relative tolerance.

    The shape is checked before the values. ``mistakes`` maps a description of a usual mistake
    ("sigmoid'(a) where sigmoid'(z) is meant") to the wrong answer it produces; when ``actual``
    matches one, the message names the mistake.
    """
    _record("close", actual, what, rtol=rtol, atol=atol)
    got = _as_array(actual, what)
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        _fail_shape(what, got.shape, want.shape, hint)
    if not np.allclose(got, want, rtol=rtol, atol=atol):
        shown = (want if want.ndim else float(want), got if got.ndim else float(got))
        _fail(
            f"{what}: expected {_show(shown[0])}, got {_show(shown[1])}.",
            _value_diagnosis(got, want, mistakes),
            hint,
        )


def equal(actual: Any, expected: Any, what: str, hint: str | None = None) -> None:
    """Check that ``actual == expected`` exactly (integers, labels, booleans, strings)."""
    _record("equal", actual, what)
    same = (
        np.array_equal(np.asarray(actual), np.asarray(expected))
        if not isinstance(expected, str)
        else actual == expected
    )
    if not same:
        _fail(f"{what}: expected {_show(expected)}, got {_show(actual)}.", hint=hint)


def true(condition: Any, what: str, hint: str | None = None) -> None:
    """Check a property that should hold, such as "every row sums to 1"."""
    _record("equal", bool(condition), what)
    if not bool(condition):
        _fail(f"{what}: this does not hold.", hint=hint)


def at_least(actual: float, minimum: float, what: str, hint: str | None = None) -> None:
    """Check that a score (an accuracy, say) reaches ``minimum``."""
    _record("at_least", actual, what, minimum=minimum)
    if not float(actual) >= minimum:
        _fail(f"{what}: expected at least {minimum:.4g}, got {float(actual):.4g}.", hint=hint)


def gradient(
    f: Callable[[np.ndarray], float],
    x: Any,
    analytic: Any,
    what: str,
    hint: str | None = None,
    *,
    tolerance: float = 1e-6,
    mistakes: Mapping[str, Any] | None = None,
) -> None:
    """Check an analytic gradient against the numerical gradient of ``f`` at ``x``.

    ``f`` maps an array shaped like ``x`` to a number. Any correct formula passes, whatever
    order it computes things in: the test is the relative error of the two gradients.
    """
    _record("close", analytic, what, rtol=1e-4, atol=1e-7)
    got = _as_array(analytic, what)
    x = np.asarray(x, dtype=float)
    numeric = numerical_gradient(f, x)
    if got.shape != numeric.shape:
        _fail(
            f"{what}: the gradient must have the shape of what it is taken with respect to, "
            f"{numeric.shape}; got shape {got.shape}.",
            _shape_diagnosis(got.shape, numeric.shape),
            hint,
        )
    error = rel_error(got, numeric)
    if error > tolerance:
        _fail(
            f"{what}: the analytic gradient differs from the numerical one "
            f"(relative error {error:.2e}, allowed {tolerance:.0e}).\n"
            f"numerical: {_show(numeric)}\nyours:     {_show(got)}",
            _value_diagnosis(got, numeric, mistakes),
            hint,
        )


def no_warnings(function: Callable[..., Any], *args: Any, what: str, hint: str | None = None):
    """Call ``function(*args)`` and fail if numpy warns (overflow, divide by zero, invalid)."""
    # Underflow to 0 is harmless (a stable softmax of very negative logits does it on purpose).
    errstate = np.errstate(over="warn", divide="warn", invalid="warn", under="ignore")
    with warnings.catch_warnings(record=True) as caught, errstate:
        warnings.simplefilter("always")
        result = function(*args)
    numeric = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    _record("equal", not numeric, what)
    if numeric:
        _fail(
            f"{what}: numpy warned: {numeric[0].message}.",
            "An exp of a large number overflows and log(0) is -inf; rewrite the formula so that "
            "neither happens.",
            hint,
        )
    return result
