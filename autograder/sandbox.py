"""Where a student's notebook runs: a Jupyter kernel in a sandbox, with resource limits.

The grader never runs student code in its own process. It starts an IPython kernel in a sandbox
and drives it from outside over the kernel's IPC sockets (:mod:`autograder.runner`). Two levels:

``bwrap`` (strong; the default, and the only one ``grade`` uses unless told otherwise)
    Debian's bubblewrap puts the kernel in new user, mount, pid, network, IPC, UTS and cgroup
    namespaces, with no capabilities, uid and gid 65534 (run as root, the grader first drops to
    a host uid of the sandbox's own, :data:`HOST_UIDS`, so the kernel is unprivileged outside
    the sandbox as well as inside, and no two sandboxes share the limits Linux counts per user),
    no further user namespaces, and a seccomp filter (:mod:`autograder.seccomp`). It sees,
    read-only, ``/usr``, the Python installation and the course's ``demystify`` package with the
    graded lesson's answers absent (mounted at :data:`PACKAGE_MOUNT`); every other installed
    copy of the course's packages is hidden, and so is ipykernel's debugger, which a graded
    kernel never needs. Its ``/tmp``, home folder and kernel connection folder are tmpfs of a
    fixed size; files the grader gives it (matplotlib's font list) are copied into them, never
    bound from the host. It does not see ``solutions/``, the gradebook, other submissions or the
    network. The grader reaches the kernel's sockets through ``/proc/<pid>/root``, so nothing of
    the sandbox is writable on the host's disk.
``process`` (weak; only when the instructor asks for it by name)
    A plain child process in its own session, with the same resource limits. It can read what
    the grader's user can read.

Both get resource limits: CPU seconds, file size, open files and no core dumps by ``setrlimit``;
and, where this grader may use cgroups (:mod:`autograder.cgroups`: v1 as root, v2 as root or in a
delegated subtree), a memory limit that counts the tmpfs too, a process limit and one core.
Without cgroups, ``RLIMIT_AS`` bounds memory and ``RLIMIT_NPROC`` processes. The byte limit on
output and the time limits are enforced by the runner, which reads every message.
"""

from __future__ import annotations

import ctypes
import itertools
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from autograder.cgroups import REMOVE_SECONDS, Cgroups, Group

SANDBOX_HOME = "/home/student"  # the kernel's home and working folder inside bwrap
PACKAGE_MOUNT = "/opt/demystify"  # the course's package is mounted at PACKAGE_MOUNT/demystify
KERNEL_DIR = "/run/kernel"  # the kernel's connection folder inside bwrap (a small tmpfs)
NOBODY = 65534  # the kernel's uid and gid inside the sandbox
# Run as root, the grader gives each sandbox a host uid and gid of its own, from this range:
# Linux counts some limits per user (epoll watches, inotify instances, pipe buffers, processes),
# and sandboxes that shared a uid shared those counts, so one could starve the next, or signal
# to it through them. 256 numbers per grader process, numbered by its pid, reused in turn.
HOST_UIDS = 1 << 30
LOG_BYTES = 65536  # what the grader keeps of a sandbox's own output
HIDDEN_PACKAGES = ("demystify", "autograder")  # installed copies the kernel must not import
# ipykernel loads its debugger when it can: a graded kernel needs none, and loading it is a
# tenth of a second of every kernel's start.
UNNEEDED_PACKAGES = ("debugpy",)


@dataclass(frozen=True)
class Limits:
    """Resource limits for one graded notebook."""

    memory_mb: int = 3072  # the memory cgroup's limit (address space where there is none)
    cpu_seconds: int = 300  # CPU time of the kernel process
    max_processes: int = 64  # processes and threads in the sandbox (pids cgroup)
    file_mb: int = 64  # largest file the kernel may write
    output_bytes: int = 8_000_000  # everything the kernel sends, all cells and channels together
    cell_seconds: float = 60.0  # wall time of one cell
    notebook_seconds: float = 300.0  # wall time of the whole notebook
    startup_seconds: float = 60.0  # kernel start-up

    @property
    def scratch_mb(self) -> int:
        """The size of each of the sandbox's two scratch tmpfs (/tmp and home)."""
        return max(16, self.memory_mb // 4)


class IsolationUnavailable(RuntimeError):
    """The strong sandbox cannot run here; the message says why."""


# ----------------------------------------------------------------------------------------------
# What this machine offers


@cache
def cgroups() -> Cgroups:
    return Cgroups.detect()


@cache
def bwrap_problem() -> str:
    """Why the strong sandbox cannot run here, or "" when it can (a real sandbox is tried)."""
    path = shutil.which("bwrap")
    if not path:
        return "bubblewrap (bwrap) is not installed"
    from autograder.seccomp import SeccompUnavailable, program_fd

    try:
        os.close(program_fd())
    except SeccompUnavailable as error:
        return f"no seccomp filter: {error}"
    with tempfile.TemporaryDirectory(prefix="probe-") as scratch:
        probe = Sandbox("bwrap", Limits(memory_mb=256), Path(scratch), probe=True)
        try:
            returncode = probe.start(["/bin/true"]).wait(timeout=30)
            log = probe.log().strip()
        except (OSError, subprocess.SubprocessError) as error:
            returncode, log = None, str(error)
        finally:
            probe.close()
    if returncode != 0:
        why = log.splitlines()[-1] if log else f"exit status {returncode}"
        return f"bubblewrap cannot make a sandbox here: {why}"
    return ""


def bwrap_path() -> str | None:
    """The bubblewrap executable, when the strong sandbox works here."""
    return shutil.which("bwrap") if not bwrap_problem() else None


def detect_isolation() -> str:
    """``bwrap`` where the strong sandbox works; raises :class:`IsolationUnavailable` if not.

    The weaker ``process`` level is never chosen silently: the instructor names it.
    """
    problem = bwrap_problem()
    if problem:
        raise IsolationUnavailable(
            f"{problem}. Grading refuses to run without the bwrap sandbox; to grade trusted "
            "notebooks without it, say so with --isolation process."
        )
    return "bwrap"


def best_isolation() -> str:
    """``bwrap`` where it works, else ``process``: for a student's run of their own notebook,
    where nothing is at stake but their own code."""
    return "process" if bwrap_problem() else "bwrap"


def describe(isolation: str) -> str:
    """One line for the grader's output and the test log."""
    limits = cgroups().describe()
    if isolation == "bwrap":
        return (
            "bwrap sandbox (namespaces: user, mount, pid, net, ipc, uts, cgroup; no capabilities, "
            f"uid {NOBODY}{', a host uid of its own' if os.geteuid() == 0 else ''}, seccomp; "
            f"{limits})"
        )
    return (
        f"process sandbox: WEAK ISOLATION, resource limits only ({limits}); student code can "
        "read what the grader's user can read"
    )


def _python_roots() -> list[Path]:
    """The folders the kernel's Python needs: its installation, the virtual environment, and
    any other library folder on the grader's path (a ``.pth`` file may add one). Only folders
    named ``site-packages`` are taken from the path: an editable install's entry is the course
    checkout itself, which the kernel must not see."""
    roots = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    for entry in sys.path:
        path = Path(entry).resolve() if entry else None
        if path and path.name in ("site-packages", "dist-packages") and path.is_dir():
            if not any(root in path.parents for root in roots):
                roots.add(path)
    return sorted(roots)


def _installed_copies(names: tuple[str, ...] = HIDDEN_PACKAGES) -> list[Path]:
    """Installed copies of ``names`` in the library folders (the course's packages, for a
    plain install)."""
    sites = set()
    for root in _python_roots():
        sites |= (
            {root} if root.name == "site-packages" else set(root.glob("lib/python*/site-packages"))
        )
    return sorted(site / name for site in sites for name in names if (site / name).is_dir())


# ----------------------------------------------------------------------------------------------
# One sandbox


_libc = ctypes.CDLL(None, use_errno=True)
_CLONE_NEWNS, _MS_BIND, _MS_REC, _MS_PRIVATE = 0x20000, 4096, 16384, 1 << 18


def _call(result: int, what: str) -> None:
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


@dataclass
class Sandbox:
    """One running kernel process under isolation; ``close()`` kills everything it started."""

    isolation: str
    limits: Limits
    run_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    package_dir: Path | None = None  # the folder holding the ``demystify`` to mount
    probe: bool = False  # a trial run: no cgroups, no package
    extra_binds: list[tuple[Path, Path]] = field(default_factory=list)  # read-only files
    copies: list[tuple[Path, str]] = field(default_factory=list)  # files copied in, writable
    process: subprocess.Popen | None = None
    group: Group | None = None
    child_pid: int | None = None  # the sandbox's first process, as the host sees it
    _grader_pid: int = 0
    _fds: list[int] = field(default_factory=list)
    _stages: list[tuple[Path, Path]] = field(default_factory=list)
    _stage_root: Path | None = None
    host_uid: int = field(default_factory=lambda: _next_host_uid())

    # -- the command ----------------------------------------------------------------------------

    @property
    def pass_fds(self) -> list[int]:
        return list(self._fds)

    def close_fds(self) -> None:
        for fd in self._fds:
            try:
                os.close(fd)
            except OSError:
                pass
        self._fds = []

    def _bind_source(self, path: Path) -> str:
        """Where bubblewrap finds ``path``: itself, or (root dropping to nobody) a staged bind
        that the unprivileged bwrap can reach even below a folder only root may enter."""
        if os.geteuid() != 0:
            return str(path)
        if self._stage_root is None:  # in /tmp, which anyone may cross, whatever the run folder
            self._stage_root = Path(tempfile.mkdtemp(prefix="demystify-stage-", dir="/tmp"))
            os.chmod(self._stage_root, 0o755)
        stage = self._stage_root / str(len(self._stages))
        self._stages.append((path, stage))
        return str(stage)

    def bwrap_command(self, command: list[str], info_fd: int | None) -> list[str]:
        from autograder.seccomp import program_fd

        seccomp = program_fd()
        self._fds.append(seccomp)
        args = [shutil.which("bwrap") or "bwrap", "--unshare-all", "--unshare-user"]
        args += ["--disable-userns", "--die-with-parent", "--new-session"]
        args += ["--uid", str(NOBODY), "--gid", str(NOBODY), "--cap-drop", "ALL"]
        args += ["--seccomp", str(seccomp)]
        if info_fd is not None:
            args += ["--info-fd", str(info_fd)]
        args += ["--ro-bind", "/usr", "/usr"]
        for link in ("bin", "lib", "lib64", "sbin"):
            target = Path("/") / link
            if target.is_symlink():
                args += ["--symlink", os.readlink(target), str(target)]
            elif target.exists():
                args += ["--ro-bind", str(target), str(target)]
        for etc in ("/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives"):
            args += ["--ro-bind-try", etc, etc]
        # Scratch first, then the binds: a tmpfs mounted later would hide a Python installation
        # that lives below it (a virtual environment in /tmp, say).
        scratch = str(self.limits.scratch_mb * 2**20)
        args += ["--proc", "/proc", "--dev", "/dev"]
        args += ["--size", scratch, "--tmpfs", "/tmp", "--size", scratch, "--tmpfs", SANDBOX_HOME]
        args += ["--size", str(2**20), "--tmpfs", KERNEL_DIR]
        for root in _python_roots():
            args += ["--ro-bind", self._bind_source(root), str(root)]
        hidden = _installed_copies(HIDDEN_PACKAGES + UNNEEDED_PACKAGES)
        for copy in hidden:  # a plain `pip install .` must not leak its answers
            args += ["--size", "4096", "--tmpfs", str(copy), "--remount-ro", str(copy)]
        if self.package_dir is not None:
            mounted = f"{PACKAGE_MOUNT}/demystify"
            args += ["--ro-bind", self._bind_source(self.package_dir), mounted]
        for source, inside in self.extra_binds:
            args += ["--ro-bind", self._bind_source(source), str(inside)]
        for source, inside in self.copies:  # bubblewrap reads each from an open file
            fd = os.open(source, os.O_RDONLY)
            self._fds.append(fd)
            args += ["--file", str(fd), inside]
        args += ["--remount-ro", "/"]  # the root bubblewrap builds is a tmpfs: freeze it
        args += ["--chdir", SANDBOX_HOME, "--clearenv"]
        for key, value in self.env.items():
            args += ["--setenv", key, value]
        return args + ["--", *command]

    def preexec(self) -> None:
        """Runs in the child between fork and exec: die with the grader, join the cgroup, set
        the rlimits, and (as root) stage the binds and become the sandbox's own host uid."""
        if self._grader_pid:
            _die_with_parent(self._grader_pid)
        if self.group is not None:
            self.group.add(os.getpid())
        self._set_rlimits()
        if self.isolation == "bwrap" and os.geteuid() == 0:
            _call(_libc.unshare(_CLONE_NEWNS), "unshare")
            _call(_libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None), "mount private")
            for source, stage in self._stages:
                flags = _MS_BIND | _MS_REC
                _call(
                    _libc.mount(str(source).encode(), str(stage).encode(), None, flags, None),
                    "bind",
                )
            os.setgroups([])
            os.setresgid(self.host_uid, self.host_uid, self.host_uid)
            os.setresuid(self.host_uid, self.host_uid, self.host_uid)

    def _set_rlimits(self) -> None:
        mb = 2**20
        limits = {
            resource.RLIMIT_CPU: self.limits.cpu_seconds,
            resource.RLIMIT_FSIZE: self.limits.file_mb * mb,
            resource.RLIMIT_CORE: 0,
            resource.RLIMIT_NOFILE: 1024,
        }
        if self.group is None:
            # Without a memory cgroup, bound the address space instead (a cruder measure: it
            # counts mapped but unused memory, so a kernel dies of it well before its limit).
            limits[resource.RLIMIT_AS] = self.limits.memory_mb * mb
            if os.geteuid() != 0 or self.isolation == "bwrap":
                limits[resource.RLIMIT_NPROC] = self.limits.max_processes + _process_count(
                    self.host_uid if os.geteuid() == 0 else os.getuid()
                )
        for which, value in limits.items():
            resource.setrlimit(which, (value, value))

    # -- running --------------------------------------------------------------------------------

    def start(self, kernel: list[str]) -> subprocess.Popen:
        """Start ``kernel`` (a command) in the sandbox."""
        self._grader_pid = os.getpid()
        if not self.probe:
            self.group = cgroups().make(self.limits.memory_mb * 2**20, self.limits.max_processes)
        info_read = info_write = None
        try:
            if self.isolation == "bwrap":
                info_read, info_write = os.pipe()
                command = self.bwrap_command(_silenced(kernel), info_write)
                for source, stage in self._stages:  # a bind needs a target of the same kind
                    stage.mkdir() if source.is_dir() else stage.touch()
                self._fds.append(info_write)
            else:
                command = _silenced(kernel)
                for source, inside in self.copies:
                    Path(inside).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, inside)
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,  # read by a thread that keeps only the first bytes:
                stderr=subprocess.STDOUT,  # a kernel's output never lands on the host's disk
                env=self.env,
                cwd=self.run_dir,
                start_new_session=True,
                preexec_fn=self.preexec,
                pass_fds=self.pass_fds,
            )
        finally:
            self.close_fds()
        self._log = bytearray()
        self._log_reader = threading.Thread(target=self._keep_log_head, daemon=True)
        self._log_reader.start()
        if info_read is not None:
            self.child_pid = _read_child_pid(info_read, self.process, self.limits.startup_seconds)
        else:
            self.child_pid = self.process.pid
        return self.process

    def _keep_log_head(self) -> None:
        stream = self.process.stdout
        for chunk in iter(lambda: stream.read1(65536), b""):
            if len(self._log) < LOG_BYTES:
                self._log += chunk[: LOG_BYTES - len(self._log)]
        stream.close()

    def log(self) -> str:
        """The first bytes the sandbox printed (bubblewrap's errors, the kernel's start-up)."""
        reader = getattr(self, "_log_reader", None)
        if reader is not None and self.process is not None and self.process.poll() is not None:
            reader.join(timeout=2)
        return bytes(getattr(self, "_log", b"")).decode(errors="replace")

    def close(self) -> None:
        """Kill the kernel and everything it started, and remove the cgroup once they are
        gone: until then, nothing else may run (the next sandbox would share their time)."""
        self.close_fds()
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            if self.group is not None:
                self.group.kill()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.group is not None:
            if not self.group.remove():  # waits until its processes are gone (see there)
                print(
                    f"warning: a sandbox's processes still run {REMOVE_SECONDS:.0f} s after it "
                    f"was killed; its cgroup {self.group.paths[0].name} is left for the next run",
                    file=sys.stderr,
                )
            self.group = None
        if self._stage_root is not None:
            shutil.rmtree(self._stage_root, ignore_errors=True)  # empty: the binds were private
            self._stage_root = None

    def memory_exhausted(self) -> bool:
        """Whether the sandbox ran into its memory limit."""
        return self.group is not None and self.group.memory_exhausted(self.limits.memory_mb * 2**20)

    def host_path(self, inside: str) -> str:
        """The host's path to ``inside``, a path in the sandbox's own filesystem."""
        if self.isolation != "bwrap":
            return inside
        return f"/proc/{self.child_pid}/root{inside}"


_sandboxes = itertools.count()


def _next_host_uid() -> int:
    """A host uid (and gid) for a new sandbox, when the grader runs as root (see HOST_UIDS)."""
    return HOST_UIDS + ((os.getpid() & 0xFFFFF) << 8) + next(_sandboxes) % 256


def _silenced(command: list[str]) -> list[str]:
    """``command`` with its output thrown away: what a kernel prints outside the notebook (its
    original stdout, say) reaches neither the host's disk nor the grader. The grader keeps only
    what bubblewrap itself says, before it starts the command."""
    return ["/bin/sh", "-c", 'exec "$@" >/dev/null 2>&1', "kernel", *command]


def _read_child_pid(fd: int, process: subprocess.Popen, timeout: float) -> int:
    """The sandbox's first process, from bubblewrap's ``--info-fd`` JSON."""
    deadline = time.monotonic() + timeout
    data = b""
    try:
        os.set_blocking(fd, False)
        while time.monotonic() < deadline:
            try:
                chunk = os.read(fd, 4096)
            except BlockingIOError:
                chunk = None
            if chunk:
                data += chunk
                try:
                    return int(json.loads(data)["child-pid"])
                except (ValueError, KeyError):
                    continue
            if chunk == b"" or process.poll() is not None:
                break
            time.sleep(0.01)
    finally:
        os.close(fd)
    raise OSError(f"bubblewrap did not start the sandbox (exit status {process.poll()})")


def _die_with_parent(grader_pid: int) -> None:
    """Ask Linux to kill this process when the grader dies (a killed grader leaves no kernels)."""
    try:
        _libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except AttributeError:
        return  # not Linux: the session's process group is still killed on close()
    if os.getppid() != grader_pid:  # the grader died before the request took effect
        os._exit(1)


def _process_count(uid: int) -> int:
    """Processes of ``uid`` now (RLIMIT_NPROC counts them all, not only the sandbox's)."""
    try:
        return sum(
            1 for p in Path("/proc").iterdir() if p.name.isdigit() and p.stat().st_uid == uid
        )
    except OSError:
        return 256
