"""The README's two commands are the ones CI runs and the ones the course needs."""

import re

from conftest import ROOT, lesson_names

README = (ROOT / "README.md").read_text()
COMMANDS = re.findall(r"```\n(.+?)\n```", README)


def test_exactly_two_commands():
    assert len(COMMANDS) == 2, COMMANDS


def test_setup_command_installs_and_opens_the_lessons():
    setup = COMMANDS[0]
    assert "pip install -r requirements.txt" in setup
    assert setup.endswith("jupyter lab lessons/")


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
