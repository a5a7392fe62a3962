"""Reference versions of the functions the lessons build, for the lessons that come after.

A student who is stuck in lesson 5 can still do lesson 6: from lesson 6 on, the setup cell imports
what earlier lessons asked for from here instead of from the student's own notebook. Each name is
the one the lesson uses, and each function follows the course's conventions:

- batch first: a data matrix ``X`` is ``(N, D)``, one example per row;
- a dense layer maps ``D`` inputs to ``H`` outputs with ``W`` of shape ``(D, H)`` and ``b`` of
  shape ``(H,)``, so ``Z = X @ W + b`` is ``(N, H)``;
- losses come as value and gradient pairs, averaged over the batch (stated in each docstring).

This module is not a framework: each function is a few lines that read like the maths.
"""

from __future__ import annotations

import numpy as np

# The lessons whose exercises each function answers. While one of them is graded, the autograder
# hides that function from the sandbox (autograder/redact.py), so importing the answer from here
# earns nothing; other lessons use it freely.
TAUGHT_IN = {
    "step": "04_perceptron",
    **dict.fromkeys(
        [
            "sigmoid",
            "sigmoid_prime",
            "tanh_prime",
            "relu",
            "relu_prime",
            "leaky_relu",
            "leaky_relu_prime",
        ],
        "05_activations",
    ),
    **dict.fromkeys(["dense", "softmax"], "06_feedforward"),
    **dict.fromkeys(["mse", "mse_grad", "cross_entropy", "cross_entropy_grad"], "07_losses"),
    "one_hot": ["07_losses", "10_mnist"],
    "forward": ["06_feedforward", "10_mnist"],
    "sgd_step": ["08_gradient_descent", "10_mnist"],
    "backward": ["09_backpropagation", "10_mnist"],
    **dict.fromkeys(["init_params", "softmax_cross_entropy_grad"], "10_mnist"),
}

# ----------------------------------------------------------------------------------------------
# Activations (lesson 5)


def step(z: np.ndarray) -> np.ndarray:
    """1.0 where ``z >= 0``, else 0.0."""
    return (np.asarray(z) >= 0).astype(float)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """``1 / (1 + exp(-z))``, computed without overflow for any ``z`` (±1000 included).

    For ``z >= 0`` the formula is used as it is; for ``z < 0`` the equal form
    ``exp(z) / (1 + exp(z))`` is used, so ``exp`` only ever sees non-positive numbers.
    """
    z = np.asarray(z, dtype=float)
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


# ----------------------------------------------------------------------------------------------
# Feedforward (lesson 6)


def dense(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A dense layer's pre-activation ``Z = X @ W + b``: ``X`` (N, D), ``W`` (D, H), ``b`` (H,)."""
    return X @ W + b


def softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise softmax of logits ``Z`` (N, K); each row of the result sums to 1.

    The row maximum is subtracted first: softmax does not change when a constant is added to a
    row, and afterwards ``exp`` never sees a positive number, so logits of 1000 do not overflow.
    """
    Z = np.asarray(Z, dtype=float)
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


# ----------------------------------------------------------------------------------------------
# Losses (lesson 7)


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


EPSILON = 1e-12


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


def softmax_cross_entropy_grad(Z: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """The gradient of ``cross_entropy(softmax(Z), Y)`` with respect to ``Z``: ``(P - Y) / N``."""
    Z = np.atleast_2d(Z)
    return (softmax(Z) - Y) / Z.shape[0]


def one_hot(labels: np.ndarray, num_classes: int) -> np.ndarray:
    """Integer labels (N,) as one-hot rows (N, num_classes): row n has a 1 in column labels[n]."""
    labels = np.asarray(labels, dtype=int)
    Y = np.zeros((labels.shape[0], num_classes))
    Y[np.arange(labels.shape[0]), labels] = 1.0
    return Y


# ----------------------------------------------------------------------------------------------
# Networks and backpropagation (lessons 8 and 9)


def init_params(
    layer_sizes: list[int], rng: np.random.Generator, scale: float | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Small random weights and zero biases for a network of ``layer_sizes`` (e.g. [784, 128, 10]).

    Layer ``l`` gets ``W`` of shape ``(layer_sizes[l], layer_sizes[l + 1])`` drawn from a normal
    distribution with standard deviation ``scale`` (default ``1 / sqrt(fan_in)``), and ``b`` of
    zeros.
    """
    params = []
    for fan_in, fan_out in zip(layer_sizes[:-1], layer_sizes[1:], strict=True):
        std = scale if scale is not None else 1.0 / np.sqrt(fan_in)
        params.append((rng.normal(0.0, std, size=(fan_in, fan_out)), np.zeros(fan_out)))
    return params


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


def sgd_step(
    params: list[tuple[np.ndarray, np.ndarray]],
    grads: list[tuple[np.ndarray, np.ndarray]],
    lr: float,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """One step of gradient descent, ``w <- w - lr * dC/dw``, returned as new parameters."""
    return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, grads, strict=True)]
