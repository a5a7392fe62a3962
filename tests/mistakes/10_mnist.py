"""Usual mistakes in lesson 10_mnist, and the visible check that must name each one."""

_BACKWARD = (
    "def backward(params, activations, Y):\n"
    "    dZ = {dZ}\n"
    "    grads = []\n"
    "    for layer in range(len(params) - 1, -1, -1):\n"
    "        A_prev = activations[layer]\n"
    "        grads.append((A_prev.T @ dZ, {db}))\n"
    "        if layer > 0:\n"
    "            dZ = {dZ_prev}\n"
    "    return {result}\n"
)
_RIGHT = {
    "dZ": "(activations[-1] - Y) / len(Y)",
    "db": "dZ.sum(axis=0)",
    "dZ_prev": "(dZ @ params[layer][0].T) * A_prev * (1 - A_prev)",
    "result": "grads[::-1]",
}


def _backward(**changes: str) -> str:
    return _BACKWARD.format(**{**_RIGHT, **changes})


_FORWARD = (
    "def forward(params, X):\n"
    "    activations = [X]\n"
    "    for W, b in params[:-1]:\n"
    "        activations.append({hidden})\n"
    "    W, b = params[-1]\n"
    "    Z = activations[-1] @ W + b\n"
    "    {output}\n"
)
_STABLE_HIDDEN = "0.5 * (1 + np.tanh(0.5 * (activations[-1] @ W + b)))"
_SOFTMAX = (
    "E = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
    "    return activations + [E / E.sum(axis=1, keepdims=True)]"
)


def _forward(hidden: str = _STABLE_HIDDEN, output: str = _SOFTMAX) -> str:
    return _FORWARD.format(hidden=hidden, output=output)


_INIT = (
    "def init_params(sizes, rng):\n"
    "    params = []\n"
    "    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):\n"
    "        W = {draw}\n"
    "        params.append((W.astype(np.float32), np.zeros(fan_out, np.float32)))\n"
    "    return params\n"
)

_STEP = (
    "def sgd_step(params, grads, lr):\n"
    "    for (W, b), (dW, db) in zip(params, grads):\n"
    "        {body}\n"
)

_EPOCH = (
    "def train_epoch(params, X, Y, lr, batch_size, rng, loss_gradients, step):\n"
    "    order = {order}\n"
    "    for start in range({stop}):\n"
    "        batch = order[start : start + batch_size]\n"
    "        step(params, loss_gradients(params, X[batch], Y[batch]), lr)\n"
)


_EVALUATE = (
    "def evaluate(params, X, y):\n    P = forward(params, X)[-1]\n    return {loss}, {acc}\n"
)

_FIT = (
    "def fit(params, X, y, X_val, y_val, lrs, rng, loss_gradients, change=None):\n"
    "    Y = one_hot(y, len(params[-1][1]))\n"
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
        "code": _INIT.format(draw="rng.normal(0.0, 1 / fan_in, size=(fan_in, fan_out))"),
        "test": "init_params_scale",
        "message": "1 / fan_in instead of 1 / sqrt(fan_in)",
    },
    {
        "name": "weights scaled by the fan_out instead of the fan_in",
        "answer": "init_params",
        "code": _INIT.format(draw="rng.normal(0.0, 1 / np.sqrt(fan_out), size=(fan_in, fan_out))"),
        "test": "init_params_scale",
        "message": "fan_out",
    },
    {
        "name": "weights drawn from np.random instead of the generator given",
        "answer": "init_params",
        "code": _INIT.format(draw="np.random.normal(0.0, 1 / np.sqrt(fan_in), (fan_in, fan_out))"),
        "test": "init_params_scale",
        "message": "rng argument",
    },
    {
        "name": "init_params with one layer too few (the last pair of widths left out)",
        "answer": "init_params",
        "code": (
            "def init_params(sizes, rng):\n"
            "    return [\n"
            "        (rng.normal(0.0, 1 / np.sqrt(sizes[l]), size=(sizes[l], sizes[l + 1])),\n"
            "         np.zeros(sizes[l + 1]))\n"
            "        for l in range(len(sizes) - 2)\n"
            "    ]\n"
        ),
        "test": "init_params_shapes",
        "message": "len(sizes) - 1 pairs",
    },
    {
        "name": "softmax on the wrong axis (axis=0, down the columns)",
        "answer": "forward",
        "code": _forward(
            output="E = np.exp(Z - Z.max())\n    return activations + [E / E.sum(axis=0)]"
        ),
        "test": "forward_values",
        "message": "wrong axis",
    },
    {
        "name": "a sigmoid output layer where the softmax is meant",
        "answer": "forward",
        "code": _forward(output="return activations + [1 / (1 + np.exp(-Z))]"),
        "test": "forward_values",
        "message": "sigmoid output",
    },
    {
        "name": "the sigmoid and then the softmax on the last layer (a loop over every layer)",
        "answer": "forward",
        "code": (
            "def forward(params, X):\n"
            "    activations = [X]\n"
            "    for W, b in params:\n"
            "        activations.append(sigmoid(activations[-1] @ W + b))\n"
            "    activations[-1] = softmax(activations[-1])\n"
            "    return activations\n"
        ),
        "test": "forward_values",
        "message": "the sigmoid and then the softmax",
    },
    {
        "name": "forward returns only the probabilities, not every layer's activations",
        "answer": "forward",
        "code": (
            "def forward(params, X):\n"
            "    A = X\n"
            "    for W, b in params[:-1]:\n"
            "        A = sigmoid(A @ W + b)\n"
            "    W, b = params[-1]\n"
            "    return softmax(A @ W + b)\n"
        ),
        "test": "forward_shapes",
        "message": "return the list [X, A1, P]",
    },
    {
        "name": "the naive sigmoid 1 / (1 + exp(-z)) overflows for z = -1000",
        "answer": "forward",
        "code": _forward(hidden="1 / (1 + np.exp(-(activations[-1] @ W + b)))"),
        "test": "forward_stable",
        "message": "overflow",
    },
    {
        "name": "the gradient summed over the batch instead of averaged",
        "answer": "backward",
        "code": _backward(dZ="activations[-1] - Y"),
        "test": "backward_output_layer",
        "message": "summing over the batch instead of averaging",
    },
    {
        "name": "the output error with its sign flipped: Y - P",
        "answer": "backward",
        "code": _backward(dZ="(Y - activations[-1]) / len(Y)"),
        "test": "backward_output_layer",
        "message": "Y - P instead of P - Y",
    },
    {
        "name": "the bias gradient averaged instead of summed (divided by N twice)",
        "answer": "backward",
        "code": _backward(db="dZ.mean(axis=0)"),
        "test": "backward_output_layer",
        "message": "divided by N twice",
    },
    {
        "name": "sigmoid'(a) where sigmoid'(z) is meant in the hidden layer",
        "answer": "backward",
        "code": _backward(
            dZ_prev="(dZ @ params[layer][0].T) * sigmoid(A_prev) * (1 - sigmoid(A_prev))"
        ),
        "test": "backward_hidden_layer",
        "message": "sigmoid'(a)",
    },
    {
        "name": "the hidden layer's error without the sigmoid's derivative",
        "answer": "backward",
        "code": _backward(dZ_prev="dZ @ params[layer][0].T"),
        "test": "backward_hidden_layer",
        "message": "forgetting the sigmoid's derivative",
    },
    {
        "name": "the bias gradient not summed over the batch: shape (N, H)",
        "answer": "backward",
        "code": _backward(db="dZ"),
        "test": "backward_shapes",
        "message": "bias gradient",
    },
    {
        "name": "the gradients in reverse order, the last layer's first (the list not reversed)",
        "answer": "backward",
        "code": _backward(result="grads"),
        "test": "backward_shapes",
        "message": "reverse order",
    },
    {
        "name": "the step goes uphill: w + lr * grad",
        "answer": "sgd_step",
        "code": _STEP.format(body="W += lr * dW\n        b += lr * db"),
        "test": "sgd_step_values",
        "message": "going uphill",
    },
    {
        "name": "the step leaves the biases out",
        "answer": "sgd_step",
        "code": _STEP.format(body="W -= lr * dW"),
        "test": "sgd_step_values",
        "message": "leaving the biases out",
    },
    {
        "name": "the step gives the names W and b new arrays, and the network never changes",
        "answer": "sgd_step",
        "code": _STEP.format(body="W = W - lr * dW\n        b = b - lr * db"),
        "test": "sgd_step_values",
        "message": "no step at all",
    },
    {
        "name": "the step steps the first layer only",
        "answer": "sgd_step",
        "code": (
            "def sgd_step(params, grads, lr):\n"
            "    (W, b), (dW, db) = params[0], grads[0]\n"
            "    W -= lr * dW\n"
            "    b -= lr * db\n"
        ),
        "test": "sgd_step_values",
        "message": "the first layer only",
    },
    {
        "name": "the step puts new arrays into the list instead of updating in place",
        "answer": "sgd_step",
        "code": (
            "def sgd_step(params, grads, lr):\n"
            "    for layer, ((W, b), (dW, db)) in enumerate(zip(params, grads)):\n"
            "        params[layer] = (W - lr * dW, b - lr * db)\n"
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
        "code": _forward(
            output="E = np.exp(Z)\n    return activations + [E / E.sum(axis=1, keepdims=True)]"
        ),
        "test": "forward_stable",
        "message": "overflow",
    },
    {
        "name": "backward computes P - Y in place (P -= Y), changing the caller's P",
        "answer": "backward",
        "code": _backward(dZ="activations[-1]\n    dZ -= Y\n    dZ /= len(Y)"),
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
        "code": _INIT.format(draw="rng.normal(size=(fan_in, fan_out))"),
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
