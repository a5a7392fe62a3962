"""A copy of the ``demystify`` package without the answers to the lesson being graded.

``demystify`` carries reference versions of the functions the lessons ask for, so that a student
stuck in one lesson can still do the next. While lesson L is graded, some of those references
would be the answers to L itself. Each module that holds such functions says which lessons'
exercises they answer in a module-level ``TAUGHT_IN``: a dict ``{function name: lesson or list
of lessons}``, or a lesson or list of lessons for the whole module. The grader makes a copy of
the package in which every function that answers L raises ``NotImplementedError``, and the
sandbox mounts that copy over the real package (bubblewrap) or puts it first on the import path
(the fallback). Everything else stays available.
"""

from __future__ import annotations

import ast
import atexit
import shutil
import tempfile
import threading
from pathlib import Path

from autograder.sandbox import PACKAGE_DIR

Lessons = str | list[str]


def _taught_in(tree: ast.Module) -> dict[str, Lessons] | Lessons | None:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "TAUGHT_IN" for t in node.targets
        ):
            return _evaluate(node.value)
    return None


def _evaluate(node: ast.expr) -> dict[str, Lessons] | Lessons:
    """TAUGHT_IN's value: lessons, or a dict literal that may use ``**dict.fromkeys([...], s)``."""
    if not isinstance(node, ast.Dict):
        return ast.literal_eval(node)
    result: dict[str, Lessons] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if key is None:  # **dict.fromkeys([names], lesson)
            names, lesson = value.args  # type: ignore[attr-defined]
            result.update(dict.fromkeys(ast.literal_eval(names), ast.literal_eval(lesson)))
        else:
            result[ast.literal_eval(key)] = ast.literal_eval(value)
    return result


def redact_source(source: str, lesson: str, module: str) -> str:
    """``source`` with the bodies of the functions that answer ``lesson`` replaced."""
    tree = ast.parse(source)
    taught = _taught_in(tree)
    if taught is None:
        return source
    lines = source.splitlines(keepends=True)
    hidden = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        where = taught.get(node.name, []) if isinstance(taught, dict) else taught
        if lesson in ([where] if isinstance(where, str) else where):
            hidden.append(node)
    for node in sorted(hidden, key=lambda n: n.lineno, reverse=True):
        first = node.body[0]
        keep_doc = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
        start = first.end_lineno if keep_doc else first.lineno - 1
        indent = " " * node.body[0].col_offset
        message = (
            f"{module}.{node.name} is a reference answer to lesson {lesson}; it is not "
            "available while that lesson is graded"
        )
        lines[start : node.end_lineno] = [f"{indent}raise NotImplementedError({message!r})\n"]
    return "".join(lines)


_LOCK = threading.Lock()  # CPython 3.11's ast is not safe to use from several threads at once
_CACHE: dict[str, Path] = {}


def package_for(lesson: str) -> Path:
    """The redacted package for ``lesson``, made once per process and shared read-only."""
    with _LOCK:
        if lesson not in _CACHE:
            scratch = Path(tempfile.mkdtemp(prefix=f"demystify-{lesson}-"))
            atexit.register(shutil.rmtree, scratch, True)
            _CACHE[lesson] = _write(lesson, scratch)
        return _CACHE[lesson]


def redacted_package(lesson: str, dest: Path) -> Path:
    """Write the redacted copy of ``demystify`` for ``lesson`` to ``dest/demystify``."""
    with _LOCK:
        return _write(lesson, dest)


def _write(lesson: str, dest: Path) -> Path:
    target = dest / "demystify"
    shutil.copytree(PACKAGE_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in sorted(target.glob("*.py")):
        source = path.read_text()
        redacted = redact_source(source, lesson, f"demystify.{path.stem}")
        if redacted != source:
            path.write_text(redacted)
    return target
