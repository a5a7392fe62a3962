"""Settings for the whole test run: tests/ and the solution notebooks that nbval runs."""

import os

# The tests never need the network: lesson 10 (and the kernels nbval starts, which inherit this
# environment) uses the real MNIST subset that installs from the package registry.
os.environ["DEMYSTIFY_OFFLINE"] = "1"
