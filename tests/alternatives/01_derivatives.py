"""Correct answers to lesson 01_derivatives written differently from the reference.

Each must earn full marks: the checks may not depend on how an answer is written.
"""

ALTERNATIVES = [
    {
        "answer": "secant_slope",
        "name": "the two points named first",
        "code": (
            "def secant_slope(f, x, h):\n"
            "    x0, y0 = x, f(x)\n"
            "    x1, y1 = x + h, f(x + h)\n"
            "    return (y1 - y0) / (x1 - x0)\n"
        ),
    },
    {
        "answer": "secant_slope",
        "name": "multiplying by 1 / h, as a float",
        "code": "def secant_slope(f, x, h):\n    return float((f(x + h) - f(x)) * (1.0 / h))\n",
    },
    {
        "answer": "central_difference",
        "name": "the mean of the forward and backward secants",
        "code": (
            "def central_difference(f, x, h=1e-5):\n"
            "    forward = (f(x + h) - f(x)) / h\n"
            "    backward = (f(x) - f(x - h)) / h\n"
            "    return (forward + backward) / 2\n"
        ),
    },
    {
        "answer": "central_difference",
        "name": "rise over run of the two points x - h and x + h",
        "code": (
            "def central_difference(f, x, h=1e-5):\n"
            "    left, right = x - h, x + h\n"
            "    return (f(right) - f(left)) / (right - left)\n"
        ),
    },
    {
        "answer": "polynomial_derivative",
        "name": "a loop with range and append",
        "code": (
            "def polynomial_derivative(coefficients):\n"
            "    result = []\n"
            "    for k in range(1, len(coefficients)):\n"
            "        result.append(k * coefficients[k])\n"
            "    return result or [0]\n"
        ),
    },
    {
        "answer": "polynomial_derivative",
        "name": "numpy: powers times the coefficients after the first",
        "code": (
            "def polynomial_derivative(coefficients):\n"
            "    c = np.asarray(coefficients, dtype=float)\n"
            "    if len(c) == 1:\n"
            "        return [0.0]\n"
            "    return list(np.arange(1, len(c)) * c[1:])\n"
        ),
    },
    {
        "answer": "polynomial_derivative",
        "name": "a slice copy first, then a comprehension",
        "code": (
            "def polynomial_derivative(coefficients):\n"
            "    rest = coefficients[1:]\n"
            "    return [(k + 1) * c for k, c in enumerate(rest)] if rest else [0]\n"
        ),
    },
    {
        "answer": "partials",
        "name": "named intermediate values",
        "code": (
            "def partials(x, y):\n"
            "    e_y = np.exp(y)\n"
            "    dg_dx = e_y + y * (1.0 / x)\n"
            "    dg_dy = x * e_y + np.log(x)\n"
            "    return dg_dx, dg_dy\n"
        ),
    },
    {
        "answer": "partials",
        "name": "np.e ** y and np.log1p(x - 1)",
        "code": (
            "def partials(x, y):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    return np.e**y + y / x, x * np.e**y + np.log1p(x - 1)\n"
        ),
    },
    {
        "answer": "softplus_derivative",
        "name": "e^x / (1 + e^x), before simplifying",
        "code": "def softplus_derivative(x):\n    return np.exp(x) / (1 + np.exp(x))\n",
    },
    {
        "answer": "softplus_derivative",
        "name": "through tanh: (1 + tanh(x / 2)) / 2",
        "code": "def softplus_derivative(x):\n    return (1 + np.tanh(x / 2)) / 2\n",
    },
    {
        "answer": "softplus_derivative",
        "name": "1 - 1 / (1 + e^x)",
        "code": "def softplus_derivative(x):\n    return 1 - 1 / (1 + np.exp(x))\n",
    },
    {
        "answer": "path_contributions",
        "name": "simplified by hand: x and 2x (ln x + 1)",
        "code": "def path_contributions(x):\n    return x, 2 * x * (np.log(x) + 1)\n",
    },
    {
        "answer": "path_contributions",
        "name": "each factor named, in float arrays",
        "code": (
            "def path_contributions(x):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    u, v = np.log(x), x * x\n"
            "    dy_du, dy_dv = v, u + 1\n"
            "    du_dx, dv_dx = 1 / x, 2 * x\n"
            "    return dy_du * du_dx, dy_dv * dv_dx\n"
        ),
    },
    {
        "answer": "derivative_error",
        "name": "a loop keeping the worst error",
        "code": (
            "def derivative_error(f, df, xs):\n"
            "    worst = 0.0\n"
            "    for x in xs:\n"
            "        worst = max(worst, rel_error(df(x), central_difference(f, x)))\n"
            "    return worst\n"
        ),
    },
    {
        "answer": "derivative_error",
        "name": "the relative error written out, over a list of pairs",
        "code": (
            "def derivative_error(f, df, xs):\n"
            "    a = np.array([df(x) for x in xs], dtype=float)\n"
            "    b = np.array([central_difference(f, x) for x in xs])\n"
            "    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))\n"
        ),
    },
]
