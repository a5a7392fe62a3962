"""Backpropagation through sigmoid layers (lessons 9 and 10 ask for it).

Reference code: withheld from the sandbox while 09_backpropagation, 10_mnist is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np

from demystify.answers.activations import sigmoid_prime


def backward(
    params: list[tuple[np.ndarray, np.ndarray]],
    caches: list[tuple[np.ndarray, np.ndarray]],
    dA: np.ndarray,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Backpropagate ``dA = dC/dA_out`` through the sigmoid layers of :func:`forward`.

    Returns ``(dW, db)`` for each layer, shaped like ``(W, b)``: ``dZ = dA * sigmoid'(Z)``,
    ``dW = A_prev.T @ dZ``, ``db = dZ.sum(axis=0)``, and ``dA_prev = dZ @ W.T``.
    """
    grads = []
    for (W, _), (A_prev, Z) in zip(reversed(params), reversed(caches), strict=True):
        dZ = dA * sigmoid_prime(Z)
        grads.append((A_prev.T @ dZ, dZ.sum(axis=0)))
        dA = dZ @ W.T
    return grads[::-1]
