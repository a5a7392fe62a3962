"""`python -m autograder check`: the student's self-check says what passed, what failed, and that
grading runs more checks."""

import copy
from pathlib import Path

from autograder.check import report
from autograder.runner import RunResult
from conftest import LESSONS, SOLUTIONS, autograder, load, nbgrader, write_submission

LESSON = "01_derivatives"


def notebook_with(edit) -> dict:
    nb = copy.deepcopy(load(SOLUTIONS / LESSON / f"{LESSON}.ipynb"))
    edit(nb["cells"])
    return nb


def run(tmp_path, nb, status):
    path = write_submission(tmp_path, "me", LESSON, nb)
    return autograder("check", path, status=status).stdout


def test_a_blank_lesson_fails_every_check_and_says_grading_runs_more():
    blank = autograder("check", LESSONS / LESSON / f"{LESSON}.ipynb", status=1).stdout
    assert "0 of 7 visible check cells pass" in blank
    assert "✗ secant_slope_values (1 point): NotImplementedError: Replace this line" in blank
    assert "hidden tests" in blank


def test_a_solved_lesson_passes_every_visible_check():
    solved = autograder("check", SOLUTIONS / LESSON / f"{LESSON}.ipynb").stdout
    assert "7 of 7 visible check cells pass (10 of their 10 points)" in solved
    assert "✓ secant_slope_values" in solved and "✗" not in solved


def test_a_failing_check_shows_its_message_first(tmp_path):
    def wrong(cells):
        for cell in cells:
            if nbgrader(cell).get("grade_id") == "secant_slope":
                cell["source"] = "def secant_slope(f, x, h):\n    return f(x + h) - f(x)\n"

    out = run(tmp_path, notebook_with(wrong), status=1)
    assert "✗ secant_slope_values (1 point): secant_slope(x**2, x=1.0, h=0.25): expected" in out
    assert "forgetting to divide by the run h" in out


def test_a_try_it_cell_that_raises_is_a_warning(tmp_path):
    def crash(cells):
        cells.insert(3, {"cell_type": "code", "metadata": {}, "source": "1 / 0", "outputs": []})

    out = run(tmp_path, notebook_with(crash), status=0)
    assert "warning: cell 4 raised ZeroDivisionError" in out


def test_a_name_missing_after_an_unwritten_exercise_says_why(capsys):
    errors = {
        "cell 3": "NotImplementedError: Replace this line with your code.",
        "cell 5": "NameError: name 'params' is not defined",
        "cell 8": "ZeroDivisionError: division by zero",
    }
    report(Path("10_mnist.ipynb"), RunResult(answer_errors=errors), {})
    out = capsys.readouterr().out
    assert "NotImplementedError" not in out
    assert (
        "warning: cell 5 raised NameError: name 'params' is not defined (most likely because an "
        "earlier cell failed before defining it)" in out
    )
    assert "warning: cell 8 raised ZeroDivisionError: division by zero\n" in out


def test_a_failed_setup_cell_is_reported_as_that(tmp_path):
    def break_setup(cells):
        for cell in cells:
            if nbgrader(cell).get("grade_id") == "setup":
                cell["source"] = "import no_such_module\n" + "".join(cell["source"])

    out = run(tmp_path, notebook_with(break_setup), status=1)
    assert "the setup cell failed" in out and "No module named 'no_such_module'" in out
    assert "name 'check' is not defined" not in out
