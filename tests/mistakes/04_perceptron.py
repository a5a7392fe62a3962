"""Usual mistakes in lesson 04_perceptron, and the visible check that must name each one."""

MISTAKES = [
    {
        "name": "the update with the sign flipped: y_hat - y instead of y - y_hat",
        "answer": "perceptron_update",
        "code": (
            "def perceptron_update(w, b, x, y, lr):\n"
            "    y_hat = float(x @ w + b >= 0)\n"
            "    return w + lr * (y_hat - y) * x, b + lr * (y_hat - y)\n"
        ),
        "test": "perceptron_update_weights",
        "message": "y_hat - y instead of y - y_hat",
    },
    {
        "name": "forgetting to update the bias",
        "answer": "perceptron_update",
        "code": (
            "def perceptron_update(w, b, x, y, lr):\n"
            "    y_hat = float(x @ w + b >= 0)\n"
            "    return w + lr * (y - y_hat) * x, b\n"
        ),
        "test": "perceptron_update_bias",
        "message": "forgetting to update the bias",
    },
    {
        "name": "weights as a column (D, 1), so the weighted sums come out (N, 1) instead of (N,)",
        "answer": "weighted_sum",
        "code": "def weighted_sum(X, w, b):\n    return X @ w.reshape(-1, 1) + b\n",
        "test": "weighted_sum_shape",
        "message": "(n,) vs (n, 1)",
    },
    {
        "name": "predictions of shape (N, 1) instead of (N,)",
        "answer": "predict",
        "code": "def predict(X, w, b):\n    return (X @ w[:, None] + b >= 0).astype(float)\n",
        "test": "predict_shape",
        "message": "(n,) vs (n, 1)",
    },
    {
        "name": "step(0) = 0 (z > 0) where the lesson's convention is step(0) = 1 (z >= 0)",
        "answer": "step",
        "code": "def step(z):\n    return (np.asarray(z) > 0).astype(float)\n",
        "test": "step_values",
        "message": "step(0) = 0 instead of 1",
    },
    {
        "name": "step(0) = 0 inside predict",
        "answer": "predict",
        "code": "def predict(X, w, b):\n    return (X @ w + b > 0).astype(float)\n",
        "test": "predict_values",
        "message": "step(0) = 0 instead of 1",
    },
    {
        "name": "forgetting the bias in the weighted sum",
        "answer": "weighted_sum",
        "code": "def weighted_sum(X, w, b):\n    return X @ w\n",
        "test": "weighted_sum_values",
        "message": "forgetting the bias",
    },
    {
        "name": "the column of ones put first instead of last",
        "answer": "add_bias_column",
        "code": "def add_bias_column(X):\n    return np.column_stack([np.ones(len(X)), X])\n",
        "test": "add_bias_column_values",
        "message": "putting the column of ones first",
    },
    {
        "name": "forgetting the bias in the boundary line",
        "answer": "boundary_y",
        "code": "def boundary_y(w, b, x1):\n    return -(w[0] * x1) / w[1]\n",
        "test": "boundary_y_values",
        "message": "forgetting the bias",
    },
]
