"""The forward pass through sigmoid layers (lessons 6 and 10 ask for it).

Reference code: withheld from the sandbox while 06_feedforward, 10_mnist is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np

from demystify.answers.activations import sigmoid


def forward(
    params: list[tuple[np.ndarray, np.ndarray]], X: np.ndarray
) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """Feed ``X`` (N, D) through sigmoid layers; return the output and every ``(A_prev, Z)``."""
    A, caches = X, []
    for W, b in params:
        Z = A @ W + b
        caches.append((A, Z))
        A = sigmoid(Z)
    return A, caches
