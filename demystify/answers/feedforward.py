"""The forward pass through a network of layers (lessons 6 and 10 ask for it).

Reference code: withheld from the sandbox while 06_feedforward or 10_mnist is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from demystify.answers.activations import sigmoid


def forward(
    params: list[tuple[np.ndarray, np.ndarray]],
    X: np.ndarray,
    output: Callable[[np.ndarray], np.ndarray] = sigmoid,
) -> list[np.ndarray]:
    """Feed a batch ``X`` (N, D) through the layers; return the activations of every layer.

    ``params`` is a list of ``(W, b)`` layers, layer ``l`` mapping the ``H_prev`` outputs of the
    layer before it (``D`` for the first) to ``H`` outputs with ``W`` of shape ``(H_prev, H)``
    and ``b`` of shape ``(H,)``. Every layer but the last is a sigmoid layer,
    ``A = sigmoid(A_prev @ W + b)``; the last applies ``output`` to its pre-activations: the
    sigmoid unless told otherwise (lesson 6's network), or a cost's output activation
    (``CrossEntropy.output``, the softmax, for lesson 10's).

    Returns ``[X, A_1, ..., A_L]``, the ``len(params) + 1`` arrays that :func:`backward` needs:
    ``X`` itself, then each layer's activations ``(N, H)``; the network's output is the last.
    Floats keep their dtype (float32 in, float32 out).
    """
    activations = [X]
    for W, b in params[:-1]:
        activations.append(sigmoid(activations[-1] @ W + b))
    W, b = params[-1]
    activations.append(output(activations[-1] @ W + b))
    return activations
