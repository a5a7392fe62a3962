"""Run a notebook's cells in a sandboxed kernel and bring back what each test cell recorded.

This is the only part of the grader that talks to student code, and it trusts nothing it hears:
it reads the kernel's messages with a byte budget and a clock, kills the sandbox when either runs
out or the kernel dies, and reports per test cell the status, the error's one-line message and the
check records (see :mod:`demystify.check`). Verdicts are made elsewhere
(:mod:`autograder.verdict`), from these records and the reference solution's.

The functions here take and return plain data, so a batch can run them in worker processes or on
a Dask cluster.
"""

from __future__ import annotations

import ast
import json
import os
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.sandbox import SANDBOX_HOME, Limits, Sandbox

# The expression a test cell's execute request evaluates after the cell, in the kernel.
DRAIN = "__import__('demystify.check', fromlist=['drain_records']).drain_records()"
MAX_RECORDS_BYTES = 5_000_000
_AST_LOCK = threading.Lock()
MAX_MESSAGE_CHARS = 2000


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
    error: str = ""  # "CheckFailed: message" for a failed cell (no traceback: it shows source)
    records: list | None = None  # the check records, when the cell finished and gave them


@dataclass
class RunResult:
    """What running one notebook produced."""

    tests: dict[str, CellResult] = field(default_factory=dict)
    answer_errors: dict[str, str] = field(default_factory=dict)  # answer id -> its error line
    problem: str = ""  # why the run stopped early, if it did
    seconds: float = 0.0
    output_bytes: int = 0


def kernel_env(seed: int, home: str) -> dict[str, str]:
    """The kernel's whole environment: nothing of the grader's leaks in."""
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": "/tmp",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": "/tmp/matplotlib",
        "IPYTHONDIR": "/tmp/ipython",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "DEMYSTIFY_GRADING_SEED": str(seed),
        "DEMYSTIFY_OFFLINE": "1",  # graded notebooks use the data that installs with the course
        "LANG": "C.UTF-8",
    }


class _Kernel:
    """A client for one sandboxed kernel, reading its messages under the limits."""

    def __init__(self, sandbox: Sandbox, limits: Limits):
        from jupyter_client import BlockingKernelClient
        from jupyter_client.connect import write_connection_file

        self.sandbox, self.limits = sandbox, limits
        kernel_dir = sandbox.run_dir / "kernel"
        kernel_dir.mkdir()
        connection_file, _ = write_connection_file(
            fname=str(kernel_dir / "kernel.json"), transport="ipc", ip=str(kernel_dir / "k")
        )
        self.process = sandbox.start(Path(connection_file))
        self.client = BlockingKernelClient()
        self.client.load_connection_file(connection_file)
        self.client.start_channels()
        self.output_bytes = 0

    def alive(self) -> bool:
        return self.process.poll() is None

    def wait_ready(self) -> str:
        """Empty when the kernel answers; else why it did not."""
        deadline = time.monotonic() + self.limits.startup_seconds
        self.client.kernel_info()
        while time.monotonic() < deadline:
            if not self.alive():
                why = _exit_description(self.process.returncode)
                return f"the kernel did not start ({why})"
            try:
                reply = self.client.get_shell_msg(timeout=0.2)
            except queue.Empty:
                self.client.kernel_info()
                continue
            if reply["msg_type"] == "kernel_info_reply":
                self._drain_iopub()
                return ""
        return f"the kernel did not start within {self.limits.startup_seconds:.0f} s"

    def _drain_iopub(self) -> None:
        while True:
            try:
                self.client.get_iopub_msg(timeout=0.05)
            except queue.Empty:
                return

    def execute(
        self, code: str, deadline: float, expressions: dict[str, str] | None = None
    ) -> tuple[dict | None, str, str]:
        """Run ``code``; return (the execute reply's content, the error line, a problem)."""
        msg_id = self.client.execute(
            code,
            store_history=False,
            allow_stdin=False,
            user_expressions=expressions or {},
            stop_on_error=False,
        )
        error, idle = "", False
        cell_deadline = min(deadline, time.monotonic() + self.limits.cell_seconds)
        while not idle:
            remaining = cell_deadline - time.monotonic()
            if remaining <= 0:
                return None, error, self._timeout_reason(deadline)
            if not self.alive():
                return None, error, self._death_reason()
            try:
                msg = self.client.get_iopub_msg(timeout=min(0.25, remaining))
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            self.output_bytes += len(json.dumps(msg["content"], default=str))
            if self.output_bytes > self.limits.output_bytes:
                return (
                    None,
                    error,
                    (f"the notebook printed more than {self.limits.output_bytes:,} bytes"),
                )
            kind = msg["msg_type"]
            if kind == "error":
                content = msg["content"]
                error = _one_line(f"{content.get('ename', '')}: {content.get('evalue', '')}")
            elif kind == "status" and msg["content"].get("execution_state") == "idle":
                idle = True
        while True:
            remaining = cell_deadline - time.monotonic()
            if remaining <= 0:
                return None, error, self._timeout_reason(deadline)
            try:
                reply = self.client.get_shell_msg(timeout=min(0.25, remaining))
            except queue.Empty:
                if not self.alive():
                    return None, error, self._death_reason()
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"], error, ""

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
        try:
            self.client.stop_channels()
        finally:
            self.sandbox.close()


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
    text = text.strip()
    return text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS] + " ..."


def _parse_records(reply: dict) -> list | None:
    """The records a test cell's reply carries, or None when they are missing or malformed."""
    value = reply.get("user_expressions", {}).get("records", {})
    if value.get("status") != "ok":
        return None
    text = value.get("data", {}).get("text/plain", "")
    if not isinstance(text, str) or len(text) > MAX_RECORDS_BYTES:
        return None
    try:
        with _AST_LOCK:  # CPython 3.11's ast is not safe to use from several threads at once
            records = json.loads(ast.literal_eval(text))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        return None
    return records


def run_cells(
    cells: list[Cell],
    *,
    isolation: str,
    limits: Limits,
    seed: int = 0,
    scratch: str | None = None,
    lesson: str | None = None,
) -> RunResult:
    """Run ``cells`` in order in a fresh sandboxed kernel; collect every test cell's result.

    With ``lesson``, the kernel sees ``demystify`` without the reference answers to that lesson
    (:mod:`autograder.redact`).
    """
    start = time.monotonic()
    result = RunResult()
    for cell in cells:
        if cell.test_id:
            result.tests[cell.test_id] = CellResult("not run")
    run_dir = Path(tempfile.mkdtemp(prefix="grade-", dir=scratch))
    home = SANDBOX_HOME if isolation == "bwrap" else str(run_dir / "home")
    os.makedirs(run_dir / "home", exist_ok=True)
    sandbox = Sandbox(isolation, limits, run_dir, env=kernel_env(seed, home))
    if lesson:
        from autograder.redact import package_for

        sandbox.package_dir = package_for(lesson)
    kernel = None
    try:
        kernel = _Kernel(sandbox, limits)
        result.problem = kernel.wait_ready()
        deadline = start + limits.notebook_seconds
        for cell in cells if not result.problem else []:
            expressions = {"records": DRAIN} if cell.test_id else None
            problem = ""
            if cell.test_id:  # forget what earlier cells recorded
                _, _, problem = kernel.execute("", deadline, expressions)
            if not problem:
                reply, error, problem = kernel.execute(cell.source, deadline, expressions)
            if problem:
                result.problem = problem
                break
            if cell.test_id:
                status = "ok" if reply.get("status") == "ok" else "error"
                result.tests[cell.test_id] = CellResult(
                    status, error if status == "error" else "", _parse_records(reply)
                )
            elif error and cell.answer_id:
                result.answer_errors[cell.answer_id] = error
    except Exception as error:  # the grader's own failure to run the sandbox
        result.problem = f"the sandbox failed: {type(error).__name__}: {error}"
    finally:
        if kernel is not None:
            result.output_bytes = kernel.output_bytes
            kernel.close()
        else:
            sandbox.close()
        if os.environ.get("DEMYSTIFY_KEEP_RUN"):
            print(f"kept {run_dir}", file=sys.stderr)
        else:
            shutil.rmtree(run_dir, ignore_errors=True)
    result.seconds = time.monotonic() - start
    return result
