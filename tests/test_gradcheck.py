"""demystify.gradcheck: numerical derivatives and the relative error."""

import numpy as np

from demystify.gradcheck import numerical_derivative, numerical_gradient, rel_error


def test_numerical_derivative_of_known_functions():
    assert abs(numerical_derivative(np.sin, 0.3) - np.cos(0.3)) < 1e-9
    assert abs(numerical_derivative(lambda x: x**3, 2.0) - 12.0) < 1e-8


def test_numerical_gradient_matches_analytic_and_keeps_input():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    x = np.array([[0.5, -1.0], [2.0, 0.25]])
    before = x.copy()
    grad = numerical_gradient(lambda w: float(np.sum(A * w**2)), x)
    np.testing.assert_allclose(grad, 2 * A * x, rtol=1e-7)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_of_float32_input_is_float64_accurate():
    x = np.array([1.5, -0.5], dtype=np.float32)
    grad = numerical_gradient(lambda w: float(np.sum(np.exp(w))), x)
    assert grad.dtype == np.float64
    np.testing.assert_allclose(grad, np.exp(x.astype(float)), rtol=1e-7)


def test_rel_error_scale_free_and_safe_at_zero():
    assert rel_error(0.0, 0.0) == 0.0
    assert rel_error(1e-4, 2e-4) > 0.3  # a small absolute difference can be a large mistake
    assert rel_error(1000.0, 1000.001) < 1e-6
    assert rel_error(np.array([1.0, 2.0]), np.array([1.0, 2.2])) > 0.04
