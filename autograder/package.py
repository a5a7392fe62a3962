"""The course's ``demystify`` package as the sandbox sees it while a lesson is graded.

``demystify/answers/`` holds the reference answers, one module per set of lessons whose
exercises it answers, listed in its ``WITHHELD_FROM`` table. While lesson L is graded, the
student's kernel gets a copy of the package without every module whose entry names L: those
answers are not there to import, under any name. The reference solution's run gets the whole
package. Copies are made once per lesson and process, readable by the sandbox's unprivileged
user and never written again.
"""

from __future__ import annotations

import atexit
import os
import runpy
import shutil
import tempfile
import threading
from pathlib import Path

ANSWERS = Path("answers")  # inside the package
_LOCK = threading.Lock()
_CACHE: dict[tuple[Path, str], Path] = {}


def withheld_modules(package: Path, lesson: str) -> list[str]:
    """The modules of ``package/answers`` that answer exercises of ``lesson``."""
    table = runpy.run_path(str(package / ANSWERS / "__init__.py")).get("WITHHELD_FROM", {})
    return sorted(module for module, lessons in table.items() if lesson in lessons)


def student_package(package: Path, lesson: str) -> Path:
    """The folder holding ``demystify`` for the student's run of ``lesson`` (made once)."""
    key = (Path(package).resolve(), lesson)
    with _LOCK:
        if key not in _CACHE:
            scratch = Path(tempfile.mkdtemp(prefix=f"demystify-{lesson}-"))
            atexit.register(shutil.rmtree, scratch, True)
            _CACHE[key] = write_student_package(key[0], lesson, scratch)
        return _CACHE[key]


def write_student_package(package: Path, lesson: str, dest: Path) -> Path:
    """Copy ``package`` to ``dest/demystify`` without ``lesson``'s answers; return ``dest``."""
    target = dest / "demystify"
    shutil.copytree(package, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for module in withheld_modules(package, lesson):
        (target / ANSWERS / f"{module}.py").unlink(missing_ok=True)
    for folder in [dest, *(p for p in target.rglob("*") if p.is_dir()), target]:
        os.chmod(folder, 0o755)
    for file in (p for p in target.rglob("*") if p.is_file()):
        os.chmod(file, 0o644)
    return dest
