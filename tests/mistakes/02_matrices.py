"""Usual mistakes in lesson 02_matrices, and the visible check that must name each one."""

MISTAKES = [
    {
        "name": "a summation that stops one term early (range(start, stop))",
        "answer": "summation",
        "code": (
            "def summation(f, start, stop):\n    return sum(f(i) for i in range(start, stop))\n"
        ),
        "test": "summation_values",
        "message": "stopping one term early",
    },
    {
        "name": "the dot product as the product of the sums",
        "answer": "dot",
        "code": "def dot(u, v):\n    return sum(u) * sum(v)\n",
        "test": "dot_values",
        "message": "multiplying the totals",
    },
    {
        "name": "the matrix product computed in the wrong order, B A",
        "answer": "matmul",
        "code": (
            "def matmul(A, B):\n"
            "    A, B = B, A\n"
            "    rows, inner, cols = len(A), len(B), len(B[0])\n"
            "    return [\n"
            "        [sum(A[i][k] * B[k][j] for k in range(inner)) for j in range(cols)]\n"
            "        for i in range(rows)\n"
            "    ]\n"
        ),
        "test": "matmul_values",
        "message": "computing B A instead of A B",
    },
    {
        "name": "the shape of a product from the inner sizes",
        "answer": "product_shape",
        "code": "def product_shape(shape_a, shape_b):\n    return (shape_a[1], shape_b[0])\n",
        "test": "product_shape_values",
        "message": "the inner sizes instead of the outer ones",
    },
    {
        "name": "weights as a column (D, 1), so the weighted sums come out (N, 1)",
        "answer": "weighted_sums",
        "code": "def weighted_sums(X, w):\n    return X @ w.reshape(-1, 1)\n",
        "test": "weighted_sums_shape",
        "message": "(n,) vs (n, 1)",
    },
    {
        "name": "the average's gradient reduced along the wrong axis (one value per row)",
        "answer": "average_sum_gradient",
        "code": "def average_sum_gradient(X):\n    return X.mean(axis=1)\n",
        "test": "average_sum_gradient_values",
        "message": "reducing along axis 1",
    },
    {
        "name": "the average's gradient as the sum over the rows, not the mean",
        "answer": "average_sum_gradient",
        "code": "def average_sum_gradient(X):\n    return X.sum(axis=0)\n",
        "test": "average_sum_gradient_values",
        "message": "the sum over the rows instead of the mean",
    },
]
