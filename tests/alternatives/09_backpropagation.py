"""Correct answers to lesson 09_backpropagation written differently from the reference.

Each entry replaces one answer cell; every test cell of the lesson must still pass.
"""

ALTERNATIVES = [
    {
        "answer": "neuron_grads",
        "name": "sigmoid'(z) written as a * (1 - a)",
        "code": (
            "def neuron_grads(a_prev, w, b, y):\n"
            "    a = sigmoid(w * a_prev + b)\n"
            "    delta = (a - y) * a * (1 - a)\n"
            "    return delta * a_prev, delta\n"
        ),
    },
    {
        "answer": "neuron_grads",
        "name": "the sigmoid written out with np.exp, links multiplied one by one",
        "code": (
            "def neuron_grads(a_prev, w, b, y):\n"
            "    z = np.multiply(w, a_prev) + b\n"
            "    a = 1.0 / (1.0 + np.exp(-z))\n"
            "    dC_da = a - y\n"
            "    da_dz = np.exp(-z) / (1.0 + np.exp(-z)) ** 2\n"
            "    dC_db = dC_da * da_dz * 1.0\n"
            "    return dC_db * a_prev, dC_db\n"
        ),
    },
    {
        "answer": "dmse_dw1_23",
        "name": "the hand computation written as arithmetic of the rounded numbers",
        "code": "dmse_dw1_23 = (-0.1 * -0.2207 + 0.8 * 0.2887) * (0.7006 * 0.2994) * -1\n",
    },
    {
        "answer": "dmse_dw1_23",
        "name": "a number rounded to three significant figures",
        "code": "dmse_dw1_23 = -0.0531\n",
    },
    {
        "answer": "dmse_dw1_23",
        "name": "Python used as a calculator at full precision",
        "code": (
            "import math\n"
            "\n"
            "_s = lambda z: 1 / (1 + math.exp(-z))\n"
            "_x2 = [_s(-0.1), _s(0.85)]\n"
            "_x3 = [_s(0.6 * _x2[0] - 0.1 * _x2[1]), _s(-0.3 * _x2[0] + 0.8 * _x2[1])]\n"
            "_d3 = [2 * (_x3[0] - 1) * _x3[0] * (1 - _x3[0]), 2 * _x3[1] * _x3[1] * (1 - _x3[1])]\n"
            "dmse_dw1_23 = (-0.1 * _d3[0] + 0.8 * _d3[1]) * _x2[1] * (1 - _x2[1]) * -1.0\n"
        ),
    },
    {
        "answer": "grads_322",
        "name": "explicit loops over the entries of each gradient matrix",
        "code": (
            "def grads_322(x1, y, w1, w2):\n"
            "    z2 = w1 @ x1\n"
            "    x2 = sigmoid(z2)\n"
            "    z3 = w2 @ x2\n"
            "    x3 = sigmoid(z3)\n"
            "    delta3 = [2 * (x3[i] - y[i]) * x3[i] * (1 - x3[i]) for i in range(2)]\n"
            "    delta2 = [\n"
            "        sum(w2[i, j] * delta3[i] for i in range(2)) * x2[j] * (1 - x2[j])\n"
            "        for j in range(2)\n"
            "    ]\n"
            "    grad_w1 = np.zeros((2, 3))\n"
            "    grad_w2 = np.zeros((2, 2))\n"
            "    for j in range(2):\n"
            "        for k in range(3):\n"
            "            grad_w1[j, k] = delta2[j] * x1[k]\n"
            "        for k in range(2):\n"
            "            grad_w2[j, k] = delta3[j] * x2[k]\n"
            "    return grad_w1, grad_w2\n"
        ),
    },
    {
        "answer": "grads_322",
        "name": "column vectors of shape (n, 1) and broadcasting instead of np.outer",
        "code": (
            "def grads_322(x1, y, w1, w2):\n"
            "    x1c, yc = x1.reshape(3, 1), y.reshape(2, 1)\n"
            "    z2 = w1 @ x1c\n"
            "    x2 = sigmoid(z2)\n"
            "    z3 = w2 @ x2\n"
            "    delta3 = 2 * (sigmoid(z3) - yc) * sigmoid_prime(z3)\n"
            "    delta2 = np.dot(w2.T, delta3) * sigmoid_prime(z2)\n"
            "    return delta2 * x1c.T, delta3 * x2.T\n"
        ),
    },
    {
        "answer": "layer_backward",
        "name": "np.einsum and the sigmoid's slope from A",
        "code": (
            "def layer_backward(dA, A_prev, Z, W):\n"
            "    A = sigmoid(Z)\n"
            "    dZ = dA * A * (1 - A)\n"
            "    dW = np.einsum('nd,nh->dh', A_prev, dZ)\n"
            "    db = np.einsum('nh->h', dZ)\n"
            "    dA_prev = np.einsum('nh,dh->nd', dZ, W)\n"
            "    return dA_prev, dW, db\n"
        ),
    },
    {
        "answer": "layer_backward",
        "name": "a loop over the examples, adding one outer product each",
        "code": (
            "def layer_backward(dA, A_prev, Z, W):\n"
            "    dZ = dA * sigmoid_prime(Z)\n"
            "    dW = np.zeros(W.shape)\n"
            "    db = np.zeros(W.shape[1])\n"
            "    dA_prev = np.zeros(A_prev.shape)\n"
            "    for n in range(len(dZ)):\n"
            "        dW += np.outer(A_prev[n], dZ[n])\n"
            "        db += dZ[n]\n"
            "        dA_prev[n] = W @ dZ[n]\n"
            "    return dA_prev, dW, db\n"
        ),
    },
    {
        "answer": "backprop",
        "name": "caches kept in two lists, the sigmoid's slope taken from A",
        "code": (
            "def backprop(params, X, Y):\n"
            "    inputs, outputs = [X], []\n"
            "    for W, b in params:\n"
            "        outputs.append(sigmoid(inputs[-1] @ W + b))\n"
            "        inputs.append(outputs[-1])\n"
            "    dA = (outputs[-1] - Y) / len(X)\n"
            "    grads = [None] * len(params)\n"
            "    for i in range(len(params) - 1, -1, -1):\n"
            "        A = outputs[i]\n"
            "        dZ = dA * A * (1 - A)\n"
            "        grads[i] = (np.dot(inputs[i].T, dZ), np.sum(dZ, axis=0))\n"
            "        dA = np.dot(dZ, params[i][0].T)\n"
            "    return grads\n"
        ),
    },
    {
        "answer": "backprop",
        "name": "recursion over the layers",
        "code": (
            "def backprop(params, X, Y):\n"
            "    N = X.shape[0]\n"
            "\n"
            "    def go(i, A_prev):\n"
            "        W, b = params[i]\n"
            "        Z = A_prev @ W + b\n"
            "        if i == len(params) - 1:\n"
            "            dA = (sigmoid(Z) - Y) / N\n"
            "            rest = []\n"
            "        else:\n"
            "            dA, rest = go(i + 1, sigmoid(Z))\n"
            "        dZ = dA * sigmoid_prime(Z)\n"
            "        return dZ @ W.T, [(A_prev.T @ dZ, dZ.sum(axis=0))] + rest\n"
            "\n"
            "    return go(0, X)[1]\n"
        ),
    },
    {
        "answer": "softmax_cross_entropy_grad",
        "name": "lesson 6's softmax from the setup cell",
        "code": ("def softmax_cross_entropy_grad(Z, Y):\n    return (softmax(Z) - Y) / len(Z)\n"),
    },
    {
        "answer": "softmax_cross_entropy_grad",
        "name": "the general formula P * sum(Y) - Y, through log-sum-exp, row by row",
        "code": (
            "def softmax_cross_entropy_grad(Z, Y):\n"
            "    rows = []\n"
            "    for z, y in zip(Z, Y):\n"
            "        m = np.max(z)\n"
            "        log_p = z - m - np.log(np.sum(np.exp(z - m)))\n"
            "        rows.append(np.exp(log_p) * np.sum(y) - y)\n"
            "    return np.array(rows) / Z.shape[0]\n"
        ),
    },
    {
        "answer": "softmax_cross_entropy_grad",
        "name": "the Jacobian built and multiplied explicitly for each example",
        "code": (
            "def softmax_cross_entropy_grad(Z, Y):\n"
            "    N = len(Z)\n"
            "    P = softmax(Z)\n"
            "    out = np.empty_like(P)\n"
            "    for n in range(N):\n"
            "        J = np.diag(P[n]) - np.outer(P[n], P[n])\n"
            "        dP = np.where(Y[n] > 0, -Y[n] / np.maximum(P[n], 1e-300), 0.0)\n"
            "        out[n] = dP @ J\n"
            "    return out / N\n"
        ),
    },
    {
        "answer": "grad_check_network",
        "name": "parameters replaced through a copied list of lists",
        "code": (
            "def grad_check_network(params, X, Y, grads):\n"
            "    def loss(layer, k, value):\n"
            "        trial = [list(p) for p in params]\n"
            "        trial[layer][k] = value\n"
            "        return mse(forward([tuple(p) for p in trial], X)[-1], Y)\n"
            "\n"
            "    errors = []\n"
            "    for layer, ((W, b), (dW, db)) in enumerate(zip(params, grads)):\n"
            "        num_W = numerical_gradient(lambda V: loss(layer, 0, V), W)\n"
            "        num_b = numerical_gradient(lambda v: loss(layer, 1, v), b)\n"
            "        errors.append((rel_error(dW, num_W), rel_error(db, num_b)))\n"
            "    return errors\n"
        ),
    },
    {
        "answer": "grad_check_network",
        "name": "its own central differences, entry by entry",
        "code": (
            "def grad_check_network(params, X, Y, grads, h=1e-5):\n"
            "    def numeric(layer, k):\n"
            "        value = params[layer][k].astype(float)\n"
            "        out = np.zeros_like(value)\n"
            "        for index in np.ndindex(value.shape):\n"
            "            costs = []\n"
            "            for step in (h, -h):\n"
            "                moved = value.copy()\n"
            "                moved[index] += step\n"
            "                trial = [list(p) for p in params]\n"
            "                trial[layer][k] = moved\n"
            "                costs.append(mse(forward([tuple(p) for p in trial], X)[-1], Y))\n"
            "            out[index] = (costs[0] - costs[1]) / (2 * h)\n"
            "        return out\n"
            "\n"
            "    return [\n"
            "        (rel_error(dW, numeric(i, 0)), rel_error(db, numeric(i, 1)))\n"
            "        for i, (dW, db) in enumerate(grads)\n"
            "    ]\n"
        ),
    },
    {
        "answer": "train_square",
        "name": "the sigmoid's slope from A1, mse written out, parameters unpacked by index",
        "code": (
            "def train_square(params, X, y, lr, num_epochs):\n"
            "    W1, b1 = params[0]\n"
            "    W2, b2 = params[1]\n"
            "    N = len(X)\n"
            "    losses = []\n"
            "    for _ in range(num_epochs):\n"
            "        A1 = sigmoid(X @ W1 + b1)\n"
            "        err = A1 @ W2 + b2 - y\n"
            "        losses.append(float(np.sum(err**2) / (2 * N)))\n"
            "        dZ1 = (err @ W2.T / N) * A1 * (1 - A1)\n"
            "        dW2, db2 = A1.T @ err / N, err.sum(axis=0) / N\n"
            "        dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0)\n"
            "        W1, b1, W2, b2 = W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2\n"
            "    return [(W1, b1), (W2, b2)], losses\n"
        ),
    },
    {
        "answer": "train_square",
        "name": "copies of the parameters, updated in place",
        "code": (
            "def train_square(params, X, y, lr, num_epochs):\n"
            "    W1, b1, W2, b2 = (p.copy() for p in (*params[0], *params[1]))\n"
            "    losses = []\n"
            "    for _ in range(num_epochs):\n"
            "        Z1 = X @ W1 + b1\n"
            "        A1 = sigmoid(Z1)\n"
            "        y_hat = A1 @ W2 + b2\n"
            "        losses.append(mse(y_hat, y))\n"
            "        dZ2 = (y_hat - y) / len(X)\n"
            "        dA1 = dZ2 @ W2.T\n"
            "        W2 -= lr * (A1.T @ dZ2)\n"
            "        b2 -= lr * dZ2.sum(axis=0)\n"
            "        dZ1 = dA1 * sigmoid_prime(Z1)\n"
            "        W1 -= lr * (X.T @ dZ1)\n"
            "        b1 -= lr * dZ1.sum(axis=0)\n"
            "    return [(W1, b1), (W2, b2)], losses\n"
        ),
    },
]
