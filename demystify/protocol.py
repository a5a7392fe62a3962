"""The contract between a student's kernel and the course's grader: one module both sides import.

The grader never trusts the kernel. In a graded run the kernel only *reports* values: each check
in a test cell is rewritten (by ``autograder.rewrite``) into a call of :func:`report`, which
records the value under test and nothing else. The expected side of each check runs only in the
reference solution's run. The grader decodes both runs' records here and judges them in
``autograder.verdict``.

What is defined here, and nowhere else:

- the check kinds (:data:`KINDS`) and which argument of each check is the value under test;
- :class:`Record`, what one check leaves behind, with its JSON form (:meth:`Record.to_json`,
  :meth:`Record.from_json`);
- the encoding of values (:func:`encode`, :func:`decode`): numbers, ``nan``, ``inf``, ``-0.0``,
  booleans, integers, strings, nested lists and tuples, and numpy arrays of any shape (empty
  ones included) with their dtype, as base64 of their bytes;
- how records leave the kernel: the grader evaluates :data:`DRAIN_EXPRESSION` after each test
  cell, and the kernel answers with an ``application/json`` display of :class:`Drain`;
- the environment variables the grader sets in the kernel.

Nothing here imports the rest of the course, so the grader can load it without running any
lesson code.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# Environment variables the grader sets in the kernel.
SEED_VARIABLE = "DEMYSTIFY_GRADING_SEED"  # seeds check.hidden_rng
OFFLINE_VARIABLE = (
    "DEMYSTIFY_OFFLINE"  # graded notebooks use the data that installs with the course
)

# The MIME type of the drained records, and the expression that drains them.
MIME = "application/json"
DRAIN_EXPRESSION = "__import__('demystify.protocol', fromlist=['drain']).drain()"
VERSION = 1

# Check kinds, and the position of the value under test among each check's arguments. The
# rewriter keeps that argument alone; everything else (expected values, tolerances, hints,
# named mistakes) is the reference side's.
KINDS = {
    "close": 0,
    "equal": 0,
    "shape": 0,
    "true": 0,
    "at_least": 0,
    "gradient": 2,  # check.gradient(f, x, analytic, what): f and x serve the numerical side
    "no_warnings": None,  # check.no_warnings(function, *args, what=...): the call is under test
}
# Kinds whose value is observed inside the kernel (a condition, "numpy warned") rather than
# computed by the student's function, so a kernel that is subverted can report them falsely.
# No graded cell rests on them alone (tests/test_rewrite.py).
OBSERVED_KINDS = frozenset({"true", "no_warnings"})

MAX_TEXT = 200  # characters kept of any text a record carries
ARRAY_DTYPES = ("b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8")
MAX_DEPTH = 20  # nesting of lists and tuples


class ProtocolError(ValueError):
    """Records that do not follow this contract (malformed, too deep, of an unknown kind)."""


# ----------------------------------------------------------------------------------------------
# Values


def _float(x: float) -> Any:
    """A float as JSON allows it: a number, or a tagged string for nan, inf and -inf."""
    return x if math.isfinite(x) else {"float": repr(float(x))}


def encode(value: Any, depth: int = 0) -> Any:
    """A JSON-safe form of ``value`` that :func:`decode` turns back into an equal value."""
    if depth > MAX_DEPTH:
        return {"repr": "(nested too deeply)"}
    if value is None or isinstance(value, (bool, np.bool_)):
        return None if value is None else bool(value)
    if isinstance(value, (int, np.integer)):
        return {"int": str(int(value))}  # any size; JSON numbers lose integers past 2**53
    if isinstance(value, (float, np.floating)):
        return _float(float(value))
    if isinstance(value, str):
        return value[:MAX_TEXT]
    if isinstance(value, (list, tuple)):
        items = [encode(v, depth + 1) for v in value]
        return items if isinstance(value, list) else {"tuple": items}
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf" and value.dtype.itemsize <= 8:
        return _encode_array(value)
    return {"repr": f"{type(value).__name__}"[:MAX_TEXT]}


def _encode_array(array: np.ndarray) -> dict:
    """An array as its dtype, shape and little-endian bytes in base64 (about 11 characters per
    float64, where JSON numbers take 20: lesson 10's weight matrices are hundreds of KB)."""
    dtype = array.dtype.newbyteorder("<") if array.dtype.kind != "b" else np.dtype(bool)
    raw = np.ascontiguousarray(array, dtype=dtype).tobytes()
    return {
        "array": {
            "dtype": dtype.str[1:],
            "shape": list(array.shape),
            "base64": base64.b64encode(raw).decode("ascii"),
        }
    }


def decode(value: Any, depth: int = 0) -> Any:
    """The value :func:`encode` encoded; raises :class:`ProtocolError` on anything else."""
    if depth > MAX_DEPTH + 1:  # encode() stops one level deeper, with a placeholder
        raise ProtocolError("values nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, int):
        return float(value)  # a JSON number that happens to be whole (from another encoder)
    if isinstance(value, list):
        return [decode(v, depth + 1) for v in value]
    if isinstance(value, dict) and len(value) == 1:
        ((tag, inner),) = value.items()
        if tag == "float" and inner in ("nan", "inf", "-inf"):
            return float(inner)
        if tag == "int" and isinstance(inner, str) and len(inner) <= 400:
            try:
                return int(inner)
            except ValueError:
                pass
        if tag == "tuple" and isinstance(inner, list):
            return tuple(decode(v, depth + 1) for v in inner)
        if tag == "array" and isinstance(inner, dict):
            return _decode_array(inner)
        if tag == "repr" and isinstance(inner, str):
            return Opaque(inner[:MAX_TEXT])
    raise ProtocolError(f"not an encoded value: {str(value)[:80]}")


@dataclass(frozen=True)
class Opaque:
    """A value the kernel could not encode (a function, an object): only its type's name."""

    type_name: str


def _decode_array(inner: dict) -> np.ndarray:
    dtype, shape, data = inner.get("dtype"), inner.get("shape"), inner.get("base64")
    if not (isinstance(dtype, str) and dtype in ARRAY_DTYPES):
        raise ProtocolError(f"not an array dtype: {str(dtype)[:20]}")
    if not (isinstance(shape, list) and len(shape) <= 32):
        raise ProtocolError("an array's shape is not a list of sizes")
    if not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= 2**40 for n in shape):
        raise ProtocolError("an array's shape is not a list of sizes")
    if not isinstance(data, str):
        raise ProtocolError("an array's data is not text")
    try:
        raw = base64.b64decode(data, validate=True)
    except ValueError:
        raise ProtocolError("an array's data is not base64") from None
    itemsize = np.dtype(dtype).itemsize
    size = 0 if 0 in shape else 1
    for n in shape if size else []:  # checked as it goes: huge sizes are refused, not multiplied
        size *= n
        if size * itemsize > len(raw):
            raise ProtocolError("an array's data does not fill its shape")
    if size * itemsize != len(raw):
        raise ProtocolError("an array's data does not fill its shape")
    return np.frombuffer(raw, dtype=np.dtype("<" + dtype if dtype != "b1" else "?")).reshape(shape)


# ----------------------------------------------------------------------------------------------
# Records


@dataclass
class Record:
    """What one check left behind.

    In the student's graded run only ``kind`` and ``value`` are filled in. In the reference run
    (and in a student's own run of the visible checks) the check also records the reference
    side: its description, expected value, tolerances, hint and the wrong answers of named
    mistakes. ``hidden`` marks checks from a cell's hidden tests.
    """

    kind: str
    value: Any = None
    what: str = ""
    expected: Any = None
    params: dict[str, float] = field(default_factory=dict)
    hint: str = ""
    mistakes: dict[str, Any] = field(default_factory=dict)
    hidden: bool = False

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "value": encode(self.value),
            "what": str(self.what)[:MAX_TEXT],
            "expected": encode(self.expected),
            "params": {k: float(v) for k, v in self.params.items()},
            "hint": str(self.hint or "")[: 4 * MAX_TEXT],
            "mistakes": {str(k)[:MAX_TEXT]: encode(v) for k, v in self.mistakes.items()},
            "hidden": bool(self.hidden),
        }

    @classmethod
    def from_json(cls, data: Any) -> Record:
        """A record from its JSON form; raises :class:`ProtocolError` if it is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
            raise ProtocolError("not a check record")
        if data["kind"] not in KINDS:
            raise ProtocolError("not a check record")
        params = data.get("params", {})
        mistakes = data.get("mistakes", {})
        if not isinstance(params, dict) or not isinstance(mistakes, dict):
            raise ProtocolError("a record's params or mistakes are not a mapping")
        try:
            floats = {str(k): float(v) for k, v in params.items()}
        except (TypeError, ValueError):
            raise ProtocolError("a record's tolerance is not a number") from None
        return cls(
            kind=data["kind"],
            value=decode(data.get("value")),
            what=str(data.get("what", ""))[:MAX_TEXT],
            expected=decode(data.get("expected")),
            params=floats,
            hint=str(data.get("hint", ""))[: 4 * MAX_TEXT],
            mistakes={str(k): decode(v) for k, v in mistakes.items()},
            hidden=bool(data.get("hidden", False)),
        )


def records_from_json(data: Any) -> list[Record]:
    """The records of one :class:`Drain` display; raises :class:`ProtocolError` (and nothing
    else) if they are malformed in any way."""
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ProtocolError("not a drain of this protocol's version")
    records = data.get("records")
    if not isinstance(records, list):
        raise ProtocolError("the drain holds no list of records")
    try:
        return [Record.from_json(r) for r in records]
    except ProtocolError:
        raise
    except Exception as error:  # noqa: BLE001 (unhashable kinds, huge numbers, anything)
        raise ProtocolError(f"malformed records ({type(error).__name__})") from None


# ----------------------------------------------------------------------------------------------
# The kernel's side: recording, and draining to the grader

_records: list[dict] = []
_hidden = False


def record(entry: Record) -> None:
    """Keep ``entry`` until the grader drains it (marked hidden inside a hidden-tests block).

    It is encoded now: a list or array the cell changes afterwards is recorded as it was when
    the check saw it.
    """
    entry.hidden = entry.hidden or _hidden
    _records.append(entry.to_json())


def hidden_tests(on: bool) -> None:
    """The grader's reference run calls this where a cell's hidden tests begin and end."""
    global _hidden
    _hidden = bool(on)


class Drain:
    """Every record since the last drain, displayed as ``application/json``."""

    def __init__(self, records: list[Record | dict]):
        encoded = [r.to_json() if isinstance(r, Record) else r for r in records]
        self.data = {"version": VERSION, "records": encoded}

    def _repr_json_(self) -> dict:
        return self.data

    def __repr__(self) -> str:
        return f"<{len(self.data['records'])} check records>"


def drain() -> Drain:
    """Hand every record made since the last drain to the grader, and forget them."""
    global _hidden
    taken = list(_records)
    _records.clear()
    _hidden = False
    return Drain(taken)


def report(kind: str, *actual: Any) -> Any:
    """The whole of a check in a graded run: record the value under test, and nothing else.

    ``report("close", value)`` records ``value``; ``report("no_warnings", function, *args)``
    calls ``function(*args)``, records whether numpy warned, and returns the result, as
    ``check.no_warnings`` does.
    """
    if kind not in KINDS:
        raise ProtocolError(f"unknown check kind {kind!r}")
    if kind == "no_warnings":
        from demystify.check import call_without_warnings

        result, warned = call_without_warnings(actual[0], *actual[1:])
        record(Record(kind, not warned))
        return result
    (value,) = actual
    record(Record(kind, value_for(kind, value)))
    return None


def value_for(kind: str, actual: Any) -> Any:
    """What a check of ``kind`` records of ``actual``: its shape, truth, or the value itself."""
    if kind == "shape":
        return None if actual is None else tuple(int(n) for n in np.shape(actual))
    if kind == "true":
        return bool(actual)
    if isinstance(actual, np.ndarray) or isinstance(actual, (list, tuple)):
        return actual
    if isinstance(actual, (bool, np.bool_, int, float, np.number, str)) or actual is None:
        return actual
    try:  # an array-like object: record what numpy makes of it
        return np.asarray(actual)
    except Exception:  # noqa: BLE001 (anything may happen in a student's __array__)
        return actual
