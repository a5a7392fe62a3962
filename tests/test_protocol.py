"""demystify.protocol: every value survives the trip from kernel to grader, and junk is refused."""

import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from demystify import protocol
from demystify.protocol import ProtocolError, Record, decode, encode


def trip(value):
    return decode(json.loads(json.dumps(encode(value), allow_nan=False)))


@pytest.mark.parametrize(
    "value",
    [None, True, False, 0, -7, 2**80, 1.5, -0.0, "text", [1, [2.5, "a"]], (1, 2), [], ()],
)
def test_plain_values_round_trip(value):
    got = trip(value)
    assert got == value and type(got) is type(value)
    if isinstance(value, float):
        assert math.copysign(1, got) == math.copysign(1, value)  # -0.0 keeps its sign


def test_non_finite_floats_round_trip_as_tagged_strings():
    assert math.isnan(trip(float("nan")))
    assert trip(float("inf")) == math.inf and trip(-math.inf) == -math.inf
    assert json.dumps(encode(float("nan")), allow_nan=False)  # valid JSON, no NaN literal


@given(
    hnp.arrays(
        dtype=st.sampled_from([np.float64, np.float32, np.int64, np.bool_]),
        shape=hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4),
    )
)
def test_arrays_round_trip_with_shape_and_dtype(array):
    got = trip(array)
    assert got.shape == array.shape and got.dtype == array.dtype
    assert np.array_equal(got, array, equal_nan=array.dtype.kind == "f")


def test_objects_are_named_not_run():
    class Sneaky:
        def __repr__(self):
            raise RuntimeError("never called")

    assert trip(Sneaky()) == protocol.Opaque("Sneaky")


@pytest.mark.parametrize(
    "junk",
    [
        {"float": "1e999999"},
        {"int": "1" * 5000},
        {"array": {"dtype": "O", "shape": [1], "base64": "AAAAAAAAAAA="}},
        {"array": {"dtype": "f8", "shape": [2], "base64": "AAAAAAAAAAA="}},
        {"array": {"dtype": "f8", "shape": [-1], "base64": ""}},
        {"array": {"dtype": "f8", "shape": [1], "base64": "not base64!"}},
        {"array": {"dtype": "f8", "shape": [1], "data": [1.0]}},
        {"a": 1, "b": 2},
        {"tuple": "no"},
        {"array": {"dtype": "f8", "shape": [90_000] + [10**12] * 30, "base64": ""}},
        {"array": {"dtype": "f8", "shape": [True], "base64": "AAAAAAAAAAA="}},
    ],
)
def test_malformed_values_are_refused(junk):
    with pytest.raises(ProtocolError):
        decode(junk)


def test_deep_nesting_is_refused_not_recursed():
    deep = []
    for _ in range(100):
        deep = [deep]
    assert decode(encode(deep)) is not None  # encode stops at MAX_DEPTH
    with pytest.raises(ProtocolError):
        decode(json.loads("[" * 50 + "]" * 50))


def test_a_record_round_trips_through_a_drain():
    protocol.drain()
    protocol.record(Record("close", np.array([1.0]), "f(x)", np.array([2.0]), {"rtol": 1e-5}))
    protocol.hidden_tests(True)
    protocol.record(Record("equal", 3))
    shown = json.loads(json.dumps(protocol.drain()._repr_json_()))
    first, second = protocol.records_from_json(shown)
    assert first.what == "f(x)" and first.params == {"rtol": 1e-5} and not first.hidden
    assert np.array_equal(first.expected, [2.0])
    assert second.value == 3 and second.hidden
    assert protocol.records_from_json(protocol.drain()._repr_json_()) == []


@pytest.mark.parametrize(
    "drain",
    [
        None,
        [],
        {"version": 99, "records": []},
        {"version": 1, "records": [{"kind": "evil"}]},
        {"version": 1, "records": [{"kind": [], "value": None}]},
        {"version": 1, "records": [{"kind": "close", "params": {"rtol": 10**400}}]},
    ],
)
def test_malformed_drains_are_refused(drain):
    with pytest.raises(ProtocolError):
        protocol.records_from_json(drain)


def test_report_records_only_the_value_under_test():
    protocol.drain()
    assert protocol.report("shape", np.zeros((2, 3))) is None
    result = protocol.report("no_warnings", np.exp, np.array([1000.0]))
    assert np.isinf(result[0])
    shape, warned = protocol.records_from_json(protocol.drain()._repr_json_())
    assert shape.value == (2, 3) and shape.expected is None and shape.what == ""
    assert warned.kind == "no_warnings" and warned.value is False


def test_report_refuses_unknown_kinds():
    with pytest.raises(ProtocolError):
        protocol.report("anything", 1)
