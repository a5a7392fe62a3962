"""Run a notebook's cells in a sandboxed kernel and bring back what each test cell recorded.

This is the only part of the grader that talks to student code, and it trusts nothing it hears.
It speaks the Jupyter messaging protocol over zmq itself, so that it sees every message as raw
bytes before anything decodes it: every byte on every channel counts against the run's budget,
whatever parent the message claims, the shell replies included, and zmq refuses any single
message larger than the whole budget (``MAXMSGSIZE``) before it is read into memory. The run
stops when the budget or a clock runs out or the kernel dies, and reports per test cell the
status, the error's one line and the check records (:mod:`demystify.protocol`). Verdicts are
made elsewhere (:mod:`autograder.verdict`).

The functions here take and return plain data, so a batch can run them in worker processes or on
a Dask cluster.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from autograder.sandbox import KERNEL_DIR, PACKAGE_MOUNT, SANDBOX_HOME, Limits, Sandbox
from autograder.text import safe_text
from demystify import protocol
from demystify.protocol import ProtocolError, Record

DEFAULT_PACKAGE = Path(protocol.__file__).resolve().parent.parent  # this grader's own course
MAX_MESSAGE_CHARS = 2000
QUEUE_MESSAGES = 4  # messages zmq may hold for us per channel before the kernel must wait


@dataclass
class Cell:
    """A code cell to run; ``test_id`` is set for graded test cells, ``answer_id`` for answers."""

    source: str
    test_id: str | None = None
    answer_id: str | None = None


@dataclass
class CellResult:
    """What one graded test cell did."""

    status: str  # "ok", "error", "not run"
    error: str = ""  # "ValueError: message" for a failed cell (one line, no traceback)
    records: list[Record] | None = None  # the check records, when the cell finished and gave them


@dataclass
class RunResult:
    """What running one notebook produced."""

    tests: dict[str, CellResult] = field(default_factory=dict)
    answer_errors: dict[str, str] = field(default_factory=dict)  # answer id -> its error line
    problem: str = ""  # why the run stopped early, if it did
    infrastructure: bool = False  # the problem was the grader's (the sandbox never started)
    seconds: float = 0.0
    output_bytes: int = 0


def kernel_python() -> Path:
    """This environment's Python, by a path the sandbox mounts (the environment's folder
    resolved, so a virtual environment reached through a symbolic link still works)."""
    return Path(sys.prefix).resolve() / "bin" / Path(sys.executable).name


@dataclass(frozen=True)
class KernelSpec:
    """What makes one kernel like another: the kernels of a warm pool share one spec."""

    isolation: str
    limits: Limits
    seed: int = 0
    package: Path | None = None  # the folder holding the ``demystify`` the kernel imports
    scratch: str | None = None  # where the run folders go (the system's temporary folder)


# Run in every kernel, cold or warm, before the notebook's first cell: the imports every
# lesson's setup cell makes. A warm kernel has paid for them before its submission arrives;
# a cold one pays on the spot, so both reach the first cell in the same state.
WARM_UP = """\
try:
    import numpy, matplotlib.pyplot, demystify, demystify.check
except ImportError:
    pass
"""


def kernel_env(seed: int, home: str, pythonpath: str, tmp: str = "/tmp") -> dict[str, str]:
    """The kernel's whole environment: nothing of the grader's leaks in."""
    return {
        "PATH": f"{kernel_python().parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": tmp,
        "PYTHONPATH": pythonpath,  # the mounted course package, ahead of anything installed
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": f"{tmp}/matplotlib",
        "IPYTHONDIR": f"{tmp}/ipython",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        protocol.SEED_VARIABLE: str(seed),
        protocol.OFFLINE_VARIABLE: "1",
        "LANG": "C.UTF-8",
    }


_cache_lock = threading.Lock()


@cache
def _matplotlib_fonts() -> tuple[Path, ...]:
    """matplotlib's font list, built once by this Python in the user's cache folder.

    A kernel that starts with an empty ``MPLCONFIGDIR`` spends a fifth of a second listing the
    system's fonts before its first figure; every sandbox gets a copy of this list instead.
    The list is built by the grader's own Python, never by a notebook, in a folder named for
    the matplotlib installation it was built with. Empty when it cannot be built: each kernel
    then lists the fonts itself, as before.
    """
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        return ()
    installed = Path(spec.origin)
    stamp = f"{installed}:{installed.stat().st_mtime_ns}".encode()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "demystify" / f"matplotlib-{hashlib.sha256(stamp).hexdigest()[:16]}"
    with _cache_lock:
        found = tuple(sorted(folder.glob("fontlist-*.json")))
        if found:
            return found
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=folder) as build:
                env = {"MPLCONFIGDIR": build, "MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"}
                subprocess.run(
                    [str(kernel_python()), "-c", "import matplotlib.font_manager"],
                    env=env, timeout=120, check=True, capture_output=True,
                )  # fmt: skip
                for made in Path(build).glob("fontlist-*.json"):
                    os.replace(made, folder / made.name)  # whole files only, for other graders
        except (OSError, subprocess.SubprocessError):
            return ()
        return tuple(sorted(folder.glob("fontlist-*.json")))


def matplotlib_cache(config_dir: str) -> list[tuple[Path, str]]:
    """The font list to copy into a kernel whose ``MPLCONFIGDIR`` is ``config_dir``."""
    return [(path, f"{config_dir}/{path.name}") for path in _matplotlib_fonts()]


class _Stop(Exception):
    """The run cannot go on; the message says why."""


class KernelStartFailed(Exception):
    """A kernel could not be started: the grader's failure, not the notebook's."""


class Kernel:
    """A client for one sandboxed kernel, reading its messages under the limits.

    :meth:`open` starts one and makes it ready (the warm-up run); each kernel runs one
    notebook and is closed, which kills everything in its sandbox and removes its folder.
    """

    @classmethod
    def open(cls, spec: KernelSpec) -> Kernel:
        """A started, warmed-up kernel for ``spec``; raises :class:`KernelStartFailed`."""
        package = spec.package if spec.package is not None else DEFAULT_PACKAGE
        run_dir = Path(tempfile.mkdtemp(prefix="grade-", dir=spec.scratch))
        bwrap = spec.isolation == "bwrap"
        home, tmp = (SANDBOX_HOME, "/tmp") if bwrap else (str(run_dir / "home"), str(run_dir))
        os.makedirs(run_dir / "home", exist_ok=True)
        pythonpath = PACKAGE_MOUNT if bwrap else str(package)
        env = kernel_env(spec.seed, home, pythonpath, tmp)
        sandbox = Sandbox(spec.isolation, spec.limits, run_dir, env=env)
        sandbox.package_dir = package / "demystify"
        sandbox.copies = matplotlib_cache(f"{tmp}/matplotlib")
        kernel = None
        try:
            kernel = cls(sandbox, spec.limits)
            kernel.wait_ready()
            kernel.execute(WARM_UP, time.monotonic() + spec.limits.startup_seconds)
            kernel.output_bytes = 0  # the budget is the notebook's own
            return kernel
        except Exception as error:  # noqa: BLE001 (whatever stopped it, the grader's failure)
            if kernel is not None:
                kernel.close()
            else:
                sandbox.close()
                _remove(run_dir)
            if isinstance(error, _Stop):
                raise KernelStartFailed(str(error)) from None
            why = f"the sandbox failed to start: {type(error).__name__}: {error}"
            raise KernelStartFailed(why) from error

    def __init__(self, sandbox: Sandbox, limits: Limits):
        self.sandbox, self.limits = sandbox, limits
        self.output_bytes = 0
        key = secrets.token_hex(16)
        kernel_dir = sandbox.run_dir / "kernel"
        kernel_dir.mkdir()
        inside = KERNEL_DIR if sandbox.isolation == "bwrap" else str(kernel_dir)
        ports = {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5}
        connection = {"transport": "ipc", "ip": f"{inside}/k", "key": key,
                      "signature_scheme": "hmac-sha256", **ports}  # fmt: skip
        connection_file = sandbox.run_dir / "kernel.json"
        connection_file.write_text(json.dumps(connection))
        os.chmod(connection_file, 0o644)
        kernel_file = connection_file
        if sandbox.isolation == "bwrap":
            kernel_file = Path(f"{KERNEL_DIR}.json")
            sandbox.extra_binds = [(connection_file, kernel_file)]
        # No history database: the cells run with store_history=False, and the sandbox refuses
        # the file locks SQLite would take (autograder.seccomp).
        command = [str(kernel_python()), "-m", "ipykernel_launcher", "-f", str(kernel_file),
                   "--HistoryManager.enabled=False"]  # fmt: skip
        self.process = sandbox.start(command)
        # Imported once the kernel is starting: jupyter_client takes a tenth of a second.
        import zmq
        from jupyter_client.session import Session

        self.zmq = zmq
        self.session = Session(key=key.encode(), signature_scheme="hmac-sha256")
        self.context = zmq.Context()
        self.base = sandbox.host_path(f"{inside}/k")
        self.shell = self.iopub = None
        self.monitors = []

    def _connect(self, deadline: float) -> None:
        """Connect to the kernel's shell and iopub sockets, once, before any notebook code runs.

        The grader reaches them through ``/proc/PID/root``, where an absolute symbolic link
        would lead back into the host. Before the kernel has run anything of the notebook's,
        the paths are its own sockets: wait for both to exist, connect, and never reconnect
        (a kernel that closes its sockets ends its run; it cannot send the grader elsewhere).
        """
        paths = [f"{self.base}-1", f"{self.base}-2"]
        while not all(_is_socket(path) for path in paths):
            self._still_starting(deadline)
            time.sleep(0.005)
        zmq = self.zmq
        self.poller = zmq.Poller()
        self.shell = self._connected(zmq.DEALER, paths[0], deadline)
        self.iopub = self._connected(zmq.SUB, paths[1], deadline)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")

    def _connected(self, kind: int, path: str, deadline: float):
        """A socket connected to the kernel's socket at ``path``, with a monitor in the poller.

        zmq makes no second attempt (no reconnection), and between the kernel's bind, which
        makes the file, and its listen, an attempt is refused: so a socket that has not
        connected within a moment is closed and another tries, during start-up only.
        """
        zmq = self.zmq
        while True:
            sock = self._socket(kind)
            # zmq drops the connection of a peer whose message is over MAXMSGSIZE: watch. (The
            # monitor comes first, to see the connection made; a refused attempt is closed.)
            monitor = sock.get_monitor_socket(
                zmq.EVENT_CONNECTED | zmq.EVENT_DISCONNECTED | zmq.EVENT_CLOSED
            )
            sock.connect(f"ipc://{path}")
            if monitor.poll(250) and _event(monitor) == zmq.EVENT_CONNECTED:
                self.poller.register(sock, zmq.POLLIN)
                self.poller.register(monitor, zmq.POLLIN)
                self.monitors.append(monitor)
                return sock
            sock.disable_monitor()
            monitor.close(linger=0)
            sock.close(linger=0)
            if not self.alive() or time.monotonic() > deadline:
                raise _Stop("the kernel did not start (the grader could not connect to it)")

    def _socket(self, kind: int):
        zmq = self.zmq
        sock = self.context.socket(kind)
        sock.setsockopt(zmq.LINGER, 0)
        sock.setsockopt(zmq.RECONNECT_IVL, -1)  # one connection, made before notebook code runs
        sock.setsockopt(zmq.RCVHWM, QUEUE_MESSAGES)
        sock.setsockopt(zmq.MAXMSGSIZE, self.limits.output_bytes)  # refused before it is read
        return sock

    def alive(self) -> bool:
        return self.process.poll() is None

    # -- receiving ------------------------------------------------------------------------------

    def _receive(self, timeout: float) -> tuple[str, dict] | None:
        """The next message from either channel, decoded, or None when ``timeout`` passes.

        Its bytes are counted before anything else is done with it. A message that is not a
        well-formed Jupyter message is counted and dropped.
        """
        for sock, _ in self.poller.poll(int(max(0.0, timeout) * 1000)):
            if sock in self.monitors:
                if _event(sock) not in (self.zmq.EVENT_DISCONNECTED, self.zmq.EVENT_CLOSED):
                    continue
                try:  # a kernel that dies also disconnects: tell the two apart
                    self.process.wait(timeout=1.0)
                except Exception:  # noqa: BLE001 (still running: a message, or its own doing)
                    raise _Stop(
                        "the notebook closed the kernel's connection to the grader, or sent a "
                        f"message larger than {self.limits.output_bytes:,} bytes"
                    ) from None
                raise _Stop(self._death_reason())
            frames = sock.recv_multipart(copy=True)
            self.output_bytes += sum(len(f) for f in frames)
            if self.output_bytes > self.limits.output_bytes:
                raise _Stop(f"the notebook sent more than {self.limits.output_bytes:,} bytes")
            channel = "shell" if sock is self.shell else "iopub"
            try:
                _, parts = self.session.feed_identities(frames, copy=True)
                message = self.session.deserialize(parts, content=True, copy=True)
            except Exception:  # noqa: BLE001 (a forged or broken message: ignore it)
                return channel, {}
            return channel, message
        return None

    def wait_ready(self) -> None:
        """Wait until the kernel answers; raises _Stop (infrastructure) if it never does."""
        deadline = time.monotonic() + self.limits.startup_seconds
        self._connect(deadline)
        self.session.send(self.shell, "kernel_info_request")
        asked = time.monotonic()
        # Ready when it has answered on shell and been heard on iopub: a subscription takes
        # a moment to reach the kernel, and what it publishes before then is lost.
        answered = heard = False
        while True:
            self._still_starting(deadline)
            got = self._receive(0.2)
            if got:
                answered |= got[0] == "shell" and got[1].get("msg_type") == "kernel_info_reply"
                heard |= got[0] == "iopub" and got[1].get("msg_type") == "status"
                if answered and heard:
                    return
            # Asked again each second while it boots, and at once when only iopub is missing.
            if time.monotonic() - asked > (0.02 if answered else 1.0):
                self.session.send(self.shell, "kernel_info_request")
                asked = time.monotonic()

    def _still_starting(self, deadline: float) -> None:
        """Raise _Stop (infrastructure) if the kernel died or its start-up time is up."""
        if not self.alive():
            raise _Stop(f"the kernel did not start ({_exit_description(self.process.returncode)})")
        if time.monotonic() > deadline:
            raise _Stop(f"the kernel did not start within {self.limits.startup_seconds:.0f} s")

    def execute(self, code: str, deadline: float, expressions: dict[str, str] | None = None):
        """Run ``code``; return (the execute reply's content, the error line)."""
        content = {
            "code": code,
            "silent": False,
            "store_history": False,
            "user_expressions": expressions or {},
            "allow_stdin": False,
            "stop_on_error": False,
        }
        msg_id = self.session.send(self.shell, "execute_request", content)["header"]["msg_id"]
        error, idle, reply = "", False, None
        cell_deadline = min(deadline, time.monotonic() + self.limits.cell_seconds)
        while not (idle and reply is not None):
            remaining = cell_deadline - time.monotonic()
            if remaining <= 0:
                raise _Stop(self._timeout_reason(deadline))
            if not self.alive():
                raise _Stop(self._death_reason())
            got = self._receive(min(0.25, remaining))
            if got is None:
                continue
            channel, message = got
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message.get("msg_type")
            body = message.get("content") if isinstance(message.get("content"), dict) else {}
            if channel == "shell" and kind == "execute_reply":
                reply = body
            elif kind == "error":
                error = _one_line(f"{body.get('ename', '')}: {body.get('evalue', '')}")
            elif kind == "status" and body.get("execution_state") == "idle":
                idle = True
        if not error and reply.get("status") == "error":  # a handler that printed no traceback
            error = _one_line(f"{reply.get('ename', '')}: {reply.get('evalue', '')}")
        return reply, error

    def _timeout_reason(self, deadline: float) -> str:
        if time.monotonic() >= deadline:
            return f"the notebook ran longer than {self.limits.notebook_seconds:.0f} s"
        return f"a cell ran longer than {self.limits.cell_seconds:.0f} s"

    def _death_reason(self) -> str:
        if self.sandbox.memory_exhausted():
            why = f"the kernel ran out of memory (limit {self.limits.memory_mb} MB)"
        else:
            why = f"the kernel died ({_exit_description(self.process.returncode)})"
        if self.output_bytes > self.limits.output_bytes // 2:
            why += f" while flooding its output ({self.output_bytes:,} bytes read)"
        return why

    def close(self) -> None:
        """Kill the sandbox and everything in it, and remove its folder."""
        try:
            for sock in (self.shell, self.iopub):
                if sock is not None:
                    sock.disable_monitor()
            self.context.destroy(linger=0)
        finally:
            self.sandbox.close()
            _remove(self.sandbox.run_dir)


def _remove(run_dir: Path) -> None:
    if os.environ.get("DEMYSTIFY_KEEP_RUN"):
        print(f"kept {run_dir}", file=sys.stderr)
    else:
        shutil.rmtree(run_dir, ignore_errors=True)


def _event(monitor) -> int:
    """The event number of the next message on a zmq monitor socket."""
    from zmq.utils.monitor import recv_monitor_message

    return recv_monitor_message(monitor)["event"]


def _is_socket(path: str) -> bool:
    try:
        return stat.S_ISSOCK(os.lstat(path).st_mode)
    except OSError:
        return False


def _exit_description(code: int | None) -> str:
    """ "exit status 1", or "killed by SIGSEGV" for bwrap's 128 + signal and Popen's -signal."""
    signum = -code if code is not None and code < 0 else (code - 128 if code and code > 128 else 0)
    if signum:
        try:
            return f"killed by {signal.Signals(signum).name}"
        except ValueError:
            pass
    return f"exit status {code}"


def _one_line(text: str) -> str:
    text = safe_text(text).strip()
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + " ..."


def _drain_result(reply: dict | None) -> dict | None:
    """The drain's result in a cell's reply, when it ran and succeeded (IPython skips user
    expressions after an error)."""
    expressions = reply.get("user_expressions") if isinstance(reply, dict) else None
    value = expressions.get("records") if isinstance(expressions, dict) else None
    return value if isinstance(value, dict) and value.get("status") == "ok" else None


def parse_records(reply: dict | None) -> list[Record] | None:
    """The records a test cell's reply carries, or None when they are missing or malformed."""
    value = _drain_result(reply)
    if value is None:
        return None
    data = value.get("data")
    if not isinstance(data, dict):
        return None
    try:
        return protocol.records_from_json(data.get(protocol.MIME))
    except (ProtocolError, RecursionError, MemoryError):
        return None


DRAIN = {"records": protocol.DRAIN_EXPRESSION}


def _run_all(kernel: Kernel, cells: list[Cell], result: RunResult, deadline: float) -> None:
    # Every cell drains the records after it runs, so a test cell's are its own; after a cell
    # whose drain did not run, an empty cell drains them before the next test cell.
    drained = True
    for cell in cells:
        if cell.test_id and not drained:
            kernel.execute("", deadline, DRAIN)
        reply, error = kernel.execute(cell.source, deadline, DRAIN)
        drained = _drain_result(reply) is not None
        if cell.test_id:
            status = "ok" if reply.get("status") == "ok" else "error"
            records = parse_records(reply) if status == "ok" else None
            result.tests[cell.test_id] = CellResult(
                status, error if status == "error" else "", records
            )
        elif error and cell.answer_id:
            result.answer_errors[cell.answer_id] = error


def run_cells(
    cells: list[Cell],
    *,
    isolation: str,
    limits: Limits,
    seed: int = 0,
    scratch: str | None = None,
    package: Path | None = None,
    kernel: Kernel | None = None,
) -> RunResult:
    """Run ``cells`` in order in a fresh sandboxed kernel; collect every test cell's result.

    ``package`` is the folder holding the ``demystify`` package the kernel imports (for a graded
    run, one without the graded lesson's answers: :mod:`autograder.package`); by default, the
    one this grader was installed with. ``kernel`` is one already started for the same
    settings (a warm one, :mod:`autograder.pool`); it is closed when the run ends.
    """
    start = time.monotonic()
    result = RunResult()
    result.tests = {c.test_id: CellResult("not run") for c in cells if c.test_id}
    if kernel is None:
        try:
            kernel = Kernel.open(KernelSpec(isolation, limits, seed, package, scratch))
        except KernelStartFailed as error:
            result.problem, result.infrastructure = str(error), True
            result.seconds = time.monotonic() - start
            return result
    try:
        # The notebook's clock starts at its first cell, whenever its kernel was started.
        _run_all(kernel, cells, result, time.monotonic() + limits.notebook_seconds)
    except _Stop as stop:
        result.problem = str(stop)
    except Exception as error:  # noqa: BLE001 (a cell the grader cannot even send)
        result.problem = f"the notebook stopped the grader's client: {error}"
    finally:
        result.output_bytes = kernel.output_bytes
        kernel.close()
    result.seconds = time.monotonic() - start
    return result
