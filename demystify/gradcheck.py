"""Numerical derivatives and gradients, the yardstick for every analytic gradient in the course.

A derivative written by hand can be wrong in ways that are hard to see; the numerical one,
computed from the function alone, cannot share the mistake. Comparing the two with
:func:`rel_error` is how the course checks every gradient a student writes (CS231n's
``gradient_check`` is the model).

:func:`numerical_derivative` and :func:`numerical_gradient` are lesson 1's exercises, so they
live in :mod:`demystify.answers.derivatives` and load from there on first use.
"""

from __future__ import annotations

import numpy as np

from demystify.answers.facade import facade

_ANSWERS = ["numerical_derivative", "numerical_gradient"]
__all__ = ["rel_error", *_ANSWERS]
__getattr__, _answers_dir = facade(__name__, dict.fromkeys(_ANSWERS, "derivatives"))


def __dir__() -> list[str]:
    return sorted(__all__)


def rel_error(a: np.ndarray | float, b: np.ndarray | float) -> float:
    """The largest relative difference ``|a - b| / max(1e-8, |a| + |b|)`` over all entries.

    About 1e-7 or less means two gradients agree; 1e-2 or more means one of them is wrong.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)), initial=0.0))
