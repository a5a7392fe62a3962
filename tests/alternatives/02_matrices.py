"""Correct answers to lesson 02_matrices written differently from the reference.

Each must earn full marks: the checks may not depend on how an answer is written.
"""

ALTERNATIVES = [
    {
        "answer": "summation",
        "name": "a while loop",
        "code": (
            "def summation(f, start, stop):\n"
            "    total, i = 0, start\n"
            "    while i <= stop:\n"
            "        total = total + f(i)\n"
            "        i += 1\n"
            "    return total\n"
        ),
    },
    {
        "answer": "summation",
        "name": "sum over a generator",
        "code": (
            "def summation(f, start, stop):\n    return sum(f(i) for i in range(start, stop + 1))\n"
        ),
    },
    {
        "answer": "add",
        "name": "zip over rows and entries",
        "code": (
            "def add(A, B):\n"
            "    if len(A) != len(B) or len(A[0]) != len(B[0]):\n"
            "        raise ValueError(f'cannot add shapes {(len(A), len(A[0]))} and '\n"
            "                         f'{(len(B), len(B[0]))}')\n"
            "    return [[a + b for a, b in zip(row_a, row_b)] for row_a, row_b in zip(A, B)]\n"
        ),
    },
    {
        "answer": "add",
        "name": "explicit loops with appended rows, shapes from numpy",
        "code": (
            "def add(A, B):\n"
            "    if np.shape(A) != np.shape(B):\n"
            "        raise ValueError(f'shapes {np.shape(A)} and {np.shape(B)} differ')\n"
            "    result = []\n"
            "    for i in range(len(A)):\n"
            "        row = []\n"
            "        for j in range(len(A[i])):\n"
            "            row.append(A[i][j] + B[i][j])\n"
            "        result.append(row)\n"
            "    return result\n"
        ),
    },
    {
        "answer": "scale",
        "name": "explicit loops",
        "code": (
            "def scale(c, A):\n"
            "    result = []\n"
            "    for row in A:\n"
            "        result.append([c * a for a in row])\n"
            "    return result\n"
        ),
    },
    {
        "answer": "scale",
        "name": "numpy, back to lists",
        "code": "def scale(c, A):\n    return (c * np.array(A, dtype=float)).tolist()\n",
    },
    {
        "answer": "dot",
        "name": "zip and sum",
        "code": "def dot(u, v):\n    return sum(a * b for a, b in zip(u, v))\n",
    },
    {
        "answer": "dot",
        "name": "the student's summation",
        "code": "def dot(u, v):\n    return summation(lambda i: u[i] * v[i], 0, len(u) - 1)\n",
    },
    {
        "answer": "matmul",
        "name": "the student's dot on a row and a column",
        "code": (
            "def matmul(A, B):\n"
            "    columns = [[row[j] for row in B] for j in range(len(B[0]))]\n"
            "    return [[dot(row, column) for column in columns] for row in A]\n"
        ),
    },
    {
        "answer": "matmul",
        "name": "i-k-j loop order, accumulating rows",
        "code": (
            "def matmul(A, B):\n"
            "    p = len(B[0])\n"
            "    C = []\n"
            "    for row in A:\n"
            "        out = [0.0] * p\n"
            "        for k, a in enumerate(row):\n"
            "            for j in range(p):\n"
            "                out[j] += a * B[k][j]\n"
            "        C.append(out)\n"
            "    return C\n"
        ),
    },
    {
        "answer": "product_shape",
        "name": "indexing, with the message built from both sizes",
        "code": (
            "def product_shape(shape_a, shape_b):\n"
            "    if shape_a[1] != shape_b[0]:\n"
            "        raise ValueError(f'inner sizes {shape_a[1]} and {shape_b[0]} differ')\n"
            "    return (shape_a[0], shape_b[1])\n"
        ),
    },
    {
        "answer": "product_shape",
        "name": "tuple slicing",
        "code": (
            "def product_shape(shape_a, shape_b):\n"
            "    if shape_a[-1:] != shape_b[:1]:\n"
            "        raise ValueError(f'{shape_a} @ {shape_b}: {shape_a[-1]} != {shape_b[0]}')\n"
            "    return tuple(shape_a[:1]) + tuple(shape_b[1:])\n"
        ),
    },
    {
        "answer": "weighted_sums",
        "name": "np.dot",
        "code": "def weighted_sums(X, w):\n    return np.dot(X, w)\n",
    },
    {
        "answer": "weighted_sums",
        "name": "multiply and sum along axis 1",
        "code": "def weighted_sums(X, w):\n    return (X * w).sum(axis=1)\n",
    },
    {
        "answer": "average_sum_gradient",
        "name": "column sums divided by N",
        "code": "def average_sum_gradient(X):\n    return X.sum(axis=0) / X.shape[0]\n",
    },
    {
        "answer": "average_sum_gradient",
        "name": "a row of 1/N times X",
        "code": "def average_sum_gradient(X):\n    return np.full(len(X), 1 / len(X)) @ X\n",
    },
]
