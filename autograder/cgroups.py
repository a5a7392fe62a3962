"""Memory, process and CPU limits for one sandbox, through cgroup v1 or the unified v2 hierarchy.

``Cgroups.detect()`` finds which kind this machine offers and whether this process may use it:

- **v1** (separate ``pids``, ``memory`` and ``cpu`` hierarchies; writable as root);
- **v2**, the unified hierarchy (``cgroup.controllers`` at the root): as root under
  ``/sys/fs/cgroup/demystify``, or as an ordinary user inside a delegated subtree such as the
  one ``systemd-run --user --scope -p Delegate=yes`` gives. The grader moves itself into a leaf
  of its own cgroup first (v2 forbids processes in a cgroup whose children have controllers).

A sandbox's group is named ``demystify-<grader pid>-<random>``. A grader removes only its own
groups, and those of graders that are no longer running: never one that another running grader
has just made. Memory limits also count the sandbox's tmpfs pages (its ``/tmp`` and home), so
filling them fills memory, not the disk.

This machine has cgroup v1 only; the v2 code is unit-tested on a model of the v2 files
(tests/test_cgroups.py), and tested for real where v2 exists.
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
PREFIX = "demystify-"
V1_CONTROLLERS = ("pids", "memory", "cpu")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner_gone(name: str) -> bool:
    """Whether the grader that made the group ``name`` is no longer running."""
    parts = name[len(PREFIX) :].split("-")
    return len(parts) == 2 and parts[0].isdigit() and not _pid_alive(int(parts[0]))


REMOVE_SECONDS = 60.0  # how long a killed sandbox may take to be gone


@dataclass
class Group:
    """One sandbox's cgroup: its folders (one per v1 controller, or one for v2)."""

    kind: str
    paths: list[Path]

    def add(self, pid: int) -> None:
        for path in self.paths:
            (path / "cgroup.procs").write_text(str(pid))

    def kill(self) -> None:
        """SIGKILL every process in the group."""
        for path in self.paths:
            if self.kind == "v2" and (path / "cgroup.kill").exists():
                try:
                    (path / "cgroup.kill").write_text("1")
                    continue
                except OSError:
                    pass
            try:
                pids = (path / "cgroup.procs").read_text().split()
            except OSError:
                continue
            for pid in pids:
                try:
                    os.kill(int(pid), signal.SIGKILL)
                except (ProcessLookupError, PermissionError, ValueError):
                    pass

    def remove(self, timeout: float = REMOVE_SECONDS) -> bool:
        """Kill what is left, wait until the group is empty, and remove the folders; return
        whether every folder is gone.

        A killed process is in its group until its exit has finished, and an exit can take
        seconds (a process holding millions of epoll items, say). Until then it still holds
        what it held, so the grader must not move on: the next sandbox waits for this one.
        """
        deadline = time.monotonic() + timeout
        pause = 0.005
        for path in self.paths:
            while True:
                try:
                    path.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        return False
                    self.kill()
                    time.sleep(pause)
                    pause = min(0.1, pause * 2)
        return True

    def memory_exhausted(self, limit_bytes: int) -> bool:
        """Whether the group ran into its memory limit (or came within a tenth of it)."""
        for path in self.paths:
            try:
                if self.kind == "v1" and path.parent.name == "memory":
                    if int((path / "memory.failcnt").read_text() or 0) > 0:
                        return True
                    peak = int((path / "memory.max_usage_in_bytes").read_text() or 0)
                    return peak >= 0.9 * limit_bytes
                if self.kind == "v2":
                    events = (path / "memory.events").read_text().split()
                    counts = dict(zip(events[::2], map(int, events[1::2]), strict=False))
                    return counts.get("max", 0) > 0 or counts.get("oom_kill", 0) > 0
            except (OSError, ValueError):
                continue
        return False


@dataclass
class Cgroups:
    """Where this grader makes its sandboxes' groups, and how."""

    kind: str  # "v1", "v2" or "none"
    base: Path  # v1: the root of the hierarchies; v2: the parent of the sandboxes' groups
    why_not: str = ""  # for "none": why no cgroup limits are in force

    @classmethod
    def detect(cls, root: Path = ROOT, self_cgroup: str | None = None) -> Cgroups:
        if (root / "cgroup.controllers").is_file():
            return cls._detect_v2(root, self_cgroup)
        if all((root / c).is_dir() for c in V1_CONTROLLERS):
            if all(os.access(root / c, os.W_OK) for c in V1_CONTROLLERS):
                return cls("v1", root)
            return cls("none", root, "cgroup v1 is writable only by root")
        return cls("none", root, "no cgroup hierarchy is mounted")

    @classmethod
    def _detect_v2(cls, root: Path, self_cgroup: str | None) -> Cgroups:
        if os.access(root / "cgroup.subtree_control", os.W_OK):
            base = root / "demystify"
            try:
                base.mkdir(exist_ok=True)
                _enable(root, base)
                return cls("v2", base)
            except OSError as error:
                return cls("none", root, f"cgroup v2 could not be set up ({error.strerror})")
        own = root / _own_cgroup(self_cgroup).lstrip("/")
        if not os.access(own, os.W_OK) or not os.access(own / "cgroup.procs", os.W_OK):
            return cls("none", root, "cgroup v2 without a delegated subtree for this user")
        try:
            leaf = own / f"{PREFIX}grader-{os.getpid()}"
            leaf.mkdir(exist_ok=True)
            (leaf / "cgroup.procs").write_text(str(os.getpid()))  # leave the parent empty
            _enable(own, own)
            return cls("v2", own)
        except OSError as error:
            return cls("none", root, f"the delegated cgroup v2 subtree refused ({error.strerror})")

    def describe(self) -> str:
        if self.kind == "none":
            return f"no cgroup limits ({self.why_not})"
        return f"pids, memory and cpu cgroups ({self.kind})"

    def make(self, memory_bytes: int, max_processes: int) -> Group | None:
        """A new group with the limits set, or None where cgroups are not in use."""
        if self.kind == "none":
            return None
        name = f"{PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}"
        if self.kind == "v1":
            settings = [
                ("pids", "pids.max", max_processes),
                ("memory", "memory.limit_in_bytes", memory_bytes),
                ("cpu", "cpu.cfs_quota_us", 100_000),  # at most one core: a fork bomb cannot
            ]  # starve the notebooks graded beside it
            group = Group("v1", [self.base / c / name for c, _, _ in settings])
            files = [(p / s, v) for p, (_, s, v) in zip(group.paths, settings, strict=True)]
        else:
            group = Group("v2", [self.base / name])
            path = group.paths[0]
            files = [
                (path / "pids.max", max_processes),
                (path / "memory.max", memory_bytes),
                (path / "memory.swap.max", 0),
                (path / "cpu.max", "100000 100000"),
            ]
        try:
            for path in group.paths:
                path.mkdir()
            for file, value in files:
                if file.name == "memory.swap.max" and not file.exists():
                    continue  # no swap accounting on this kernel: nothing to limit
                file.write_text(str(value))
        except OSError:
            group.remove()
            raise
        return group

    def remove_stale(self) -> None:
        """Remove the empty groups of graders that are no longer running."""
        if self.kind == "none":
            return
        parents = [self.base / c for c in V1_CONTROLLERS] if self.kind == "v1" else [self.base]
        for parent in parents:
            for group in parent.glob(f"{PREFIX}*"):
                if not _owner_gone(group.name):
                    continue
                procs = group / "cgroup.procs"
                try:
                    if not (procs.exists() and procs.read_text().split()):
                        group.rmdir()
                except OSError:
                    pass


def _own_cgroup(self_cgroup: str | None) -> str:
    text = self_cgroup if self_cgroup is not None else Path("/proc/self/cgroup").read_text()
    for line in text.splitlines():
        if line.startswith("0::"):
            return line[3:]
    return "/"


def _enable(parent: Path, child: Path) -> None:
    """Let ``child`` limit memory, pids and cpu (they must be enabled in every parent)."""
    available = (parent / "cgroup.controllers").read_text().split()
    wanted = [c for c in ("memory", "pids", "cpu") if c in available]
    if len(wanted) < 3:
        raise OSError(0, f"controllers missing: {sorted({'memory', 'pids', 'cpu'} - set(wanted))}")
    (parent / "cgroup.subtree_control").write_text(" ".join(f"+{c}" for c in wanted))
    if child != parent:
        (child / "cgroup.subtree_control").write_text(" ".join(f"+{c}" for c in wanted))
