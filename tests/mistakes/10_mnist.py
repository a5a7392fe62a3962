"""Usual mistakes in lesson 10_mnist, and the visible check that must name each one."""

_BACKWARD = (
    "def backward(params, X, A1, P, Y):\n"
    "    dZ2 = {dZ2}\n"
    "    dZ1 = {dZ1}\n"
    "    return {{\n"
    '        "W1": X.T @ dZ1,\n'
    '        "b1": {b1},\n'
    '        "W2": A1.T @ dZ2,\n'
    '        "b2": {b2},\n'
    "    }}\n"
)
_RIGHT = {
    "dZ2": "(P - Y) / len(X)",
    "dZ1": '(dZ2 @ params["W2"].T) * A1 * (1 - A1)',
    "b1": "dZ1.sum(axis=0)",
    "b2": "dZ2.sum(axis=0)",
}


def _backward(**changes: str) -> str:
    return _BACKWARD.format(**{**_RIGHT, **changes})


_FORWARD = (
    'def forward(params, X):\n    A1 = {A1}\n    Z2 = A1 @ params["W2"] + params["b2"]\n    {P}\n'
)
_STABLE_A1 = '0.5 * (1 + np.tanh(0.5 * (X @ params["W1"] + params["b1"])))'
_SOFTMAX = (
    "E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))\n"
    "    return A1, E / E.sum(axis=1, keepdims=True)"
)

_EPOCH = (
    "def train_epoch(params, X, Y, lr, batch_size, rng, loss_gradients, step):\n"
    "    order = {order}\n"
    "    for start in range({stop}):\n"
    "        batch = order[start : start + batch_size]\n"
    "        step(params, loss_gradients(params, X[batch], Y[batch]), lr)\n"
)

MISTAKES = [
    {
        "name": "one-hot with the 1 one column too far right (label + 1)",
        "answer": "one_hot",
        "code": (
            "def one_hot(y, num_classes=10):\n"
            "    Y = np.zeros((len(y), num_classes), dtype=np.float32)\n"
            "    Y[np.arange(len(y)), (y + 1) % num_classes] = 1.0\n"
            "    return Y\n"
        ),
        "test": "one_hot_values",
        "message": "label + 1",
    },
    {
        "name": "one-hot rows transposed: (K, N) instead of (N, K)",
        "answer": "one_hot",
        "code": (
            "def one_hot(y, num_classes=10):\n"
            "    Y = np.zeros((num_classes, len(y)), dtype=np.float32)\n"
            "    Y[y, np.arange(len(y))] = 1.0\n"
            "    return Y\n"
        ),
        "test": "one_hot_values",
        "message": "transposed",
    },
    {
        "name": "one-hot in numpy's default float64 instead of float32",
        "answer": "one_hot",
        "code": "def one_hot(y, num_classes=10):\n    return np.eye(num_classes)[y]\n",
        "test": "one_hot_dtype_and_sizes",
        "message": "dtype=np.float32",
    },
    {
        "name": "weights with standard deviation 1 / fan_in instead of 1 / sqrt(fan_in)",
        "answer": "init_params",
        "code": (
            "def init_params(num_inputs, num_hiddens, num_outputs, rng):\n"
            "    W1 = rng.normal(0.0, 1 / num_inputs, size=(num_inputs, num_hiddens))\n"
            "    W2 = rng.normal(0.0, 1 / num_hiddens, size=(num_hiddens, num_outputs))\n"
            '    return {"W1": W1.astype(np.float32), "b1": np.zeros(num_hiddens, np.float32),\n'
            '            "W2": W2.astype(np.float32), "b2": np.zeros(num_outputs, np.float32)}\n'
        ),
        "test": "init_params_scale",
        "message": "1 / fan_in instead of 1 / sqrt(fan_in)",
    },
    {
        "name": "weights scaled by the fan_out instead of the fan_in",
        "answer": "init_params",
        "code": (
            "def init_params(num_inputs, num_hiddens, num_outputs, rng):\n"
            "    W1 = rng.normal(0.0, 1 / np.sqrt(num_hiddens), size=(num_inputs, num_hiddens))\n"
            "    W2 = rng.normal(0.0, 1 / np.sqrt(num_outputs), size=(num_hiddens, num_outputs))\n"
            '    return {"W1": W1.astype(np.float32), "b1": np.zeros(num_hiddens, np.float32),\n'
            '            "W2": W2.astype(np.float32), "b2": np.zeros(num_outputs, np.float32)}\n'
        ),
        "test": "init_params_scale",
        "message": "fan_out",
    },
    {
        "name": "weights drawn from np.random instead of the generator given",
        "answer": "init_params",
        "code": (
            "def init_params(num_inputs, num_hiddens, num_outputs, rng):\n"
            "    W1 = np.random.normal(0.0, 1 / np.sqrt(num_inputs), (num_inputs, num_hiddens))\n"
            "    W2 = np.random.normal(0.0, 1 / np.sqrt(num_hiddens), (num_hiddens, num_outputs))\n"
            '    return {"W1": W1.astype(np.float32), "b1": np.zeros(num_hiddens, np.float32),\n'
            '            "W2": W2.astype(np.float32), "b2": np.zeros(num_outputs, np.float32)}\n'
        ),
        "test": "init_params_scale",
        "message": "rng argument",
    },
    {
        "name": "softmax on the wrong axis (axis=0, down the columns)",
        "answer": "forward",
        "code": _FORWARD.format(
            A1=_STABLE_A1, P="E = np.exp(Z2 - Z2.max())\n    return A1, E / E.sum(axis=0)"
        ),
        "test": "forward_values",
        "message": "wrong axis",
    },
    {
        "name": "a sigmoid output layer where the softmax is meant",
        "answer": "forward",
        "code": _FORWARD.format(A1=_STABLE_A1, P="return A1, 1 / (1 + np.exp(-Z2))"),
        "test": "forward_values",
        "message": "sigmoid output",
    },
    {
        "name": "the naive sigmoid 1 / (1 + exp(-z)) overflows in float32",
        "answer": "forward",
        "code": _FORWARD.format(
            A1='1 / (1 + np.exp(-(X @ params["W1"] + params["b1"])))', P=_SOFTMAX
        ),
        "test": "forward_stable_float32",
        "message": "overflow",
    },
    {
        "name": "float64 creeping in (lesson 5's sigmoid casts to float64)",
        "answer": "forward",
        "code": _FORWARD.format(A1='nn.sigmoid(X @ params["W1"] + params["b1"])', P=_SOFTMAX),
        "test": "forward_stable_float32",
        "message": "float64",
    },
    {
        "name": "the gradient summed over the batch instead of averaged",
        "answer": "backward",
        "code": _backward(dZ2="P - Y"),
        "test": "backward_output_layer",
        "message": "summing over the batch instead of averaging",
    },
    {
        "name": "the output error with its sign flipped: Y - P",
        "answer": "backward",
        "code": _backward(dZ2="(Y - P) / len(X)"),
        "test": "backward_output_layer",
        "message": "Y - P instead of P - Y",
    },
    {
        "name": "the bias gradient averaged instead of summed (divided by N twice)",
        "answer": "backward",
        "code": _backward(b2="dZ2.mean(axis=0)"),
        "test": "backward_output_layer",
        "message": "divided by N twice",
    },
    {
        "name": "sigmoid'(a) where sigmoid'(z) is meant in the hidden layer",
        "answer": "backward",
        "code": _backward(dZ1='(dZ2 @ params["W2"].T) * nn.sigmoid(A1) * (1 - nn.sigmoid(A1))'),
        "test": "backward_hidden_layer",
        "message": "sigmoid'(a)",
    },
    {
        "name": "the hidden layer's error without the sigmoid's derivative",
        "answer": "backward",
        "code": _backward(dZ1='dZ2 @ params["W2"].T'),
        "test": "backward_hidden_layer",
        "message": "forgetting the sigmoid's derivative",
    },
    {
        "name": "the bias gradient not summed over the batch: shape (N, H)",
        "answer": "backward",
        "code": _backward(b1="dZ1", b2="dZ2"),
        "test": "backward_shapes",
        "message": "bias gradient",
    },
    {
        "name": "the step goes uphill: w + lr * grad",
        "answer": "sgd_step",
        "code": (
            "def sgd_step(params, grads, lr):\n"
            "    for name in params:\n"
            "        params[name] += lr * grads[name]\n"
        ),
        "test": "sgd_step_values",
        "message": "going uphill",
    },
    {
        "name": "the step leaves the biases out",
        "answer": "sgd_step",
        "code": (
            "def sgd_step(params, grads, lr):\n"
            "    for name in params:\n"
            '        if name.startswith("W"):\n'
            "            params[name] -= lr * grads[name]\n"
        ),
        "test": "sgd_step_values",
        "message": "leaving the biases out",
    },
    {
        "name": "the step makes new arrays instead of updating in place",
        "answer": "sgd_step",
        "code": (
            "def sgd_step(params, grads, lr):\n"
            "    for name in params:\n"
            "        params[name] = params[name] - lr * grads[name]\n"
        ),
        "test": "sgd_step_in_place",
        "message": "in place",
    },
    {
        "name": "the epoch drops the last, shorter batch",
        "answer": "train_epoch",
        "code": _EPOCH.format(
            order="rng.permutation(len(X))", stop="0, len(X) - batch_size + 1, batch_size"
        ),
        "test": "train_epoch_batches",
        "message": "last, shorter batch",
    },
    {
        "name": "the epoch does not shuffle",
        "answer": "train_epoch",
        "code": _EPOCH.format(order="np.arange(len(X))", stop="0, len(X), batch_size"),
        "test": "train_epoch_batches",
        "message": "not shuffling",
    },
    {
        "name": "argmax down the columns (axis=0) instead of along each row",
        "answer": "predict",
        "code": (
            "def predict(params, X):\n"
            '    A1 = 0.5 * (1 + np.tanh(0.5 * (X @ params["W1"] + params["b1"])))\n'
            '    return np.argmax(A1 @ params["W2"] + params["b2"], axis=0)\n'
        ),
        "test": "predict_values",
        "message": "axis=1",
    },
    {
        "name": "accuracy as a count of matches instead of a fraction (sum instead of mean)",
        "answer": "accuracy",
        "code": "def accuracy(y_pred, y):\n    return float(np.sum(y_pred == y))\n",
        "test": "accuracy_values",
        "message": "counting the matches",
    },
    {
        "name": "accuracy as a percentage",
        "answer": "accuracy",
        "code": "def accuracy(y_pred, y):\n    return 100 * float(np.mean(y_pred == y))\n",
        "test": "accuracy_values",
        "message": "a percentage",
    },
]
