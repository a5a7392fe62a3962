"""Correct answers to lesson 06_feedforward written differently from the reference.

Each entry replaces one answer cell; every test cell of the lesson must still pass.
"""

ALTERNATIVES = [
    {
        "answer": "neuron",
        "name": "a loop for the weighted sum, the sigmoid written out stably",
        "code": (
            "def neuron(x, w, b):\n"
            "    z = b\n"
            "    for w_i, x_i in zip(w, x):\n"
            "        z = z + w_i * x_i\n"
            "    return sigmoid(z)\n"
        ),
    },
    {
        "answer": "neuron",
        "name": "the @ operator on arrays",
        "code": (
            "def neuron(x, w, b):\n"
            "    return sigmoid(np.asarray(w, dtype=float) @ np.asarray(x, dtype=float) + b)\n"
        ),
    },
    {
        "answer": "layer",
        "name": "np.dot and an explicit bias row",
        "code": (
            "def layer(X, W, b):\n    return sigmoid(np.dot(X, W) + np.reshape(b, (1, -1)))\n"
        ),
    },
    {
        "answer": "layer",
        "name": "np.einsum",
        "code": ("def layer(X, W, b):\n    return sigmoid(np.einsum('nd,dh->nh', X, W) + b)\n"),
    },
    {
        "answer": "x3_2_by_hand",
        "name": "arithmetic of the rounded hidden outputs",
        "code": "x3_2_by_hand = 1 / (1 + np.exp(-(-0.3 * 0.7006 + 0.8 * 0.6457)))\n",
    },
    {
        "answer": "x3_2_by_hand",
        "name": "a number rounded to three decimal places",
        "code": "x3_2_by_hand = 0.576\n",
    },
    {
        "answer": "network_322",
        "name": "entry by entry, as written out in section 3",
        "code": (
            "def network_322(x1, w1, w2):\n"
            "    x2 = [sigmoid(sum(w1[j, k] * x1[k] for k in range(3))) for j in range(2)]\n"
            "    return np.array(\n"
            "        [sigmoid(sum(w2[j, k] * x2[k] for k in range(2))) for j in range(2)]\n"
            "    )\n"
        ),
    },
    {
        "answer": "network_322",
        "name": "np.dot, and x1 as a (3, 1) column flattened at the end",
        "code": (
            "def network_322(x1, w1, w2):\n"
            "    column = np.reshape(x1, (3, 1))\n"
            "    return sigmoid(np.dot(w2, sigmoid(np.dot(w1, column)))).ravel()\n"
        ),
    },
    {
        "answer": "feedforward_322",
        "name": "the column form applied to X transposed, transposed back",
        "code": ("def feedforward_322(X, w1, w2):\n    return sigmoid(w2 @ sigmoid(w1 @ X.T)).T\n"),
    },
    {
        "answer": "feedforward_322",
        "name": "np.einsum on the column-form matrices",
        "code": (
            "def feedforward_322(X, w1, w2):\n"
            "    A1 = sigmoid(np.einsum('nd,hd->nh', X, w1))\n"
            "    return sigmoid(np.einsum('nh,kh->nk', A1, w2))\n"
        ),
    },
    {
        "answer": "feedforward",
        "name": "functools.reduce over the layers",
        "code": (
            "from functools import reduce\n"
            "\n"
            "\n"
            "def feedforward(params, X):\n"
            "    return reduce(lambda A, layer: sigmoid(A @ layer[0] + layer[1]), params, X)\n"
        ),
    },
    {
        "answer": "feedforward",
        "name": "recursion, one layer per call",
        "code": (
            "def feedforward(params, X):\n"
            "    if len(params) == 0:\n"
            "        return X\n"
            "    W, b = params[0]\n"
            "    return feedforward(params[1:], sigmoid(np.dot(X, W) + b))\n"
        ),
    },
    {
        "answer": "softmax",
        "name": "[:, None] instead of keepdims, and axis=-1",
        "code": (
            "def softmax(Z):\n"
            "    E = np.exp(Z - np.max(Z, axis=-1)[:, None])\n"
            "    return E / np.sum(E, axis=-1)[:, None]\n"
        ),
    },
    {
        "answer": "softmax",
        "name": "through log-sum-exp, row by row",
        "code": (
            "def softmax(Z):\n"
            "    rows = []\n"
            "    for z in Z:\n"
            "        m = z.max()\n"
            "        rows.append(np.exp(z - m - np.log(np.exp(z - m).sum())))\n"
            "    return np.array(rows)\n"
        ),
    },
]
