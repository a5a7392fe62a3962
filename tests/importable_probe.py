"""Run inside a sandboxed kernel by tests/test_package.py (not collected by pytest).

Given ``CALLS`` (graded function name -> list of (args, kwargs) it was called with) and the
reference functions themselves in ``REFERENCE``, try every callable importable from the
``demystify`` package the kernel sees on every recorded call, and report the (function,
candidate) pairs whose result equals the reference's: each is a reference answer that the
kernel could import.
"""

import copy
import importlib
import inspect
import pkgutil
import signal

import numpy as np

import demystify

SKIP_MODULES = {"demystify.data", "demystify.plots", "demystify.protocol", "demystify.check"}


def _candidates():
    found = {}
    names = ["demystify"] + [
        m.name for m in pkgutil.walk_packages(demystify.__path__, "demystify.")
    ]
    for name in names:
        if name in SKIP_MODULES:
            continue
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        for attr in dir(module):
            try:
                value = getattr(module, attr)
            except ImportError:  # a withheld answer behind a facade
                continue
            if callable(value) and not inspect.isclass(value):
                found.setdefault(f"{name}.{attr}", value)
    return found


def _same(a, b, lenient=False):
    """Equal numbers; with ``lenient``, objects that are not numbers (functions, generators)
    count as equal when their types are."""
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y, lenient) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k], lenient) for k in a)
    if a is None or b is None:
        return a is b
    try:
        x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return lenient and type(a) is type(b)
    return x.shape == y.shape and x.size > 0 and bool(np.allclose(x, y, equal_nan=True))


def _timeout(*_):
    raise TimeoutError


def _call(function, args, kwargs):
    signal.alarm(2)
    try:
        return True, function(*copy.deepcopy(args), **copy.deepcopy(kwargs))
    except BaseException:  # noqa: BLE001 (wrong arity, wrong types, too slow)
        return False, None
    finally:
        signal.alarm(0)


def _agrees(candidate, function, args, kwargs, want):
    ok, got = _call(candidate, args, kwargs)
    if not ok:
        return False
    if want is not None:
        return got is not None and _same(got, want)
    mine, theirs = copy.deepcopy((args, kwargs)), copy.deepcopy((args, kwargs))
    signal.alarm(2)
    try:
        function(*mine[0], **mine[1])
        candidate(*theirs[0], **theirs[1])
    except BaseException:  # noqa: BLE001
        return False
    finally:
        signal.alarm(0)
    left, right = list(mine[0]) + list(mine[1].values()), list(theirs[0]) + list(theirs[1].values())
    return _same(left, right, lenient=True)


def leaks(calls, reference):
    """(graded function, candidate) pairs that agree on every call the tests made."""
    signal.signal(signal.SIGALRM, _timeout)
    candidates = _candidates()
    found = []
    for function, examples in calls.items():
        wanted = [(a, k, _call(reference[function], a, k)) for a, k in examples]
        # Functions that return nothing (they change their arguments) are compared by the
        # arguments they leave behind.
        wanted = [(a, k, result) for a, k, (ok, result) in wanted if ok]
        if not wanted:
            continue
        for name, candidate in candidates.items():
            if all(_agrees(candidate, reference[function], a, k, want) for a, k, want in wanted):
                found.append([function, name])
    return found
