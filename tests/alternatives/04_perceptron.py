"""Correct answers to lesson 04_perceptron written differently from the reference.

Each must earn full marks: the checks may not depend on how an answer is written.
"""

ALTERNATIVES = [
    {
        "answer": "weighted_sum",
        "name": "np.dot",
        "code": "def weighted_sum(X, w, b):\n    return np.dot(X, w) + b\n",
    },
    {
        "answer": "weighted_sum",
        "name": "a loop over the rows",
        "code": (
            "def weighted_sum(X, w, b):\n"
            "    return np.array([sum(xi * wi for xi, wi in zip(row, w)) + b for row in X])\n"
        ),
    },
    {
        "answer": "weighted_sum",
        "name": "np.einsum",
        "code": "def weighted_sum(X, w, b):\n    return np.einsum('nd,d->n', X, w) + b\n",
    },
    {
        "answer": "step",
        "name": "np.where with 1.0 and 0.0",
        "code": "def step(z):\n    return np.where(np.asarray(z) >= 0, 1.0, 0.0)\n",
    },
    {
        "answer": "step",
        "name": "np.heaviside with 1 at 0",
        "code": "def step(z):\n    return np.heaviside(np.asarray(z, dtype=float), 1.0)\n",
    },
    {
        "answer": "predict",
        "name": "the formula written out in one line",
        "code": "def predict(X, w, b):\n    return (X @ w + b >= 0).astype(float)\n",
    },
    {
        "answer": "predict",
        "name": "a loop over the rows with the student's step",
        "code": (
            "def predict(X, w, b):\n    return np.array([float(step(row @ w + b)) for row in X])\n"
        ),
    },
    {
        "answer": "add_bias_column",
        "name": "np.hstack with a (N, 1) column",
        "code": "def add_bias_column(X):\n    return np.hstack([X, np.ones((X.shape[0], 1))])\n",
    },
    {
        "answer": "add_bias_column",
        "name": "a new array filled with ones, X copied into its first columns",
        "code": (
            "def add_bias_column(X):\n"
            "    N, D = X.shape\n"
            "    out = np.ones((N, D + 1))\n"
            "    out[:, :D] = X\n"
            "    return out\n"
        ),
    },
    {
        "answer": "add_bias_column",
        "name": "np.concatenate along axis 1",
        "code": (
            "def add_bias_column(X):\n"
            "    return np.concatenate([X, np.ones((len(X), 1))], axis=1)\n"
        ),
    },
    {
        "answer": "boundary_y",
        "name": "slope and intercept",
        "code": (
            "def boundary_y(w, b, x1):\n"
            "    slope, intercept = -w[0] / w[1], -b / w[1]\n"
            "    return slope * np.asarray(x1, dtype=float) + intercept\n"
        ),
    },
    {
        "answer": "boundary_y",
        "name": "(-b - w1 x1) / w2",
        "code": "def boundary_y(w, b, x1):\n    return (-b - w[0] * x1) / w[1]\n",
    },
    {
        "answer": "perceptron_loss_gradient",
        "name": "the prediction from predict on a one-row matrix",
        "code": (
            "def perceptron_loss_gradient(w, b, x, y):\n"
            "    y_hat = predict(x[None, :], w, b)[0]\n"
            "    return (y_hat - y) * x, float(y_hat - y)\n"
        ),
    },
    {
        "answer": "perceptron_loss_gradient",
        "name": "cases with if, and an explicit zero gradient",
        "code": (
            "def perceptron_loss_gradient(w, b, x, y):\n"
            "    y_hat = 1.0 if np.dot(x, w) + b >= 0 else 0.0\n"
            "    if y_hat == y:\n"
            "        return np.zeros_like(x, dtype=float), 0.0\n"
            "    sign = 1.0 if y_hat > y else -1.0\n"
            "    return sign * np.asarray(x, dtype=float), sign\n"
        ),
    },
    {
        "answer": "perceptron_update",
        "name": "the classic rule written out with y - y_hat",
        "code": (
            "def perceptron_update(w, b, x, y, lr):\n"
            "    y_hat = float(x @ w + b >= 0)\n"
            "    return w + lr * (y - y_hat) * x, b + lr * (y - y_hat)\n"
        ),
    },
    {
        "answer": "perceptron_update",
        "name": "the extended form: one update of (w, b) against (x, 1)",
        "code": (
            "def perceptron_update(w, b, x, y, lr):\n"
            "    w_tilde = np.append(w, b)\n"
            "    dL_dw, dL_db = perceptron_loss_gradient(w, b, x, y)\n"
            "    w_tilde = w_tilde - lr * np.append(dL_dw, dL_db)\n"
            "    return w_tilde[:-1], float(w_tilde[-1])\n"
        ),
    },
    {
        "answer": "train_perceptron",
        "name": "everything written out, with the extended weights",
        "code": (
            "def train_perceptron(X, y, lr, epochs):\n"
            "    X_tilde = np.column_stack([X, np.ones(len(X))])\n"
            "    w_tilde = np.zeros(X_tilde.shape[1])\n"
            "    mistakes = []\n"
            "    for _ in range(epochs):\n"
            "        count = 0\n"
            "        for x, target in zip(X_tilde, y):\n"
            "            error = target - (1.0 if x @ w_tilde >= 0 else 0.0)\n"
            "            w_tilde = w_tilde + lr * error * x\n"
            "            count += error != 0\n"
            "        mistakes.append(int(count))\n"
            "    return w_tilde[:-1], float(w_tilde[-1]), mistakes\n"
        ),
    },
    {
        "answer": "train_perceptron",
        "name": "indices, predict on one row, and a mistake counted from the update",
        "code": (
            "def train_perceptron(X, y, lr, epochs):\n"
            "    w, b = np.zeros(X.shape[1]), 0.0\n"
            "    mistakes = []\n"
            "    for epoch in range(epochs):\n"
            "        wrong = 0\n"
            "        for n in range(len(X)):\n"
            "            if predict(X[n : n + 1], w, b)[0] != y[n]:\n"
            "                wrong += 1\n"
            "            w, b = perceptron_update(w, b, X[n], y[n], lr)\n"
            "        mistakes.append(wrong)\n"
            "    return w, b, mistakes\n"
        ),
    },
]
