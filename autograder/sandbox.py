"""Where a student's notebook runs: a Jupyter kernel in a sandbox, with resource limits.

The grader never runs student code in its own process. It starts an IPython kernel in a sandbox
and drives it from outside over the kernel's IPC sockets (:mod:`autograder.runner`). Two levels:

``bwrap`` (strong)
    Debian's bubblewrap puts the kernel in new user, mount, pid, network, IPC and UTS namespaces.
    It sees, read-only, the system's ``/usr``, the Python installation and the ``demystify``
    package, and a private, empty, writable home folder and ``/tmp``. It does not see
    ``solutions/``, the gradebook, other students' submissions or the network.
``process`` (fallback, when bubblewrap is missing)
    A plain child process in its own session, with the same resource limits. It can read what
    the grader's user can read; the README says how an instructor gets the strong level.

Both get resource limits: CPU seconds, file size, open files and no core dumps by ``setrlimit``;
and, where the grader may write to cgroup v1 (as root on Linux), a ``pids`` cgroup (a fork bomb
stops at ``max_processes``), a ``memory`` cgroup that also counts the sandbox's tmpfs (so filling
the home folder fills memory, not the disk), and a ``cpu`` cgroup that caps the sandbox at one
core. Without cgroups, ``RLIMIT_AS`` bounds memory and ``RLIMIT_NPROC`` processes. The byte limit
on output and the time limits are enforced by the runner, which reads every message.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
PACKAGE_DIR = Path(__file__).resolve().parent.parent / "demystify"
SANDBOX_HOME = "/home/student"  # the kernel's home and working folder inside bwrap


@dataclass(frozen=True)
class Limits:
    """Resource limits for one graded notebook."""

    memory_mb: int = 3072  # address space of the kernel, and the memory cgroup's limit
    cpu_seconds: int = 300  # CPU time of the kernel process
    max_processes: int = 64  # processes and threads in the sandbox (pids cgroup)
    file_mb: int = 64  # largest file the kernel may write
    output_bytes: int = 2_000_000  # everything the notebook prints, all cells together
    cell_seconds: float = 60.0  # wall time of one cell
    notebook_seconds: float = 300.0  # wall time of the whole notebook
    startup_seconds: float = 60.0  # kernel start-up


def bwrap_path() -> str | None:
    """The bubblewrap executable, when it is installed and can make namespaces here."""
    path = shutil.which("bwrap")
    if not path:
        return None
    probe = subprocess.run(
        [path, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"],
        capture_output=True,
        timeout=20,
    )
    return path if probe.returncode == 0 else None


def detect_isolation() -> str:
    """``bwrap`` where bubblewrap works, else ``process``."""
    return "bwrap" if bwrap_path() else "process"


def describe(isolation: str) -> str:
    """One line for the grader's output and the test log."""
    cgroups = "with pids, memory and cpu cgroups" if cgroups_writable() else "without cgroups"
    if isolation == "bwrap":
        return f"bwrap sandbox (namespaces: user, mount, pid, net, ipc, uts; {cgroups})"
    return f"process sandbox (resource limits only, {cgroups}; install bubblewrap for isolation)"


def cgroups_writable() -> bool:
    return all(os.access(CGROUP_ROOT / c, os.W_OK) for c in ("pids", "memory", "cpu"))


def _python_roots() -> list[Path]:
    """The folders the kernel's Python needs: its installation and the virtual environment."""
    roots = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    return sorted(roots)


@dataclass
class Sandbox:
    """One running kernel process under isolation; ``close()`` kills everything it started."""

    isolation: str
    limits: Limits
    run_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    package_dir: Path | None = None  # a (redacted) copy of demystify to use instead of the real
    process: subprocess.Popen | None = None
    cgroups: list[Path] = field(default_factory=list)
    _grader_pid: int = 0

    def kernel_command(self, connection_file: Path) -> list[str]:
        kernel = [sys.executable, "-m", "ipykernel_launcher", "-f", str(connection_file)]
        if self.isolation != "bwrap":
            if self.package_dir is not None:
                self.env["PYTHONPATH"] = str(self.package_dir.parent)  # before the real one
            return kernel
        args = [bwrap_path() or "bwrap", "--unshare-all", "--die-with-parent", "--new-session"]
        args += ["--ro-bind", "/usr", "/usr"]
        for link in ("bin", "lib", "lib64", "sbin"):
            target = Path("/") / link
            if target.is_symlink():
                args += ["--symlink", os.readlink(target), str(target)]
            elif target.exists():
                args += ["--ro-bind", str(target), str(target)]
        for etc in ("/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives"):
            args += ["--ro-bind-try", etc, etc]
        # Writable scratch first, then the binds: a tmpfs mounted later would hide a Python
        # installation that lives below it (a virtual environment in /tmp, say).
        args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", SANDBOX_HOME]
        for root in _python_roots():
            args += ["--ro-bind", str(root), str(root)]
        args += ["--ro-bind", str(self.package_dir or PACKAGE_DIR), str(PACKAGE_DIR)]
        args += ["--bind", str(connection_file.parent), str(connection_file.parent)]
        args += ["--chdir", SANDBOX_HOME, "--clearenv"]
        for key, value in self.env.items():
            args += ["--setenv", key, value]
        return args + ["--", *kernel]

    def start(self, connection_file: Path) -> subprocess.Popen:
        self.cgroups = self._make_cgroups()
        self._grader_pid = os.getpid()
        log = open(self.run_dir / "kernel.log", "wb")  # noqa: SIM115 (kept open for the child)
        self.process = subprocess.Popen(
            self.kernel_command(connection_file),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self.env,
            cwd=self.run_dir,
            start_new_session=True,
            preexec_fn=self._limit_child,
        )
        log.close()
        return self.process

    def _make_cgroups(self) -> list[Path]:
        if not cgroups_writable():
            return []
        return make_cgroups(
            [
                ("pids", "pids.max", self.limits.max_processes),
                ("memory", "memory.limit_in_bytes", self.limits.memory_mb * 2**20),
                # At most one core, however many processes: a fork bomb cannot starve the
                # notebooks graded beside it.
                ("cpu", "cpu.cfs_quota_us", 100_000),
            ]
        )

    def _limit_child(self) -> None:
        """Runs in the child between fork and exec: die with the grader, join the cgroups, set
        the rlimits."""
        _die_with_parent(self._grader_pid)
        for group in self.cgroups:
            (group / "cgroup.procs").write_text(str(os.getpid()))
        mb = 2**20
        limits = {
            resource.RLIMIT_CPU: self.limits.cpu_seconds,
            resource.RLIMIT_FSIZE: self.limits.file_mb * mb,
            resource.RLIMIT_CORE: 0,
            resource.RLIMIT_NOFILE: 1024,
        }
        if not self.cgroups:
            # Without a memory cgroup, bound the address space instead (a cruder measure: it
            # counts mapped but unused memory, so a kernel dies of it well before its limit).
            limits[resource.RLIMIT_AS] = self.limits.memory_mb * mb
        if os.geteuid() != 0 and not self.cgroups:
            limits[resource.RLIMIT_NPROC] = self.limits.max_processes + _own_process_count()
        for which, value in limits.items():
            resource.setrlimit(which, (value, value))

    def close(self) -> None:
        """Kill the kernel and everything it started, and remove the cgroups."""
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            for group in self.cgroups:
                kill_cgroup(group)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        remove_cgroups(self.cgroups)
        self.cgroups = []

    def memory_exhausted(self) -> bool:
        """Whether the sandbox ran into its memory limit: the memory cgroup refused a page, or
        its peak use came within a tenth of the limit (where the address-space limit bites)."""
        for group in self.cgroups:
            try:
                if int((group / "memory.failcnt").read_text() or 0) > 0:
                    return True
                peak = int((group / "memory.max_usage_in_bytes").read_text() or 0)
            except (OSError, ValueError):
                continue
            if peak >= 0.9 * self.limits.memory_mb * 2**20:
                return True
        return False


def _die_with_parent(grader_pid: int) -> None:
    """Ask Linux to kill this process when the grader dies (a killed grader leaves no kernels)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux: the session's process group is still killed on close()
    if os.getppid() != grader_pid:  # the grader died before the request took effect
        os._exit(1)


def remove_stale_cgroups() -> None:
    """Remove the empty cgroups a killed grader left behind."""
    if not cgroups_writable():
        return
    for controller in ("pids", "memory", "cpu"):
        for group in (CGROUP_ROOT / controller).glob("demystify-*"):
            try:
                if not (group / "cgroup.procs").read_text().split():
                    group.rmdir()
            except OSError:
                pass


def make_cgroups(settings: list[tuple[str, str, int]]) -> list[Path]:
    """A new cgroup v1 per (controller, setting, value), set; none at all if any step fails."""
    name = f"demystify-{uuid.uuid4().hex[:12]}"
    made: list[Path] = []
    try:
        for controller, setting, value in settings:
            group = CGROUP_ROOT / controller / name
            group.mkdir()
            made.append(group)
            (group / setting).write_text(str(value))
    except OSError:
        remove_cgroups(made)
        return []
    return made


def remove_cgroups(groups: list[Path]) -> None:
    """Kill what is left in ``groups`` and remove them."""
    for group in groups:
        for _ in range(50):
            try:
                group.rmdir()
                break
            except OSError:
                kill_cgroup(group)
                time.sleep(0.02)


def kill_cgroup(group: Path) -> None:
    """SIGKILL every process in ``group``."""
    try:
        pids = (group / "cgroup.procs").read_text().split()
    except OSError:
        return
    for pid in pids:
        try:
            os.kill(int(pid), signal.SIGKILL)
        except (ProcessLookupError, PermissionError, ValueError):
            pass


def _own_process_count() -> int:
    try:
        uid = os.getuid()
        return sum(
            1 for p in Path("/proc").iterdir() if p.name.isdigit() and p.stat().st_uid == uid
        )
    except OSError:
        return 256
