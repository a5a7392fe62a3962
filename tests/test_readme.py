"""The README's two commands are the ones CI runs and the ones the course needs."""

import json
import re
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
    setup = COMMANDS[0]
    assert "pip install -r requirements.txt" in setup
    assert setup.endswith("lessons/") and "jupyter lab" in setup


def test_jupyterlab_serves_the_lessons():
    """The setup command's last step, as written, with a port and token for the test."""
    launch = COMMANDS[0].split(" && ")[-1].split()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = "demystify-test"
    server = subprocess.Popen(
        [*launch, "--no-browser", f"--port={port}", f"--IdentityProvider.token={token}"],
        cwd=ROOT,
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
