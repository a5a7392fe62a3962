"""Usual mistakes in lesson 04_perceptron, and the visible check that must name each one."""

MISTAKES = [
    {
        "name": "the update with the sign flipped: a step along the gradient, not against it",
        "answer": "perceptron_update",
        "code": (
            "def perceptron_update(w, b, x, y, lr):\n"
            "    dL_dw, dL_db = perceptron_loss_gradient(w, b, x, y)\n"
            "    return w + lr * dL_dw, b + lr * dL_db\n"
        ),
        "test": "perceptron_update_weights",
        "message": "stepping along the gradient instead of against it",
    },
    {
        "name": "forgetting to update the bias",
        "answer": "perceptron_update",
        "code": (
            "def perceptron_update(w, b, x, y, lr):\n"
            "    dL_dw, dL_db = perceptron_loss_gradient(w, b, x, y)\n"
            "    return w - lr * dL_dw, b\n"
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
    {
        "name": "step returning booleans (z >= 0) where floats are promised",
        "answer": "step",
        "code": "def step(z):\n    return np.asarray(z) >= 0\n",
        "test": "step_values",
        "message": "the kind of numbers step returns",
    },
    {
        "name": "the loss gradient with the sign flipped (y - y_hat)",
        "answer": "perceptron_loss_gradient",
        "code": (
            "def perceptron_loss_gradient(w, b, x, y):\n"
            "    error = y - float(x @ w + b >= 0)\n"
            "    return error * x, error\n"
        ),
        "test": "perceptron_loss_gradient_values",
        "message": "the sign flipped",
    },
    {
        "name": "the loss gradient's pair in the wrong order",
        "answer": "perceptron_loss_gradient",
        "code": (
            "def perceptron_loss_gradient(w, b, x, y):\n"
            "    error = float(x @ w + b >= 0) - y\n"
            "    return error, error * x\n"
        ),
        "test": "perceptron_loss_gradient_values",
        "message": "the pair in the wrong order",
    },
    {
        "name": "the update changing the caller's w in place (w -= ...)",
        "answer": "perceptron_update",
        "code": (
            "def perceptron_update(w, b, x, y, lr):\n"
            "    dL_dw, dL_db = perceptron_loss_gradient(w, b, x, y)\n"
            "    w -= lr * dL_dw\n"
            "    return w, b - lr * dL_db\n"
        ),
        "test": "perceptron_update_weights",
        "message": "the caller's w after",
    },
    {
        "name": "training that forgets to update the bias",
        "answer": "train_perceptron",
        "code": (
            "def train_perceptron(X, y, lr, epochs):\n"
            "    w, b, mistakes = np.zeros(X.shape[1]), 0.0, []\n"
            "    for _ in range(epochs):\n"
            "        count = 0\n"
            "        for x, t in zip(X, y):\n"
            "            count += int(float(x @ w + b >= 0) != t)\n"
            "            w, _ = perceptron_update(w, b, x, t, lr)\n"
            "        mistakes.append(count)\n"
            "    return w, b, mistakes\n"
        ),
        "test": "train_perceptron_and",
        "message": "forgetting to update the bias",
    },
    {
        "name": "training that counts the mistakes after the update",
        "answer": "train_perceptron",
        "code": (
            "def train_perceptron(X, y, lr, epochs):\n"
            "    w, b, mistakes = np.zeros(X.shape[1]), 0.0, []\n"
            "    for _ in range(epochs):\n"
            "        count = 0\n"
            "        for x, t in zip(X, y):\n"
            "            w, b = perceptron_update(w, b, x, t, lr)\n"
            "            count += int(float(x @ w + b >= 0) != t)\n"
            "        mistakes.append(count)\n"
            "    return w, b, mistakes\n"
        ),
        "test": "train_perceptron_and",
        "message": "counting the mistakes after the update",
    },
]
