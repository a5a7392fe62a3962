"""The student's journey, in a real browser.

JupyterLab starts exactly as the README's first command starts it (its steps after the install,
in a temporary copy of the course, with a free port, a token and --no-browser added), and
Playwright drives Debian's Chromium through lesson 1 the way a student does: open the lesson, run
it, read a failing check's message, meet a named mistake, fix the answer, look at a figure, and
find no instructor tools. Nothing here is skipped when Chromium or Playwright is missing: CI
installs both (see .ci/run).

Screenshots and the server's log land in tests/browser/screenshots/ (gitignored), so a failing
run can be inspected; the test prints that folder and what it drove.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from importlib import metadata

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text()
SETUP = re.findall(r"```\n(.+?)\n```", README)[0]
CHROMIUM = os.environ.get("DEMYSTIFY_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "tests" / "browser" / "screenshots"
TOKEN = "demystify-browser-test"

CORRECT = ("def secant_slope(f, x, h):", "return (f(x + h) - f(x)) / h")
FORGETS_THE_RUN = ("def secant_slope(f, x, h):", "return f(x + h) - f(x)")
ALWAYS_ZERO = ("def secant_slope(f, x, h):", "return 0.0")
INSTRUCTOR_WORDS = ("Nbgrader", "Create Assignment", "Formgrader", "Assignment List", "Validate")

SECONDS = 1000  # Playwright counts milliseconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_jupyterlab(course, log):
    """The README's first command after its install steps, run in ``course``."""
    steps = SETUP.split(" && ")
    installs = [i for i, step in enumerate(steps) if "pip install" in step]
    assert installs, SETUP
    for step in steps[installs[-1] + 1 : -1]:  # e.g. copying lessons/ to the student's folder
        subprocess.run(step, shell=True, cwd=course, check=True)
    launch = steps[-1].split()
    assert launch[0].endswith("jupyter") and launch[1] == "lab", launch
    port = free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(course / "home-jupyter"))  # a first launch
    server = subprocess.Popen(
        [*launch, "--no-browser", f"--port={port}", f"--IdentityProvider.token={TOKEN}"],
        cwd=course,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=5):
                return server, base
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"JupyterLab did not start; its log: {log.name}")
            time.sleep(0.2)  # polling a port, not synchronising the page


def cell(page, text):
    """The notebook's code cell whose source contains ``text``."""
    return page.locator(".jp-Notebook .jp-CodeCell").filter(has_text=text).first


def type_answer(page, answer_cell, lines):
    """Replace the cell's source by typing ``lines`` (the editor indents the second)."""
    editor = answer_cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type(lines[0])
    page.keyboard.press("Enter")
    page.keyboard.type(lines[1])
    typed = editor.inner_text().replace("\u00a0", " ")
    assert typed.strip() == f"{lines[0]}\n    {lines[1]}", typed


def run(page, code_cell):
    """Run one cell where it is (Ctrl+Enter in its editor), as a student does."""
    code_cell.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")


def assert_no_instructor_tools(page, expect):
    """No nbgrader menu, sidebar, toolbar button or command in this JupyterLab page."""
    menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
    assert "Nbgrader" not in menus, menus
    text = page.locator("body").inner_text()
    for word in INSTRUCTOR_WORDS:
        assert word not in text, f"{word!r} is on the page"
        assert page.locator(f'[title*="{word}" i]').count() == 0, f"{word!r} is a title"
    page.keyboard.press("Control+Shift+c")
    palette = page.locator(".lm-CommandPalette-input")
    expect(palette).to_be_visible()
    for query in ("assignment", "nbgrader", "formgrader"):
        palette.fill(query)
        expect(page.locator(".lm-CommandPalette-content")).to_contain_text(
            f"No commands found that match '{query}'", timeout=5 * SECONDS
        )
        if query == "assignment":
            page.screenshot(path=SCREENSHOTS / "06-palette-assignment.png")
    page.keyboard.press("Escape")
    expect(palette).to_be_hidden()


def test_a_student_works_through_lesson_1_in_chromium(tmp_path, capsys):
    started = time.monotonic()
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: .venv/bin/pip install -r requirements.txt")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium (.ci/run does)")

    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    course = tmp_path / "course"
    shutil.copytree(ROOT / "lessons", course / "lessons")
    for shared in (".venv", "student"):
        (course / shared).symlink_to(ROOT / shared)
    log_path = SCREENSHOTS / "jupyterlab.log"
    console: list[str] = []

    with open(log_path, "w") as log, sync_playwright() as playwright:
        server, base = start_jupyterlab(course, log)
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--headless",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
            timeout=60 * SECONDS,
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30 * SECONDS)
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
        try:
            page.goto(f"{base}/lab?token={TOKEN}")
            versions = (
                f"Chromium {browser.version} via Playwright {metadata.version('playwright')}, "
                "JupyterLab "
                + page.evaluate(
                    "JSON.parse(document.getElementById('jupyter-config-data').textContent)"
                    ".appVersion"
                )
            )
            with capsys.disabled():
                print(f"\n[browser] {versions}; screenshots and log in {SCREENSHOTS}")

            # Open lesson 1 from the file browser.
            listing = page.locator(".jp-DirListing-content")
            listing.get_by_text("01_derivatives", exact=True).dblclick()
            listing.get_by_text("01_derivatives.ipynb", exact=True).dblclick()
            expect(page.locator(".jp-Notebook .jp-Cell").first).to_be_visible()
            kernel = page.locator("#jp-main-statusbar")  # "Python 3 (ipykernel) | Idle"
            expect(kernel).to_contain_text(
                re.compile(r"\(ipykernel\) \| Idle"), timeout=60 * SECONDS
            )

            # Run All: it stops at the first exercise, not written yet.
            page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
            page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
            try_it = cell(page, "# Try it: from x = 1 to x = 1.25")
            expect(try_it.locator(".jp-OutputArea")).to_contain_text(
                "NotImplementedError", timeout=60 * SECONDS
            )
            try_it.scroll_into_view_if_needed()
            expect(try_it.locator(".jp-OutputArea-output")).to_be_visible()
            try_it.screenshot(path=SCREENSHOTS / "01-run-all-stops-at-exercise-1.png")

            answer = cell(page, "def secant_slope(f, x, h):")
            check = cell(page, "secant_slope gives rise over run")
            check_output = check.locator(".jp-OutputArea")

            # A wrong answer: the check's message, first and alone, with no traceback.
            type_answer(page, answer, ALWAYS_ZERO)
            run(page, answer)
            run(page, check)
            expect(check_output).to_contain_text("✗ ", timeout=30 * SECONDS)
            message = check_output.inner_text().strip()
            assert message.startswith(
                "✗ secant_slope(x**2, x=1.0, h=0.25): expected 2.25, got 0"
            ), message
            assert "Traceback" not in message and "check.py" not in message, message
            check.screenshot(path=SCREENSHOTS / "02-failure-message-first.png")

            # A known mistake is named.
            type_answer(page, answer, FORGETS_THE_RUN)
            run(page, answer)
            run(page, check)
            expect(check_output).to_contain_text(
                "forgetting to divide by the run h", timeout=30 * SECONDS
            )
            named = check_output.inner_text().strip()
            assert named.startswith("✗ ") and "Traceback" not in named, named
            check.screenshot(path=SCREENSHOTS / "03-named-mistake.png")

            # The right answer: every check of the cell says ✓.
            type_answer(page, answer, CORRECT)
            run(page, answer)
            run(page, check)
            expect(check_output).to_contain_text("✓ ", timeout=30 * SECONDS)
            passed = check_output.inner_text().strip().splitlines()
            assert len(passed) == 2 and all(line.startswith("✓ ") for line in passed), passed
            check.screenshot(path=SCREENSHOTS / "04-pass.png")

            # The figure under the exercise draws.
            figure = cell(page, "# Figure only: secants of x**2 at x = 1")
            run(page, figure)
            image = figure.locator(".jp-OutputArea-output img")
            expect(image).to_be_visible(timeout=30 * SECONDS)
            assert image.evaluate("img => img.naturalWidth") > 100
            figure.screenshot(path=SCREENSHOTS / "05-figure.png")

            # No instructor tools anywhere: menus, sidebars, toolbars, the command palette.
            page.keyboard.press("Escape")
            assert_no_instructor_tools(page, expect)
            assert "official Jupyter news" not in page.locator("body").inner_text()
            page.screenshot(path=SCREENSHOTS / "07-whole-page.png", full_page=True)
        except BaseException:
            page.screenshot(path=SCREENSHOTS / "failure.png")
            raise
        finally:
            browser.close()
            server.terminate()
            server.wait(timeout=30)

    server_log = log_path.read_text()
    # Before student/jupyter_lab_config.py: "No nbgrader_config.py file found", exchange warnings.
    assert "nbgrader" not in server_log.lower() and "exchange" not in server_log, server_log
    assert not re.search(r"^\[E |Traceback", server_log, re.M), server_log
    assert not [line for line in console if "nbgrader" in line.lower()], console
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"[browser] the student's journey took {elapsed:.0f} s")
    assert elapsed < 120, elapsed
