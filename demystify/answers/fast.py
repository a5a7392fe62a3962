"""The fast training loop: one epoch of mini-batch SGD, written for speed.

Lesson 10's section on speed times it, and so does the training benchmark. :class:`Trainer`
trains a network of the course's one contract (:mod:`demystify.nn`): a list of ``(W, b)``
layers, sigmoid hidden layers, and an output layer and cost given by a cost object
(:mod:`demystify.answers.costs`). An epoch leaves exactly the parameters that shuffling once
and then calling ``nn.gradients`` and ``nn.sgd_step`` on each mini-batch would leave (to
rounding); the Trainer only spends its time where it must, in the matrix products:

1. **float32** (it keeps the parameters' dtype): half the bytes of float64, and twice the
   numbers per vector instruction;
2. **one BLAS thread** (:func:`one_blas_thread`): on these small matrices extra threads mostly
   wait for each other, and on a shared machine a thread that loses its core stalls the rest;
3. **no per-example loops**: a mini-batch is one matrix, each layer one product;
4. **no per-epoch copy**: the shuffled order is a permutation of row numbers, and each batch is
   gathered into a buffer that stays in cache (``np.take(..., out=...)``) instead of copying the
   whole data set into a shuffled array every epoch;
5. **no allocations in the loop**: every intermediate lives in a buffer made once, and numpy
   writes into it (``out=``, ``+=``);
6. **fused element-wise work**: the learning rate and the ``1/N`` of the mean are folded into
   the output error, which comes out already scaled as ``-lr dC/dZ``; the one-hot matrix is
   never built (the labels index the rows instead); the sigmoid is ``(1 + tanh(z/2)) / 2``,
   which cannot overflow and needs no ``np.where``.

Each cost's fused error is written once, below, for the cost it fuses: the Trainer looks it up
by the cost object it is given. This is a teaching reference, not a framework: one kind of
network, one optimiser.

Reference code: withheld from the sandbox while a lesson whose exercises it computes is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import numpy as np

from demystify.answers.costs import CrossEntropy, Quadratic

__all__ = ["Trainer", "one_blas_thread"]


def one_blas_thread() -> AbstractContextManager:
    """A context in which numpy's BLAS uses one thread (threadpoolctl's ``threadpool_limits``)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _sigmoid_in_place(Z: np.ndarray) -> None:
    """``Z <- sigmoid(Z)`` as ``(1 + tanh(Z / 2)) / 2``: four passes, no overflow, no branch."""
    Z *= 0.5
    np.tanh(Z, out=Z)
    Z *= 0.5
    Z += 0.5


def _cross_entropy_error(Z, row, slope, rows, labels, lr: float) -> None:
    """``Z <- -lr dC/dZ`` for the softmax and cross-entropy, ``-lr/m (P - Y)``, in place.

    The softmax's normalisation is scaled by ``-lr/m`` in the same division; then ``lr/m`` is
    added at each row's label, where ``Y`` holds its one 1. ``row`` holds one number per row;
    ``slope`` is not needed.
    """
    m = len(Z)
    np.max(Z, axis=1, keepdims=True, out=row)
    Z -= row
    np.exp(Z, out=Z)
    np.sum(Z, axis=1, keepdims=True, out=row)
    row *= -m / lr
    Z /= row
    Z[rows, labels] += lr / m


def _quadratic_error(Z, row, slope, rows, labels, lr: float) -> None:
    """``Z <- -lr dC/dZ`` for sigmoid outputs and the squared error, ``-lr/m (A - Y) A (1 - A)``,
    in place, with the sigmoid's slope in ``slope`` (shaped like ``Z``)."""
    m = len(Z)
    _sigmoid_in_place(Z)
    np.subtract(1.0, Z, out=slope)
    slope *= Z
    slope *= -lr / m
    Z[rows, labels] -= 1.0
    Z *= slope


# Each cost object the Trainer can train with, and its output error fused into the buffers.
_OUTPUT_ERRORS: dict[type, Callable[..., None]] = {
    CrossEntropy: _cross_entropy_error,
    Quadratic: _quadratic_error,
}


class Trainer:
    """Mini-batch SGD on a network ``params`` (updated in place), every buffer allocated once.

    ``params`` is a list of ``(W, b)`` layers of one float dtype, as ``nn.init_params`` makes
    them; ``cost`` is :class:`CrossEntropy` (softmax outputs, the default) or
    :class:`Quadratic` (sigmoid outputs). ``Trainer(params).train_epoch(X, y, lr, rng)`` leaves
    the parameters that ``order = rng.permutation(len(X))`` and then, for each slice of
    ``batch_size`` row numbers (the last one may be shorter),
    ``nn.sgd_step(params, nn.gradients(params, X[batch], Y[batch], cost), lr)`` leave, with
    ``Y`` the one-hot rows of the integer labels ``y`` (:mod:`demystify.nn`); only faster.
    """

    def __init__(
        self, params: list[tuple[np.ndarray, np.ndarray]], batch_size: int = 64, cost=CrossEntropy
    ):
        if cost not in _OUTPUT_ERRORS:
            names = ", ".join(c.__name__ for c in _OUTPUT_ERRORS)
            raise ValueError(f"the Trainer trains with the costs {names}, not {cost!r}")
        self.params, self.batch_size, self.cost = params, batch_size, cost
        self.output_error = _OUTPUT_ERRORS[cost]
        self.dtype = params[0][0].dtype
        B, widths = batch_size, [W.shape[1] for W, _ in params]
        self.X_batch = np.empty((B, params[0][0].shape[0]), self.dtype)
        # Layer l's Z, then its A in place; the last layer's Z, then -lr dC/dZ in place.
        self.A = [np.empty((B, H), self.dtype) for H in widths]
        # Each hidden layer's -lr dC/dA, then -lr dC/dZ in place; and its sigmoid's slope.
        self.dZ = [np.empty((B, H), self.dtype) for H in widths[:-1]]
        self.slope = [np.empty((B, H), self.dtype) for H in widths]
        self.row = np.empty((B, 1), self.dtype)  # a row maximum, then a row sum
        self.step_W = [np.empty_like(W) for W, _ in params]
        self.rows = np.arange(B)

    def train_epoch(self, X: np.ndarray, y: np.ndarray, lr: float, rng: np.random.Generator):
        """One pass over ``X`` (N, D) with integer labels ``y`` (N,), in a shuffled order.

        ``X`` is used as it is when it is C-contiguous with the parameters' dtype (else it is
        converted once, here).
        """
        X = np.ascontiguousarray(X, dtype=self.dtype)
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
    params, m, last = trainer.params, len(batch), len(trainer.params) - 1
    A = [trainer.X_batch[:m]] + [buffer[:m] for buffer in trainer.A]
    np.take(X, batch, axis=0, out=A[0])  # gather this batch only: no per-epoch copy
    # Forward: Z = A_prev W + b, then the sigmoid in place, for every layer but the last.
    for layer, (W, b) in enumerate(params):
        np.matmul(A[layer], W, out=A[layer + 1])
        A[layer + 1] += b
        if layer < last:
            _sigmoid_in_place(A[layer + 1])
    # The cost turns the last layer's Z into -lr dC/dZ (its own fused version of delta).
    trainer.output_error(
        A[-1], trainer.row[:m], trainer.slope[-1][:m], trainer.rows[:m], y[batch], lr
    )
    # Backward, last layer first. Each error goes back through W before W takes its step:
    # -lr dC/dZ_prev = (-lr dC/dZ) W.T * A_prev (1 - A_prev).
    error = A[-1]
    for layer in range(last, -1, -1):
        W, b = params[layer]
        A_prev = A[layer]
        if layer > 0:
            error_prev, slope = trainer.dZ[layer - 1][:m], trainer.slope[layer - 1][:m]
            np.matmul(error, W.T, out=error_prev)
            np.subtract(1.0, A_prev, out=slope)
            slope *= A_prev
            error_prev *= slope
        # The step: W += A_prev.T (-lr dC/dZ), b += the column sums of (-lr dC/dZ).
        np.matmul(A_prev.T, error, out=trainer.step_W[layer])
        W += trainer.step_W[layer]
        b += error.sum(axis=0)
        if layer > 0:
            error = error_prev
