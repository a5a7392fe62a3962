"""autograder.pool: warm kernels, each handed out once, and nothing left for the next one.

The pool's bookkeeping is tested with stand-in kernels (milliseconds). Real sandboxes prove the
promise that matters: a submission cannot leave anything (files, processes, sockets, shared
memory, a changed copy of a shared file) for the submission after it, even with that one's
kernel started while it ran. That a class graded with warm kernels gets exactly the grades it
gets with kernels started cold is tests/test_class_grading.py's first test.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time
from pathlib import Path

import pytest

from autograder.pool import WarmPool
from autograder.runner import Cell, KernelSpec, KernelStartFailed, _matplotlib_fonts, run_cells
from autograder.sandbox import Limits, bwrap_path

# ------------------------------------------------------------------------------------------------
# Bookkeeping, with stand-in kernels


class FakeKernel:
    def __init__(self, number: int):
        self.number, self.closed, self.dead = number, False, False

    def alive(self) -> bool:
        return not self.dead

    def close(self) -> None:
        self.closed = True


class Opener:
    """Makes numbered stand-in kernels; ``fail`` makes the n-th start fail."""

    def __init__(self, fail: set[int] = frozenset(), delay: float = 0.0):
        self.made: list[FakeKernel] = []
        self.fail, self.delay = fail, delay
        self.lock = threading.Lock()

    def __call__(self, spec: KernelSpec) -> FakeKernel:
        time.sleep(self.delay)
        with self.lock:
            number = len(self.made)
            kernel = FakeKernel(number)
            self.made.append(kernel)
        if number in self.fail:
            raise KernelStartFailed(f"start {number} failed")
        return kernel


SPEC = KernelSpec("process", Limits())


def test_each_kernel_is_handed_out_once_and_the_budget_is_kept():
    opener = Opener()
    with WarmPool(SPEC, size=2, budget=5, opener=opener) as pool:
        taken = [pool.take() for _ in range(5)]
    assert len({id(k) for k in taken}) == 5
    assert len(opener.made) == 5  # never one that no submission used


def test_a_take_beyond_the_budget_starts_a_kernel_on_the_spot():
    opener = Opener()
    with WarmPool(SPEC, size=1, budget=1, opener=opener) as pool:
        first, extra = pool.take(), pool.take()
    assert first is not extra and len(opener.made) == 2


def test_kernels_start_ahead_of_their_submission():
    opener = Opener(delay=0.01)
    with WarmPool(SPEC, size=2, budget=4, opener=opener) as pool:
        deadline = time.monotonic() + 10
        while len(opener.made) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        assert len(opener.made) == 2  # both started before anyone asked
        pool.take()
        deadline = time.monotonic() + 10
        while len(opener.made) < 3 and time.monotonic() < deadline:
            time.sleep(0.005)
        assert len(opener.made) == 3  # the one taken is replaced at once


def test_close_closes_the_kernels_nobody_took():
    opener = Opener()
    pool = WarmPool(SPEC, size=3, budget=3, opener=opener)
    taken = pool.take()
    pool.close()
    assert not taken.closed  # its run closes it
    assert all(k.closed for k in opener.made if k is not taken)
    with pytest.raises(RuntimeError):
        pool.take()


def test_a_kernel_that_died_waiting_is_closed_and_replaced():
    opener = Opener()
    with WarmPool(SPEC, size=1, budget=3, opener=opener) as pool:
        deadline = time.monotonic() + 10
        while not opener.made and time.monotonic() < deadline:
            time.sleep(0.005)
        opener.made[0].dead = True
        kernel = pool.take()
    assert kernel.alive() and opener.made[0].closed


def test_a_kernel_that_failed_to_start_is_the_grader_s_failure():
    with WarmPool(SPEC, size=1, budget=2, opener=Opener(fail={0})) as pool:
        with pytest.raises(KernelStartFailed, match="start 0 failed"):
            pool.take()
        assert pool.take().number == 1


# ------------------------------------------------------------------------------------------------
# Real sandboxes

needs_bwrap = pytest.mark.skipif(not bwrap_path(), reason="bubblewrap cannot run here")

LEAVE = """\
import os, socket, subprocess, sys
token = {token!r}
for folder in ("/tmp", os.path.expanduser("~"), "/run/kernel", "/dev/shm", "/var/tmp", "/opt"):
    try:
        with open(os.path.join(folder, token), "w") as f:
            f.write("left behind")
    except OSError:
        pass
for name in os.listdir("/tmp/matplotlib"):  # the font list every sandbox gets a copy of
    with open(os.path.join("/tmp/matplotlib", name), "w") as f:
        f.write("spoiled")
os.environ[token] = "1"
listener = socket.socket(socket.AF_UNIX)
listener.bind("\\0" + token)
listener.listen()
ip = socket.socket()
try:
    ip.bind(("127.0.0.1", 47123))
    ip.listen()
except OSError:
    pass
from multiprocessing import shared_memory
try:
    shm = shared_memory.SharedMemory(name=token, create=True, size=4096)
except OSError:
    pass
daemon = subprocess.Popen(
    [sys.executable, "-c", "import time; time.sleep(600)", token],
    start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
)
"""

FIND = """\
import glob, os, socket
token = {token!r}
found = []
for folder in ("/tmp", os.path.expanduser("~"), "/run/kernel", "/dev/shm", "/var/tmp", "/opt"):
    if os.path.exists(os.path.join(folder, token)):
        found.append("file in " + folder)
for name in glob.glob("/tmp/matplotlib/*"):
    if open(name).read() == "spoiled":
        found.append("spoiled " + name)
if token in os.environ:
    found.append("environment")
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        if token in open(f"/proc/{{pid}}/cmdline").read():
            found.append("process " + pid)
    except OSError:
        pass
probe = socket.socket(socket.AF_UNIX)
try:
    probe.connect("\\0" + token)
    found.append("abstract socket")
except OSError:
    pass
client = socket.socket()
try:
    client.connect(("127.0.0.1", 47123))
    found.append("tcp port")
except OSError:
    pass
from multiprocessing import shared_memory
try:
    shared_memory.SharedMemory(name=token)
    found.append("shared memory")
except OSError:
    pass
assert not found, found
"""


def host_uid(pid: int) -> int:
    return Path(f"/proc/{pid}").stat().st_uid


def host_processes_with(token: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and token.encode() in (proc / "cmdline").read_bytes():
                found.append(proc.name)
        except OSError:
            pass
    return found


@needs_bwrap
def test_a_submission_leaves_nothing_for_the_next(tmp_path):
    token = "trace-" + secrets.token_hex(8)
    fonts = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in _matplotlib_fonts()}
    spec = KernelSpec("bwrap", Limits(memory_mb=1024), scratch=str(tmp_path))
    with WarmPool(spec, size=2, budget=2) as pool:
        first = pool.take()  # the second kernel is already starting, beside the first
        first_uid = host_uid(first.sandbox.child_pid)
        left = run_cells([Cell(LEAVE.format(token=token), "leave")], **vars_of(spec), kernel=first)
        assert left.tests["leave"].status == "ok", left.tests["leave"].error
        assert host_processes_with(token) == []  # the first sandbox took its daemon with it
        second = pool.take()
        if os.geteuid() == 0:  # each sandbox has a host uid of its own: no per-user limit shared
            assert len({first_uid, host_uid(second.sandbox.child_pid), 65534, 0}) == 4
        found = run_cells([Cell(FIND.format(token=token), "find")], **vars_of(spec), kernel=second)
    assert found.tests["find"].status == "ok", found.tests["find"].error
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in fonts} == fonts
    assert list(tmp_path.iterdir()) == []  # both run folders are gone


def vars_of(spec: KernelSpec) -> dict:
    return {"isolation": spec.isolation, "limits": spec.limits, "seed": spec.seed}


@needs_bwrap
def test_the_probe_finds_what_is_left_in_its_own_sandbox(tmp_path):
    """The test above has teeth: in the sandbox that left them, the traces are all found."""
    token = "trace-" + secrets.token_hex(8)
    spec = KernelSpec("bwrap", Limits(memory_mb=1024), scratch=str(tmp_path))
    cells = [Cell(LEAVE.format(token=token), "leave"), Cell(FIND.format(token=token), "find")]
    result = run_cells(cells, **vars_of(spec))
    error = result.tests["find"].error
    for trace in ("file in /tmp", "file in /home/student", "spoiled", "environment", "process",
                  "abstract socket", "tcp port", "shared memory"):  # fmt: skip
        assert trace in error, error
