"""Usual mistakes in lesson 07_losses, and the visible check that must name each one."""

MISTAKES = [
    {
        "name": "log(0) in cross-entropy: no clipping, so a probability of 0 gives inf or nan",
        "answer": "cross_entropy",
        "code": (
            "def cross_entropy(P, Y):\n    N = P.shape[0]\n    return -np.sum(Y * np.log(P)) / N\n"
        ),
        "test": "cross_entropy_zero_probability",
        "message": "log(0)",
    },
    {
        "name": "sum instead of mean in the loss: mse is N times too large",
        "answer": "mse",
        "code": "def mse(Y_hat, Y):\n    return np.sum((Y_hat - Y) ** 2) / 2\n",
        "test": "mse_values",
        "message": "summing over the batch instead of averaging",
    },
    {
        "name": "sum instead of mean in the loss, seen by stacking the batch",
        "answer": "mse",
        "code": "def mse(Y_hat, Y):\n    return np.sum((Y_hat - Y) ** 2) / 2\n",
        "test": "mse_batch_mean",
        "message": "summing over the batch instead of averaging",
    },
    {
        "name": "sum instead of mean in the gradient: mse_grad is N times too large",
        "answer": "mse_grad",
        "code": "def mse_grad(Y_hat, Y):\n    return Y_hat - Y\n",
        "test": "mse_grad_matches_numerical",
        "message": "the gradient is N = 4 times too large",
    },
    {
        "name": "a missing 1/2 in mse: the value is twice too large",
        "answer": "mse",
        "code": "def mse(Y_hat, Y):\n    return np.sum((Y_hat - Y) ** 2) / Y_hat.shape[0]\n",
        "test": "mse_values",
        "message": "leaving out the 1/2",
    },
    {
        "name": "(N,) vs (N, 1): squeezed predictions broadcast against (N, 1) targets to (N, N)",
        "answer": "mse",
        "code": (
            "def mse(Y_hat, Y):\n"
            "    y_hat = np.squeeze(Y_hat)  # one number per example\n"
            "    return np.sum((y_hat - Y) ** 2) / (2 * len(Y))\n"
        ),
        "test": "mse_values",
        "message": "(N,) vs (N, 1) mix-up",
    },
    {
        "name": "(N,) vs (N, 1) in the gradient: the result is (N, N)",
        "answer": "mse_grad",
        "code": (
            "def mse_grad(Y_hat, Y):\n"
            "    y_hat = np.squeeze(Y_hat)  # one number per example\n"
            "    return (y_hat - Y) / len(Y)\n"
        ),
        "test": "mse_grad_shape",
        "message": "broadcasts to (N, N)",
    },
    {
        "name": "np.mean in mse also divides by the K outputs",
        "answer": "mse",
        "code": "def mse(Y_hat, Y):\n    return 0.5 * np.mean((Y_hat - Y) ** 2)\n",
        "test": "mse_values",
        "message": "np.mean",
    },
    {
        "name": "keeping the 2 of the derivative in mse_grad",
        "answer": "mse_grad",
        "code": "def mse_grad(Y_hat, Y):\n    return 2 * (Y_hat - Y) / Y_hat.shape[0]\n",
        "test": "mse_grad_matches_numerical",
        "message": "keeping the 2 of the derivative",
    },
    {
        "name": "sum instead of mean in cross-entropy",
        "answer": "cross_entropy",
        "code": (
            "def cross_entropy(P, Y):\n    return -np.sum(Y * np.log(np.clip(P, 1e-12, 1.0)))\n"
        ),
        "test": "cross_entropy_values",
        "message": "summing over the batch instead of averaging",
    },
    {
        "name": "0 / 0 in the cross-entropy gradient: no clipping",
        "answer": "cross_entropy_grad",
        "code": "def cross_entropy_grad(P, Y):\n    return -Y / P / P.shape[0]\n",
        "test": "cross_entropy_grad_zero_probability",
        "message": "log(0)",
    },
    {
        "name": "sum instead of mean in the cross-entropy gradient",
        "answer": "cross_entropy_grad",
        "code": ("def cross_entropy_grad(P, Y):\n    return -Y / np.clip(P, 1e-12, 1.0)\n"),
        "test": "cross_entropy_grad_matches_numerical",
        "message": "summing over the batch instead of averaging",
    },
    {
        "name": "one_hot with labels.max() + 1 columns instead of num_classes",
        "answer": "one_hot",
        "code": (
            "def one_hot(labels, num_classes):\n    return np.eye(labels.max() + 1)[labels]\n"
        ),
        "test": "one_hot_values",
        "message": "not labels.max() + 1",
    },
    {
        "name": "a missing 1/2 in the cost surface",
        "answer": "cost_surface",
        "code": "def cost_surface(w1, w2, x=1.0, y=2.0):\n    return (w1 * w2 * x - y) ** 2\n",
        "test": "cost_surface_values",
        "message": "leaving out the 1/2",
    },
]
