"""Usual mistakes in lesson 06_feedforward, and the visible check that must name each one."""

MISTAKES = [
    {
        "name": "softmax taken over the wrong axis (axis=0, down each column)",
        "answer": "softmax",
        "code": (
            "def softmax(Z):\n"
            "    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
            "    return E / E.sum(axis=0, keepdims=True)\n"
        ),
        "test": "softmax_values",
        "message": "axis=0",
    },
    {
        "name": "softmax over the wrong axis fails the rows-sum-to-one check too",
        "answer": "softmax",
        "code": "def softmax(Z):\n    E = np.exp(Z)\n    return E / E.sum(axis=0)\n",
        "test": "softmax_rows_sum_to_one",
        "message": "axis=0",
    },
    {
        "name": "an overflowing softmax (no row maximum subtracted: nan at logits of 1000)",
        "answer": "softmax",
        "code": "def softmax(Z):\n    E = np.exp(Z)\n    return E / E.sum(axis=1, keepdims=True)\n",
        "test": "softmax_stable",
        "message": "overflow",
    },
    {
        "name": "row sums of shape (N,) instead of (N, 1) in softmax (keepdims=True missing)",
        "answer": "softmax",
        "code": (
            "def softmax(Z):\n"
            "    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
            "    return E / E.sum(axis=1)\n"
        ),
        "test": "softmax_values",
        "message": "row sums of shape (N,) instead of (N, 1)",
    },
    {
        "name": "row maxima and sums of shape (N,) instead of (N, 1) in softmax",
        "answer": "softmax",
        "code": (
            "def softmax(Z):\n    E = np.exp(Z - Z.max(axis=1))\n    return E / E.sum(axis=1)\n"
        ),
        "test": "softmax_values",
        "message": "row maxima and row sums of shape (N,)",
    },
    {
        "name": "a layer's weight matrix used transposed (X @ W.T)",
        "answer": "layer",
        "code": "def layer(X, W, b):\n    return sigmoid(X @ W.T + b)\n",
        "test": "layer_values",
        "message": "the weight matrix used transposed",
    },
    {
        "name": "a bias of shape (H, 1) broadcasting to (H, H), a (n,) vs (n, 1) mix-up",
        "answer": "layer",
        "code": "def layer(X, W, b):\n    return sigmoid(X @ W + b.reshape(-1, 1))\n",
        "test": "layer_shape",
        "message": "A bias of shape (H, 1)",
    },
    {
        "name": "w2 left untransposed in the batch-first 3-2-2 network (A1 @ w2)",
        "answer": "feedforward_322",
        "code": "def feedforward_322(X, w1, w2):\n    return sigmoid(sigmoid(X @ w1.T) @ w2)\n",
        "test": "feedforward_322_values",
        "message": "w2 used without its transpose",
    },
    {
        "name": "the 3-2-2 network returned in column form, (2, N) instead of (N, 2)",
        "answer": "feedforward_322",
        "code": "def feedforward_322(X, w1, w2):\n    return sigmoid(w2 @ sigmoid(w1 @ X.T))\n",
        "test": "feedforward_322_shape",
        "message": "transposed",
    },
    {
        "name": "w2 used transposed in the column form (w2.T @ x2)",
        "answer": "network_322",
        "code": "def network_322(x1, w1, w2):\n    return sigmoid(w2.T @ sigmoid(w1 @ x1))\n",
        "test": "network_322_values",
        "message": "w2 used transposed",
    },
    {
        "name": "the explainer's typo: w22^(2) used where w22^(1) is meant",
        "answer": "network_322",
        "code": (
            "def network_322(x1, w1, w2):\n"
            "    z1 = w1[0, 0] * x1[0] + w1[0, 1] * x1[1] + w1[0, 2] * x1[2]\n"
            "    z2 = w1[1, 0] * x1[0] + w2[1, 1] * x1[1] + w1[1, 2] * x1[2]\n"
            "    x2 = sigmoid(np.array([z1, z2]))\n"
            "    return sigmoid(w2 @ x2)\n"
        ),
        "test": "network_322_values",
        "message": "the article's typo",
    },
    {
        "name": "a neuron without its bias",
        "answer": "neuron",
        "code": "def neuron(x, w, b):\n    return sigmoid(np.dot(w, x))\n",
        "test": "neuron_values",
        "message": "leaving out the bias",
    },
    {
        "name": "feedforward without the sigmoid on the last layer",
        "answer": "feedforward",
        "code": (
            "def feedforward(params, X):\n"
            "    A = X\n"
            "    for W, b in params[:-1]:\n"
            "        A = sigmoid(A @ W + b)\n"
            "    W, b = params[-1]\n"
            "    return A @ W + b\n"
        ),
        "test": "feedforward_values",
        "message": "leaving out the last layer's sigmoid",
    },
    {
        "name": "feedforward that drops the biases",
        "answer": "feedforward",
        "code": (
            "def feedforward(params, X):\n"
            "    A = X\n"
            "    for W, b in params:\n"
            "        A = sigmoid(A @ W)\n"
            "    return A\n"
        ),
        "test": "feedforward_values",
        "message": "leaving out the biases",
    },
    {
        "name": "a stable softmax whose sums run down the columns (axis=0)",
        "answer": "softmax",
        "code": (
            "def softmax(Z):\n"
            "    E = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
            "    return E / E.sum(axis=0)\n"
        ),
        "test": "softmax_values",
        "message": "a stable softmax whose sums run down the columns",
    },
    {
        "name": "a stable softmax that subtracts each column's maximum (axis=0)",
        "answer": "softmax",
        "code": (
            "def softmax(Z):\n"
            "    E = np.exp(Z - Z.max(axis=0))\n"
            "    return E / E.sum(axis=1, keepdims=True)\n"
        ),
        "test": "softmax_values",
        "message": "each column's maximum",
    },
    {
        "name": "a softmax that changes Z in place (Z -= Z.max(...))",
        "answer": "softmax",
        "code": (
            "def softmax(Z):\n"
            "    Z -= Z.max(axis=1, keepdims=True)\n"
            "    E = np.exp(Z)\n"
            "    return E / E.sum(axis=1, keepdims=True)\n"
        ),
        "test": "softmax_stable",
        "message": "Z after softmax(Z)",
    },
    {
        "name": "the hand-computed x3_2 with w2 used transposed (column 2 of w2)",
        "answer": "x3_2_by_hand",
        "code": (
            "_x2 = sigmoid(np.array([0.85, 0.6]))\n"
            "x3_2_by_hand = float(sigmoid(-0.1 * _x2[0] + 0.8 * _x2[1]))\n"
        ),
        "test": "x3_2_by_hand_value",
        "message": "w2 transposed",
    },
    {
        "name": "the hand-computed x3_2 with the explainer's typo w22^(2)",
        "answer": "x3_2_by_hand",
        "code": (
            "_x2 = sigmoid(np.array([0.85, 0.5 * 2 + 0.8 * -1 - 0.2 * 0.5]))\n"
            "x3_2_by_hand = float(sigmoid(-0.3 * _x2[0] + 0.8 * _x2[1]))\n"
        ),
        "test": "x3_2_by_hand_value",
        "message": "typo",
    },
    {
        "name": "the hand-computed x3_2 without the hidden layer's sigmoid",
        "answer": "x3_2_by_hand",
        "code": "x3_2_by_hand = float(sigmoid(-0.3 * 0.85 + 0.8 * 0.6))\n",
        "test": "x3_2_by_hand_value",
        "message": "hidden layer's sigmoid",
    },
]
