"""One plot style for the whole course, and small figure helpers the lessons share.

Figure code in the lessons is marked "figure only": it draws the idea, it is not the exercise.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

COURSE_STYLE = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "image.cmap": "viridis",
}


def use_course_style() -> None:
    """Apply the course's plot style to every figure drawn after this call."""
    mpl.rcParams.update(COURSE_STYLE)


def axes(title: str, xlabel: str, ylabel: str, ax: Axes | None = None) -> Axes:
    """A labelled pair of axes (a new figure unless ``ax`` is given)."""
    if ax is None:
        _, ax = plt.subplots()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax
