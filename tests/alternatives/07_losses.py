"""Correct answers to lesson 07_losses written differently from the reference.

Each entry replaces one answer cell; every test cell of the lesson must still pass.
"""

ALTERNATIVES = [
    {
        "answer": "sum_squared_error",
        "name": "two nested loops",
        "code": (
            "def sum_squared_error(Y_hat, Y):\n"
            "    total = 0.0\n"
            "    for row_hat, row in zip(np.atleast_2d(Y_hat), np.atleast_2d(Y)):\n"
            "        for a, b in zip(row_hat, row):\n"
            "            total += (a - b) ** 2\n"
            "    return float(total)\n"
        ),
    },
    {
        "answer": "sum_squared_error",
        "name": "the dot product of the flattened error with itself",
        "code": (
            "def sum_squared_error(Y_hat, Y):\n"
            "    e = np.ravel(np.asarray(Y_hat, dtype=float) - Y)\n"
            "    return float(e @ e)\n"
        ),
    },
    {
        "answer": "mse",
        "name": "the mean over rows of half the row sums",
        "code": (
            "def mse(Y_hat, Y):\n"
            "    return float(np.mean(0.5 * np.sum(np.square(Y_hat - Y), axis=1)))\n"
        ),
    },
    {
        "answer": "mse",
        "name": "np.linalg.norm",
        "code": (
            "def mse(Y_hat, Y):\n"
            "    return float(np.linalg.norm(Y_hat - Y) ** 2 / (2 * len(Y_hat)))\n"
        ),
    },
    {
        "answer": "mse_grad",
        "name": "np.subtract and np.divide",
        "code": (
            "def mse_grad(Y_hat, Y):\n    return np.divide(np.subtract(Y_hat, Y), len(Y_hat))\n"
        ),
    },
    {
        "answer": "mse_grad",
        "name": "the derivative of the 1/2 square written out (2 * 1/2 * error / N)",
        "code": (
            "def mse_grad(Y_hat, Y):\n"
            "    N = np.shape(Y_hat)[0]\n"
            "    return 2 * 0.5 * (Y_hat - Y) * (1.0 / N)\n"
        ),
    },
    {
        "answer": "one_hot",
        "name": "rows of the identity matrix",
        "code": (
            "def one_hot(labels, num_classes):\n"
            "    return np.eye(num_classes)[np.asarray(labels, dtype=int)]\n"
        ),
    },
    {
        "answer": "one_hot",
        "name": "a comparison with np.arange",
        "code": (
            "def one_hot(labels, num_classes):\n"
            "    return (np.asarray(labels)[:, None] == np.arange(num_classes)).astype(float)\n"
        ),
    },
    {
        "answer": "cross_entropy",
        "name": "the log-probability picked at each label (one-hot rows)",
        "code": (
            "def cross_entropy(P, Y):\n"
            "    labels = np.argmax(Y, axis=1)\n"
            "    picked = np.clip(P[np.arange(len(P)), labels], 1e-12, 1.0)\n"
            "    return float(-np.mean(np.log(picked)))\n"
        ),
    },
    {
        "answer": "cross_entropy",
        "name": "np.maximum for the clipping and a row-wise sum",
        "code": (
            "def cross_entropy(P, Y):\n"
            "    logs = np.log(np.minimum(np.maximum(P, 1e-12), 1.0))\n"
            "    return float(np.mean(-np.sum(Y * logs, axis=1)))\n"
        ),
    },
    {
        "answer": "cross_entropy_grad",
        "name": "np.where to divide only where the label is 1",
        "code": (
            "def cross_entropy_grad(P, Y):\n"
            "    safe = np.clip(P, 1e-12, 1.0)\n"
            "    return np.where(Y != 0, -Y / safe, 0.0) / len(P)\n"
        ),
    },
    {
        "answer": "cross_entropy_grad",
        "name": "a reciprocal multiplied in",
        "code": (
            "def cross_entropy_grad(P, Y):\n"
            "    return -(1.0 / len(P)) * Y * np.reciprocal(np.clip(P, 1e-12, 1.0))\n"
        ),
    },
    {
        "answer": "cost_surface",
        "name": "np.square of the error",
        "code": (
            "def cost_surface(w1, w2, x=1.0, y=2.0):\n"
            "    return np.square(np.multiply(np.multiply(w1, w2), x) - y) / 2\n"
        ),
    },
    {
        "answer": "cost_surface",
        "name": "the error multiplied by itself",
        "code": (
            "def cost_surface(w1, w2, x=1.0, y=2.0):\n"
            "    error = w1 * w2 * x - y\n"
            "    return 0.5 * error * error\n"
        ),
    },
]
