"""One step of gradient descent on a network (lessons 8 and 10 ask for it).

Reference code: withheld from the sandbox while 08_gradient_descent or 10_mnist is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np


def sgd_step(
    params: list[tuple[np.ndarray, np.ndarray]],
    grads: list[tuple[np.ndarray, np.ndarray]],
    lr: float,
) -> None:
    """One step of gradient descent, ``w <- w - lr * dC/dw``, on every layer, in place.

    ``grads[l]`` is the ``(dW, db)`` of ``params[l]``. The arrays of ``params`` change where they
    are (and keep their dtype); the list and its pairs stay the same objects. Returns None.
    """
    for (W, b), (dW, db) in zip(params, grads, strict=True):
        W -= lr * dW
        b -= lr * db
