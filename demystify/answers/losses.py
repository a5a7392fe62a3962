"""Lesson 7's answers: the MSE and the cross-entropy, with their gradients.

Reference code: withheld from the sandbox while 07_losses is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np

EPSILON = 1e-12  # predicted probabilities are clipped to [EPSILON, 1] before a log


def mse(Y_hat: np.ndarray, Y: np.ndarray) -> float:
    """Half the squared error, summed over outputs and averaged over the batch.

    ``C = 1 / (2N) * sum((Y_hat - Y) ** 2)`` for ``Y_hat`` and ``Y`` of shape (N, K).
    """
    Y_hat = np.atleast_2d(Y_hat)
    return float(0.5 * np.sum((Y_hat - Y) ** 2) / Y_hat.shape[0])


def mse_grad(Y_hat: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """The gradient of :func:`mse` with respect to ``Y_hat``: ``(Y_hat - Y) / N``."""
    Y_hat = np.atleast_2d(Y_hat)
    return (Y_hat - Y) / Y_hat.shape[0]


def cross_entropy(P: np.ndarray, Y: np.ndarray) -> float:
    """Mean cross-entropy of predicted probabilities ``P`` (N, K) against one-hot ``Y`` (N, K).

    ``C = -1/N * sum(Y * log(P))``, with ``P`` clipped to ``[1e-12, 1]`` so that a predicted
    probability of exactly 0 gives a large finite loss instead of ``inf``.
    """
    P = np.atleast_2d(P)
    return float(-np.sum(Y * np.log(np.clip(P, EPSILON, 1.0))) / P.shape[0])


def cross_entropy_grad(P: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """The gradient of :func:`cross_entropy` with respect to ``P``: ``-Y / P / N`` (P clipped)."""
    P = np.atleast_2d(P)
    return -Y / np.clip(P, EPSILON, 1.0) / P.shape[0]
