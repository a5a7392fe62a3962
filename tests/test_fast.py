"""demystify.fast: the fast reference network, against numerical gradients and demystify.nn."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from demystify import fast, nn
from demystify.gradcheck import numerical_gradient, rel_error

rng = np.random.default_rng(0)  # fixed so failures reproduce


def small_network(D=5, H=4, K=3, N=6, dtype=np.float64, seed=0):
    """A random D-H-K network (biases not zero), a batch X and one-hot targets Y."""
    r = np.random.default_rng(seed)
    params = {
        "W1": r.normal(size=(D, H)).astype(dtype),
        "b1": r.normal(size=H).astype(dtype),
        "W2": r.normal(size=(H, K)).astype(dtype),
        "b2": r.normal(size=K).astype(dtype),
    }
    X = r.normal(size=(N, D)).astype(dtype)
    Y = np.eye(K, dtype=dtype)[r.integers(0, K, size=N)]
    return params, X, Y


def mean_loss(params, X, Y, loss):
    _, A2 = fast.forward(params, X, loss)
    return fast.loss_value(A2, Y, loss)


@pytest.mark.parametrize("loss", fast.LOSSES)
@pytest.mark.parametrize("N", [1, 6])
def test_gradients_match_numerical(loss, N):
    params, X, Y = small_network(N=N)
    grads = fast.gradients(params, X, Y, loss)
    for name, value in params.items():

        def f(v, name=name):
            return mean_loss({**params, name: v}, X, Y, loss)

        assert grads[name].shape == value.shape
        assert rel_error(grads[name], numerical_gradient(f, value)) < 1e-6, name


def test_forward_matches_nn():
    params, X, _ = small_network()
    A1, P = fast.forward(params, X)
    np.testing.assert_allclose(A1, nn.sigmoid(X @ params["W1"] + params["b1"]), rtol=1e-12)
    np.testing.assert_allclose(P, nn.softmax(A1 @ params["W2"] + params["b2"]), rtol=1e-12)
    nn_out, _ = nn.forward([(params["W1"], params["b1"]), (params["W2"], params["b2"])], X)
    np.testing.assert_allclose(fast.forward(params, X, "mse")[1], nn_out, rtol=1e-12)


def test_backward_matches_nn_for_sigmoid_and_mse():
    """With sigmoid outputs and the MSE, fast.backward is demystify.nn's backward(mse_grad)."""
    params, X, Y = small_network(N=7)
    layers = [(params["W1"], params["b1"]), (params["W2"], params["b2"])]
    out, caches = nn.forward(layers, X)
    (dW1, db1), (dW2, db2) = nn.backward(layers, caches, nn.mse_grad(out, Y))
    A1, A2 = fast.forward(params, X, "mse")
    grads = fast.backward(params, X, A1, A2, Y, "mse")
    for mine, theirs in zip(
        (grads["W1"], grads["b1"], grads["W2"], grads["b2"]), (dW1, db1, dW2, db2), strict=True
    ):
        np.testing.assert_allclose(mine, theirs, rtol=1e-10, atol=1e-14)
    assert fast.loss_value(A2, Y, "mse") == pytest.approx(nn.mse(out, Y))


def test_backward_matches_nn_for_softmax_and_cross_entropy():
    params, X, Y = small_network(N=7)
    A1, P = fast.forward(params, X)
    dZ2 = nn.softmax_cross_entropy_grad(A1 @ params["W2"] + params["b2"], Y)
    grads = fast.backward(params, X, A1, P, Y)
    np.testing.assert_allclose(grads["W2"], A1.T @ dZ2, rtol=1e-10)
    np.testing.assert_allclose(grads["b2"], dZ2.sum(axis=0), rtol=1e-10, atol=1e-15)
    assert fast.loss_value(P, Y) == pytest.approx(nn.cross_entropy(P, Y))


def test_sigmoid_and_softmax_are_stable_in_float32():
    z = np.array([-1000.0, -90.0, 0.0, 90.0, 1000.0], dtype=np.float32)
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        s = fast.sigmoid(z)
        P = fast.softmax(np.array([[1000.0, 999.0], [-1000.0, -1001.0]], dtype=np.float32))
    assert s.dtype == np.float32 and P.dtype == np.float32
    np.testing.assert_allclose(s, nn.sigmoid(z.astype(float)), atol=1e-7)
    np.testing.assert_allclose(P, nn.softmax(np.array([[1.0, 0.0], [1.0, 0.0]])), rtol=1e-6)


def test_init_params_shapes_dtype_and_scale():
    params = fast.init_params(784, 128, 10, np.random.default_rng(1))
    assert {k: v.shape for k, v in params.items()} == {
        "W1": (784, 128),
        "b1": (128,),
        "W2": (128, 10),
        "b2": (10,),
    }
    assert all(v.dtype == np.float32 for v in params.values())
    assert params["W1"].std() == pytest.approx(1 / np.sqrt(784), rel=0.02)
    assert params["W2"].std() == pytest.approx(1 / np.sqrt(128), rel=0.1)
    assert not params["b1"].any() and not params["b2"].any()


def test_sgd_step_updates_in_place():
    params, X, Y = small_network()
    W1, before = params["W1"], params["W1"].copy()
    grads = fast.gradients(params, X, Y)
    fast.sgd_step(params, grads, 0.3)
    assert params["W1"] is W1
    np.testing.assert_allclose(W1, before - 0.3 * grads["W1"])


def plain_epoch(params, X, y, lr, batch_size, epoch_rng, loss):
    """The epoch written with the plain functions: the definition the Trainer must match."""
    Y = np.eye(params["b2"].shape[0], dtype=X.dtype)[y]
    order = epoch_rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        batch = order[start : start + batch_size]
        fast.sgd_step(params, fast.gradients(params, X[batch], Y[batch], loss), lr)


@pytest.mark.parametrize("loss", fast.LOSSES)
@pytest.mark.parametrize("dtype, tolerance", [(np.float64, 1e-10), (np.float32, 2e-4)])
def test_trainer_matches_the_plain_epoch(loss, dtype, tolerance):
    """Same shuffles, same batches (the last one shorter), same parameters after two epochs."""
    params, _, _ = small_network(D=12, H=7, K=4, dtype=dtype, seed=3)
    r = np.random.default_rng(4)
    X = r.random((23, 12)).astype(dtype)
    y = r.integers(0, 4, size=23)
    fast_params = {name: value.copy() for name, value in params.items()}
    trainer = fast.Trainer(fast_params, batch_size=5, loss=loss)
    fast_rng, plain_rng = np.random.default_rng(5), np.random.default_rng(5)
    for _ in range(2):
        trainer.train_epoch(X, y, 0.7, fast_rng)
        plain_epoch(params, X, y, 0.7, 5, plain_rng, loss)
    for name in params:
        assert fast_params[name].dtype == dtype
        np.testing.assert_allclose(fast_params[name], params[name], rtol=tolerance, atol=tolerance)


def test_train_epoch_function_is_the_trainer():
    params, _, _ = small_network(D=12, H=7, K=4, seed=6)
    X, y = np.random.default_rng(7).random((20, 12)), np.arange(20) % 4
    copy = {name: value.copy() for name, value in params.items()}
    returned = fast.train_epoch(params, X, y, 0.5, 8, np.random.default_rng(8))
    fast.Trainer(copy, 8).train_epoch(X, y, 0.5, np.random.default_rng(8))
    assert returned is params
    for name in params:
        np.testing.assert_array_equal(params[name], copy[name])


def test_predict_and_evaluate():
    params, X, Y = small_network(N=30, K=4, seed=9)
    y = np.argmax(Y, axis=1)
    _, P = fast.forward(params, X)
    np.testing.assert_array_equal(fast.predict(params, X), np.argmax(P, axis=1))
    loss, accuracy = fast.evaluate(params, X, y, chunk=7)
    assert loss == pytest.approx(nn.cross_entropy(P, Y))
    assert accuracy == pytest.approx(np.mean(np.argmax(P, axis=1) == y))


def test_costs_are_objects_with_a_value_and_an_error():
    """Nielsen's cost classes: each cost names its output activation, value and delta."""
    params, X, Y = small_network(K=4, seed=11)
    for cost in (fast.CrossEntropy, fast.Quadratic):
        A1, A2 = fast.forward(params, X, cost)
        assert fast.cost_of(cost.name) is cost
        by_name = fast.gradients(params, X, Y, cost.name)
        for name, grad in fast.gradients(params, X, Y, cost).items():
            np.testing.assert_array_equal(grad, by_name[name])
        assert fast.loss_value(A2, Y, cost) == cost.value(A2, Y)


def test_unknown_loss_is_refused():
    params, X, Y = small_network()
    with pytest.raises(ValueError, match="loss must be one of"):
        fast.gradients(params, X, Y, loss="hinge")


def test_one_blas_thread_limits_blas():
    with fast.one_blas_thread():
        blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
        assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_trainer_learns_real_digits(tmp_path):
    """A few fast epochs on 2,000 of the offline digits read most of 1,000 others."""
    from demystify.data import load_mnist

    X, y, X_test, y_test = load_mnist(tmp_path, offline=True, verbose=False)
    params = fast.init_params(rng=np.random.default_rng(0))
    trainer = fast.Trainer(params, batch_size=32)
    epoch_rng = np.random.default_rng(0)
    for _ in range(5):
        trainer.train_epoch(X[:2000], y[:2000], 0.5, epoch_rng)
    loss, accuracy = fast.evaluate(params, X_test, y_test)
    assert accuracy > 0.85 and loss < 0.6
