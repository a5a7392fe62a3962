"""Usual mistakes in lesson 09_backpropagation, and the visible check that must name each one."""

NEURON_SIGMOID_PRIME_OF_A = """\
def neuron_grads(a_prev, w, b, y):
    a = sigmoid(w * a_prev + b)
    return (a - y) * sigmoid_prime(a) * a_prev, (a - y) * sigmoid_prime(a)
"""

GRADS_322_NO_FACTOR_2 = """\
def grads_322(x1, y, w1, w2):
    z2 = w1 @ x1
    x2 = sigmoid(z2)
    z3 = w2 @ x2
    delta3 = (sigmoid(z3) - y) * sigmoid_prime(z3)
    delta2 = (w2.T @ delta3) * sigmoid_prime(z2)
    return np.outer(delta2, x1), np.outer(delta3, x2)
"""

HAND = """\
x2 = sigmoid(np.array([-0.1, 0.85]))
x3 = sigmoid(np.array([[0.6, -0.1], [-0.3, 0.8]]) @ x2)
delta3 = {two}(x3 - np.array([1.0, 0.0])) * x3 * (1 - x3)
dmse_dw1_23 = {sum_} * x2[1] * (1 - x2[1]){x3}
"""

MISTAKES = [
    {
        "name": "sigmoid'(a) used where sigmoid'(z) is meant (one neuron)",
        "answer": "neuron_grads",
        "code": NEURON_SIGMOID_PRIME_OF_A,
        "test": "neuron_grads_weight",
        "message": "sigmoid'(a)",
    },
    {
        "name": "the bias gradient multiplied by a_prev, copied from dC/dw",
        "answer": "neuron_grads",
        "code": (
            "def neuron_grads(a_prev, w, b, y):\n"
            "    z = w * a_prev + b\n"
            "    delta = (sigmoid(z) - y) * sigmoid_prime(z)\n"
            "    return delta * a_prev, delta * a_prev\n"
        ),
        "test": "neuron_grads_bias",
        "message": "multiplying by a_prev",
    },
    {
        "name": "the factor 2 of the plain-sum MSE dropped (output layer)",
        "answer": "grads_322",
        "code": GRADS_322_NO_FACTOR_2,
        "test": "grads_322_w2",
        "message": "factor 2",
    },
    {
        "name": "the factor 2 of the plain-sum MSE dropped (hidden layer)",
        "answer": "grads_322",
        "code": GRADS_322_NO_FACTOR_2,
        "test": "grads_322_w1",
        "message": "factor 2",
    },
    {
        "name": "w2 used where w2.T is meant in the hidden error term",
        "answer": "grads_322",
        "code": (
            "def grads_322(x1, y, w1, w2):\n"
            "    z2 = w1 @ x1\n"
            "    x2 = sigmoid(z2)\n"
            "    z3 = w2 @ x2\n"
            "    delta3 = 2 * (sigmoid(z3) - y) * sigmoid_prime(z3)\n"
            "    delta2 = (w2 @ delta3) * sigmoid_prime(z2)\n"
            "    return np.outer(delta2, x1), np.outer(delta3, x2)\n"
        ),
        "test": "grads_322_w1",
        "message": "w2 where w2.T is meant",
    },
    {
        "name": "sigmoid'(a) used where sigmoid'(z) is meant (one layer)",
        "answer": "layer_backward",
        "code": (
            "def layer_backward(dA, A_prev, Z, W):\n"
            "    dZ = dA * sigmoid_prime(sigmoid(Z))\n"
            "    return dZ @ W.T, A_prev.T @ dZ, dZ.sum(axis=0)\n"
        ),
        "test": "layer_backward_dW",
        "message": "sigmoid'(a)",
    },
    {
        "name": "dW = dZ.T @ A_prev, the weight gradient transposed (shape reversed)",
        "answer": "layer_backward",
        "code": (
            "def layer_backward(dA, A_prev, Z, W):\n"
            "    dZ = dA * sigmoid_prime(Z)\n"
            "    return dZ @ W.T, dZ.T @ A_prev, dZ.sum(axis=0)\n"
        ),
        "test": "layer_backward_dW",
        "message": "transposed",
    },
    {
        "name": "the bias gradient not summed over the batch (db of shape (N, H))",
        "answer": "layer_backward",
        "code": (
            "def layer_backward(dA, A_prev, Z, W):\n"
            "    dZ = dA * sigmoid_prime(Z)\n"
            "    return dZ @ W.T, A_prev.T @ dZ, dZ\n"
        ),
        "test": "layer_backward_db",
        "message": "summed over the batch",
    },
    {
        "name": "the bias gradient taken from the first example only (db = dZ[0])",
        "answer": "layer_backward",
        "code": (
            "def layer_backward(dA, A_prev, Z, W):\n"
            "    dZ = dA * sigmoid_prime(Z)\n"
            "    return dZ @ W.T, A_prev.T @ dZ, dZ[0]\n"
        ),
        "test": "layer_backward_db",
        "message": "dZ[0]",
    },
    {
        "name": "dA_prev = dZ @ W, the weight matrix used untransposed",
        "answer": "layer_backward",
        "code": (
            "def layer_backward(dA, A_prev, Z, W):\n"
            "    dZ = dA * sigmoid_prime(Z)\n"
            "    return dZ @ W, A_prev.T @ dZ, dZ.sum(axis=0)\n"
        ),
        "test": "layer_backward_dA_prev",
        "message": "W where W.T is meant",
    },
    {
        "name": "backprop differentiates the sum over the batch, not the mean (no / N)",
        "answer": "backprop",
        "code": (
            "def backprop(params, X, Y):\n"
            "    A, caches = X, []\n"
            "    for W, b in params:\n"
            "        Z = A @ W + b\n"
            "        caches.append((A, Z, W))\n"
            "        A = sigmoid(Z)\n"
            "    dA = A - Y\n"
            "    grads = []\n"
            "    for A_prev, Z, W in reversed(caches):\n"
            "        dZ = dA * sigmoid_prime(Z)\n"
            "        grads.append((A_prev.T @ dZ, dZ.sum(axis=0)))\n"
            "        dA = dZ @ W.T\n"
            "    return grads[::-1]\n"
        ),
        "test": "backprop_gradients",
        "message": "the sum over the batch instead of the mean",
    },
    {
        "name": "train_square's output gradient not divided by N",
        "answer": "train_square",
        "code": (
            "def train_square(params, X, y, lr, num_epochs):\n"
            "    (W1, b1), (W2, b2) = params\n"
            "    losses = []\n"
            "    for _ in range(num_epochs):\n"
            "        Z1 = X @ W1 + b1\n"
            "        A1 = sigmoid(Z1)\n"
            "        y_hat = A1 @ W2 + b2\n"
            "        losses.append(mse(y_hat, y))\n"
            "        dZ2 = y_hat - y\n"
            "        dZ1 = (dZ2 @ W2.T) * sigmoid_prime(Z1)\n"
            "        W2, b2 = W2 - lr * A1.T @ dZ2, b2 - lr * dZ2.sum(axis=0)\n"
            "        W1, b1 = W1 - lr * X.T @ dZ1, b1 - lr * dZ1.sum(axis=0)\n"
            "    return [(W1, b1), (W2, b2)], losses\n"
        ),
        "test": "train_square_step",
        "message": "the sum over the batch instead of the mean",
    },
    {
        "name": "the hand-computed dMSE/dw1_23 without the factor 2 of the plain-sum MSE",
        "answer": "dmse_dw1_23",
        "code": HAND.format(two="", sum_="(-0.1 * delta3[0] + 0.8 * delta3[1])", x3=" * -1"),
        "test": "dmse_dw1_23_value",
        "message": "factor 2",
    },
    {
        "name": "the hand-computed dMSE/dw1_23 taken through row 2 of w2 (w2 where w2.T is meant)",
        "answer": "dmse_dw1_23",
        "code": HAND.format(two="2 * ", sum_="(-0.3 * delta3[0] + 0.8 * delta3[1])", x3=" * -1"),
        "test": "dmse_dw1_23_value",
        "message": "w2 where w2.T is meant",
    },
    {
        "name": "the hand-computed dMSE/dw1_23 stopping at delta2_2 (the input x_3 left out)",
        "answer": "dmse_dw1_23",
        "code": HAND.format(two="2 * ", sum_="(-0.1 * delta3[0] + 0.8 * delta3[1])", x3=""),
        "test": "dmse_dw1_23_value",
        "message": "without the factor x_3",
    },
    {
        "name": "softmax + cross-entropy gradient as the sum over the batch, not the mean",
        "answer": "softmax_cross_entropy_grad",
        "code": ("def softmax_cross_entropy_grad(Z, Y):\n    return softmax(Z) - Y\n"),
        "test": "softmax_cross_entropy_grad_values",
        "message": "the sum over the batch instead of the mean",
    },
    {
        "name": "softmax on the wrong axis (axis=0) in the softmax + cross-entropy gradient",
        "answer": "softmax_cross_entropy_grad",
        "code": (
            "def softmax_cross_entropy_grad(Z, Y):\n"
            "    E = np.exp(Z - Z.max(axis=0))\n"
            "    return (E / E.sum(axis=0) - Y) / len(Z)\n"
        ),
        "test": "softmax_cross_entropy_grad_values",
        "message": "wrong axis",
    },
    {
        "name": "dC/dP returned where dC/dZ is meant (the softmax's Jacobian left out)",
        "answer": "softmax_cross_entropy_grad",
        "code": ("def softmax_cross_entropy_grad(Z, Y):\n    return -Y / softmax(Z) / len(Z)\n"),
        "test": "softmax_cross_entropy_grad_values",
        "message": "leaving out the softmax's Jacobian",
    },
    {
        "name": "the logits used where the probabilities are meant ((Z - Y) / N)",
        "answer": "softmax_cross_entropy_grad",
        "code": ("def softmax_cross_entropy_grad(Z, Y):\n    return (Z - Y) / len(Z)\n"),
        "test": "softmax_cross_entropy_grad_values",
        "message": "the logits where the probabilities are meant",
    },
    {
        "name": "a softmax with no maximum subtracted overflows on logits of 1000",
        "answer": "softmax_cross_entropy_grad",
        "code": (
            "def softmax_cross_entropy_grad(Z, Y):\n"
            "    E = np.exp(Z)\n"
            "    return (E / E.sum(axis=1, keepdims=True) - Y) / len(Z)\n"
        ),
        "test": "softmax_cross_entropy_grad_stable",
        "message": "overflow",
    },
    {
        "name": "a stable softmax that subtracts the global maximum instead of each row's",
        "answer": "softmax_cross_entropy_grad",
        "code": (
            "def softmax_cross_entropy_grad(Z, Y):\n"
            "    E = np.exp(Z - Z.max())\n"
            "    return (E / E.sum(axis=1, keepdims=True) - Y) / len(Z)\n"
        ),
        "test": "softmax_cross_entropy_grad_stable",
        "message": "each row's own maximum",
    },
    {
        "name": "the softmax + cross-entropy gradient computed by changing Z in place",
        "answer": "softmax_cross_entropy_grad",
        "code": (
            "def softmax_cross_entropy_grad(Z, Y):\n"
            "    Z -= Z.max(axis=1, keepdims=True)\n"
            "    np.exp(Z, out=Z)\n"
            "    Z /= Z.sum(axis=1, keepdims=True)\n"
            "    return (Z - Y) / len(Z)\n"
        ),
        "test": "softmax_cross_entropy_grad_stable",
        "message": "Z after softmax_cross_entropy_grad",
    },
]
