"""Usual mistakes in lesson 05_activations, and the visible check that must name each one."""

MISTAKES = [
    {
        "name": "the naive sigmoid 1 / (1 + exp(-z)), which overflows at z = -1000",
        "answer": "sigmoid",
        "code": "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n",
        "test": "sigmoid_stable",
        "message": "numpy warned",
    },
    {
        "name": "a stable formula in each branch of np.where, but np.where computes both",
        "answer": "sigmoid",
        "code": (
            "def sigmoid(z):\n"
            "    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))\n"
        ),
        "test": "sigmoid_stable",
        "message": "numpy warned",
    },
    {
        "name": "sigmoid'(a) used where sigmoid'(z) is meant",
        "answer": "sigmoid_prime",
        "code": "def sigmoid_prime(z):\n    s = sigmoid(sigmoid(z))\n    return s * (1 - s)\n",
        "test": "sigmoid_prime_gradient",
        "message": "sigmoid'(a)",
    },
    {
        "name": "the derivative formula a (1 - a) applied to z itself",
        "answer": "sigmoid_prime",
        "code": "def sigmoid_prime(z):\n    return z * (1 - z)\n",
        "test": "sigmoid_prime_gradient",
        "message": "a (1 - a) to z itself",
    },
    {
        "name": "tanh's derivative 1 - a**2 applied to z itself",
        "answer": "tanh_prime",
        "code": "def tanh_prime(z):\n    return 1 - z**2\n",
        "test": "tanh_prime_gradient",
        "message": "1 - a**2 to z itself",
    },
    {
        "name": "ReLU's derivative given as the ReLU itself",
        "answer": "relu_prime",
        "code": "def relu_prime(z):\n    return np.maximum(0, z)\n",
        "test": "relu_prime_values",
        "message": "ReLU itself",
    },
    {
        "name": "leaky ReLU without its slope (plain ReLU)",
        "answer": "leaky_relu",
        "code": "def leaky_relu(z, slope=0.01):\n    return np.maximum(0, z)\n",
        "test": "leaky_relu_values",
        "message": "leaving out the slope",
    },
    {
        "name": "leaky ReLU's derivative given as ReLU's (0 instead of slope for z < 0)",
        "answer": "leaky_relu_prime",
        "code": "def leaky_relu_prime(z, slope=0.01):\n    return np.where(z > 0, 1.0, 0.0)\n",
        "test": "leaky_relu_prime_gradient",
        "message": "ReLU's derivative",
    },
    {
        "name": "collapse with W2 @ W1 (the layers in the wrong order)",
        "answer": "collapse_linear",
        "code": "def collapse_linear(W1, b1, W2, b2):\n    return W2 @ W1, b1 @ W2 + b2\n",
        "test": "collapse_linear_weights",
        "message": "W2 @ W1",
    },
    {
        "name": "collapse with b = b1 + b2 (b1 not passed through W2)",
        "answer": "collapse_linear",
        "code": "def collapse_linear(W1, b1, W2, b2):\n    return W1 @ W2, b1 + b2\n",
        "test": "collapse_linear_weights",
        "message": "b1 + b2",
    },
    {
        "name": "sigmoid' written from exp(-z) directly, which overflows at z = -1000",
        "answer": "sigmoid_prime",
        "code": "def sigmoid_prime(z):\n    return np.exp(-z) / (1 + np.exp(-z)) ** 2\n",
        "test": "sigmoid_prime_stable",
        "message": "numpy warned",
    },
    {
        "name": "tanh' from the identity without the inner derivative 2",
        "answer": "tanh_prime",
        "code": "def tanh_prime(z):\n    return 2 * sigmoid_prime(2 * z)\n",
        "test": "tanh_prime_gradient",
        "message": "leaving out the inner derivative 2",
    },
    {
        "name": "chain_slope without the weights' factors",
        "answer": "chain_slope",
        "code": (
            "def chain_slope(x, weights, biases, g, g_prime):\n"
            "    a, slope = x, 1.0\n"
            "    for w, b in zip(weights, biases):\n"
            "        slope *= g_prime(w * a + b)\n"
            "        a = g(w * a + b)\n"
            "    return slope\n"
        ),
        "test": "chain_slope_gradient",
        "message": "leaving out the weights",
    },
    {
        "name": "chain_slope with g' evaluated at each layer's activation a instead of its z",
        "answer": "chain_slope",
        "code": (
            "def chain_slope(x, weights, biases, g, g_prime):\n"
            "    a, slope = x, 1.0\n"
            "    for w, b in zip(weights, biases):\n"
            "        a = g(w * a + b)\n"
            "        slope *= w * g_prime(a)\n"
            "    return slope\n"
        ),
        "test": "chain_slope_gradient",
        "message": "output a instead of its z",
    },
    {
        "name": "relu'(0) = 1 (z >= 0 where the convention is z > 0)",
        "answer": "relu_prime",
        "code": "def relu_prime(z):\n    return np.where(np.asarray(z) >= 0, 1.0, 0.0)\n",
        "test": "relu_prime_values",
        "message": "returning 1 at z = 0",
    },
    {
        "name": "relu' as booleans (z > 0) where floats are promised",
        "answer": "relu_prime",
        "code": "def relu_prime(z):\n    return np.asarray(z) > 0\n",
        "test": "relu_prime_values",
        "message": "the kind of numbers relu_prime returns",
    },
    {
        "name": "leaky ReLU computed in place, changing the caller's array",
        "answer": "leaky_relu",
        "code": "def leaky_relu(z, slope=0.01):\n    z[z < 0] *= slope\n    return z\n",
        "test": "leaky_relu_values",
        "message": "z after leaky_relu(z)",
    },
    {
        "name": "leaky ReLU's derivative 1 at z = 0 (z >= 0 where z > 0 is meant)",
        "answer": "leaky_relu_prime",
        "code": (
            "def leaky_relu_prime(z, slope=0.01):\n"
            "    return np.where(np.asarray(z) >= 0, 1.0, slope)\n"
        ),
        "test": "leaky_relu_prime_gradient",
        "message": "returning 1 at z = 0",
    },
    {
        "name": "collapse adding into b2 in place (b2 += b1 @ W2)",
        "answer": "collapse_linear",
        "code": (
            "def collapse_linear(W1, b1, W2, b2):\n    b2 += b1 @ W2\n    return W1 @ W2, b2\n"
        ),
        "test": "collapse_linear_weights",
        "message": "b2 after collapse_linear",
    },
]
