"""Reference answers to the lessons' exercises, one module per set of lessons they answer.

A student stuck in lesson 5 can still do lesson 6: later lessons import what earlier lessons
asked for through :mod:`demystify.nn`, :mod:`demystify.fast` and :mod:`demystify.gradcheck`,
which load it from here. While a lesson is graded, the grader mounts the course's package in the
sandbox without every module here whose :data:`WITHHELD_FROM` entry names that lesson: the
answers are simply not there to import, under any name. Everything else stays available.

This file is read by the grader (``autograder.package``) as well as imported: keep it free of
imports and of code beyond the table below.
"""

# module -> the lessons whose exercises it answers (it is absent while any of them is graded)
WITHHELD_FROM = {
    "derivatives": ["01_derivatives"],
    "perceptron": ["04_perceptron"],
    "activations": ["01_derivatives", "05_activations"],  # sigmoid is ln(1 + e^x)'s derivative
    "layers": ["04_perceptron", "06_feedforward"],  # dense is the perceptron's weighted sum
    "feedforward": ["06_feedforward", "10_mnist"],
    "losses": ["07_losses"],
    "encoding": ["07_losses"],  # lesson 10 builds on one_hot; it does not ask for it
    "descent": ["08_gradient_descent", "10_mnist"],
    "backprop": ["09_backpropagation", "10_mnist"],
    "mnist": ["10_mnist"],
    "softmax_ce": ["09_backpropagation", "10_mnist"],
    # the costs pair the sigmoid or the softmax with a loss, and give the output layer's error
    "costs": [
        "01_derivatives",
        "05_activations",
        "06_feedforward",
        "07_losses",
        "09_backpropagation",
        "10_mnist",
    ],
    # the fast training loop computes the sigmoid, softmax, forward, backward and SGD step
    "fast": [
        "01_derivatives",
        "05_activations",
        "06_feedforward",
        "07_losses",
        "08_gradient_descent",
        "09_backpropagation",
        "10_mnist",
    ],
}
