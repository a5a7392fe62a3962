"""demystify.nn: the reference functions later lessons import, checked against independent maths."""

import warnings

import numpy as np
import pytest

from demystify import nn
from demystify.gradcheck import numerical_gradient, rel_error

rng = np.random.default_rng(0)  # fixed so failures reproduce


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


def test_backward_matches_numerical_gradient_of_forward():
    params = nn.init_params([3, 4, 2], rng)
    X, Y = rng.normal(size=(5, 3)), rng.uniform(size=(5, 2))
    out, caches = nn.forward(params, X)
    grads = nn.backward(params, caches, nn.mse_grad(out, Y))
    for layer, (dW, db) in enumerate(grads):
        W, b = params[layer]

        def loss_of_W(w, layer=layer):
            trial = list(params)
            trial[layer] = (w, trial[layer][1])
            return nn.mse(nn.forward(trial, X)[0], Y)

        def loss_of_b(v, layer=layer):
            trial = list(params)
            trial[layer] = (trial[layer][0], v)
            return nn.mse(nn.forward(trial, X)[0], Y)

        assert dW.shape == W.shape and db.shape == b.shape
        assert rel_error(dW, numerical_gradient(loss_of_W, W)) < 1e-6
        assert rel_error(db, numerical_gradient(loss_of_b, b)) < 1e-6


def test_sgd_step_goes_downhill():
    params = nn.init_params([2, 3, 1], rng)
    X, Y = rng.normal(size=(8, 2)), rng.uniform(size=(8, 1))
    out, caches = nn.forward(params, X)
    before = nn.mse(out, Y)
    new = nn.sgd_step(params, nn.backward(params, caches, nn.mse_grad(out, Y)), lr=0.5)
    assert nn.mse(nn.forward(new, X)[0], Y) < before


@pytest.mark.parametrize("function", [nn.sigmoid, nn.softmax, nn.sigmoid_prime])
def test_reference_functions_keep_their_inputs_float_dtype(function):
    z = np.array([[-1000.0, 0.0, 3.0]], dtype=np.float32)
    assert function(z).dtype == np.float32
    assert function(np.array([[1, 2, 3]])).dtype == np.float64
