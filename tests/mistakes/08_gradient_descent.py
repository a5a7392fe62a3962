"""Usual mistakes in lesson 08_gradient_descent, and the visible check that must name each one."""

MISTAKES = [
    {
        "name": "the update step goes uphill: w + lr * grad",
        "answer": "gd_step",
        "code": "def gd_step(w, grad, lr):\n    return w + lr * grad\n",
        "test": "gd_step_values",
        "message": "going uphill",
    },
    {
        "name": "the update changes the caller's array in place: w -= lr * grad",
        "answer": "gd_step",
        "code": "def gd_step(w, grad, lr):\n    w -= lr * grad\n    return w\n",
        "test": "gd_step_arrays",
        "message": "in place",
    },
    {
        "name": "the loss without the 1/2 convention",
        "answer": "loss_and_grad_1d",
        "code": (
            "def loss_and_grad_1d(w, x, y):\n"
            "    error = w * x - y\n"
            "    return np.mean(error**2), np.mean(2 * error * x)\n"
        ),
        "test": "loss_and_grad_1d_loss",
        "message": "forgetting the 1/2",
    },
    {
        "name": "the gradient off by a factor of 2: the 1/2 convention forgotten",
        "answer": "loss_and_grad_1d",
        "code": (
            "def loss_and_grad_1d(w, x, y):\n"
            "    error = w * x - y\n"
            "    return np.mean(0.5 * error**2), np.mean(2 * error * x)\n"
        ),
        "test": "loss_and_grad_1d_gradient",
        "message": "forgetting the 1/2 of the cost (a factor of 2)",
    },
    {
        "name": "the gradient summed over the points instead of averaged",
        "answer": "loss_and_grad_1d",
        "code": (
            "def loss_and_grad_1d(w, x, y):\n"
            "    error = w * x - y\n"
            "    return np.sum(0.5 * error**2), np.sum(error * x)\n"
        ),
        "test": "loss_and_grad_1d_gradient",
        "message": "summing over the points instead of averaging",
    },
    {
        "name": "epochs off by one: one loss too many",
        "answer": "fit_one_weight",
        "code": (
            "def fit_one_weight(x, y, lr, epochs, w0=0.0):\n"
            "    w, losses = float(w0), []\n"
            "    for _ in range(epochs + 1):\n"
            "        error = w * x - y\n"
            "        losses.append(np.mean(0.5 * error**2))\n"
            "        w = w - lr * np.mean(error * x)\n"
            "    return w, np.array(losses)\n"
        ),
        "test": "fit_one_weight_history",
        "message": "one loss too many",
    },
    {
        "name": "epochs off by one: one loss too few",
        "answer": "fit_one_weight",
        "code": (
            "def fit_one_weight(x, y, lr, epochs, w0=0.0):\n"
            "    w, losses = float(w0), []\n"
            "    for _ in range(1, epochs):\n"
            "        error = w * x - y\n"
            "        losses.append(np.mean(0.5 * error**2))\n"
            "        w = w - lr * np.mean(error * x)\n"
            "    return w, np.array(losses)\n"
        ),
        "test": "fit_one_weight_history",
        "message": "one loss too few",
    },
    {
        "name": "the loss recorded after the step instead of before it",
        "answer": "fit_one_weight",
        "code": (
            "def fit_one_weight(x, y, lr, epochs, w0=0.0):\n"
            "    w, losses = float(w0), []\n"
            "    for _ in range(epochs):\n"
            "        w = w - lr * np.mean((w * x - y) * x)\n"
            "        losses.append(np.mean(0.5 * (w * x - y) ** 2))\n"
            "    return w, np.array(losses)\n"
        ),
        "test": "fit_one_weight_history",
        "message": "after the step instead of before it",
    },
    {
        "name": "training goes uphill: w + lr * grad",
        "answer": "fit_one_weight",
        "code": (
            "def fit_one_weight(x, y, lr, epochs, w0=0.0):\n"
            "    w, losses = float(w0), []\n"
            "    for _ in range(epochs):\n"
            "        error = w * x - y\n"
            "        losses.append(np.mean(0.5 * error**2))\n"
            "        w = w + lr * np.mean(error * x)\n"
            "    return w, np.array(losses)\n"
        ),
        "test": "fit_one_weight_final",
        "message": "going uphill",
    },
    {
        "name": "the one-step rate 1 / mean(x**2) given as the largest stable rate",
        "answer": "largest_stable_lr",
        "code": "def largest_stable_lr(x):\n    return 1 / np.mean(x**2)\n",
        "test": "largest_stable_lr_values",
        "message": "the rate that lands in one step",
    },
    {
        "name": "the two partial derivatives of the cost surface swapped",
        "answer": "surface_grad",
        "code": (
            "def cost_surface(w1, w2, x=1.0, y=2.0):\n"
            "    return 0.5 * (w1 * w2 * x - y) ** 2\n"
            "\n"
            "\n"
            "def surface_grad(w1, w2, x=1.0, y=2.0):\n"
            "    error = w1 * w2 * x - y\n"
            "    return np.array([error * w1 * x, error * w2 * x])\n"
        ),
        "test": "surface_grad_values",
        "message": "swapping the two partial derivatives",
    },
    {
        "name": "the descent path goes uphill: w + lr * grad",
        "answer": "descend",
        "code": (
            "def descend(grad_fn, start, lr, steps):\n"
            "    path = [np.asarray(start, dtype=float)]\n"
            "    for _ in range(steps):\n"
            "        path.append(path[-1] + lr * grad_fn(path[-1]))\n"
            "    return np.array(path)\n"
        ),
        "test": "descend_values",
        "message": "going uphill",
    },
    {
        "name": "the descent path built from one array changed in place",
        "answer": "descend",
        "code": (
            "def descend(grad_fn, start, lr, steps):\n"
            "    w = np.array(start, dtype=float)\n"
            "    path = [w]\n"
            "    for _ in range(steps):\n"
            "        w -= lr * grad_fn(w)\n"
            "        path.append(w)\n"
            "    return np.array(path)\n"
        ),
        "test": "descend_values",
        "message": "changing w in place",
    },
    {
        "name": "the descent path without its starting point",
        "answer": "descend",
        "code": (
            "def descend(grad_fn, start, lr, steps):\n"
            "    w, path = np.asarray(start, dtype=float), []\n"
            "    for _ in range(steps):\n"
            "        w = w - lr * grad_fn(w)\n"
            "        path.append(w)\n"
            "    return np.array(path)\n"
        ),
        "test": "descend_shape",
        "message": "without the start",
    },
]
