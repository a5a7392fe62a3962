"""Rewrite a lesson's test cells so that the student's kernel never holds an expected value.

Runs in the trusted grader, once per lesson. Each graded test cell has two forms:

``reference_form``
    The cell as the instructor wrote it, with its hidden-test markers turned into calls that
    mark the records between them as hidden. It runs only in the reference solution's run,
    where each check records the reference's value, its expected value, tolerances, hint and
    named mistakes.
``student_form``
    What the student's kernel runs. Every check call ``check.KIND(actual, expected, what, ...)``
    becomes ``report("KIND", actual)``: the value under test and nothing else (the argument
    that :data:`demystify.protocol.KINDS` names). Then every statement that only fed the parts
    just removed (a reference implementation, an expected array, a ``what`` string) is dropped:
    a statement stays only if it is a check, binds or changes a name that something kept reads,
    or holds a statement that stays. So hidden tests still draw their inputs and call the
    student's functions, and nothing of their reference side reaches the kernel.

A cell that cannot be rewritten (a syntax error, hidden-test markers that are not at the start
of a top-level line) raises :class:`RewriteError`: that is a broken lesson, not a broken
submission.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass

from autograder.notebook import BEGIN_HIDDEN, END_HIDDEN, has_hidden_tests
from demystify.protocol import KINDS, OBSERVED_KINDS

CHECK_MODULE = "check"  # test cells call the checks as check.close(...), check.equal(...), ...
REPORT = "__report__"  # the name the student form calls; bound by its first line
_IMPORT_REPORT = f"from demystify.protocol import report as {REPORT}"
_MARK = "__import__('demystify.protocol', fromlist=['hidden_tests']).hidden_tests({})"


class RewriteError(ValueError):
    """A lesson's test cell that the grader cannot split into its two forms."""


@dataclass(frozen=True)
class TestCell:
    """The two forms of one graded test cell, and the check kinds it uses."""

    reference_form: str
    student_form: str
    kinds: tuple[str, ...]
    has_hidden: bool = False  # whether the cell holds hidden tests

    @property
    def rests_on_observations_only(self) -> bool:
        """True when no check in the cell compares a value the student's code computed."""
        return all(kind in OBSERVED_KINDS for kind in self.kinds)


def rewrite(source: str) -> TestCell:
    """Both forms of the test cell ``source``."""
    tree = _parse(source)
    _hoist_draws(tree.body, iter(range(1, 10**9)))
    reports = _Reports()
    tree = reports.visit(tree)
    _prune(tree.body)
    tree.body.insert(0, ast.parse(_IMPORT_REPORT).body[0])
    student = ast.unparse(ast.fix_missing_locations(tree))
    return TestCell(
        _reference_form(source), student, tuple(reports.kinds), has_hidden_tests(source)
    )


def _parse(source: str) -> ast.Module:
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise RewriteError(f"the test cell does not parse: {error}") from None
    for number, line in enumerate(source.splitlines(), 1):
        marker = line.strip()
        if marker in (BEGIN_HIDDEN, END_HIDDEN) and line != marker:
            raise RewriteError(f"line {number}: {marker!r} must start the line, unindented")
    return tree


def _reference_form(source: str) -> str:
    lines = []
    for line in source.splitlines():
        if line == BEGIN_HIDDEN:
            lines.append(f"{_MARK.format(True)}  {BEGIN_HIDDEN}")
        elif line == END_HIDDEN:
            lines.append(f"{_MARK.format(False)}  {END_HIDDEN}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _check_kind(node: ast.AST) -> str | None:
    """``close`` for a call ``check.close(...)``; None for any other node."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == CHECK_MODULE
        and node.func.attr in KINDS
    ):
        return node.func.attr
    return None


class _Reports(ast.NodeTransformer):
    """Replaces each check call with a report of its value under test."""

    def __init__(self) -> None:
        self.kinds: list[str] = []

    def visit_Call(self, node: ast.Call) -> ast.AST:
        kind = _check_kind(node)
        if kind is None:
            return self.generic_visit(node)
        self.kinds.append(kind)
        position = KINDS[kind]
        if position is None:  # no_warnings(function, *args, what=..., hint=...)
            under_test = list(node.args)
        elif len(node.args) > position:
            under_test = [node.args[position]]
        else:
            raise RewriteError(f"check.{kind} on line {node.lineno} has no value under test")
        if any(isinstance(a, ast.Starred) for a in under_test[: (position or 0) + 1]):
            raise RewriteError(f"check.{kind} on line {node.lineno}: spell its arguments out")
        under_test = [self.visit(a) for a in under_test]
        report = ast.parse(f"{REPORT}({kind!r})", mode="eval").body
        report.args.extend(under_test)
        return ast.copy_location(report, node)


# ----------------------------------------------------------------------------------------------
# Random draws: the student form must draw exactly what the reference form draws

# Methods of numpy's Generator that draw: a call to one advances the generator.
DRAWS = frozenset(
    "normal uniform integers choice permutation permuted shuffle random standard_normal "
    "binomial poisson exponential multivariate_normal beta gamma bytes".split()
)
_DEFERRED = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _is_draw(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.attr in DRAWS
    )


class _Hoist(ast.NodeTransformer):
    """Replaces the draws of one statement by names, collecting them in evaluation order."""

    def __init__(self, counter) -> None:
        self.counter, self.hoisted = counter, []

    def visit(self, node: ast.AST) -> ast.AST:
        if isinstance(node, _DEFERRED):  # evaluated later, or many times: left in place
            return node
        node = self.generic_visit(node)  # arguments are evaluated before the call itself
        if _is_draw(node):
            name = f"__draw_{next(self.counter)}"
            self.hoisted.append(ast.Assign([ast.Name(name, ast.Store())], node, lineno=0))
            return ast.Name(name, ast.Load())
        return node


def _hoist_draws(body: list[ast.stmt], counter) -> None:
    """Give every draw a statement of its own, just before the statement it was in.

    A draw inside an expected value (``check.gradient(f, hidden.normal(size=3), ...)``) is
    dropped with that value from the student form; the generator would then hand the student's
    code other numbers than the reference's. As a statement of its own, the draw stays whenever
    the generator is used again.
    """
    result = []
    for statement in body:
        for name in (*_BLOCKS, "handlers"):
            for block in [getattr(statement, name, None) or []]:
                if name == "handlers":
                    for handler in block:
                        _hoist_draws(handler.body, counter)
                elif not isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
                    _hoist_draws(block, counter)
        hoist = _Hoist(counter)
        for field in ("value", "test", "iter", "targets", "target"):
            part = getattr(statement, field, None)
            if isinstance(part, ast.AST):
                setattr(statement, field, hoist.visit(part))
            elif isinstance(part, list) and field == "targets":
                setattr(statement, field, [hoist.visit(t) for t in part])
        result.extend(hoist.hoisted)
        result.append(statement)
    body[:] = result


# ----------------------------------------------------------------------------------------------
# Pruning: keep what the reports need, drop what only the expected side needed


def _names(node: ast.AST, context: type) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, context)}


def _bound_here(node: ast.AST) -> set[str]:
    """Names ``node`` binds in the cell's own scope: not those bound inside a function, a class,
    a lambda or a comprehension, which are local to it."""
    found: set[str] = set()
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(child, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            continue
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
            found.add(child.id)
        found |= _bound_here(child)
    return found


def _changed(statement: ast.stmt) -> set[str]:
    """Names a simple statement binds or changes in place (``x[i] = ...``, ``x.append(...)``)."""
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {statement.name}  # what its body binds is its own
    changed = _bound_here(statement)
    if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        changed.add(statement.name)
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        changed |= {(a.asname or a.name).split(".")[0] for a in statement.names}
    if isinstance(statement, ast.Assign) and _is_draw(statement.value):
        changed.add(statement.value.func.value.id)  # a draw advances its generator
    targets: list[ast.expr] = []
    if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        targets = [statement.value.func]  # x.append(v), rng.shuffle(x): changes x or rng
        targets += list(statement.value.args)
    for target in targets:
        while isinstance(target, (ast.Attribute, ast.Subscript)):
            target = target.value
        if isinstance(target, ast.Name):
            changed.add(target.id)
    return changed


def _reads(statement: ast.stmt) -> set[str]:
    """Names a statement reads (a function's body counts: it may run later)."""
    return _names(statement, ast.Load)


def _is_report(statement: ast.stmt) -> bool:
    return REPORT in _names(statement, ast.Load)


_BLOCKS = ("body", "orelse", "finalbody")


def _simple_statements(body: list[ast.stmt]):
    for statement in body:
        blocks = [getattr(statement, name, None) for name in _BLOCKS]
        blocks += [h.body for h in getattr(statement, "handlers", [])]
        nested = [b for b in blocks if isinstance(b, list) and b]
        if nested and not isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            yield statement, True
            for block in nested:
                yield from _simple_statements(block)
        else:
            yield statement, False


def _calls_for_effect(body: list[ast.stmt]) -> set[int]:
    """Statements that call a function the cell did not define, for what the call does rather
    than for a value: ``add(A, B)`` alone, or ``result = add(A, B)`` inside a ``try`` (the test
    is whether it raises). They stay, whatever reads their result."""
    bound = {n.name for n in ast.walk(ast.Module(body=body, type_ignores=[]))
              if isinstance(n, (ast.FunctionDef, ast.ClassDef))}  # fmt: skip
    bound |= {n.id for n in ast.walk(ast.Module(body=body, type_ignores=[]))
              if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}  # fmt: skip

    def free_call(value: ast.expr | None) -> bool:
        return (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id not in bound
            and value.func.id not in dir(builtins)
        )

    found = {
        id(s) for s, _ in _simple_statements(body) if isinstance(s, ast.Expr) and free_call(s.value)
    }
    for node in ast.walk(ast.Module(body=body, type_ignores=[])):
        if isinstance(node, ast.Try):
            for s in node.body:
                if isinstance(s, (ast.Assign, ast.Expr)) and free_call(s.value):
                    found.add(id(s))
    return found


def _needed(body: list[ast.stmt]) -> set[int]:
    """The ids of the simple statements to keep: a fixpoint over the names they read."""
    simple = [s for s, compound in _simple_statements(body) if not compound]
    keep = {id(s) for s in simple if _is_report(s) or isinstance(s, (ast.Import, ast.ImportFrom))}
    keep |= _calls_for_effect(body)
    headers = [s for s, compound in _simple_statements(body) if compound]
    while True:
        needed: set[str] = set()
        for s in simple:
            if id(s) in keep:
                needed |= _reads(s)
        for header in headers:  # a loop or branch that stays needs what its header reads
            if _holds_kept(header, keep):
                needed |= _header_reads(header)
        grown = {id(s) for s in simple if _changed(s) & needed} | keep
        if grown == keep:
            return keep
        keep = grown


def _all_simple(statement: ast.stmt):
    return [s for s, compound in _simple_statements([statement]) if not compound]


def _holds_kept(header: ast.stmt, keep: set[int]) -> bool:
    return any(id(s) in keep for s in _all_simple(header))


def _header_parts(header: ast.stmt) -> list[ast.AST]:
    parts = [getattr(header, name) for name in ("test", "iter", "target") if hasattr(header, name)]
    parts += [item for item in getattr(header, "items", [])]
    return parts


def _header_reads(header: ast.stmt) -> set[str]:
    return set().union(*(_names(p, ast.Load) for p in _header_parts(header)))


def _prune(body: list[ast.stmt], keep: set[int] | None = None) -> None:
    """Remove, in place, every statement of ``body`` that is not needed."""
    if keep is None:
        keep = _needed(body)
    kept = []
    for statement in body:
        blocks = [name for name in _BLOCKS if getattr(statement, name, None)]
        handlers = getattr(statement, "handlers", [])
        if (blocks or handlers) and not isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
            if not _holds_kept(statement, keep):
                continue
            for name in blocks:
                _prune(getattr(statement, name), keep)
                if name == "body" and not statement.body:
                    statement.body = [ast.Pass()]
            for handler in handlers:
                _prune(handler.body, keep)
                handler.body = handler.body or [ast.Pass()]
            kept.append(statement)
        elif id(statement) in keep:
            kept.append(statement)
    body[:] = kept
