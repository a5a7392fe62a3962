"""Modules whose names load from :mod:`demystify.answers` on first use.

``demystify.nn`` says ``from demystify.answers.facade import facade`` and
``__getattr__, __dir__ = facade(__name__, {"sigmoid": "activations", ...})``. Importing the
facade itself never fails; using a name whose module the grader withheld raises an
``ImportError`` that says why.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


class Withheld(ImportError):
    """A reference answer that is not available while its lesson is graded."""


def facade(
    module: str, homes: dict[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``module``: each name in ``homes`` loads from its
    module in :mod:`demystify.answers`."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        try:
            source = importlib.import_module(f"demystify.answers.{home}")
        except ModuleNotFoundError as error:
            if error.name is None or not error.name.startswith("demystify.answers"):
                raise
            raise Withheld(
                f"{module}.{name} is a reference answer to the lesson being graded; "
                "it is not available while that lesson is graded"
            ) from None
        return getattr(source, name)

    def __dir__() -> list[str]:
        return sorted(homes)

    return __getattr__, __dir__
