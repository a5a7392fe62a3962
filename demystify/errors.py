"""One-line diagnoses for the errors a student's own code raises most often.

``setup_lesson()`` installs :func:`explain_error` in IPython: a student's traceback is shown as
always (it points into their own code), followed by one line that names the usual cause, for
example that ``^`` is exclusive-or in Python and powers are written ``**``.
"""

from __future__ import annotations

import re
from typing import Any

# (pattern in the error message, what it usually means)
DIAGNOSES: list[tuple[str, str]] = [
    (
        r"truth value of an array with more than one element is ambiguous",
        "An `if` (or `and`, `or`, `max`) met a whole array where it expected one number: code "
        "written for one number was handed an array. Use np.where(condition, a, b), or "
        "np.maximum, which work entry by entry.",
    ),
    (
        r"only (0-dimensional|length-1|size-1) arrays can be converted|"
        r"only length-1 arrays",
        "A function for one number (math.exp, math.log, float) was handed an array. Use "
        "numpy's version (np.exp, np.log), which works on every entry.",
    ),
    (
        r"mismatch in its core dimension|shapes \(.*\) and \(.*\) not aligned",
        "A @ B (or np.dot) needs as many columns in A as rows in B. Print both shapes: is one "
        "matrix transposed (W where W.T is meant), or are the factors in the wrong order?",
    ),
    (
        r"unsupported operand type\(s\) for \^|ufunc 'bitwise_xor' not supported",
        "^ is exclusive-or in Python, not a power: write x ** 2 (or np.square(x)).",
    ),
    (
        r"could not be broadcast together with shapes",
        "numpy lines shapes up from the right, and each pair of sizes must be equal or 1. "
        "Print both shapes; a (n,) against (n, 1) often needs keepdims=True or [:, None].",
    ),
    (
        r"'NoneType' object is not (subscriptable|iterable)|unsupported operand type\(s\) "
        r".*'NoneType'",
        "A value is None: does a function you call forget to `return` its result?",
    ),
]


def diagnosis(message: str) -> str | None:
    """The usual cause of an error with ``message``, or None."""
    for pattern, meaning in DIAGNOSES:
        if re.search(pattern, message):
            return meaning
    return None


def _unwritten(tb: Any) -> str | None:
    """The name of the function whose body is still the exercise's stub, if that raised."""
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name if tb is not None else None


def explain_error(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset=None):
    """IPython's custom exception handler: the usual traceback, then the diagnosis; for an
    exercise not written yet, one line that says which."""
    if issubclass(etype, NotImplementedError) and "Replace this line" in str(value):
        name = _unwritten(tb)
        where = f"`{name}`" if name and name != "<module>" else "this exercise"
        print(f"\x1b[33m✗ {where} is not written yet: replace its `raise NotImplementedError(...)` "
              "with your code, run that cell, then this one again.\x1b[0m")  # fmt: skip
        return None
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    meaning = diagnosis(str(value))
    if meaning:
        print(f"\x1b[1mWhat this usually means:\x1b[0m {meaning}")


def install() -> None:
    """Show a diagnosis under the errors of :data:`DIAGNOSES`, in IPython (elsewhere, nothing)."""
    try:
        shell = get_ipython()  # type: ignore[name-defined]  # noqa: F821 (IPython's builtin)
    except NameError:
        return
    shell.set_custom_exc((ValueError, TypeError, NotImplementedError), explain_error)
