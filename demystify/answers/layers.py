"""Lesson 6's answers: a dense layer and the stable softmax.

Reference code: withheld from the sandbox while 06_feedforward is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np


def dense(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A dense layer's pre-activation ``Z = X @ W + b``: ``X`` (N, D), ``W`` (D, H), ``b`` (H,)."""
    return X @ W + b


def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of logits ``Z`` (N, K); each row of the result sums to 1.

    The row maximum is subtracted first: softmax does not change when a constant is added to a
    row, and afterwards ``exp`` never sees a positive number, so logits of 1000 do not overflow.
    Floats keep their dtype; anything else becomes float64.
    """
    Z = np.asarray(Z)
    Z = Z if Z.dtype.kind == "f" else Z.astype(float)
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)
