"""Correct answers to lesson 03_logs_and_exponentials written differently from the reference.

Each must earn full marks: the checks may not depend on how an answer is written.
"""

ALTERNATIVES = [
    {
        "answer": "integer_power",
        "name": "a while loop, dividing for negative n",
        "code": (
            "def integer_power(a, n):\n"
            "    result, k = 1.0, 0\n"
            "    while k < abs(n):\n"
            "        result = result * a if n > 0 else result / a\n"
            "        k += 1\n"
            "    return result\n"
        ),
    },
    {
        "answer": "integer_power",
        "name": "recursion by squaring",
        "code": (
            "def integer_power(a, n):\n"
            "    if n < 0:\n"
            "        return 1.0 / integer_power(a, -n)\n"
            "    if n == 0:\n"
            "        return 1.0\n"
            "    half = integer_power(a, n // 2)\n"
            "    return half * half * (a if n % 2 else 1.0)\n"
        ),
    },
    {
        "answer": "change_of_base",
        "name": "through log2",
        "code": "def change_of_base(x, base):\n    return np.log2(x) / np.log2(base)\n",
    },
    {
        "answer": "change_of_base",
        "name": "log(x) times 1 / log(base), as float arrays",
        "code": (
            "def change_of_base(x, base):\n"
            "    return np.log(np.asarray(x, dtype=float)) * (1.0 / np.log(base))\n"
        ),
    },
    {
        "answer": "likelihood",
        "name": "a loop",
        "code": (
            "def likelihood(p):\n"
            "    total = 1.0\n"
            "    for value in p:\n"
            "        total *= value\n"
            "    return total\n"
        ),
    },
    {
        "answer": "likelihood",
        "name": "math.prod",
        "code": "import math\n\n\ndef likelihood(p):\n    return math.prod(float(v) for v in p)\n",
    },
    {
        "answer": "log_likelihood",
        "name": "a loop with math.log",
        "code": (
            "import math\n\n\ndef log_likelihood(p):\n    return sum(math.log(v) for v in p)\n"
        ),
    },
    {
        "answer": "log_likelihood",
        "name": "np.log(p).sum() on a float array",
        "code": "def log_likelihood(p):\n    return float(np.log(np.asarray(p, float)).sum())\n",
    },
    {
        "answer": "best_model",
        "name": "the mean of the logs per row (same N for every row)",
        "code": "def best_model(P):\n    return int(np.log(P).mean(axis=1).argmax())\n",
    },
    {
        "answer": "best_model",
        "name": "a loop over the rows with the student's log_likelihood",
        "code": (
            "def best_model(P):\n"
            "    scores = [log_likelihood(row) for row in P]\n"
            "    return scores.index(max(scores))\n"
        ),
    },
    {
        "answer": "coin_slope",
        "name": "one fraction: (H - (H + T) q) / (q (1 - q))",
        "code": (
            "def coin_slope(q, heads, tails):\n"
            "    return (heads - (heads + tails) * q) / (q * (1 - q))\n"
        ),
    },
    {
        "answer": "coin_slope",
        "name": "H / q + T / (q - 1)",
        "code": "def coin_slope(q, heads, tails):\n    return heads / q + tails / (q - 1)\n",
    },
    {
        "answer": "log_sum_exp",
        "name": "np.logaddexp.reduce",
        "code": (
            "def log_sum_exp(x, axis=None):\n"
            "    return np.logaddexp.reduce(np.asarray(x, dtype=float), axis=axis)\n"
        ),
    },
    {
        "answer": "log_sum_exp",
        "name": "in float32, with the kept maximum squeezed by indexing",
        "code": (
            "def log_sum_exp(x, axis=None):\n"
            "    x = np.asarray(x, dtype=np.float32)\n"
            "    if axis is None:\n"
            "        m = x.max()\n"
            "        return m + np.log(np.exp(x - m).sum())\n"
            "    m = x.max(axis=axis, keepdims=True)\n"
            "    return np.log(np.exp(x - m).sum(axis=axis)) + x.max(axis=axis)\n"
        ),
    },
    {
        "answer": "log_sum_exp",
        "name": "a loop over the rows for axis=1, recursion on a flat copy otherwise",
        "code": (
            "def log_sum_exp(x, axis=None):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    if axis is None:\n"
            "        flat = x.ravel()\n"
            "        m = flat.max()\n"
            "        return m + np.log(sum(np.exp(v - m) for v in flat))\n"
            "    moved = np.moveaxis(x, axis, -1)\n"
            "    rows = moved.reshape(-1, moved.shape[-1])\n"
            "    out = np.array([log_sum_exp(row) for row in rows])\n"
            "    return out.reshape(moved.shape[:-1])\n"
        ),
    },
]
