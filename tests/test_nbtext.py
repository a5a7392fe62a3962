"""autograder.nbtext: the authoring text form round-trips every lesson exactly."""

import nbformat
import pytest

from autograder.nbtext import from_text, to_text
from conftest import SOLUTIONS, lesson_names


@pytest.mark.parametrize("lesson", lesson_names())
def test_round_trip_of_each_solution(lesson):
    nb = nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)
    again = from_text(to_text(nb))
    assert [c.source for c in again.cells] == [c.source for c in nb.cells]
    assert [c.metadata.get("nbgrader") for c in again.cells] == [
        c.metadata.get("nbgrader") for c in nb.cells
    ]
    assert [c.get("id") for c in again.cells] == [c.get("id") for c in nb.cells]


def test_headers_become_nbgrader_metadata():
    nb = from_text(
        "# %% [markdown]\n# Title\n\n# %% locked id=setup\nimport numpy as np\n\n"
        "# %% solution id=f\ndef f():\n    return 1\n\n# %% tests id=f_value points=2\nf()\n"
    )
    kinds = [(c.cell_type, c.metadata.get("nbgrader", {})) for c in nb.cells]
    assert kinds[0][1]["locked"] and kinds[0][1]["grade_id"] == "md_title"
    assert kinds[1][1] == {
        "grade": False,
        "grade_id": "setup",
        "locked": True,
        "schema_version": 3,
        "solution": False,
        "task": False,
    }
    assert kinds[2][1]["solution"] and not kinds[2][1]["locked"]
    assert kinds[3][1]["grade"] and kinds[3][1]["points"] == 2


def test_bad_headers_are_refused():
    with pytest.raises(ValueError, match="need id"):
        from_text("# %% solution\nx = 1\n")
    with pytest.raises(ValueError, match="used twice"):
        from_text("# %% locked id=a\n1\n# %% locked id=a\n2\n")
    with pytest.raises(ValueError, match="unknown word"):
        from_text("# %% secret\n1\n")
