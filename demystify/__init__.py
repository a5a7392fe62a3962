"""Helpers for *Demystifying Neural Networks*: what the lessons need that is not the exercise.

- :mod:`demystify.check`: checks whose failures say what was expected, what came back and why;
- :mod:`demystify.gradcheck`: numerical derivatives and gradients, and ``rel_error``;
- :mod:`demystify.plots`: the course's plot style.

Every lesson's setup cell calls :func:`setup_lesson`.
"""

from __future__ import annotations

import numpy as np

from demystify import check, errors, gradcheck, plots

__all__ = ["check", "gradcheck", "plots", "setup_lesson"]


def setup_lesson(seed: int = 0) -> np.random.Generator:
    """Prepare a notebook: the course's plot style, short float printing, and a seeded generator.

    The same seed gives every student the same random numbers, so their output matches the
    lesson's text.
    """
    plots.use_course_style()
    np.set_printoptions(precision=4, suppress=True)
    errors.install()
    check.track_cells()
    return np.random.default_rng(seed)
