"""Costs as small objects: the output layer's activation, the cost's value, and its error.

A network's last layer and its cost go together, so a cost object holds both, in the manner of
the cost classes of Nielsen's ``network2.py`` (``CrossEntropyCost.fn`` and ``.delta``), and is
passed in as a choice: ``backward(params, activations, Y, CrossEntropy)``,
``Trainer(params, cost=Quadratic)``. Each has three functions, batch first, for the last layer's
pre-activations ``Z`` and outputs ``A`` of shape (N, K) and targets ``Y`` of the same shape:

- ``output(Z)``: the last layer's activations ``A``;
- ``value(A, Y)``: the cost, averaged over the batch (a float);
- ``delta(A, Y)``: ``dC/dZ``, the error of the last layer's pre-activations, where
  backpropagation starts.

Each is built from the lessons' own functions, so the costs say nothing new: they only pair
them. Floats keep their dtype.

Reference code: withheld from the sandbox while any lesson whose exercises it computes is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np

from demystify.answers.activations import sigmoid
from demystify.answers.layers import softmax
from demystify.answers.losses import cross_entropy, mse, mse_grad

__all__ = ["CrossEntropy", "Quadratic"]


class CrossEntropy:
    """Softmax outputs and the mean cross-entropy ``C = -1/N sum(Y log A)`` (lessons 6, 7, 9).

    ``Y``'s rows are one-hot (or any probabilities summing to 1).
    """

    output = staticmethod(softmax)
    value = staticmethod(cross_entropy)

    @staticmethod
    def delta(A: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """``(A - Y) / N``: through the softmax's Jacobian the log's ``1 / A`` cancels."""
        return (A - Y) / len(A)


class Quadratic:
    """Sigmoid outputs and half the squared error, ``C = 1/(2N) sum((A - Y)^2)`` (lessons 5, 7)."""

    output = staticmethod(sigmoid)
    value = staticmethod(mse)

    @staticmethod
    def delta(A: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """``(A - Y) / N`` times the sigmoid's slope at the output, ``A (1 - A)``."""
        return mse_grad(A, Y) * A * (1 - A)
