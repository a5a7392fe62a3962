"""Correct answers to lesson 05_activations written differently from the reference.

Each must earn full marks: the checks may not depend on how an answer is written.
"""

ALTERNATIVES = [
    {
        "answer": "sigmoid",
        "name": "through tanh: (1 + tanh(z / 2)) / 2",
        "code": "def sigmoid(z):\n    return (1 + np.tanh(np.asarray(z, dtype=float) / 2)) / 2\n",
    },
    {
        "answer": "sigmoid",
        "name": "exp(-log(1 + exp(-z))) with np.logaddexp",
        "code": (
            "def sigmoid(z):\n    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))\n"
        ),
    },
    {
        "answer": "sigmoid",
        "name": "boolean masks, each form computed only where it is safe",
        "code": (
            "def sigmoid(z):\n"
            "    z = np.asarray(z, dtype=float)\n"
            "    out = np.empty_like(z)\n"
            "    positive = z >= 0\n"
            "    out[positive] = 1 / (1 + np.exp(-z[positive]))\n"
            "    e = np.exp(z[~positive])\n"
            "    out[~positive] = e / (1 + e)\n"
            "    return out\n"
        ),
    },
    {
        "answer": "sigmoid_prime",
        "name": "sigmoid(z) * sigmoid(-z)",
        "code": "def sigmoid_prime(z):\n    return sigmoid(z) * sigmoid(-np.asarray(z))\n",
    },
    {
        "answer": "sigmoid_prime",
        "name": "e^-|z| / (1 + e^-|z|)^2, without calling sigmoid",
        "code": (
            "def sigmoid_prime(z):\n    e = np.exp(-np.abs(z))\n    return e / (1 + e) ** 2\n"
        ),
    },
    {
        "answer": "sigmoid_prime",
        "name": "through tanh: (1 - tanh(z / 2)**2) / 4",
        "code": "def sigmoid_prime(z):\n    return (1 - np.tanh(np.asarray(z) / 2) ** 2) / 4\n",
    },
    {
        "answer": "collapse_linear",
        "name": "np.dot and a new bias array",
        "code": (
            "def collapse_linear(W1, b1, W2, b2):\n"
            "    W = np.dot(W1, W2)\n"
            "    b = np.dot(b1, W2) + b2\n"
            "    return W, b\n"
        ),
    },
    {
        "answer": "collapse_linear",
        "name": "np.einsum",
        "code": (
            "def collapse_linear(W1, b1, W2, b2):\n"
            "    return np.einsum('dh,hk->dk', W1, W2), np.einsum('h,hk->k', b1, W2) + b2\n"
        ),
    },
    {
        "answer": "collapse_linear",
        "name": "loops over the entries, bias copied before adding",
        "code": (
            "def collapse_linear(W1, b1, W2, b2):\n"
            "    D, H = W1.shape\n"
            "    K = W2.shape[1]\n"
            "    W = np.zeros((D, K))\n"
            "    for d in range(D):\n"
            "        for k in range(K):\n"
            "            W[d, k] = sum(W1[d, h] * W2[h, k] for h in range(H))\n"
            "    b = np.array(b2, dtype=float)\n"
            "    for k in range(K):\n"
            "        b[k] += sum(b1[h] * W2[h, k] for h in range(H))\n"
            "    return W, b\n"
        ),
    },
    {
        "answer": "tanh_prime",
        "name": "1 - tanh(z)**2",
        "code": "def tanh_prime(z):\n    return 1 - np.tanh(z) ** 2\n",
    },
    {
        "answer": "tanh_prime",
        "name": "1 / cosh(z)**2",
        "code": "def tanh_prime(z):\n    return 1 / np.cosh(z) ** 2\n",
    },
    {
        "answer": "tanh_prime",
        "name": "4 s (1 - s) with s = sigmoid(2z), without sigmoid_prime",
        "code": (
            "def tanh_prime(z):\n"
            "    s = sigmoid(2 * np.asarray(z, dtype=float))\n"
            "    return 4 * s * (1 - s)\n"
        ),
    },
    {
        "answer": "chain_slope",
        "name": "recursion on the rest of the chain",
        "code": (
            "def chain_slope(x, weights, biases, g, g_prime):\n"
            "    if len(weights) == 0:\n"
            "        return 1.0\n"
            "    z = weights[0] * x + biases[0]\n"
            "    rest = chain_slope(g(z), weights[1:], biases[1:], g, g_prime)\n"
            "    return weights[0] * g_prime(z) * rest\n"
        ),
    },
    {
        "answer": "chain_slope",
        "name": "forward pass collecting the factors, then np.prod",
        "code": (
            "def chain_slope(x, weights, biases, g, g_prime):\n"
            "    factors = []\n"
            "    a = x\n"
            "    for w, b in zip(weights, biases):\n"
            "        z = w * a + b\n"
            "        factors.append(w * g_prime(z))\n"
            "        a = g(z)\n"
            "    return float(np.prod(factors))\n"
        ),
    },
    {
        "answer": "relu_prime",
        "name": "(z > 0).astype(float)",
        "code": "def relu_prime(z):\n    return (np.asarray(z) > 0).astype(float)\n",
    },
    {
        "answer": "relu_prime",
        "name": "np.heaviside with 0 at the corner",
        "code": "def relu_prime(z):\n    return np.heaviside(np.asarray(z, dtype=float), 0.0)\n",
    },
    {
        "answer": "relu_prime",
        "name": "booleans times 1.0",
        "code": "def relu_prime(z):\n    return (np.asarray(z) > 0) * 1.0\n",
    },
    {
        "answer": "leaky_relu",
        "name": "np.maximum(z, slope * z) (slope <= 1)",
        "code": "def leaky_relu(z, slope=0.01):\n    return np.maximum(z, slope * np.asarray(z))\n",
    },
    {
        "answer": "leaky_relu",
        "name": "ReLU of z minus slope times ReLU of -z",
        "code": (
            "def leaky_relu(z, slope=0.01):\n"
            "    z = np.asarray(z, dtype=float)\n"
            "    return relu(z) - slope * relu(-z)\n"
        ),
    },
    {
        "answer": "leaky_relu",
        "name": "a copy changed in place",
        "code": (
            "def leaky_relu(z, slope=0.01):\n"
            "    out = np.array(z, dtype=float)\n"
            "    out[out <= 0] *= slope\n"
            "    return out\n"
        ),
    },
    {
        "answer": "leaky_relu_prime",
        "name": "indicator arithmetic",
        "code": (
            "def leaky_relu_prime(z, slope=0.01):\n"
            "    positive = np.asarray(z) > 0\n"
            "    return 1.0 * positive + slope * ~positive\n"
        ),
    },
    {
        "answer": "leaky_relu_prime",
        "name": "a float array filled with slope, 1.0 where z > 0",
        "code": (
            "def leaky_relu_prime(z, slope=0.01):\n"
            "    z = np.asarray(z, dtype=float)\n"
            "    out = np.full(z.shape, float(slope))\n"
            "    out[z > 0] = 1.0\n"
            "    return out\n"
        ),
    },
]
