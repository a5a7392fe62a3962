"""Correct answers to lesson 10_mnist written differently from the reference.

Each entry replaces one answer cell; every test cell of the lesson must still pass, the final
accuracy check included.
"""

ALTERNATIVES = [
    {
        "answer": "init_params",
        "name": "standard normal draws scaled afterwards, float32 arrays",
        "code": (
            "def init_params(num_inputs, num_hiddens, num_outputs, rng):\n"
            "    W1 = rng.standard_normal((num_inputs, num_hiddens)) / np.sqrt(num_inputs)\n"
            "    W2 = rng.standard_normal((num_hiddens, num_outputs)) / np.sqrt(num_hiddens)\n"
            "    return {\n"
            '        "W1": W1.astype(np.float32),\n'
            '        "b1": np.zeros(num_hiddens, dtype=np.float32),\n'
            '        "W2": W2.astype(np.float32),\n'
            '        "b2": np.zeros(num_outputs, dtype=np.float32),\n'
            "    }\n"
        ),
    },
    {
        "answer": "init_params",
        "name": "a loop over the two layers",
        "code": (
            "def init_params(num_inputs, num_hiddens, num_outputs, rng):\n"
            "    params = {}\n"
            "    sizes = [num_inputs, num_hiddens, num_outputs]\n"
            "    for layer in (1, 2):\n"
            "        fan_in, fan_out = sizes[layer - 1], sizes[layer]\n"
            '        params[f"W{layer}"] = rng.normal(scale=fan_in**-0.5, size=(fan_in, fan_out))\n'
            '        params[f"b{layer}"] = np.zeros(fan_out)\n'
            "    return params\n"
        ),
    },
    {
        "answer": "forward",
        "name": "the sigmoid as (1 + tanh(z / 2)) / 2 and a softmax written out",
        "code": (
            "def forward(params, X):\n"
            '    A1 = 0.5 * (1 + np.tanh(0.5 * (X @ params["W1"] + params["b1"])))\n'
            '    Z2 = A1 @ params["W2"] + params["b2"]\n'
            "    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))\n"
            "    return A1, E / E.sum(axis=1, keepdims=True)\n"
        ),
    },
    {
        "answer": "forward",
        "name": "np.dot, and the softmax through log-sum-exp",
        "code": (
            "def forward(params, X):\n"
            '    Z1 = np.dot(X, params["W1"]) + params["b1"]\n'
            "    A1 = sigmoid(Z1)\n"
            '    Z2 = np.dot(A1, params["W2"]) + params["b2"]\n'
            "    m = np.max(Z2, axis=-1, keepdims=True)\n"
            "    log_P = Z2 - m - np.log(np.sum(np.exp(Z2 - m), axis=-1, keepdims=True))\n"
            "    return A1, np.exp(log_P)\n"
        ),
    },
    {
        "answer": "backward",
        "name": "np.einsum, and the mean taken at the end",
        "code": (
            "def backward(params, X, A1, P, Y):\n"
            "    N = X.shape[0]\n"
            "    E2 = P - Y\n"
            "    E1 = np.einsum('nk,hk->nh', E2, params['W2']) * A1 * (1 - A1)\n"
            "    return {\n"
            "        'W1': np.einsum('nd,nh->dh', X, E1) / N,\n"
            "        'b1': E1.sum(axis=0) / N,\n"
            "        'W2': np.einsum('nh,nk->hk', A1, E2) / N,\n"
            "        'b2': E2.sum(axis=0) / N,\n"
            "    }\n"
        ),
    },
    {
        "answer": "backward",
        "name": "the logits' gradient and the sigmoid recomputed, bias sums by a ones vector",
        "code": (
            "def backward(params, X, A1, P, Y):\n"
            '    Z2 = A1 @ params["W2"] + params["b2"]\n'
            "    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))\n"
            "    dZ2 = (E / E.sum(axis=1, keepdims=True) - Y) / len(X)\n"
            '    S = sigmoid(X @ params["W1"] + params["b1"])\n'
            '    dZ1 = (dZ2 @ params["W2"].T) * S * (1 - S)\n'
            "    ones = np.ones(len(X))\n"
            '    return {"W1": X.T @ dZ1, "b1": ones @ dZ1, "W2": A1.T @ dZ2, "b2": ones @ dZ2}\n'
        ),
    },
    {
        "answer": "sgd_step",
        "name": "np.subtract with out=",
        "code": (
            "def sgd_step(params, grads, lr):\n"
            "    for name, value in params.items():\n"
            "        np.subtract(value, lr * grads[name], out=value)\n"
        ),
    },
    {
        "answer": "sgd_step",
        "name": "slice assignment over the keys of grads",
        "code": (
            "def sgd_step(params, grads, lr):\n"
            "    for name in grads:\n"
            "        params[name][...] = params[name] - lr * grads[name]\n"
            "    return None\n"
        ),
    },
    {
        "answer": "train_epoch",
        "name": "np.array_split into batches",
        "code": (
            "def train_epoch(params, X, Y, lr, batch_size, rng, loss_gradients, step):\n"
            "    order = rng.permutation(len(X))\n"
            "    chunks = int(np.ceil(len(X) / batch_size))\n"
            "    for k in range(chunks):\n"
            "        batch = order[k * batch_size : (k + 1) * batch_size]\n"
            "        grads = loss_gradients(params, X[batch], Y[batch])\n"
            "        step(params, grads, lr)\n"
        ),
    },
    {
        "answer": "train_epoch",
        "name": "a while loop and np.take",
        "code": (
            "def train_epoch(params, X, Y, lr, batch_size, rng, loss_gradients, step):\n"
            "    order = rng.permutation(X.shape[0])\n"
            "    start = 0\n"
            "    while start < len(order):\n"
            "        batch = order[start : start + batch_size]\n"
            "        X_b, Y_b = np.take(X, batch, axis=0), np.take(Y, batch, axis=0)\n"
            "        step(params, loss_gradients(params, X_b, Y_b), lr)\n"
            "        start += batch_size\n"
        ),
    },
    {
        "answer": "evaluate",
        "name": "the loss from log-probabilities picked at the labels",
        "code": (
            "def evaluate(params, X, y):\n"
            "    _, P = forward(params, X)\n"
            "    picked = P[np.arange(len(y)), y]\n"
            "    loss = -np.mean(np.log(np.clip(picked, 1e-12, 1.0)))\n"
            "    accuracy = np.count_nonzero(P.argmax(axis=1) == y) / len(y)\n"
            "    return float(loss), float(accuracy)\n"
        ),
    },
    {
        "answer": "evaluate",
        "name": "lesson 7's cross_entropy on one_hot rows, accuracy from the logits' order",
        "code": (
            "def evaluate(params, X, y):\n"
            "    A1, P = forward(params, X)\n"
            '    K = params["b2"].shape[0]\n'
            "    loss = cross_entropy(P, one_hot(y, K))\n"
            '    winners = np.argmax(A1 @ params["W2"] + params["b2"], axis=1)\n'
            "    return loss, np.mean(winners == y)\n"
        ),
    },
    {
        "answer": "fit",
        "name": "history preallocated, epochs counted with enumerate",
        "code": (
            "def fit(params, X, y, X_val, y_val, lrs, rng, loss_gradients, change=None):\n"
            '    Y = one_hot(y, params["b2"].shape[0])\n'
            "    history = np.zeros((len(lrs), 4))\n"
            "    for epoch, lr in enumerate(tqdm(lrs)):\n"
            "        X_epoch = change(X, rng) if change is not None else X\n"
            "        train_epoch(params, X_epoch, Y, lr, 64, rng, loss_gradients, sgd_step)\n"
            "        history[epoch, :2] = evaluate(params, X, y)\n"
            "        history[epoch, 2:] = evaluate(params, X_val, y_val)\n"
            "    return history\n"
        ),
    },
    {
        "answer": "fit",
        "name": "rows built as tuples and stacked, no progress bar",
        "code": (
            "def fit(params, X, y, X_val, y_val, lrs, rng, loss_gradients, change=None):\n"
            "    Y = np.eye(len(params['b2']))[y]\n"
            "    rows = []\n"
            "    for i in range(len(lrs)):\n"
            "        data = X if change is None else change(X, rng)\n"
            "        train_epoch(params, data, Y, lrs[i], 64, rng, loss_gradients, sgd_step)\n"
            "        rows.append(evaluate(params, X, y) + evaluate(params, X_val, y_val))\n"
            "    return np.vstack([np.array(row, dtype=float) for row in rows])\n"
        ),
    },
    {
        "answer": "confusion_matrix",
        "name": "np.bincount of the flattened pair index",
        "code": (
            "def confusion_matrix(y_true, y_pred, num_classes=10):\n"
            "    flat = np.asarray(y_true) * num_classes + np.asarray(y_pred)\n"
            "    counts = np.bincount(flat, minlength=num_classes * num_classes)\n"
            "    return counts.reshape(num_classes, num_classes)\n"
        ),
    },
    {
        "answer": "confusion_matrix",
        "name": "a plain loop over the examples",
        "code": (
            "def confusion_matrix(y_true, y_pred, num_classes=10):\n"
            "    M = np.zeros((num_classes, num_classes), dtype=np.int64)\n"
            "    for t, p in zip(y_true, y_pred):\n"
            "        M[t, p] += 1\n"
            "    return M\n"
        ),
    },
    {
        "answer": "confusion_matrix",
        "name": "comparisons with np.arange, summed (one-hot rows multiplied)",
        "code": (
            "def confusion_matrix(y_true, y_pred, num_classes=10):\n"
            "    classes = np.arange(num_classes)\n"
            "    T = (np.asarray(y_true)[:, None] == classes).astype(int)\n"
            "    P = (np.asarray(y_pred)[:, None] == classes).astype(int)\n"
            "    return T.T @ P\n"
        ),
    },
]
