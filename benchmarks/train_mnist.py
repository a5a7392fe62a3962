"""How fast is one training epoch of lesson 10's network? A script that prints measured figures.

Run it from the repository's root:

    .venv/bin/python benchmarks/train_mnist.py [--repeats 5]

One epoch is 60,000 images (the real MNIST when it is cached or downloadable; offline, 15 randomly
shifted copies of the 4,000 training images of the offline subset), in mini-batches of 64, float32,
for the 784-128-10 network (sigmoid hidden layer, softmax + cross-entropy), on one BLAS thread.
It times, in turn and several times each:

- the reference network, :class:`demystify.fast.Trainer`, the course's fast training loop;
- the same network in PyTorch on the CPU, one thread, when torch is installed: batches drawn by
  index (as in the numpy versions), and through a ``DataLoader`` (as most PyTorch code does);
- a straightforward numpy epoch (the plain functions of :mod:`demystify.nn`, a shuffled copy
  of the data every epoch), for comparison;
- a per-example loop in the style of a classic textbook (Nielsen's ``network.py``: one example
  at a time as a column vector, gradients summed over the mini-batch), on a slice of the epoch
  scaled up to 60,000 images;
- the epoch's matrix products alone (the same five products per batch, nothing else).

Then it prints the ratios against the course's targets. Each figure is the median of the repeats,
in CPU seconds (the process's own work: on a shared machine, wall time also counts the moments
other processes held the core) and in wall-clock seconds. The ratios use the CPU medians. This
is a measurement, not a test: it passes or fails nothing, it reports.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable

import numpy as np

from demystify import fast, nn
from demystify.data import load_mnist, random_shifts

BATCH = 64
LR = 0.1
EPOCH_IMAGES = 60_000


def epoch_data() -> tuple[np.ndarray, np.ndarray, str]:
    """60,000 float32 images and labels, and a line saying where they came from."""
    digits = load_mnist(verbose=False)
    if digits.source == "mnist":
        return digits.X_train, digits.y_train, "the real MNIST training set"
    rng = np.random.default_rng(0)
    copies = -(-EPOCH_IMAGES // len(digits.X_train))
    X = np.concatenate([random_shifts(digits.X_train, rng, 2) for _ in range(copies)])
    y = np.tile(digits.y_train, copies)
    return (
        np.ascontiguousarray(X[:EPOCH_IMAGES]),
        y[:EPOCH_IMAGES],
        f"offline: {copies} randomly shifted copies of the subset's {len(digits.X_train):,} "
        "training images",
    )


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``run()`` (CPU time does not count waiting for a core)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


# ----------------------------------------------------------------------------------------------
# The contenders


def network() -> list[tuple[np.ndarray, np.ndarray]]:
    """The 784-128-10 network, float32, drawn the same way for every contender."""
    return nn.init_params([784, 128, 10], np.random.default_rng(0), dtype=np.float32)


def reference_epoch(X: np.ndarray, y: np.ndarray) -> Callable[[], None]:
    trainer, rng = fast.Trainer(network(), BATCH, nn.CrossEntropy), np.random.default_rng(1)
    return lambda: trainer.train_epoch(X, y, LR, rng)


def straightforward_epoch(X: np.ndarray, y: np.ndarray) -> Callable[[], None]:
    """The plain functions, as a first numpy version is usually written."""
    params = network()
    Y, rng = np.eye(10, dtype=np.float32)[y], np.random.default_rng(1)

    def epoch() -> None:
        order = rng.permutation(len(X))
        X_shuffled, Y_shuffled = X[order], Y[order]  # the per-epoch copy
        for start in range(0, len(X), BATCH):
            X_b, Y_b = X_shuffled[start : start + BATCH], Y_shuffled[start : start + BATCH]
            nn.sgd_step(params, nn.gradients(params, X_b, Y_b, nn.CrossEntropy), LR)

    return epoch


def matrix_products_epoch(X: np.ndarray) -> Callable[[], None]:
    """The five products of every batch of an epoch: two forward, three backward."""
    (W1, _), (W2, _) = network()
    Z1, Z2 = np.empty((BATCH, 128), np.float32), np.empty((BATCH, 10), np.float32)
    dA1 = np.empty((BATCH, 128), np.float32)
    dW1, dW2 = np.empty((784, 128), np.float32), np.empty((128, 10), np.float32)

    def epoch() -> None:
        for start in range(0, len(X) - BATCH + 1, BATCH):
            X_b = X[start : start + BATCH]
            np.matmul(X_b, W1, out=Z1)
            np.matmul(Z1, W2, out=Z2)
            np.matmul(Z2, W2.T, out=dA1)
            np.matmul(Z1.T, Z2, out=dW2)
            np.matmul(X_b.T, dA1, out=dW1)

    return epoch


def per_example_epoch(X: np.ndarray, y: np.ndarray, images: int) -> Callable[[], None]:
    """Nielsen-style: each example alone, as column vectors; the first ``images`` images only."""
    layers = network()
    weights = [W.T.copy() for W, _ in layers]  # (out, in), as in network.py
    biases = [b[:, None].copy() for _, b in layers]
    eye = np.eye(10, dtype=np.float32)

    def backprop(x: np.ndarray, target: np.ndarray):
        z1 = weights[0] @ x + biases[0]
        a1 = nn.sigmoid(z1)
        z2 = weights[1] @ a1 + biases[1]
        a2 = np.exp(z2 - z2.max())
        a2 /= a2.sum()
        delta2 = a2 - target  # softmax + cross-entropy
        delta1 = (weights[1].T @ delta2) * a1 * (1 - a1)
        return [delta1 @ x.T, delta2 @ a1.T], [delta1, delta2]

    def epoch() -> None:
        rng = np.random.default_rng(1)
        order = rng.permutation(len(X))[:images]
        for start in range(0, images, BATCH):
            nabla_w = [np.zeros_like(w) for w in weights]
            nabla_b = [np.zeros_like(b) for b in biases]
            batch = order[start : start + BATCH]
            for i in batch:
                dw, db = backprop(X[i][:, None], eye[y[i]][:, None])
                nabla_w = [n + d for n, d in zip(nabla_w, dw, strict=True)]
                nabla_b = [n + d for n, d in zip(nabla_b, db, strict=True)]
            for k in range(2):
                weights[k] -= (LR / len(batch)) * nabla_w[k]
                biases[k] -= (LR / len(batch)) * nabla_b[k]

    return epoch


def torch_epochs(X: np.ndarray, y: np.ndarray) -> dict[str, Callable[[], None]]:
    """The same network, loss and SGD in PyTorch (one thread), two ways; {} without torch.

    "batches by index" draws each batch from the shuffled row numbers, as the numpy versions do;
    "DataLoader" is the way most PyTorch code is written (``DataLoader(TensorDataset(X, y),
    batch_size=64, shuffle=True)``), which collates each batch from single examples.
    """
    try:
        import torch
    except ImportError:
        return {}
    torch.set_num_threads(1)
    torch.manual_seed(0)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)

    def setup():
        model = torch.nn.Sequential(
            torch.nn.Linear(784, 128), torch.nn.Sigmoid(), torch.nn.Linear(128, 10)
        )
        return model, torch.nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), lr=LR)

    def train_step(model, loss_fn, optimizer, X_b, y_b) -> None:
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model(X_b), y_b).backward()
        optimizer.step()

    indexed, loaded = setup(), setup()
    generator = torch.Generator().manual_seed(1)
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(X_t, y_t),
        batch_size=BATCH,
        shuffle=True,
        generator=torch.Generator().manual_seed(1),
    )

    def by_index() -> None:
        order = torch.randperm(len(X_t), generator=generator)
        for start in range(0, len(X_t), BATCH):
            batch = order[start : start + BATCH]
            train_step(*indexed, X_t[batch], y_t[batch])

    def with_loader() -> None:
        for X_b, y_b in loader:
            train_step(*loaded, X_b, y_b)

    return {
        "PyTorch (CPU), batches by index": by_index,
        "PyTorch (CPU), DataLoader": with_loader,
    }


# ----------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="epochs timed per contender")
    parser.add_argument(
        "--slice", type=int, default=1280, help="images the per-example loop is timed on"
    )
    args = parser.parse_args()

    X, y, where = epoch_data()
    print(f"One epoch: {len(X):,} images ({where}), batch {BATCH}, {X.dtype}, one BLAS thread.")
    print(f"numpy {np.__version__}, Python {platform.python_version()}, {platform.machine()}")

    contenders: dict[str, Callable[[], None]] = {
        "reference network (demystify.fast)": reference_epoch(X, y),
        "matrix products alone": matrix_products_epoch(X),
        "straightforward numpy": straightforward_epoch(X, y),
    }
    torch_runs = torch_epochs(X, y)
    if not torch_runs:
        print("PyTorch not installed: its lines and ratios are skipped.")
    else:
        import torch

        print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread")
        contenders.update(torch_runs)
    slice_run = per_example_epoch(X, y, args.slice)
    scale = len(X) / args.slice

    times: dict[str, list[tuple[float, float]]] = {name: [] for name in contenders}
    times["per-example loop"] = []
    with fast.one_blas_thread():
        for run in contenders.values():  # warm up: caches, first-call costs
            run()
        for _ in range(args.repeats):  # interleaved, so a busy moment hits every contender
            for name, run in contenders.items():
                times[name].append(timed(run))
            wall, cpu = timed(slice_run)
            times["per-example loop"].append((wall * scale, cpu * scale))

    print()
    print(f"{'seconds per epoch (median)':40s} {'CPU':>8s} {'wall':>8s}")
    cpu_time = {}
    for name, values in times.items():
        cpu_time[name] = statistics.median(cpu for _, cpu in values)
        wall = statistics.median(wall for wall, _ in values)
        note = f"  (timed on {args.slice:,} images, x{scale:.1f})" if "per-example" in name else ""
        print(f"{name:40s} {cpu_time[name]:8.3f} {wall:8.3f}{note}")

    ref = cpu_time["reference network (demystify.fast)"]
    rows = []
    for name in torch_runs:
        label = "reference / " + name.replace(" (CPU),", ",")
        rows.append((label, ref / cpu_time[name], "<= 0.5x", 0.5, -1))
    rows.append(("per-example loop / reference", cpu_time["per-example loop"] / ref, ">= 5x", 5, 1))
    rows.append(
        (
            "reference / its matrix products",
            ref / cpu_time["matrix products alone"],
            "<= 1.3x",
            1.3,
            -1,
        )
    )
    print()
    print(f"{'ratios (CPU time)':38s} {'measured':>8s}  target")
    if not torch_runs:
        print(f"{'reference / PyTorch':38s} {'-':>8s}  <= 0.5x   PyTorch not installed")
    for label, ratio, target, bound, sign in rows:
        met = ratio >= bound if sign > 0 else ratio <= bound
        print(f"{label:38s} {ratio:7.2f}x  {target:8s} {'met' if met else 'NOT met'}")
    plain = cpu_time["straightforward numpy"] / cpu_time["matrix products alone"]
    print(f"{'straightforward numpy / matrix products':38s} {plain:7.2f}x  (for comparison)")


if __name__ == "__main__":
    main()
