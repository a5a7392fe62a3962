"""A fast two-layer network in numpy: the reference MLP of lesson 10 and of the training benchmark.

The network is lesson 10's: ``num_inputs`` pixels, a sigmoid hidden layer of ``num_hiddens``
units, and ``num_outputs`` outputs, either softmax with cross-entropy (the default) or sigmoid with
the mean squared error. Parameters are a dict of float32 arrays, batch first as in the rest of the
course: ``W1`` (D, H), ``b1`` (H,), ``W2`` (H, K), ``b2`` (K,).

Two versions of the same maths live here:

- plain functions (:func:`forward`, :func:`backward`, :func:`sgd_step`, ...) that read like the
  lesson's equations and allocate their results: the definition the fast version is tested
  against. They answer exercises of lessons 5 to 10, so the grader withholds this module while
  any of those lessons is graded (:mod:`demystify.answers`);
- :class:`Trainer`, one epoch of mini-batch SGD written for speed. It does exactly what the plain
  functions do, batch by batch, but spends its time where it must, in the matrix products:

  1. **float32**: half the bytes of float64, and twice the numbers per vector instruction;
  2. **one BLAS thread** (:func:`one_blas_thread`): on these small matrices extra threads mostly
     wait for each other, and on a shared machine a thread that loses its core stalls the rest;
  3. **no per-example loops**: a mini-batch is one matrix, each layer one product;
  4. **no per-epoch copy**: the shuffled order is a permutation of row numbers, and each batch is
     gathered into a buffer that stays in cache (``np.take(..., out=...)``) instead of copying the
     whole data set into a shuffled array every epoch;
  5. **no allocations in the loop**: every intermediate lives in a buffer made once, and numpy
     writes into it (``out=``, ``+=``);
  6. **fused element-wise work**: the learning rate and the ``1/N`` of the mean are folded into
     the softmax's normalisation, so the output error comes out already scaled as ``-lr dC/dZ``;
     the one-hot matrix is never built (subtract 1 at each row's label instead); the sigmoid is
     ``(1 + tanh(z/2)) / 2``, which cannot overflow and needs no ``np.where``.

This is a teaching reference, not a framework: one architecture, one optimiser.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

import numpy as np

# The same sigmoid and softmax as every lesson's (they keep float32 as float32); the Trainer
# below fuses its own in-place versions into its buffers.
from demystify.answers.activations import sigmoid
from demystify.answers.layers import softmax

__all__ = [
    "COSTS",
    "LOSSES",
    "CrossEntropy",
    "Quadratic",
    "Trainer",
    "backward",
    "evaluate",
    "forward",
    "gradients",
    "init_params",
    "loss_value",
    "one_blas_thread",
    "predict",
    "sgd_step",
    "sigmoid",
    "softmax",
    "train_epoch",
]

Params = dict[str, np.ndarray]
EPSILON = 1e-7  # probabilities are clipped to [EPSILON, 1] inside log (float32 resolution)


def one_blas_thread() -> AbstractContextManager:
    """A context in which numpy's BLAS uses one thread (threadpoolctl's ``threadpool_limits``)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


# ----------------------------------------------------------------------------------------------
# The plain version: the lesson's equations


def init_params(
    num_inputs: int = 784,
    num_hiddens: int = 128,
    num_outputs: int = 10,
    rng: np.random.Generator | None = None,
    dtype: np.dtype | type = np.float32,
) -> Params:
    """Weights drawn from N(0, 1/fan_in) (``W1`` first, then ``W2``), biases zero."""
    rng = rng if rng is not None else np.random.default_rng(0)
    W1 = rng.normal(0.0, 1.0 / np.sqrt(num_inputs), size=(num_inputs, num_hiddens))
    W2 = rng.normal(0.0, 1.0 / np.sqrt(num_hiddens), size=(num_hiddens, num_outputs))
    return {
        "W1": W1.astype(dtype),
        "b1": np.zeros(num_hiddens, dtype=dtype),
        "W2": W2.astype(dtype),
        "b2": np.zeros(num_outputs, dtype=dtype),
    }


# ----------------------------------------------------------------------------------------------
# Costs: the output layer's activation, the loss, and the error it sends back (Nielsen's
# CrossEntropyCost and QuadraticCost, with the output activation that goes with each)


class CrossEntropy:
    """Softmax outputs and the mean cross-entropy ``C = -1/N sum(Y log A)``."""

    name = "cross_entropy"

    @staticmethod
    def output(Z: np.ndarray) -> np.ndarray:
        return softmax(Z)

    @staticmethod
    def value(A: np.ndarray, Y: np.ndarray) -> float:
        return float(-np.sum(Y * np.log(np.clip(A, EPSILON, 1.0))) / len(A))

    @staticmethod
    def delta(A: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """dC/dZ of the output layer: the softmax's Jacobian and the log cancel to (A - Y)/N."""
        return (A - Y) / len(A)

    @staticmethod
    def step_error(A2: np.ndarray, row: np.ndarray, slope: np.ndarray, rows, labels, lr: float):
        """Turn the output logits ``A2`` into ``-lr dC/dZ2``, in place, in the :class:`Trainer`'s
        buffers (``row``: one number per row; ``slope``: shaped like ``A2``)."""
        m = len(A2)
        # The softmax, scaled by -lr/m in the same division: A2 becomes -lr dC/dZ2 once lr/m
        # is added at each row's label (the one-hot matrix is never built).
        np.max(A2, axis=1, keepdims=True, out=row)
        A2 -= row
        np.exp(A2, out=A2)
        np.sum(A2, axis=1, keepdims=True, out=row)
        row *= -m / lr
        A2 /= row
        A2[rows, labels] += lr / m


class Quadratic:
    """Sigmoid outputs and half the squared error ``C = 1/(2N) sum((A - Y)^2)``."""

    name = "mse"

    @staticmethod
    def output(Z: np.ndarray) -> np.ndarray:
        return sigmoid(Z)

    @staticmethod
    def value(A: np.ndarray, Y: np.ndarray) -> float:
        return float(0.5 * np.sum((A - Y) ** 2) / len(A))

    @staticmethod
    def delta(A: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """dC/dZ of the output layer: (A - Y) times the sigmoid's slope A (1 - A), over N."""
        return (A - Y) * A * (1 - A) / len(A)

    @staticmethod
    def step_error(A2: np.ndarray, row: np.ndarray, slope: np.ndarray, rows, labels, lr: float):
        """Turn the output logits ``A2`` into ``-lr dC/dZ2``, in place, in the :class:`Trainer`'s
        buffers: ``-lr/m (A2 - Y) A2 (1 - A2)`` with the sigmoid's slope in ``slope``."""
        m = len(A2)
        A2 *= 0.5  # the sigmoid, as (1 + tanh(z/2)) / 2
        np.tanh(A2, out=A2)
        A2 *= 0.5
        A2 += 0.5
        np.subtract(1.0, A2, out=slope)
        slope *= A2
        slope *= -lr / m
        A2[rows, labels] -= 1.0
        A2 *= slope


COSTS = {cost.name: cost for cost in (CrossEntropy, Quadratic)}
LOSSES = tuple(COSTS)
Cost = type[CrossEntropy] | type[Quadratic]


def cost_of(loss: str | Cost) -> Cost:
    """The cost object for ``loss``: one, or the name of one (``"cross_entropy"``, ``"mse"``)."""
    if isinstance(loss, str):
        if loss not in COSTS:
            raise ValueError(f"loss must be one of {LOSSES}, not {loss!r}")
        return COSTS[loss]
    return loss


def forward(
    params: Params, X: np.ndarray, loss: str | Cost = CrossEntropy
) -> tuple[np.ndarray, np.ndarray]:
    """Hidden activations ``A1`` (N, H) and outputs ``A2`` (N, K) for a batch ``X`` (N, D).

    ``A2`` is the cost's output activation of the last layer: the softmax for
    :class:`CrossEntropy`, the sigmoid for :class:`Quadratic`.
    """
    A1 = sigmoid(X @ params["W1"] + params["b1"])
    return A1, cost_of(loss).output(A1 @ params["W2"] + params["b2"])


def backward(
    params: Params,
    X: np.ndarray,
    A1: np.ndarray,
    A2: np.ndarray,
    Y: np.ndarray,
    loss: str | Cost = CrossEntropy,
) -> Params:
    """Gradients of the batch's mean loss, one per parameter and shaped like it.

    ``Y`` is one-hot (N, K). The output error ``dZ2`` is the cost's ``delta``. Then
    ``dW2 = A1.T dZ2``, ``db2 = sum of dZ2's rows``, ``dZ1 = (dZ2 W2.T) A1 (1 - A1)``,
    ``dW1 = X.T dZ1``, ``db1 = sum of dZ1's rows``.
    """
    dZ2 = cost_of(loss).delta(A2, Y)
    dZ1 = (dZ2 @ params["W2"].T) * A1 * (1 - A1)
    return {
        "W1": X.T @ dZ1,
        "b1": dZ1.sum(axis=0),
        "W2": A1.T @ dZ2,
        "b2": dZ2.sum(axis=0),
    }


def gradients(
    params: Params, X: np.ndarray, Y: np.ndarray, loss: str | Cost = CrossEntropy
) -> Params:
    """:func:`forward` then :func:`backward` on one batch: the gradients of its mean loss."""
    A1, A2 = forward(params, X, loss)
    return backward(params, X, A1, A2, Y, loss)


def sgd_step(params: Params, grads: Params, lr: float) -> None:
    """``p <- p - lr * dC/dp`` for every parameter, in place."""
    for name, grad in grads.items():
        params[name] -= lr * grad


def loss_value(A2: np.ndarray, Y: np.ndarray, loss: str | Cost = CrossEntropy) -> float:
    """The mean loss of outputs ``A2`` against one-hot ``Y``: the cost's ``value``."""
    return cost_of(loss).value(A2, Y)


def predict(params: Params, X: np.ndarray) -> np.ndarray:
    """The predicted digit of each row of ``X``: the largest output (softmax keeps the order)."""
    A1 = sigmoid(X @ params["W1"] + params["b1"])
    return np.argmax(A1 @ params["W2"] + params["b2"], axis=1)


def evaluate(
    params: Params,
    X: np.ndarray,
    y: np.ndarray,
    loss: str | Cost = CrossEntropy,
    chunk: int = 10_000,
) -> tuple[float, float]:
    """Mean loss and accuracy on images ``X`` with integer labels ``y``, in chunks of rows."""
    total_loss, correct = 0.0, 0
    num_outputs = params["b2"].shape[0]
    for start in range(0, len(X), chunk):
        X_part, y_part = X[start : start + chunk], y[start : start + chunk]
        _, A2 = forward(params, X_part, loss)
        Y_part = np.eye(num_outputs, dtype=A2.dtype)[y_part]
        total_loss += loss_value(A2, Y_part, loss) * len(X_part)
        correct += int(np.sum(np.argmax(A2, axis=1) == y_part))
    return total_loss / len(X), correct / len(X)


# ----------------------------------------------------------------------------------------------
# The fast version: one epoch of mini-batch SGD


class Trainer:
    """Mini-batch SGD on ``params`` (updated in place), with every buffer allocated once.

    ``Trainer(params, batch_size=64).train_epoch(X, y, lr, rng)`` gives the same parameters as
    shuffling with ``order = rng.permutation(len(X))`` and, for each slice of ``batch_size``
    row numbers (the last one may be shorter), calling :func:`gradients` and :func:`sgd_step`
    with one-hot labels; only faster. ``X`` should be C-contiguous with the parameters' dtype.
    """

    def __init__(self, params: Params, batch_size: int = 64, loss: str | Cost = CrossEntropy):
        self.params, self.batch_size, self.cost = params, batch_size, cost_of(loss)
        (num_inputs, num_hiddens), num_outputs = params["W1"].shape, params["b2"].shape[0]
        dtype = params["W1"].dtype
        B = batch_size
        self.X_batch = np.empty((B, num_inputs), dtype)
        self.A1 = np.empty((B, num_hiddens), dtype)  # Z1, then A1 in place
        self.dZ1 = np.empty((B, num_hiddens), dtype)  # dA1, then dZ1 in place
        self.slope = np.empty((B, num_hiddens), dtype)  # sigmoid'(Z1) = A1 (1 - A1)
        self.A2 = np.empty((B, num_outputs), dtype)  # Z2, then A2, then -lr dC/dZ2 in place
        self.out_slope = np.empty((B, num_outputs), dtype)  # the output activation's slope
        self.row = np.empty((B, 1), dtype)  # a row maximum, then a row sum
        self.step_W1 = np.empty((num_inputs, num_hiddens), dtype)
        self.step_W2 = np.empty((num_hiddens, num_outputs), dtype)
        self.rows = np.arange(B)

    def train_epoch(self, X: np.ndarray, y: np.ndarray, lr: float, rng: np.random.Generator):
        """One pass over ``X`` (N, D) with integer labels ``y`` (N,), in a shuffled order."""
        order = rng.permutation(len(X))
        for start in range(0, len(X), self.batch_size):
            _train_batch(self, X, y, order[start : start + self.batch_size], lr)


def _train_batch(
    trainer: Trainer, X: np.ndarray, y: np.ndarray, batch: np.ndarray, lr: float
) -> None:
    """One step of :class:`Trainer` on the rows ``batch`` of ``X``, in its buffers.

    Long on purpose: one line per pass over a buffer, in the order they run, so that what an
    epoch costs can be read from top to bottom.
    """
    p, m = trainer.params, len(batch)
    X_b, A1, dZ1, slope = trainer.X_batch[:m], trainer.A1[:m], trainer.dZ1[:m], trainer.slope[:m]
    A2, row, rows = trainer.A2[:m], trainer.row[:m], trainer.rows[:m]
    np.take(X, batch, axis=0, out=X_b)  # gather this batch only: no per-epoch copy
    # Forward: A1 = sigmoid(X W1 + b1), as (1 + tanh(Z1 / 2)) / 2, in place.
    np.matmul(X_b, p["W1"], out=A1)
    A1 += p["b1"]
    A1 *= 0.5
    np.tanh(A1, out=A1)
    A1 *= 0.5
    A1 += 0.5
    np.matmul(A1, p["W2"], out=A2)
    A2 += p["b2"]
    # The cost turns A2 into -lr dC/dZ2 (its own fused version of delta, in these buffers).
    trainer.cost.step_error(A2, row, trainer.out_slope[:m], rows, y[batch], lr)
    # Backward through W2 before W2 changes: dZ1 = (dZ2 W2.T) A1 (1 - A1), still times -lr.
    np.matmul(A2, p["W2"].T, out=dZ1)
    np.subtract(1.0, A1, out=slope)
    slope *= A1
    dZ1 *= slope
    # The steps: W += A_prev.T (-lr dZ), b += column sums of (-lr dZ).
    np.matmul(A1.T, A2, out=trainer.step_W2)
    p["W2"] += trainer.step_W2
    p["b2"] += A2.sum(axis=0)
    np.matmul(X_b.T, dZ1, out=trainer.step_W1)
    p["W1"] += trainer.step_W1
    p["b1"] += dZ1.sum(axis=0)


def train_epoch(
    params: Params,
    X: np.ndarray,
    y: np.ndarray,
    lr: float,
    batch_size: int,
    rng: np.random.Generator,
    loss: str | Cost = CrossEntropy,
) -> Params:
    """A fast epoch of mini-batch SGD on ``params``, in place (and returned); see :class:`Trainer`.

    Making a :class:`Trainer` once and calling its ``train_epoch`` saves the buffers' allocation
    (a few hundred kilobytes) per epoch.
    """
    Trainer(params, batch_size, loss).train_epoch(X, y, lr, rng)
    return params
