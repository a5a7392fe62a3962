"""Correct answers to lesson 08_gradient_descent written differently from the reference.

Each entry replaces one answer cell; every test cell of the lesson must still pass.
"""

ALTERNATIVES = [
    {
        "answer": "gd_step",
        "name": "np.subtract",
        "code": ("def gd_step(w, grad, lr):\n    return np.subtract(w, np.multiply(lr, grad))\n"),
    },
    {
        "answer": "gd_step",
        "name": "a copy updated in place",
        "code": (
            "def gd_step(w, grad, lr):\n"
            "    new = np.array(w, dtype=float, copy=True)\n"
            "    new -= lr * np.asarray(grad, dtype=float)\n"
            "    return new if np.ndim(w) else float(new)\n"
        ),
    },
    {
        "answer": "loss_and_grad_1d",
        "name": "a loop over the points",
        "code": (
            "def loss_and_grad_1d(w, x, y):\n"
            "    loss = grad = 0.0\n"
            "    for x_n, y_n in zip(x, y):\n"
            "        loss += 0.5 * (w * x_n - y_n) ** 2\n"
            "        grad += (w * x_n - y_n) * x_n\n"
            "    return float(loss / len(x)), float(grad / len(x))\n"
        ),
    },
    {
        "answer": "loss_and_grad_1d",
        "name": "dot products",
        "code": (
            "def loss_and_grad_1d(w, x, y):\n"
            "    e = w * x - y\n"
            "    return float(e @ e / (2 * len(x))), float(e @ x / len(x))\n"
        ),
    },
    {
        "answer": "fit_one_weight",
        "name": "losses preallocated, the gradient through dot products",
        "code": (
            "def fit_one_weight(x, y, lr, epochs, w0=0.0):\n"
            "    w = float(w0)\n"
            "    losses = np.zeros(epochs)\n"
            "    for k in range(epochs):\n"
            "        e = w * x - y\n"
            "        losses[k] = e @ e / (2 * len(x))\n"
            "        w -= lr * (e @ x) / len(x)\n"
            "    return float(w), losses\n"
        ),
    },
    {
        "answer": "fit_one_weight",
        "name": "the loss and slope of each epoch from the expanded quadratic",
        "code": (
            "def fit_one_weight(x, y, lr, epochs, w0=0.0):\n"
            "    sxx, sxy, syy = np.mean(x * x), np.mean(x * y), np.mean(y * y)\n"
            "    w, losses = float(w0), []\n"
            "    for _ in range(epochs):\n"
            "        losses.append(0.5 * (w * w * sxx - 2 * w * sxy + syy))\n"
            "        w = w - lr * (w * sxx - sxy)\n"
            "    return w, np.array(losses)\n"
        ),
    },
    {
        "answer": "largest_stable_lr",
        "name": "N times 2 over the sum of squares",
        "code": (
            "def largest_stable_lr(x):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    return float(2 * len(x) / np.sum(x * x))\n"
        ),
    },
    {
        "answer": "largest_stable_lr",
        "name": "2 over the curvature, the mean of x squared, by a dot product",
        "code": (
            "def largest_stable_lr(x):\n"
            "    curvature = np.dot(x, x) / np.size(x)\n"
            "    return 2.0 / curvature\n"
        ),
    },
    {
        "answer": "surface_grad",
        "name": "the chain rule written link by link",
        "code": (
            "def cost_surface(w1, w2, x=1.0, y=2.0):\n"
            "    return 0.5 * (w1 * w2 * x - y) ** 2\n"
            "\n"
            "\n"
            "def surface_grad(w1, w2, x=1.0, y=2.0):\n"
            "    dC_df = w1 * w2 * x - y\n"
            "    df_dw1, df_dw2 = w2 * x, w1 * x\n"
            "    return np.array([dC_df * df_dw1, dC_df * df_dw2], dtype=float)\n"
        ),
    },
    {
        "answer": "surface_grad",
        "name": "the error times the reversed weights",
        "code": (
            "def cost_surface(w1, w2, x=1.0, y=2.0):\n"
            "    return 0.5 * (w1 * w2 * x - y) ** 2\n"
            "\n"
            "\n"
            "def surface_grad(w1, w2, x=1.0, y=2.0):\n"
            "    return (w1 * w2 * x - y) * x * np.array([w2, w1], dtype=float)\n"
        ),
    },
    {
        "answer": "descend",
        "name": "the path preallocated",
        "code": (
            "def descend(grad_fn, start, lr, steps):\n"
            "    start = np.asarray(start, dtype=float)\n"
            "    path = np.empty((steps + 1, start.size))\n"
            "    path[0] = start\n"
            "    for k in range(steps):\n"
            "        path[k + 1] = path[k] - lr * grad_fn(path[k])\n"
            "    return path\n"
        ),
    },
    {
        "answer": "descend",
        "name": "a copy updated in place, copied again into the list",
        "code": (
            "def descend(grad_fn, start, lr, steps):\n"
            "    w = np.array(start, dtype=float)\n"
            "    path = [w.copy()]\n"
            "    for _ in range(steps):\n"
            "        w -= lr * grad_fn(w)\n"
            "        path.append(w.copy())\n"
            "    return np.stack(path)\n"
        ),
    },
]
