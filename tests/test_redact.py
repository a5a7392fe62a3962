"""autograder.redact: while lesson L is graded, demystify holds no answers to L or later."""

import importlib.util
import sys

import numpy as np
import pytest

from autograder.redact import redact_source, redacted_package


def load_copy(package, name):
    """Import ``package/<name>.py`` as a fresh module (the copy, not the installed package)."""
    spec = importlib.util.spec_from_file_location(f"copy_{name}", package / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def package_for(tmp_path):
    made = []

    def make(lesson):
        made.append(lesson)
        return redacted_package(lesson, tmp_path / f"{lesson}-{len(made)}")

    return make


def test_lesson_05_hides_activations_but_keeps_earlier_step(package_for):
    nn = load_copy(package_for("05_activations"), "nn")
    with pytest.raises(NotImplementedError, match="reference answer to lesson 05_activations"):
        nn.sigmoid(np.zeros(2))
    with pytest.raises(NotImplementedError):
        nn.relu_prime(np.zeros(2))
    np.testing.assert_array_equal(nn.step(np.array([-1.0, 0.0])), [0.0, 1.0])
    np.testing.assert_allclose(nn.softmax(np.zeros((1, 2))), [[0.5, 0.5]])


def test_lesson_06_may_use_lesson_05s_sigmoid(package_for):
    nn = load_copy(package_for("06_feedforward"), "nn")
    assert nn.sigmoid(np.array([0.0]))[0] == 0.5
    with pytest.raises(NotImplementedError):
        nn.softmax(np.zeros((1, 2)))
    with pytest.raises(NotImplementedError):
        nn.forward([], np.zeros((1, 2)))  # lesson 06's feedforward, hidden in 06 and in 10


def test_a_function_answering_several_lessons_is_hidden_in_each(package_for):
    for lesson in ("09_backpropagation", "10_mnist"):
        nn = load_copy(package_for(lesson), "nn")
        with pytest.raises(NotImplementedError):
            nn.backward([], [], np.zeros((1, 1)))
    nn = load_copy(package_for("09_backpropagation"), "nn")
    assert len(nn.init_params([2, 3], np.random.default_rng(0))) == 1  # lesson 10's, usable in 9


def test_lesson_01_hides_the_central_difference_only(package_for):
    package = package_for("01_derivatives")
    gradcheck = load_copy(package, "gradcheck")
    with pytest.raises(NotImplementedError):
        gradcheck.numerical_derivative(np.sin, 0.0)
    grad = gradcheck.numerical_gradient(lambda w: float(np.sum(w**2)), np.ones(2))
    np.testing.assert_allclose(grad, [2.0, 2.0])
    assert "numerical_derivative" in (package / "gradcheck.py").read_text()  # still importable


def test_docstrings_and_signatures_stay():
    source = 'TAUGHT_IN = {"f": "03_x"}\n\n\ndef f(a, b=1):\n    """Doc."""\n    return a + b\n'
    assert redact_source(source, "04_z", "m") == source  # another lesson's answer: available
    redacted = redact_source(source, "03_x", "m")
    assert 'def f(a, b=1):\n    """Doc."""\n    raise NotImplementedError(' in redacted
    assert "return a + b" not in redacted


def test_whole_module_can_be_taught_in_one_lesson():
    source = 'TAUGHT_IN = ["09_b", "10_m"]\n\n\ndef train(x):\n    return x\n'
    assert "raise NotImplementedError" in redact_source(source, "10_m", "m")
    assert "raise NotImplementedError" in redact_source(source, "09_b", "m")
    assert redact_source(source, "08_g", "m") == source


def test_redacted_package_still_imports_its_checks(package_for):
    package = package_for("09_backpropagation")
    sys.path.insert(0, str(package.parent))
    try:
        spec = importlib.util.spec_from_file_location(
            "demystify", package / "__init__.py", submodule_search_locations=[str(package)]
        )
        assert spec is not None
    finally:
        sys.path.remove(str(package.parent))
