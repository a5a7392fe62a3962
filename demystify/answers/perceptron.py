"""Lesson 4's answer: the step activation.

Reference code: withheld from the sandbox while 04_perceptron is graded
(see :mod:`demystify.answers`).
"""

from __future__ import annotations

import numpy as np


def step(z: np.ndarray) -> np.ndarray:
    """1.0 where ``z >= 0``, else 0.0."""
    return (np.asarray(z) >= 0).astype(float)
