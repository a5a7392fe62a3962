"""The gradient of the cross-entropy of a softmax (lessons 9 and 10 ask for it).

Reference code: withheld from the sandbox while 09_backpropagation or 10_mnist is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np

from demystify.answers.layers import softmax


def softmax_cross_entropy_grad(Z: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """The gradient of ``cross_entropy(softmax(Z), Y)`` with respect to ``Z``: ``(P - Y) / N``."""
    Z = np.atleast_2d(Z)
    return (softmax(Z) - Y) / Z.shape[0]
