"""Correct answers to lesson 10_mnist written differently from the reference.

Each entry replaces one answer cell; every test cell of the lesson must still pass, the final
accuracy check included.
"""

ALTERNATIVES = [
    {
        "answer": "init_params",
        "name": "standard normal draws scaled afterwards, float32 arrays",
        "code": (
            "def init_params(sizes, rng):\n"
            "    params = []\n"
            "    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):\n"
            "        W = rng.standard_normal((fan_in, fan_out)) / np.sqrt(fan_in)\n"
            "        params.append((W.astype(np.float32), np.zeros(fan_out, dtype=np.float32)))\n"
            "    return params\n"
        ),
    },
    {
        "answer": "init_params",
        "name": "the layers counted by index",
        "code": (
            "def init_params(sizes, rng):\n"
            "    params = []\n"
            "    for layer in range(len(sizes) - 1):\n"
            "        fan_in, fan_out = sizes[layer], sizes[layer + 1]\n"
            "        W = rng.normal(scale=fan_in**-0.5, size=(fan_in, fan_out))\n"
            "        params.append((W, np.zeros(fan_out)))\n"
            "    return params\n"
        ),
    },
    {
        "answer": "forward",
        "name": "the sigmoid as (1 + tanh(z / 2)) / 2 and a softmax written out",
        "code": (
            "def forward(params, X):\n"
            "    activations = [X]\n"
            "    for W, b in params[:-1]:\n"
            "        activations.append(0.5 * (1 + np.tanh(0.5 * (activations[-1] @ W + b))))\n"
            "    W, b = params[-1]\n"
            "    Z = activations[-1] @ W + b\n"
            "    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
            "    return activations + [E / E.sum(axis=1, keepdims=True)]\n"
        ),
    },
    {
        "answer": "forward",
        "name": "np.dot, one loop over all the layers, and the softmax through log-sum-exp",
        "code": (
            "def forward(params, X):\n"
            "    A = X\n"
            "    activations = [A]\n"
            "    for layer, (W, b) in enumerate(params):\n"
            "        Z = np.dot(A, W) + b\n"
            "        if layer < len(params) - 1:\n"
            "            A = sigmoid(Z)\n"
            "        else:\n"
            "            m = np.max(Z, axis=-1, keepdims=True)\n"
            "            log_sum = np.log(np.sum(np.exp(Z - m), axis=-1, keepdims=True))\n"
            "            A = np.exp(Z - m - log_sum)\n"
            "        activations.append(A)\n"
            "    return activations\n"
        ),
    },
    {
        "answer": "backward",
        "name": "np.einsum (optimize=True, as fast as @), the mean taken at the end, each pair "
        "inserted at the front",
        "code": (
            "def backward(params, activations, Y):\n"
            "    N = Y.shape[0]\n"
            "    E = activations[-1] - Y\n"
            "    grads = []\n"
            "    for layer in reversed(range(len(params))):\n"
            "        A_prev = activations[layer]\n"
            "        dW = np.einsum('nd,nk->dk', A_prev, E, optimize=True) / N\n"
            "        grads.insert(0, (dW, E.sum(axis=0) / N))\n"
            "        if layer:\n"
            "            E = np.einsum('nk,dk->nd', E, params[layer][0], optimize=True)\n"
            "            E = E * A_prev * (1 - A_prev)\n"
            "    return grads\n"
        ),
    },
    {
        "answer": "backward",
        "name": "the sigmoid recomputed from Z, bias sums by a ones vector, a while loop",
        "code": (
            "def backward(params, activations, Y):\n"
            "    ones = np.ones(len(Y))\n"
            "    dZ = (activations[-1] - Y) / len(Y)\n"
            "    grads = [None] * len(params)\n"
            "    layer = len(params) - 1\n"
            "    while layer >= 0:\n"
            "        grads[layer] = (activations[layer].T @ dZ, ones @ dZ)\n"
            "        if layer > 0:\n"
            "            W_below, b_below = params[layer - 1]\n"
            "            S = sigmoid(activations[layer - 1] @ W_below + b_below)\n"
            "            dZ = (dZ @ params[layer][0].T) * S * (1 - S)\n"
            "        layer -= 1\n"
            "    return grads\n"
        ),
    },
    {
        "answer": "sgd_step",
        "name": "np.subtract with out=, array by array",
        "code": (
            "def sgd_step(params, grads, lr):\n"
            "    for layer, layer_grads in zip(params, grads):\n"
            "        for value, grad in zip(layer, layer_grads):\n"
            "            np.subtract(value, lr * grad, out=value)\n"
        ),
    },
    {
        "answer": "sgd_step",
        "name": "slice assignment, the layers by index",
        "code": (
            "def sgd_step(params, grads, lr):\n"
            "    for layer in range(len(params)):\n"
            "        W, b = params[layer]\n"
            "        dW, db = grads[layer]\n"
            "        W[...] = W - lr * dW\n"
            "        b[:] = b - lr * db\n"
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
            "    P = forward(params, X)[-1]\n"
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
            "    activations = forward(params, X)\n"
            "    W, b = params[-1]\n"
            "    loss = cross_entropy(activations[-1], one_hot(y, b.shape[0]))\n"
            "    winners = np.argmax(activations[-2] @ W + b, axis=1)\n"
            "    return loss, np.mean(winners == y)\n"
        ),
    },
    {
        "answer": "fit",
        "name": "history preallocated, epochs counted with enumerate",
        "code": (
            "def fit(params, X, y, X_val, y_val, lrs, rng, loss_gradients, change=None):\n"
            "    Y = one_hot(y, params[-1][1].shape[0])\n"
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
            "    Y = np.eye(len(params[-1][1]))[y]\n"
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
