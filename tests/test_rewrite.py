"""autograder.rewrite: the student's form of a test cell holds no expected side."""

import ast

import numpy as np
import pytest

from autograder import notebook
from autograder.rewrite import REPORT, RewriteError, rewrite
from conftest import SOLUTIONS, lesson_names, load

CELL = '''"""sigmoid on a few inputs."""
reference = lambda v: 1 / (1 + np.exp(-v))
z = np.array([-2.0, 0.0, 2.0])
check.close(sigmoid(z), reference(z), "sigmoid(z)", hint="1 / (1 + e^-z)",
            mistakes={"exp(z)": 1 / (1 + np.exp(z))})
expected_rows = [reference(v) for v in z]
### BEGIN HIDDEN TESTS
hidden = check.hidden_rng(3)
values = []
for _ in range(2):
    x = hidden.normal(size=4)
    values.append(x)
    check.close(sigmoid(x), reference(x), f"sigmoid at {x}")
a = check.no_warnings(sigmoid, values[0], what="no overflow")
check.gradient(lambda w: float(np.sum(reference(w))), z, sigmoid_prime(z), "derivative")
### END HIDDEN TESTS
'''


def test_student_form_keeps_inputs_and_calls_and_drops_the_expected_side():
    form = rewrite(CELL).student_form
    assert "reference" not in form and "expected_rows" not in form and "hint" not in form
    assert "np.exp" not in form and "mistakes" not in form and "what" not in form
    assert "check." in form  # check.hidden_rng draws the inputs
    calls = [n for n in ast.walk(ast.parse(form)) if isinstance(n, ast.Call)]
    reports = [c for c in calls if isinstance(c.func, ast.Name) and c.func.id == REPORT]
    reports.sort(key=lambda c: (c.lineno, c.col_offset))
    kinds = [c.args[0].value for c in reports]
    assert kinds == ["close", "close", "no_warnings", "gradient"]
    assert ast.unparse(reports[-1].args[1]) == "sigmoid_prime(z)"
    assert "values.append(x)" in form and "z = np.array" in form


def test_reference_form_marks_the_hidden_tests():
    form = rewrite(CELL).reference_form
    assert "hidden_tests(True)" in form and "hidden_tests(False)" in form
    assert "reference(z)" in form


def test_kinds_say_what_a_cell_rests_on():
    only_observed = rewrite('check.true(callable(f), "f is callable")\n')
    assert only_observed.rests_on_observations_only
    assert not rewrite(CELL).rests_on_observations_only


@pytest.mark.parametrize(
    "source",
    ["check.close(\n", "if True:\n    ### BEGIN HIDDEN TESTS\n    pass\n", "check.close()\n"],
)
def test_cells_that_cannot_be_split_are_refused(source):
    with pytest.raises(RewriteError):
        rewrite(source)


@pytest.mark.parametrize("lesson", lesson_names())
def test_every_lesson_cell_splits_and_rests_on_a_computed_value(lesson):
    nb = load(SOLUTIONS / lesson / f"{lesson}.ipynb")
    for cell in nb["cells"]:
        if not notebook.is_grade(cell):
            continue
        test = rewrite(notebook.source(cell))
        compile(test.student_form, "student", "exec")
        compile(test.reference_form, "reference", "exec")
        tree = ast.parse(test.student_form)
        checks = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Attribute)
            and n.attr not in ("hidden_rng",)
            and isinstance(n.value, ast.Name)
            and n.value.id == "check"
        ]
        assert not checks, f"{notebook.grade_id(cell)}: a check survived the rewrite"
        assert not test.rests_on_observations_only, (
            f"{notebook.grade_id(cell)} rests only on checks the kernel observes (true, "
            "no_warnings): give it a value check"
        )


def test_calls_made_for_their_effect_stay():
    """A test that a function raises calls it without using its result: the call must stay."""
    form = rewrite(
        "message = None\ntry:\n    add(A, B)\nexcept ValueError as error:\n"
        "    message = str(error)\ncheck.true(message is not None, 'add raises')\n"
        "try:\n    out = shape_of(A)\nexcept ValueError:\n    message = 'raised'\n"
        "check.equal(message, 'raised', 'shape_of raises')\n"
    ).student_form
    assert "add(A, B)" in form and "out = shape_of(A)" in form


def test_the_student_form_draws_what_the_reference_form_draws():
    """A draw inside an expected value still happens, so later inputs are the same numbers."""
    source = (
        "hidden = check.hidden_rng(1)\n"
        "check.gradient(lambda w: float(np.sum(w)), hidden.normal(size=3), np.ones(3), 'g')\n"
        "expected = reference(hidden.uniform(size=2))\n"
        "z = hidden.uniform()\n"
        "check.true(f(z) is not None, 'f(z)')\n"
    )
    namespace = {"check": __import__("demystify.check", fromlist=["check"]), "np": np}
    student, reference = {}, {}
    for form, seen in (
        (rewrite(source).student_form, student),
        (rewrite(source).reference_form, reference),
    ):
        ns = dict(namespace, f=lambda v, seen=seen: seen.setdefault("z", v), reference=lambda v: v)
        exec(form, ns)
    assert student["z"] == reference["z"]
    assert "reference" not in rewrite(source).student_form
