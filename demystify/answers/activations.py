"""Lesson 5's answers: the activations and their derivatives.

Reference code: withheld from the sandbox while 05_activations is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """``1 / (1 + exp(-z))``, computed without overflow for any ``z`` (±1000 included).

    For ``z >= 0`` the formula is used as it is; for ``z < 0`` the equal form
    ``exp(z) / (1 + exp(z))`` is used, so ``exp`` only ever sees non-positive numbers. Floats
    keep their dtype (float32 in, float32 out); anything else becomes float64.
    """
    z = np.asarray(z)
    z = z if z.dtype.kind == "f" else z.astype(float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z: np.ndarray) -> np.ndarray:
    """The sigmoid's derivative at the pre-activation ``z``: ``s (1 - s)``, ``s = sigmoid(z)``."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_prime(z: np.ndarray) -> np.ndarray:
    """The derivative of ``tanh`` at ``z``: ``1 - tanh(z)**2``."""
    return 1.0 - np.tanh(z) ** 2


def relu(z: np.ndarray) -> np.ndarray:
    """``max(0, z)`` element-wise."""
    return np.maximum(0.0, z)


def relu_prime(z: np.ndarray) -> np.ndarray:
    """1.0 where ``z > 0``, else 0.0 (the derivative at 0 is taken to be 0)."""
    return (np.asarray(z) > 0).astype(float)


def leaky_relu(z: np.ndarray, slope: float = 0.01) -> np.ndarray:
    """``z`` where ``z > 0``, else ``slope * z``."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, slope * z)


def leaky_relu_prime(z: np.ndarray, slope: float = 0.01) -> np.ndarray:
    """1.0 where ``z > 0``, else ``slope``."""
    return np.where(np.asarray(z) > 0, 1.0, slope)
