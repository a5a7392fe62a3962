"""Usual mistakes in lesson 01_derivatives, and the visible check that must name each one."""

MISTAKES = [
    {
        "name": "the secant's rise without dividing by the run h",
        "answer": "secant_slope",
        "code": "def secant_slope(f, x, h):\n    return f(x + h) - f(x)\n",
        "test": "secant_slope_values",
        "message": "forgetting to divide by the run h",
    },
    {
        "name": "the central difference divided by h instead of 2h",
        "answer": "central_difference",
        "code": ("def central_difference(f, x, h=1e-5):\n    return (f(x + h) - f(x - h)) / h\n"),
        "test": "central_difference_values",
        "message": "dividing by h instead of 2h",
    },
    {
        "name": "the one-sided secant given as the central difference",
        "answer": "central_difference",
        "code": "def central_difference(f, x, h=1e-5):\n    return (f(x + h) - f(x)) / h\n",
        "test": "central_difference_values",
        "message": "the one-sided secant",
    },
    {
        "name": "the power rule keeping the constant term",
        "answer": "polynomial_derivative",
        "code": (
            "def polynomial_derivative(coefficients):\n"
            "    return [k * c for k, c in enumerate(coefficients)]\n"
        ),
        "test": "polynomial_derivative_values",
        "message": "the constant term disappears",
    },
    {
        "name": "popping the constant term off the caller's list",
        "answer": "polynomial_derivative",
        "code": (
            "def polynomial_derivative(coefficients):\n"
            "    if len(coefficients) == 1:\n"
            "        return [0]\n"
            "    coefficients.pop(0)\n"
            "    return [(k + 1) * c for k, c in enumerate(coefficients)]\n"
        ),
        "test": "polynomial_derivative_values",
        "message": "after polynomial_derivative(...) was called on it",
    },
    {
        "name": "the partial derivatives returned in the wrong order",
        "answer": "partials",
        "code": ("def partials(x, y):\n    return x * np.exp(y) + np.log(x), np.exp(y) + y / x\n"),
        "test": "partials_values",
        "message": "the pair in the wrong order",
    },
    {
        "name": "the chain rule without the inner derivative in softplus'",
        "answer": "softplus_derivative",
        "code": "def softplus_derivative(x):\n    return 1 / (1 + np.exp(x))\n",
        "test": "softplus_derivative_gradient",
        "message": "leaving out the inner derivative",
    },
    {
        "name": "dy/dv taken as u, forgetting the + v term of y = u v + v",
        "answer": "path_contributions",
        "code": "def path_contributions(x):\n    return x**2 / x, np.log(x) * 2 * x\n",
        "test": "path_contributions_values",
        "message": "forgetting the + v term",
    },
    {
        "name": "derivative_error comparing at the first point only",
        "answer": "derivative_error",
        "code": (
            "def derivative_error(f, df, xs):\n"
            "    return rel_error(df(xs[0]), central_difference(f, xs[0]))\n"
        ),
        "test": "derivative_error_values",
        "message": "comparing at the first point only",
    },
]
