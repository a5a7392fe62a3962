"""Usual mistakes in lesson 05_activations, and the visible check that must name each one."""

MISTAKES = [
    {
        "name": "the naive sigmoid 1 / (1 + exp(-z)), which overflows at z = -1000",
        "answer": "sigmoid",
        "code": "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n",
        "test": "sigmoid_stable",
        "message": "overflow encountered in exp",
    },
    {
        "name": "a stable formula in each branch of np.where, but np.where computes both",
        "answer": "sigmoid",
        "code": (
            "def sigmoid(z):\n"
            "    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))\n"
        ),
        "test": "sigmoid_stable",
        "message": "overflow encountered in exp",
    },
    {
        "name": "sigmoid'(a) used where sigmoid'(z) is meant",
        "answer": "sigmoid_prime",
        "code": "def sigmoid_prime(z):\n    s = sigmoid(sigmoid(z))\n    return s * (1 - s)\n",
        "test": "sigmoid_prime_values",
        "message": "sigmoid'(a)",
    },
    {
        "name": "the derivative formula a (1 - a) applied to z itself",
        "answer": "sigmoid_prime",
        "code": "def sigmoid_prime(z):\n    return z * (1 - z)\n",
        "test": "sigmoid_prime_values",
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
]
