"""Checks that tell a student what went wrong.

Every graded test cell in the course is written with these helpers instead of bare ``assert``.
A failing check raises :class:`CheckFailed` (an ``AssertionError``) whose message says what was
checked, what was expected, what came back, and a hint, for example::

    sigmoid(0.0): expected 0.5, got 0.
    Hint: sigmoid(0) = 1 / (1 + e^0) = 1/2.

Checks also recognise the usual mistakes. Shapes that differ only by a length-1 axis are named
as a ``(n,)`` vs ``(n, 1)`` mix-up, a transposed result is named as such, ``nan`` and ``inf``
point at overflow or ``log(0)``, and a check may list the wrong answers that a known mistake
produces (``mistakes={"sum instead of mean": 4 * expected}``) so the message names the mistake.

Whether a check passes, and what its message says, is decided by one function,
:func:`explain`. A student's kernel calls it here; the course's grader calls the same function
outside the kernel, on the value the student's code reported and the reference solution's
expected value (see :mod:`demystify.protocol` for what crosses between the two). In a graded run
the student's kernel never sees an expected value at all.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from demystify import protocol
from demystify.gradcheck import rel_error
from demystify.protocol import Record

__all__ = [
    "CheckFailed",
    "summary",
    "track_cells",
    "Failure",
    "at_least",
    "close",
    "equal",
    "explain",
    "gradient",
    "hidden_rng",
    "no_warnings",
    "shape",
    "true",
]

SEED_VARIABLE = protocol.SEED_VARIABLE


class CheckFailed(AssertionError):
    """A check did not pass; the message says what was expected and what came back."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback: the message is the whole story, and the
        # frames would only be the course's own code.
        return ["\x1b[31m✗ " + str(self).replace("\n", "\n  ") + "\x1b[0m"]


def hidden_rng(offset: int = 0) -> np.random.Generator:
    """A random generator for hidden tests.

    Its seed is 0 when a student runs the notebook; the autograder sets a fresh seed for every
    grading run through the ``DEMYSTIFY_GRADING_SEED`` environment variable.
    """
    seed = int(os.environ.get(SEED_VARIABLE, "0"))
    return np.random.default_rng([seed, offset])


# ----------------------------------------------------------------------------------------------
# Formatting


def show(value: Any) -> str:
    """A value as a student reads it: numbers as numbers, with the digits that matter."""
    if isinstance(value, (list, tuple)) and not any(isinstance(v, (list, tuple)) for v in value):
        try:
            return show(np.asarray(value)) if value else repr(value)
        except (TypeError, ValueError):
            return repr(value)
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=10, threshold=20, edgeitems=3, suppress=True):
            text = np.array2string(value, separator=", ")
        return f"array(shape={value.shape}) {text}" if value.ndim > 1 else text
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.10g}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


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


def _named_mistake(
    got: np.ndarray, expected: np.ndarray, mistakes: Mapping[str, Any] | None
) -> str | None:
    """The listed mistake whose wrong answer ``got`` is, if any."""
    for name, wrong in (mistakes or {}).items():
        try:
            wrong = np.asarray(wrong, dtype=float)
        except (TypeError, ValueError):
            continue
        if wrong.shape == got.shape and np.allclose(got, wrong, rtol=1e-5, atol=1e-8):
            if not np.allclose(wrong, expected, rtol=1e-5, atol=1e-8):
                return name
    return None


def _value_diagnosis(
    got: np.ndarray, expected: np.ndarray, mistakes: Mapping[str, Any] | None
) -> str | None:
    name = _named_mistake(got, expected, mistakes)
    if name:
        return f"This is what {name} gives."
    if np.any(np.isnan(got)):
        return (
            "The result holds nan: 0/0, inf - inf, or a log of a negative number. An overflow "
            "(exp of a large number) often comes first; numerically stable formulas avoid it."
        )
    if np.any(np.isinf(got)):
        return (
            "The result holds inf: an exp of a large number overflowed, a number was divided "
            "by 0, or log(0) was taken."
        )
    if got.ndim == 2 and got.shape == expected.shape[::-1] and got.shape[0] != got.shape[1]:
        return "The shape is reversed: is a matrix transposed (W where W.T is meant)?"
    if got.ndim == 2 and got.shape[0] == got.shape[1] > 1 and np.allclose(got.T, expected):
        return "This is the transpose of the expected result: is a matrix used transposed?"
    if np.allclose(got, -expected, atol=0) and np.any(expected != 0):
        return "The sign is flipped."
    return None


# ----------------------------------------------------------------------------------------------
# The rule: one function decides every check, in the kernel and in the grader


@dataclass
class Failure:
    """Why a check failed: ``summary`` shows values; the rest is safe to show for hidden tests."""

    what: str
    summary: str  # "expected 0.5, got 0": values, shown for visible checks
    diagnosis: str | None = None
    hint: str | None = None
    private_summary: str = "wrong value"  # what a hidden test's message says instead
    mistake: str | None = None  # the named mistake the value is, if any (for class reports)

    def message(self, show_values: bool = True) -> str:
        text = f"{self.what}: {self.summary if show_values else self.private_summary}."
        if self.diagnosis:
            text += f"\n{self.diagnosis}"
        if self.hint:
            text += f"\nHint: {self.hint}"
        return text


def _numbers(value: Any, what: str) -> np.ndarray | Failure:
    if value is None:
        return Failure(what, "got None. Did the function forget to `return` its result?")
    if isinstance(value, protocol.Opaque):
        return Failure(what, f"expected numbers, got {value.type_name}")
    try:
        array = np.asarray(value)
        if array.dtype.kind not in "biuf":  # text that happens to parse is not a number
            raise TypeError(f"its entries are {array.dtype.name}, not numbers")
        return array.astype(float)
    except (TypeError, ValueError, OverflowError) as error:
        return Failure(what, f"expected numbers, got {type(value).__name__} ({error})")


def _shape_failure(what: str, got: tuple, expected: tuple, hint: str | None, named: str = ""):
    diagnosis = f"This is the shape {named} gives." if named else _shape_diagnosis(got, expected)
    summary = f"expected shape {expected}, got shape {got}"
    return Failure(what, summary, diagnosis, hint, "wrong shape", named or None)


def explain(
    kind: str,
    actual: Any,
    expected: Any,
    what: str,
    hint: str | None = None,
    params: Mapping[str, float] | None = None,
    mistakes: Mapping[str, Any] | None = None,
) -> Failure | None:
    """Whether ``actual`` passes a check of ``kind`` against ``expected``: None, or why not.

    ``params`` holds ``rtol`` and ``atol`` for ``close`` and ``gradient``, and ``minimum`` for
    ``at_least``. ``nan`` matches ``nan`` and ``inf`` matches ``inf`` of the same sign.
    """
    params = dict(params or {})
    hint = hint or None
    if kind in ("true", "no_warnings"):
        return None if actual is True or actual is np.True_ else _property_failure(kind, what, hint)
    if kind == "shape":
        return _explain_shape(actual, expected, what, hint, mistakes)
    if kind == "equal":
        return _explain_equal(actual, expected, what, hint)
    got = _numbers(actual, what)
    if isinstance(got, Failure):
        got.hint = hint
        return got
    if kind == "at_least":
        minimum = float(params.get("minimum", np.inf))
        if got.size == 1 and float(got.ravel()[0]) >= minimum:
            return None
        shown = show(float(got.ravel()[0])) if got.size == 1 else f"shape {got.shape}"
        return Failure(what, f"expected at least {minimum:.4g}, got {shown}", None, hint)
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        return _shape_failure(what, got.shape, want.shape, hint)
    if kind == "gradient":
        tolerance = float(params.get("tolerance", 1e-6))
        error = rel_error(got, want) if np.all(np.isfinite(got)) else np.inf
        if error <= tolerance:
            return None
        summary = (
            f"the analytic gradient differs from the numerical one (relative error "
            f"{error:.2e}, allowed {tolerance:.0e}).\n"
            f"numerical: {show(want)}\nyours:     {show(got)}"
        )
    else:
        rtol, atol = float(params.get("rtol", 1e-5)), float(params.get("atol", 1e-8))
        if np.allclose(got, want, rtol=rtol, atol=atol, equal_nan=True):
            return None
        summary = f"expected {show(want if want.ndim else float(want))}, got " + show(
            got if got.ndim else float(got)
        )
    failure = Failure(what, summary, _value_diagnosis(got, want, mistakes), hint)
    failure.mistake = _named_mistake(got, want, mistakes)
    return failure


def _property_failure(kind: str, what: str, hint: str | None) -> Failure:
    if kind == "no_warnings":
        return Failure(
            what,
            "numpy warned (an overflow, a division by zero or an invalid value)",
            "An exp of a large number overflows and log(0) is -inf; rewrite the formula so "
            "that neither happens.",
            hint,
            "numpy warned",
        )
    return Failure(what, "this does not hold", None, hint, "this does not hold")


def _explain_shape(actual, expected, what, hint, mistakes) -> Failure | None:
    if actual is None:
        return Failure(what, "got None. Did the function forget to `return` its result?")
    if not (isinstance(actual, (tuple, list)) and all(type(n) is int for n in actual)):
        return Failure(what, "expected a shape (a tuple of sizes)", None, hint, "not a shape")
    got, want = tuple(actual), tuple(expected)
    if got == want:
        return None
    named = [name for name, wrong in (mistakes or {}).items() if tuple(wrong) == got]
    return _shape_failure(what, got, want, hint, named[0] if named else "")


def _explain_equal(actual, expected, what, hint) -> Failure | None:
    if isinstance(expected, str) or isinstance(actual, str):
        same = actual == expected
    else:
        try:
            a, b = np.asarray(actual), np.asarray(expected)
            same = a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
        except (TypeError, ValueError):
            same = actual == expected
    if same:
        return None
    return Failure(what, f"expected {show(expected)}, got {show(actual)}", None, hint)


# ----------------------------------------------------------------------------------------------
# The notebook's own tally, for summary()

_cell: dict[str, str | None] = {"id": None}  # the cell running now (set by track_cells)
_results: dict[str | None, list[bool]] = {}  # cell id -> each check's pass or fail, latest run


def track_cells() -> None:
    """Remember, in IPython, which cell each check runs in and whether a cell raised."""
    try:
        shell = get_ipython()  # type: ignore[name-defined]  # noqa: F821 (IPython's builtin)
    except NameError:
        return

    def before(info) -> None:
        _cell["id"] = getattr(info, "cell_id", None)
        _results.pop(_cell["id"], None)  # a cell run again counts as it is now

    def after(result) -> None:
        if result.error_in_exec is not None or result.error_before_exec is not None:
            _results.setdefault(_cell["id"], []).append(False)

    for event, callback in (("pre_run_cell", before), ("post_run_cell", after)):
        shell.events.register(event, callback)


def summary(points: Mapping[str, float]) -> None:
    """Print every check cell of the lesson (id -> points) as passed, failed or not run yet."""
    rows, earned = [], 0.0
    for cell_id, worth in points.items():
        results = _results.get(cell_id)
        if results is None:
            mark, state = "·", "not run yet"
        elif all(results):
            mark, state, earned = "✓", "passed", earned + worth
        else:
            mark, state = "✗", "failed"
        rows.append(f"{mark} {cell_id} ({worth:g} point{'' if worth == 1 else 's'}): {state}")
    total = sum(points.values())
    print("\n".join(rows))
    print(
        f"\nThe visible checks you ran pass for {earned:g} of {total:g} points. Grading runs "
        "more checks, on other inputs, so these points are not your grade: a function that "
        "only fits the visible examples can still lose them."
    )


# ----------------------------------------------------------------------------------------------
# Checks


def _check(kind: str, actual: Any, expected: Any, what: str, hint: str | None, **extra) -> None:
    """Record the check for the grader, then raise CheckFailed if it fails."""
    params = extra.get("params") or {}
    mistakes = extra.get("mistakes") or {}
    protocol.record(
        Record(
            kind,
            protocol.value_for(kind, actual),
            str(what),
            expected,
            params,
            hint or "",
            dict(mistakes),
        )
    )
    failure = explain(kind, actual, expected, what, hint, params, mistakes)
    _results.setdefault(_cell["id"], []).append(failure is None)
    if failure is not None:
        raise CheckFailed(failure.message())
    print(f"✓ {what}")


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
    got = None if actual is None else tuple(np.shape(actual))
    _check("shape", got, tuple(expected), what, hint, mistakes=mistakes)


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
    params = {"rtol": rtol, "atol": atol}
    _check(
        "close",
        actual,
        np.asarray(expected, dtype=float),
        what,
        hint,
        params=params,
        mistakes=mistakes,
    )


def equal(actual: Any, expected: Any, what: str, hint: str | None = None) -> None:
    """Check that ``actual == expected`` exactly (integers, labels, booleans, strings)."""
    _check("equal", actual, expected, what, hint)


def true(condition: Any, what: str, hint: str | None = None) -> None:
    """Check a property that should hold, such as "every row sums to 1"."""
    _check("true", bool(condition), True, what, hint)


def at_least(actual: float, minimum: float, what: str, hint: str | None = None) -> None:
    """Check that a score (an accuracy, say) reaches ``minimum``."""
    _check("at_least", actual, minimum, what, hint, params={"minimum": minimum})


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
    order it computes things in: the test is the relative error of the two gradients
    (:func:`demystify.gradcheck.rel_error`), which must not exceed ``tolerance``.
    """
    from demystify.gradcheck import numerical_gradient  # lesson 01's answer: loaded on use

    numeric = numerical_gradient(f, np.asarray(x, dtype=float))
    params = {"tolerance": tolerance}
    _check("gradient", analytic, numeric, what, hint, params=params, mistakes=mistakes)


def call_without_warnings(function: Callable[..., Any], *args: Any) -> tuple[Any, bool]:
    """``function(*args)``, and whether numpy warned (overflow, divide by zero, invalid)."""
    # Underflow to 0 is harmless (a stable softmax of very negative logits does it on purpose).
    errstate = np.errstate(over="warn", divide="warn", invalid="warn", under="ignore")
    with warnings.catch_warnings(record=True) as caught, errstate:
        warnings.simplefilter("always")
        result = function(*args)
    return result, any(issubclass(w.category, RuntimeWarning) for w in caught)


def no_warnings(function: Callable[..., Any], *args: Any, what: str, hint: str | None = None):
    """Call ``function(*args)`` and fail if numpy warns (overflow, divide by zero, invalid)."""
    result, warned = call_without_warnings(function, *args)
    _check("no_warnings", not warned, True, what, hint)
    return result
