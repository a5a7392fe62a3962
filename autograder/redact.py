"""A copy of the ``demystify`` package without the answers to the lesson being graded.

``demystify`` carries reference versions of the functions the lessons ask for, so that a student
stuck in one lesson can still do the next. While lesson L is graded, those references would be
the answers to L itself. Each module that holds such functions says where they are taught in a
module-level ``TAUGHT_IN``: a dict ``{function name: lesson}``, or one lesson for the whole module.
The grader makes a copy of the package in which every such function taught in L or later raises
``NotImplementedError``, and the sandbox mounts that copy over the real package (bubblewrap) or
puts it first on the import path (the fallback). Functions of earlier lessons stay available.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from autograder.sandbox import PACKAGE_DIR


def _order(lesson: str) -> int:
    """A lesson's place in the course: the number its name starts with."""
    head = lesson.split("_", 1)[0]
    return int(head) if head.isdigit() else 0


def _taught_in(tree: ast.Module) -> dict[str, str] | str | None:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "TAUGHT_IN" for t in node.targets
        ):
            return _evaluate(node.value)
    return None


def _evaluate(node: ast.expr) -> dict[str, str] | str:
    """TAUGHT_IN's value: a string, or a dict literal that may use ``**dict.fromkeys([...], s)``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    result: dict[str, str] = {}
    assert isinstance(node, ast.Dict), "TAUGHT_IN must be a string or a dict literal"
    for key, value in zip(node.keys, node.values, strict=True):
        if key is None:  # **dict.fromkeys([names], lesson)
            names, lesson = value.args  # type: ignore[attr-defined]
            result.update(dict.fromkeys(ast.literal_eval(names), ast.literal_eval(lesson)))
        else:
            result[ast.literal_eval(key)] = ast.literal_eval(value)
    return result


def redact_source(source: str, lesson: str, module: str) -> str:
    """``source`` with the bodies of functions taught in ``lesson`` or later replaced."""
    tree = ast.parse(source)
    taught = _taught_in(tree)
    if taught is None:
        return source
    lines = source.splitlines(keepends=True)
    hidden = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        where = taught if isinstance(taught, str) else taught.get(node.name)
        if where and _order(where) >= _order(lesson):
            hidden.append(node)
    for node in sorted(hidden, key=lambda n: n.lineno, reverse=True):
        first = node.body[0]
        keep_doc = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
        start = first.end_lineno if keep_doc else first.lineno - 1
        indent = " " * node.body[0].col_offset
        message = (
            f"{module}.{node.name} is the reference answer to lesson "
            f"{taught if isinstance(taught, str) else taught[node.name]}; it is not available "
            f"while lesson {lesson} is graded"
        )
        lines[start : node.end_lineno] = [f"{indent}raise NotImplementedError({message!r})\n"]
    return "".join(lines)


def redacted_package(lesson: str, dest: Path) -> Path:
    """Write the redacted copy of ``demystify`` for ``lesson`` to ``dest/demystify``."""
    target = dest / "demystify"
    shutil.copytree(PACKAGE_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    for path in sorted(target.glob("*.py")):
        source = path.read_text()
        redacted = redact_source(source, lesson, f"demystify.{path.stem}")
        if redacted != source:
            path.write_text(redacted)
    return target
