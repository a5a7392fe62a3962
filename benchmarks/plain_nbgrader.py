"""Plain ``nbgrader autograde``, set up the way an nbgrader course would, for comparisons.

The benchmarks grade the same submissions with the course's grader and with this. Plain nbgrader
runs student code unsandboxed and without limits, so for hostile submissions the whole nbgrader
run is put in a bubblewrap jail (a read-only view of the machine, a writable course folder, its
own /tmp, pid namespace and no network) and in a cgroup capping it at 256 processes and 4 GB,
only so that a fork bomb or a memory eater cannot take this machine down. Inside that jail,
nbgrader is as exposed as it would be anywhere: its gradebook and source notebooks are writable
by the students' code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.cgroups import Group
from autograder.sandbox import cgroups

ROOT = Path(__file__).resolve().parent.parent
NBGRADER = str(Path(sys.executable).parent / "nbgrader")


def _course(scratch: Path, lesson: str, submitted: Path) -> Path:
    course = scratch / "course"
    shutil.copytree(ROOT / "solutions" / lesson, course / "source" / lesson)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        f"c.CourseDirectory.db_url = 'sqlite:///{course}/gradebook.db'\n"
        "c.ExecutePreprocessor.timeout = 30\n"
    )
    for student_dir in sorted(p for p in submitted.iterdir() if p.is_dir()):
        source = student_dir / lesson
        if source.is_dir():
            shutil.copytree(source, course / "submitted" / student_dir.name / lesson)
    return course


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '')}"
    env["MPLBACKEND"] = "Agg"
    # Writable places for Jupyter's runtime files (the jail's home folder is read-only).
    env["JUPYTER_RUNTIME_DIR"] = "/tmp/jupyter-runtime"
    env["IPYTHONDIR"] = "/tmp/ipython"
    env["MPLCONFIGDIR"] = "/tmp/matplotlib"
    return env


def _jailed(command: list[str], course: Path) -> tuple[list[str], Group | None]:
    """``command`` inside bubblewrap and capped cgroups, when both are available."""
    bwrap = shutil.which("bwrap")
    if not bwrap:
        return command, None
    group = cgroups().make(4 * 2**30, 256)
    jail = [
        bwrap,
        "--unshare-pid",
        "--unshare-net",
        "--die-with-parent",
        "--ro-bind",
        "/",
        "/",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        "--tmpfs",
        "/tmp",
        "--bind",
        str(course),
        str(course),
        "--",
    ]
    return jail + command, group


def autograde(submitted: Path, lesson: str, jail: bool = False) -> tuple[dict, float, str]:
    """Autograde every ``submitted/<student>/<lesson>`` with plain nbgrader, sequentially.

    Returns ({student: score, or a string saying what went wrong}, seconds, nbgrader's log tail).
    """
    with tempfile.TemporaryDirectory(prefix="plain-nbgrader-") as scratch:
        course = _course(Path(scratch), lesson, submitted)
        env = _env()
        subprocess.run(
            [NBGRADER, "generate_assignment", lesson, "--force"],
            cwd=course,
            env=env,
            capture_output=True,
            check=True,
        )
        command = [NBGRADER, "autograde", lesson, "--force"]
        group = None
        if jail:
            command, group = _jailed(command, course)

        def join_group() -> None:
            group.add(os.getpid())

        start = time.monotonic()
        try:
            done = subprocess.run(
                command,
                cwd=course,
                env=env,
                capture_output=True,
                text=True,
                timeout=1800,
                preexec_fn=join_group if group else None,
            )
            log = done.stderr[-2000:]
        except subprocess.TimeoutExpired:
            log = "nbgrader autograde did not finish within 30 minutes"
        seconds = time.monotonic() - start
        if group is not None:
            group.remove()
        return _scores(course, lesson), seconds, log


def _scores(course: Path, lesson: str) -> dict:
    """Each student's score from nbgrader's gradebook, or why it could not be read."""
    students = sorted(p.name for p in (course / "submitted").iterdir())
    script = (
        "import json, sys\nfrom nbgrader.api import Gradebook\n"
        f"gb = Gradebook('sqlite:///{course}/gradebook.db')\nout = {{}}\n"
        f"for s in {students!r}:\n"
        "    try:\n"
        f"        out[s] = gb.find_submission({lesson!r}, s).score\n"
        "    except Exception as e:\n"
        "        out[s] = 'not graded (' + type(e).__name__ + ')'\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=_env(), timeout=120
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["?"]
        return {s: f"gradebook unreadable ({tail[0][:60]})" for s in students}
    return json.loads(done.stdout)


def course_grade(submitted: Path, grading: Path, *options: str) -> float:
    """Grade ``submitted`` with ``python -m autograder grade`` into the grading folder
    ``grading``; return the wall time."""
    start = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "autograder",
            "grade",
            str(submitted),
            "--grading",
            str(grading),
            *options,
        ],  # fmt: skip
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return time.monotonic() - start
