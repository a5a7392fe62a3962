"""Reference versions of the functions the lessons build, for the lessons that come after.

A student who is stuck in lesson 5 can still do lesson 6: from lesson 6 on, the setup cell imports
what earlier lessons asked for from here instead of from the student's own notebook. Each name is
the one the lesson uses, and each function follows the course's conventions:

- batch first: a data matrix ``X`` is ``(N, D)``, one example per row;
- a dense layer maps ``D`` inputs to ``H`` outputs with ``W`` of shape ``(D, H)`` and ``b`` of
  shape ``(H,)``, so ``Z = X @ W + b`` is ``(N, H)``;
- losses come as value and gradient pairs, averaged over the batch (stated in each docstring);
- floats keep their dtype: float32 in, float32 out.

**A network** is a list of such layers, ``params = [(W1, b1), (W2, b2), ...]``, as lessons 6, 9
and 10 build it, with sigmoid hidden layers:

- ``init_params(sizes, rng)`` makes one (``sizes = [784, 128, 10]`` is lesson 10's);
- ``forward(params, X, output=sigmoid)`` returns every layer's activations ``[X, A_1, ..., A_L]``,
  the network's output last (``output`` is the last layer's activation);
- ``backward(params, activations, Y, cost)`` returns one ``(dW, db)`` per layer, and
  ``gradients(params, X, Y, cost)`` is the two in a row;
- ``sgd_step(params, grads, lr)`` takes one step, in place.

**A cost** is an object that pairs the last layer's activation with a loss: ``CrossEntropy``
(softmax outputs) and ``Quadratic`` (sigmoid outputs), each with ``output(Z)``, ``value(A, Y)``
and ``delta(A, Y) = dC/dZ``. Lesson 10's network is
``forward(params, X, CrossEntropy.output)`` and ``backward(params, activations, Y, CrossEntropy)``;
lesson 6's is ``forward(params, X)[-1]``. The fast training loop of the same networks is
:mod:`demystify.fast`.

This module is not a framework: each function is a few lines that read like the maths.
"""

from __future__ import annotations

from demystify.answers.facade import facade

# Each name and the module of demystify.answers that holds it (see that package for why).
_HOMES = {
    "step": "perceptron",
    "sigmoid": "activations",
    "sigmoid_prime": "activations",
    "tanh_prime": "activations",
    "relu": "activations",
    "relu_prime": "activations",
    "leaky_relu": "activations",
    "leaky_relu_prime": "activations",
    "dense": "layers",
    "softmax": "layers",
    "forward": "feedforward",
    "mse": "losses",
    "mse_grad": "losses",
    "cross_entropy": "losses",
    "cross_entropy_grad": "losses",
    "EPSILON": "losses",
    "one_hot": "encoding",
    "CrossEntropy": "costs",
    "Quadratic": "costs",
    "sgd_step": "descent",
    "backward": "backprop",
    "gradients": "backprop",
    "init_params": "mnist",
    "softmax_cross_entropy_grad": "softmax_ce",
}
__all__ = sorted(_HOMES)
__getattr__, __dir__ = facade(__name__, _HOMES)
