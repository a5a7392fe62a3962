"""demystify.fast: the fast training loop, against demystify.nn's plain functions."""

from __future__ import annotations

import numpy as np
import pytest
from threadpoolctl import threadpool_info

from demystify import fast, nn


def small_network(sizes=(12, 7, 4), dtype=np.float64, seed=3):
    """A random network (biases not zero), 23 inputs and their integer labels."""
    r = np.random.default_rng(seed)
    params = [(W, r.normal(size=b.shape)) for W, b in nn.init_params(list(sizes), r)]
    params = [(W.astype(dtype), b.astype(dtype)) for W, b in params]
    X = r.random((23, sizes[0])).astype(dtype)
    y = r.integers(0, sizes[-1], size=23)
    return params, X, y


def copy_of(params):
    return [(W.copy(), b.copy()) for W, b in params]


def plain_epoch(params, X, y, lr, batch_size, epoch_rng, cost):
    """The epoch written with demystify.nn's functions: the definition the Trainer must match."""
    Y = np.eye(params[-1][1].shape[0], dtype=X.dtype)[y]
    order = epoch_rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        batch = order[start : start + batch_size]
        nn.sgd_step(params, nn.gradients(params, X[batch], Y[batch], cost), lr)


@pytest.mark.parametrize("cost", [fast.CrossEntropy, fast.Quadratic])
@pytest.mark.parametrize("sizes", [(12, 7, 4), (12, 6, 5, 4), (12, 4)])
@pytest.mark.parametrize("dtype, tolerance", [(np.float64, 1e-10), (np.float32, 2e-4)])
def test_trainer_matches_the_plain_epoch(cost, sizes, dtype, tolerance):
    """Same shuffles, same batches (the last one shorter), same parameters after two epochs."""
    params, X, y = small_network(sizes, dtype)
    fast_params = copy_of(params)
    arrays = [array for pair in fast_params for array in pair]
    trainer = fast.Trainer(fast_params, batch_size=5, cost=cost)
    fast_rng, plain_rng = np.random.default_rng(5), np.random.default_rng(5)
    for _ in range(2):
        trainer.train_epoch(X, y, 0.7, fast_rng)
        plain_epoch(params, X, y, 0.7, 5, plain_rng, cost)
    assert [array for pair in fast_params for array in pair] == arrays  # trained in place
    for (W_fast, b_fast), (W, b) in zip(fast_params, params, strict=True):
        assert W_fast.dtype == b_fast.dtype == dtype
        np.testing.assert_allclose(W_fast, W, rtol=tolerance, atol=tolerance)
        np.testing.assert_allclose(b_fast, b, rtol=tolerance, atol=tolerance)


def test_trainer_takes_data_of_another_dtype():
    params, X, y = small_network(dtype=np.float32)
    same = copy_of(params)
    fast.Trainer(params, 8).train_epoch(X.astype(np.float64), y, 0.5, np.random.default_rng(8))
    fast.Trainer(same, 8).train_epoch(X, y, 0.5, np.random.default_rng(8))
    for (W, b), (W_same, b_same) in zip(params, same, strict=True):
        np.testing.assert_array_equal(W, W_same)
        np.testing.assert_array_equal(b, b_same)


def test_trainer_refuses_a_cost_it_has_no_fused_error_for():
    class Hinge:
        pass

    params, _, _ = small_network()
    with pytest.raises(ValueError, match="CrossEntropy, Quadratic"):
        fast.Trainer(params, cost=Hinge)
    with pytest.raises(ValueError):
        fast.Trainer(params, cost="cross_entropy")


def test_only_the_training_loop_and_its_costs_are_public():
    """One network contract: no second forward, backward or SGD step with another signature."""
    assert set(dir(fast)) == {"CrossEntropy", "Quadratic", "Trainer", "one_blas_thread"}
    for name in ("CrossEntropy", "Quadratic"):
        assert getattr(fast, name) is getattr(nn, name)
    for name in ("forward", "backward", "sgd_step", "sigmoid", "softmax"):
        with pytest.raises(AttributeError):
            getattr(fast, name)


def test_one_blas_thread_limits_blas():
    with fast.one_blas_thread():
        blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
        assert blas and all(pool["num_threads"] == 1 for pool in blas)


def test_trainer_learns_real_digits(tmp_path):
    """A few fast epochs on 2,000 of the offline digits read most of 1,000 others."""
    from demystify.data import load_mnist

    X, y, X_test, y_test = load_mnist(tmp_path, offline=True, verbose=False)
    params = nn.init_params([784, 128, 10], np.random.default_rng(0), dtype=np.float32)
    trainer = fast.Trainer(params, batch_size=32)
    epoch_rng = np.random.default_rng(0)
    for _ in range(5):
        trainer.train_epoch(X[:2000], y[:2000], 0.5, epoch_rng)
    P = nn.forward(params, X_test, nn.softmax)[-1]
    assert P.dtype == np.float32
    assert np.mean(np.argmax(P, axis=1) == y_test) > 0.85
    assert nn.cross_entropy(P, nn.one_hot(y_test, 10)) < 0.6
