"""Lesson 10's answer: initialisation.

Reference code: withheld from the sandbox while 10_mnist is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np


def init_params(
    sizes: list[int], rng: np.random.Generator, dtype: np.dtype | type = np.float64
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Small random weights and zero biases for a network of the layer widths ``sizes``.

    ``init_params([784, 128, 10], rng)`` is lesson 10's network. Layer ``l`` gets ``W`` of shape
    ``(sizes[l], sizes[l + 1])``, drawn with ``rng.normal`` with standard deviation
    ``1 / sqrt(sizes[l])``, first layer first, and ``b`` of zeros; both of ``dtype`` (the draws
    are the same whatever the dtype).
    """
    return [
        (
            rng.normal(0.0, 1.0 / np.sqrt(fan_in), size=(fan_in, fan_out)).astype(
                dtype, copy=False
            ),
            np.zeros(fan_out, dtype=dtype),
        )
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:], strict=True)
    ]
