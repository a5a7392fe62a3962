"""Lesson 1's answers: the central difference, and the numerical gradient built from it.

Reference code: withheld from the sandbox while 01_derivatives is graded (see
:mod:`demystify.answers`). Every other lesson loads them through :mod:`demystify.gradcheck`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


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
