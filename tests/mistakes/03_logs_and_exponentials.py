"""Usual mistakes in lesson 03_logs_and_exponentials, and the visible check naming each one."""

MISTAKES = [
    {
        "name": "integer_power with the product started at a instead of 1",
        "answer": "integer_power",
        "code": (
            "def integer_power(a, n):\n"
            "    product = a\n"
            "    for _ in range(abs(n)):\n"
            "        product = product * a\n"
            "    return product if n >= 0 else 1.0 / product\n"
        ),
        "test": "integer_power_positive",
        "message": "starting the product at a instead of 1",
    },
    {
        "name": "integer_power ignoring the sign of a negative n",
        "answer": "integer_power",
        "code": (
            "def integer_power(a, n):\n"
            "    product = 1.0\n"
            "    for _ in range(abs(n)):\n"
            "        product = product * a\n"
            "    return product\n"
        ),
        "test": "integer_power_zero_and_negative",
        "message": "ignoring the minus sign of n",
    },
    {
        "name": "change of base with the fraction upside down",
        "answer": "change_of_base",
        "code": "def change_of_base(x, base):\n    return np.log(base) / np.log(x)\n",
        "test": "change_of_base_values",
        "message": "the fraction upside down",
    },
    {
        "name": "the likelihood as the sum of the probabilities",
        "answer": "likelihood",
        "code": "def likelihood(p):\n    return np.sum(p)\n",
        "test": "likelihood_values",
        "message": "the sum instead of the product",
    },
    {
        "name": "the log-likelihood as the log of the product, which underflowed: log(0)",
        "answer": "log_likelihood",
        "code": "def log_likelihood(p):\n    return np.log(np.prod(p))\n",
        "test": "log_likelihood_many",
        "message": "the log of the product",
    },
    {
        "name": "best_model comparing the underflowed products",
        "answer": "best_model",
        "code": "def best_model(P):\n    return int(np.argmax(np.prod(P, axis=1)))\n",
        "test": "best_model_picks",
        "message": "comparing the products",
    },
    {
        "name": "best_model summing the logs over the wrong axis",
        "answer": "best_model",
        "code": "def best_model(P):\n    return int(np.argmax(np.sum(np.log(P), axis=0)))\n",
        "test": "best_model_picks",
        "message": "summing over the wrong axis",
    },
    {
        "name": "the coin's slope without the inner derivative of ln(1 - q)",
        "answer": "coin_slope",
        "code": "def coin_slope(q, heads, tails):\n    return heads / q + tails / (1 - q)\n",
        "test": "coin_slope_gradient",
        "message": "leaving out the inner derivative",
    },
    {
        "name": "the naive log(sum(exp(x))), which overflows at 1000",
        "answer": "log_sum_exp",
        "code": (
            "def log_sum_exp(x, axis=None):\n"
            "    return np.log(np.sum(np.exp(np.asarray(x, dtype=float)), axis=axis))\n"
        ),
        "test": "log_sum_exp_stable",
        "message": "numpy warned",
    },
    {
        "name": "log-sum-exp with the maximum of the whole matrix instead of each row's",
        "answer": "log_sum_exp",
        "code": (
            "def log_sum_exp(x, axis=None):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    m = np.max(x)\n"
            "    return np.log(np.sum(np.exp(x - m), axis=axis)) + m\n"
        ),
        "test": "log_sum_exp_axis",
        "message": "the maximum of the whole matrix",
    },
]
