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


_EVALUATE = "def evaluate(params, X, y):\n    P = forward(params, X)[1]\n    return {loss}, {acc}\n"

_FIT = (
    "def fit(params, X, y, X_val, y_val, lrs, rng, loss_gradients, change=None):\n"
    '    Y = one_hot(y, len(params["b2"]))\n'
    "    history = []\n"
    "    for lr in lrs:\n"
    "        X_epoch = X if change is None else change(X, rng)\n"
    "        {before}\n"
    "        train_epoch(params, X_epoch, Y, lr, 64, rng, loss_gradients, sgd_step)\n"
    "        {after}\n"
    "    return np.array(history)\n"
)

_CONFUSION = (
    "def confusion_matrix(y_true, y_pred, num_classes=10):\n"
    "    M = np.zeros(({size}, {size}), dtype={dtype})\n"
    "    {count}\n"
    "    return M\n"
)

MISTAKES = [
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
        "name": "the naive sigmoid 1 / (1 + exp(-z)) overflows for z = -1000",
        "answer": "forward",
        "code": _FORWARD.format(
            A1='1 / (1 + np.exp(-(X @ params["W1"] + params["b1"])))', P=_SOFTMAX
        ),
        "test": "forward_stable",
        "message": "overflow",
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
        "code": _backward(dZ1='(dZ2 @ params["W2"].T) * sigmoid(A1) * (1 - sigmoid(A1))'),
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
        "name": "a softmax written out with no maximum subtracted overflows",
        "answer": "forward",
        "code": _FORWARD.format(
            A1=_STABLE_A1, P="E = np.exp(Z2)\n    return A1, E / E.sum(axis=1, keepdims=True)"
        ),
        "test": "forward_stable",
        "message": "overflow",
    },
    {
        "name": "backward computes P - Y in place (P -= Y), changing the caller's P",
        "answer": "backward",
        "code": (
            "def backward(params, X, A1, P, Y):\n"
            "    P -= Y\n"
            "    dZ2 = P / len(X)\n"
            '    dZ1 = (dZ2 @ params["W2"].T) * A1 * (1 - A1)\n'
            '    return {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, '
            '"b2": dZ2.sum(axis=0)}\n'
        ),
        "test": "backward_shapes",
        "message": "P -= Y",
    },
    {
        "name": "evaluate's accuracy as a percentage",
        "answer": "evaluate",
        "code": _EVALUATE.format(
            loss="cross_entropy(P, one_hot(y, P.shape[1]))",
            acc="100 * np.mean(np.argmax(P, axis=1) == y)",
        ),
        "test": "evaluate_values",
        "message": "a percentage",
    },
    {
        "name": "evaluate's loss as the sum over the examples instead of the mean",
        "answer": "evaluate",
        "code": _EVALUATE.format(
            loss="len(y) * cross_entropy(P, one_hot(y, P.shape[1]))",
            acc="np.mean(np.argmax(P, axis=1) == y)",
        ),
        "test": "evaluate_values",
        "message": "the sum over the examples",
    },
    {
        "name": "weights with standard deviation 1, so the untrained loss is far above ln 10",
        "answer": "init_params",
        "code": (
            "def init_params(num_inputs, num_hiddens, num_outputs, rng):\n"
            "    return {\n"
            '        "W1": rng.normal(size=(num_inputs, num_hiddens)),\n'
            '        "b1": np.zeros(num_hiddens),\n'
            '        "W2": rng.normal(size=(num_hiddens, num_outputs)),\n'
            '        "b2": np.zeros(num_outputs),\n'
            "    }\n"
        ),
        "test": "evaluate_untrained",
        "message": "ln 10",
    },
    {
        "name": "fit measures each epoch before training it instead of after",
        "answer": "fit",
        "code": _FIT.format(
            before="history.append([*evaluate(params, X, y), *evaluate(params, X_val, y_val)])",
            after="pass",
            measured="X",
        ),
        "test": "fit_history",
        "message": "measuring before each epoch's training",
    },
    {
        "name": "fit uses the first learning rate for every epoch",
        "answer": "fit",
        "code": _FIT.format(
            before="lr = lrs[0]",
            after="history.append([*evaluate(params, X, y), *evaluate(params, X_val, y_val)])",
            measured="X",
        ),
        "test": "fit_history",
        "message": "the first learning rate for every epoch",
    },
    {
        "name": "fit measures the training loss on the changed copy",
        "answer": "fit",
        "code": _FIT.format(
            before="pass",
            after="history.append([*evaluate(params, X_epoch, y), "
            "*evaluate(params, X_val, y_val)])",
            measured="X",
        ),
        "test": "fit_change",
        "message": "on the changed copy",
    },
    {
        "name": "confusion matrix transposed (rows for the predicted class)",
        "answer": "confusion_matrix",
        "code": _CONFUSION.format(
            count="np.add.at(M, (y_pred, y_true), 1)", size="num_classes", dtype="int"
        ),
        "test": "confusion_matrix_values",
        "message": "transposed",
    },
    {
        "name": "confusion matrix by M[y_true, y_pred] += 1, which counts repeated pairs once",
        "answer": "confusion_matrix",
        "code": _CONFUSION.format(count="M[y_true, y_pred] += 1", size="num_classes", dtype="int"),
        "test": "confusion_matrix_values",
        "message": "counts a repeated pair only once",
    },
    {
        "name": "confusion matrix of float counts",
        "answer": "confusion_matrix",
        "code": _CONFUSION.format(
            count="np.add.at(M, (y_true, y_pred), 1)", size="num_classes", dtype="float"
        ),
        "test": "confusion_matrix_contract",
        "message": "integer",
    },
    {
        "name": "confusion matrix sized by the largest label instead of num_classes",
        "answer": "confusion_matrix",
        "code": _CONFUSION.format(
            count="np.add.at(M, (y_true, y_pred), 1)",
            size="max(y_true.max(), y_pred.max()) + 1",
            dtype="int",
        ),
        "test": "confusion_matrix_contract",
        "message": "num_classes",
    },
]
