"""Lesson 10's answer: initialisation.

Reference code: withheld from the sandbox while 10_mnist is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np


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
