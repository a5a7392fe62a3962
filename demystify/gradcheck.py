"""Numerical derivatives and gradients, the yardstick for every analytic gradient in the course.

A derivative written by hand can be wrong in ways that are hard to see; the numerical one,
computed from the function alone, cannot share the mistake. Comparing the two with
:func:`rel_error` is how the course checks every gradient a student writes (CS231n's
``gradient_check`` is the model).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# Lesson 01 asks for the central difference; the grader hides this copy while grading it.
TAUGHT_IN = {"numerical_derivative": "01_derivatives"}


def numerical_derivative(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """The central difference ``(f(x + h) - f(x - h)) / (2 h)``, the slope of ``f`` at ``x``."""
    return (f(x + h) - f(x - h)) / (2 * h)


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5
) -> np.ndarray:
    """The gradient of a scalar function ``f`` at the array ``x``, by central differences.

    Each entry of ``x`` is nudged by ``+h`` and ``-h`` in turn (on a float64 copy, so the
    caller's array is never changed), and the result has the shape of ``x``.
    """
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + h
        above = float(f(x))
        x[index] = saved - h
        below = float(f(x))
        x[index] = saved
        grad[index] = (above - below) / (2 * h)
    return grad


def rel_error(a: np.ndarray | float, b: np.ndarray | float) -> float:
    """The largest relative difference ``|a - b| / max(1e-8, |a| + |b|)`` over all entries.

    About 1e-7 or less means two gradients agree; 1e-2 or more means one of them is wrong.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)), initial=0.0))
