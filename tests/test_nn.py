"""demystify.nn: the reference functions later lessons import, checked against independent maths."""

import warnings

import numpy as np
import pytest

from demystify import nn
from demystify.gradcheck import numerical_gradient, rel_error

rng = np.random.default_rng(0)  # fixed so failures reproduce
COSTS = [nn.CrossEntropy, nn.Quadratic]


def test_sigmoid_exact_and_silent_at_extremes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = nn.sigmoid(np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0]))
    np.testing.assert_allclose(
        values, [0.0, 1 / (1 + np.exp(30.0)), 0.5, 1 / (1 + np.exp(-30.0)), 1.0]
    )


@pytest.mark.parametrize(
    "f, df",
    [
        (nn.sigmoid, nn.sigmoid_prime),
        (np.tanh, nn.tanh_prime),
        (nn.relu, nn.relu_prime),
        (nn.leaky_relu, nn.leaky_relu_prime),
    ],
)
def test_activation_derivatives_match_numerical(f, df):
    z = rng.uniform(-3, 3, size=7)
    z = z[np.abs(z) > 1e-3]  # away from the kink of ReLU
    np.testing.assert_allclose(
        df(z), numerical_gradient(lambda v: float(np.sum(f(v))), z), rtol=1e-6
    )


def test_softmax_rows_sum_to_one_and_ignore_shifts():
    Z = rng.normal(size=(4, 5))
    P = nn.softmax(Z)
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_allclose(nn.softmax(Z + 1000.0), P)


def test_losses_gradients_match_numerical():
    Y_hat = rng.uniform(0.1, 0.9, size=(3, 4))
    Y = nn.one_hot(np.array([0, 3, 1]), 4)
    for loss, grad in ((nn.mse, nn.mse_grad), (nn.cross_entropy, nn.cross_entropy_grad)):
        numeric = numerical_gradient(lambda p, loss=loss: loss(p, Y), Y_hat)
        assert rel_error(grad(Y_hat, Y), numeric) < 1e-6
    Z = rng.normal(size=(3, 4))
    numeric = numerical_gradient(lambda z: nn.cross_entropy(nn.softmax(z), Y), Z)
    assert rel_error(nn.softmax_cross_entropy_grad(Z, Y), numeric) < 1e-6


def test_cross_entropy_finite_at_zero_probability():
    Y = np.array([[1.0, 0.0]])
    assert np.isfinite(nn.cross_entropy(np.array([[0.0, 1.0]]), Y))
    assert nn.cross_entropy(np.array([[1.0, 0.0]]), Y) == 0.0


def network(sizes, seed=0):
    """A random network of the layer widths ``sizes``, with biases that are not zero."""
    r = np.random.default_rng(seed)
    return [(W, r.normal(scale=0.5, size=b.shape)) for W, b in nn.init_params(sizes, r)]


@pytest.mark.parametrize("cost", COSTS)
def test_costs_delta_is_the_gradient_of_the_value_through_the_output(cost):
    """Each cost's delta is dC/dZ of value(output(Z), Y), for one-hot and for soft targets."""
    Z = rng.normal(scale=2.0, size=(5, 4))
    for Y in (nn.one_hot(np.array([0, 3, 1, 1, 2]), 4), rng.dirichlet(np.ones(4), size=5)):
        numeric = numerical_gradient(lambda z, Y=Y: cost.value(cost.output(z), Y), Z)
        assert rel_error(cost.delta(cost.output(Z), Y), numeric) < 1e-6


def test_costs_are_the_lessons_functions():
    A, Y = rng.uniform(0.1, 0.9, size=(3, 2)), rng.uniform(size=(3, 2))
    assert nn.CrossEntropy.output is nn.softmax and nn.Quadratic.output is nn.sigmoid
    assert nn.CrossEntropy.value(A, Y) == nn.cross_entropy(A, Y)
    assert nn.Quadratic.value(A, Y) == nn.mse(A, Y)
    Z = rng.normal(size=(3, 2))
    np.testing.assert_allclose(
        nn.CrossEntropy.delta(nn.softmax(Z), Y), nn.softmax_cross_entropy_grad(Z, Y)
    )


def test_forward_is_lesson_6s_feedforward_and_keeps_every_activation():
    params = network([4, 3, 5, 2])
    X = rng.normal(size=(6, 4))
    activations = nn.forward(params, X)
    assert len(activations) == 4 and activations[0] is X
    A = X
    for (W, b), A_l in zip(params, activations[1:], strict=True):
        A = 1 / (1 + np.exp(-(A @ W + b)))
        np.testing.assert_allclose(A_l, A, rtol=1e-12)
    P = nn.forward(params, X, nn.softmax)[-1]
    Z = activations[2] @ params[2][0] + params[2][1]
    np.testing.assert_allclose(P, np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True), rtol=1e-12)


@pytest.mark.parametrize("cost", COSTS)
@pytest.mark.parametrize("sizes, N", [([3, 4, 2], 5), ([2, 5, 3, 4], 1), ([3, 2], 4)])
def test_backward_matches_numerical_gradients_of_the_cost(cost, sizes, N):
    params = network(sizes, seed=len(sizes) + N)
    X = rng.normal(size=(N, sizes[0]))
    Y = nn.one_hot(rng.integers(0, sizes[-1], size=N), sizes[-1])
    grads = nn.backward(params, nn.forward(params, X, cost.output), Y, cost)
    assert len(grads) == len(params)
    for layer, ((W, b), (dW, db)) in enumerate(zip(params, grads, strict=True)):
        for k, value, analytic in ((0, W, dW), (1, b, db)):

            def cost_of(v, layer=layer, k=k):
                trial = [list(pair) for pair in params]
                trial[layer][k] = v
                return cost.value(nn.forward(trial, X, cost.output)[-1], Y)

            assert analytic.shape == value.shape
            assert rel_error(analytic, numerical_gradient(cost_of, value)) < 1e-6


def test_gradients_is_forward_then_backward():
    params, X = network([3, 4, 2]), rng.normal(size=(5, 3))
    Y = nn.one_hot(np.array([0, 1, 1, 0, 1]), 2)
    activations = nn.forward(params, X, nn.CrossEntropy.output)
    expected = nn.backward(params, activations, Y, nn.CrossEntropy)
    for mine, theirs in zip(nn.gradients(params, X, Y, nn.CrossEntropy), expected, strict=True):
        np.testing.assert_array_equal(mine[0], theirs[0])
        np.testing.assert_array_equal(mine[1], theirs[1])


def test_sgd_step_goes_downhill_in_place():
    params = network([2, 3, 1])
    arrays = [array for pair in params for array in pair]
    before = [array.copy() for array in arrays]
    X, Y = rng.normal(size=(8, 2)), rng.uniform(size=(8, 1))
    grads = nn.gradients(params, X, Y, nn.Quadratic)
    cost_before = nn.mse(nn.forward(params, X)[-1], Y)
    assert nn.sgd_step(params, grads, lr=0.5) is None
    assert [array for pair in params for array in pair] == arrays  # the same arrays, changed
    for array, old, grad in zip(arrays, before, [g for pair in grads for g in pair], strict=True):
        np.testing.assert_allclose(array, old - 0.5 * grad)
    assert nn.mse(nn.forward(params, X)[-1], Y) < cost_before


def test_init_params_shapes_scale_and_draws():
    params = nn.init_params([784, 128, 10], np.random.default_rng(1))
    assert [(W.shape, b.shape) for W, b in params] == [((784, 128), (128,)), ((128, 10), (10,))]
    (W1, b1), (W2, b2) = params
    assert W1.std() == pytest.approx(1 / np.sqrt(784), rel=0.02)
    assert W2.std() == pytest.approx(1 / np.sqrt(128), rel=0.1)
    assert not b1.any() and not b2.any()
    draws = np.random.default_rng(1)
    np.testing.assert_array_equal(W1, draws.normal(0.0, 1 / 28, size=(784, 128)))
    np.testing.assert_array_equal(W2, draws.normal(0.0, 1 / np.sqrt(128), size=(128, 10)))
    float32 = nn.init_params([784, 128, 10], np.random.default_rng(1), dtype=np.float32)
    assert all(a.dtype == np.float32 for pair in float32 for a in pair)
    np.testing.assert_array_equal(float32[0][0], W1.astype(np.float32))


@pytest.mark.parametrize("cost", COSTS)
def test_float32_stays_float32_through_the_network(cost):
    params = nn.init_params([6, 5, 4, 3], np.random.default_rng(2), dtype=np.float32)
    X = rng.normal(size=(7, 6)).astype(np.float32)
    Y = np.eye(3, dtype=np.float32)[rng.integers(0, 3, size=7)]
    activations = nn.forward(params, X, cost.output)
    assert all(A.dtype == np.float32 for A in activations)
    grads = nn.backward(params, activations, Y, cost)
    assert all(g.dtype == np.float32 for pair in grads for g in pair)
    assert cost.delta(activations[-1], Y).dtype == np.float32
    nn.sgd_step(params, grads, 0.1)
    assert all(a.dtype == np.float32 for pair in params for a in pair)


@pytest.mark.parametrize("function", [nn.sigmoid, nn.softmax, nn.sigmoid_prime])
def test_reference_functions_keep_their_inputs_float_dtype(function):
    z = np.array([[-1000.0, 0.0, 3.0]], dtype=np.float32)
    assert function(z).dtype == np.float32
    assert function(np.array([[1, 2, 3]])).dtype == np.float64
