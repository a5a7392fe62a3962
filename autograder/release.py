"""Regenerate ``lessons/`` from ``solutions/`` with nbgrader's own ``generate_assignment``.

nbgrader replaces each reference solution with a stub, removes the hidden tests, clears outputs
and locks the read-only cells. The release is written to a fresh folder first and then moved into
place, so a failed release never leaves ``lessons/`` half written.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from autograder.nbgrader_config import ROOT, course_config

log = logging.getLogger(__name__)


def lesson_names(solutions: Path = ROOT / "solutions") -> list[str]:
    """The lessons in a ``solutions/`` folder, in course order."""
    folders = solutions.iterdir()
    return sorted(p.name for p in folders if (p / f"{p.name}.ipynb").is_file())


def release(
    lessons: list[str] | None = None, root: Path = ROOT, dest: Path | None = None
) -> list[Path]:
    """Release ``lessons`` (default: all) from ``root/solutions`` into ``dest`` (``root/lessons``).

    Returns the folders written.
    """
    from nbgrader.apps import NbGraderAPI  # slow to import; only releasing needs it

    # nbgrader runs the `alembic` script of its own environment, which need not be on PATH.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    dest = Path(dest) if dest is not None else root / "lessons"
    names = lessons or lesson_names(root / "solutions")
    written = []
    with tempfile.TemporaryDirectory(prefix="release-") as scratch:
        api = NbGraderAPI(
            config=course_config(
                root, release_directory=scratch, db_url=f"sqlite:///{scratch}/gradebook.db"
            )
        )
        api.log.setLevel(logging.ERROR)
        for name in names:
            result = api.generate_assignment(name, force=True)
            if not result["success"]:
                raise RuntimeError(f"nbgrader could not release {name}:\n{result['log']}")
            target = dest / name
            staged = Path(scratch) / name
            for stray in list(staged.rglob(".ipynb_checkpoints")):
                shutil.rmtree(stray)
            if target.exists():
                shutil.rmtree(target)
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copytree(staged, target)
            written.append(target)
    return written
