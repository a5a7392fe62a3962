"""Backpropagation through a network of layers (lessons 9 and 10 ask for it).

Reference code: withheld from the sandbox while 09_backpropagation or 10_mnist is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np

from demystify.answers.feedforward import forward


def backward(
    params: list[tuple[np.ndarray, np.ndarray]],
    activations: list[np.ndarray],
    Y: np.ndarray,
    cost,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The gradients of the batch's mean cost: a ``(dW, db)`` per layer, shaped like its ``(W, b)``.

    ``activations`` is what :func:`forward` returned with ``cost.output`` on the last layer,
    ``Y`` the targets (N, K), and ``cost`` a cost object (:mod:`demystify.answers.costs`). The
    error of the last layer's pre-activations is ``dZ = cost.delta(A_L, Y)``. Each layer, last
    first, then gives ``dW = A_prev.T @ dZ`` and ``db = dZ.sum(axis=0)``, and passes
    ``dZ @ W.T`` back through the sigmoid below it, whose slope is ``A_prev * (1 - A_prev)``.
    Float32 activations and targets give float32 gradients.
    """
    dZ = cost.delta(activations[-1], Y)
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        A_prev = activations[layer]
        grads.append((A_prev.T @ dZ, dZ.sum(axis=0)))
        if layer > 0:  # no error is needed for the inputs X
            dZ = (dZ @ params[layer][0].T) * A_prev * (1 - A_prev)
    return grads[::-1]


def gradients(
    params: list[tuple[np.ndarray, np.ndarray]], X: np.ndarray, Y: np.ndarray, cost
) -> list[tuple[np.ndarray, np.ndarray]]:
    """:func:`forward` then :func:`backward` on one batch: the gradients of its mean cost."""
    return backward(params, forward(params, X, cost.output), Y, cost)
