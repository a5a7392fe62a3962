"""The README's two commands are the ones CI runs and the ones the course needs."""

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request

from conftest import ROOT, lesson_names

README = (ROOT / "README.md").read_text()
COMMANDS = re.findall(r"```\n(.+?)\n```", README)


def test_exactly_two_commands():
    assert len(COMMANDS) == 2, COMMANDS


def test_setup_command_installs_and_opens_the_lessons():
    """It installs, copies lessons/ to the student's own work/ (which git ignores, so git pull
    never meets an answer), and opens work/ in the students' JupyterLab."""
    setup = COMMANDS[0]
    assert "pip install -r requirements.txt" in setup
    assert "cp -R lessons work" in setup and "/work/" in (ROOT / ".gitignore").read_text()
    assert setup.endswith(" work/") and "jupyter lab" in setup
    assert "--config=student/jupyter_lab_config.py" in setup


def test_jupyterlab_serves_the_lessons(tmp_path):
    """The setup command after its install steps, as written, in a copy of the course, with a
    port and token for the test."""
    shutil.copytree(ROOT / "lessons", tmp_path / "lessons")
    for shared in (".venv", "student"):
        (tmp_path / shared).symlink_to(ROOT / shared)
    *steps, last = COMMANDS[0].split(" && ")[2:]
    for step in steps:
        subprocess.run(step, shell=True, cwd=tmp_path, check=True)
    launch = last.split()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "demystify-test"
    server = subprocess.Popen(
        [*launch, "--no-browser", f"--port={port}", f"--IdentityProvider.token={token}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/contents/01_derivatives?token={token}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    listing = json.load(response)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "no JupyterLab"
                time.sleep(0.5)
        names = [item["name"] for item in listing["content"]]
        assert names == ["01_derivatives.ipynb"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}") as page:
            assert b"JupyterLab" in page.read()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_ci_runs_the_test_command_exactly():
    test_command = COMMANDS[1]
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test_command in ci


def test_syllabus_links_every_lesson_that_exists():
    for lesson in lesson_names():
        assert f"(lessons/{lesson}/{lesson}.ipynb)" in README, lesson
    for link in re.findall(r"\(lessons/([^/]+)/", README):
        assert (ROOT / "lessons" / link).is_dir(), f"the README links a missing lesson: {link}"


def instructor_commands() -> list[str]:
    section = README.split("## For instructors", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"^\| `(\.venv/bin/python -m autograder [^`]*)` \|", section, re.M)


def test_the_instructors_grading_cycle_works_as_written(tmp_path):
    """The README's instructor commands, exactly as written and in order, in a copy of the
    course: every file they promise exists, the scores agree everywhere, and only grade grades."""
    import csv
    import shutil

    from autograder.gradebook import Gradebook
    from conftest import LESSONS, SOLUTIONS, load, write_submission

    commands = instructor_commands()
    assert [c.split()[3] for c in commands] == [
        "release",
        "grade",
        "feedback",
        "report",
        "similarity",
        "export",
    ]
    course = tmp_path / "course"
    for folder in ("solutions", "lessons"):
        shutil.copytree(ROOT / folder, course / folder)
    (course / ".venv").symlink_to(ROOT / ".venv")
    lesson = "02_matrices"
    write_submission(
        course / "submitted", "ada", lesson, load(SOLUTIONS / lesson / f"{lesson}.ipynb")
    )
    write_submission(
        course / "submitted", "ben", lesson, load(LESSONS / lesson / f"{lesson}.ipynb")
    )
    outputs = {}
    for command in commands:
        done = subprocess.run(command, shell=True, cwd=course, capture_output=True, text=True)
        assert done.returncode == 0, (command, done.stderr[-2000:])
        outputs[command.split()[3]] = done.stderr
        if command.split()[3] == "grade":
            book = Gradebook(course / "grading" / "gradebook.db")
            graded_at = {(g.student, g.lesson): g.seed for g in book.grades()}
            book.close()
    assert "graded=2" in outputs["grade"]
    grading = course / "grading"
    with open(grading / "grades.csv") as f:
        grades = {r["student"]: float(r["score"]) for r in csv.DictReader(f)}
    with open(grading / "export" / "grades_by_student.csv") as f:
        wide = {r["student"]: float(r[lesson]) for r in csv.DictReader(f)}
    with open(grading / "export" / "grades_by_check.csv") as f:
        long: dict[str, float] = {}
        for r in csv.DictReader(f):
            long[r["student"]] = long.get(r["student"], 0) + float(r["points"])
    assert grades == wide == long and grades["ada"] > 0 == grades["ben"]
    for student, score in grades.items():
        page = (grading / "feedback" / student / lesson / f"{lesson}.html").read_text()
        assert f"Total: {score:g} / " in page
    book = Gradebook(grading / "gradebook.db")
    assert {(g.student, g.lesson): g.seed for g in book.grades()} == graded_at  # graded once
    assert "not in this feedback" not in outputs["feedback"]
    assert "data:image/png;base64," in (grading / "report" / f"{lesson}.html").read_text()
    assert (grading / "similarity.csv").read_text().startswith("lesson,student,other student")
    assert (grading / "export" / "canvas.csv").is_file()
