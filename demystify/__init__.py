"""Helpers for *Demystifying Neural Networks*: what the lessons need that is not the exercise.

- :mod:`demystify.check`: checks whose failures say what was expected, what came back and why;
- :mod:`demystify.gradcheck`: numerical derivatives and gradients, and ``rel_error``;
- :mod:`demystify.plots`: the course's plot style.

Every lesson's setup cell calls :func:`setup_lesson`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = ["check", "gradcheck", "plots", "setup_lesson"]


def __getattr__(name: str) -> Any:
    # The submodules load on first use: the grader imports demystify.protocol and .check,
    # and must not pay for matplotlib (half a second) on every start.
    if name in ("check", "errors", "gradcheck", "plots"):
        return importlib.import_module(f"demystify.{name}")
    raise AttributeError(f"module 'demystify' has no attribute {name!r}")


def setup_lesson(seed: int = 0) -> np.random.Generator:
    """Prepare a notebook: the course's plot style, short float printing, and a seeded generator.

    The same seed gives every student the same random numbers, so their output matches the
    lesson's text.
    """
    import numpy as np

    from demystify import check, errors, plots

    plots.use_course_style()
    np.set_printoptions(precision=4, suppress=True)
    errors.install()
    check.track_cells()
    return np.random.default_rng(seed)
