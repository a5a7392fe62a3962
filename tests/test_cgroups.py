"""autograder.cgroups: v1 here, v2 on a model of its files, and graders that leave each other be."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from autograder.cgroups import PREFIX, Cgroups


def v2_tree(root: Path) -> Path:
    (root / "demystify").mkdir(parents=True)
    for folder in (root, root / "demystify"):
        (folder / "cgroup.controllers").write_text("cpuset cpu io memory pids\n")
        (folder / "cgroup.subtree_control").write_text("")
    return root


def test_v2_as_root_sets_memory_pids_and_cpu(tmp_path, monkeypatch):
    root = v2_tree(tmp_path)
    groups = Cgroups.detect(root)
    assert groups.kind == "v2" and groups.base == root / "demystify"
    assert (root / "cgroup.subtree_control").read_text() == "+memory +pids +cpu"
    group = groups.make(256 * 2**20, 32)
    (path,) = group.paths
    assert path.parent == root / "demystify" and path.name.startswith(f"{PREFIX}{os.getpid()}-")
    assert (path / "memory.max").read_text() == str(256 * 2**20)
    assert (path / "pids.max").read_text() == "32"
    assert (path / "cpu.max").read_text() == "100000 100000"


def test_v2_delegated_subtree_moves_the_grader_into_a_leaf(tmp_path, monkeypatch):
    root = tmp_path
    own = root / "user.slice" / "scope"
    own.mkdir(parents=True)
    (root / "cgroup.controllers").write_text("memory pids cpu\n")
    (root / "cgroup.subtree_control").write_text("")
    os.chmod(root / "cgroup.subtree_control", 0o444)
    for name in ("cgroup.controllers", "cgroup.subtree_control", "cgroup.procs"):
        (own / name).write_text("memory pids cpu\n" if name == "cgroup.controllers" else "")
    real_access = os.access  # root may write any file: model the refusal a user meets
    monkeypatch.setattr(
        "autograder.cgroups.os.access",
        lambda p, m: Path(p) != root / "cgroup.subtree_control" and real_access(p, m),
    )
    groups = Cgroups.detect(root, self_cgroup="0::/user.slice/scope\n")
    assert groups.kind == "v2" and groups.base == own
    leaf = own / f"{PREFIX}grader-{os.getpid()}"
    assert (leaf / "cgroup.procs").read_text() == str(os.getpid())


def test_no_hierarchy_means_no_limits_and_says_why(tmp_path):
    groups = Cgroups.detect(tmp_path)
    assert groups.kind == "none" and "no cgroup" in groups.describe()
    assert groups.make(2**20, 8) is None


def test_stale_groups_of_a_running_grader_are_left_alone(tmp_path):
    root = v2_tree(tmp_path)
    groups = Cgroups.detect(root)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    mine = root / "demystify" / f"{PREFIX}{os.getpid()}-aaaa"
    theirs = root / "demystify" / f"{PREFIX}{dead.pid}-bbbb"
    for group in (mine, theirs):
        group.mkdir()  # empty, as a group with no processes reads
    groups.remove_stale()
    assert mine.exists() and not theirs.exists()


@pytest.mark.skipif(
    not Path("/sys/fs/cgroup/cgroup.controllers").exists(),
    reason="this machine has no cgroup v2 hierarchy (it runs cgroup v1): the real v2 test "
    "runs where v2 exists",
)
def test_real_v2_limits_a_process():  # pragma: no cover (no v2 here)
    groups = Cgroups.detect()
    assert groups.kind == "v2", groups.describe()
    group = groups.make(64 * 2**20, 8)
    try:
        (path,) = group.paths
        assert (path / "memory.max").read_text().strip() == str(64 * 2**20)
    finally:
        group.remove()


@pytest.mark.skipif(not Path("/sys/fs/cgroup/memory").is_dir(), reason="no cgroup v1 here")
def test_real_v1_groups_are_made_and_removed():
    groups = Cgroups.detect()
    if groups.kind != "v1":
        pytest.skip(groups.describe())
    group = groups.make(64 * 2**20, 8)
    assert all(p.exists() for p in group.paths)
    assert (
        Path("/sys/fs/cgroup/pids") / group.paths[0].name / "pids.max"
    ).read_text().strip() == "8"
    group.remove()
    assert not any(p.exists() for p in group.paths)


def test_remove_waits_until_the_group_is_empty(tmp_path, monkeypatch):
    """A killed process stays in its group until its exit finishes, which can take seconds:
    removing the group returns only once it has (a folder that still holds a file stands in
    for a group that still holds a process)."""
    from autograder.cgroups import Group

    folder = tmp_path / "demystify-1-1"
    folder.mkdir()
    (folder / "still-exiting").write_text("")
    group = Group("v1", [folder])
    monkeypatch.setattr(Group, "kill", lambda self: None)
    threading.Timer(1.0, (folder / "still-exiting").unlink).start()
    start = time.monotonic()
    assert group.remove() is True
    assert time.monotonic() - start >= 1.0 and not folder.exists()


def test_remove_gives_up_at_its_deadline_and_says_so(tmp_path, monkeypatch):
    from autograder.cgroups import Group

    folder = tmp_path / "demystify-1-2"
    folder.mkdir()
    (folder / "never-exits").write_text("")
    monkeypatch.setattr(Group, "kill", lambda self: None)
    assert Group("v1", [folder]).remove(timeout=0.2) is False
    assert folder.exists()
