"""nbgrader's configuration for the course: ``solutions/`` is the source, ``lessons/`` the release.

nbgrader reads this file when it is run from this folder (``nbgrader generate_assignment`` and
friends); ``python -m autograder`` loads the same settings through :func:`course_config`.
"""

from pathlib import Path

from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent

# The stub a student sees in place of each reference solution.
CODE_STUB = '# YOUR CODE HERE\nraise NotImplementedError("Replace this line with your code.")'


def course_config(
    root: Path = ROOT, release_directory: str = "lessons", db_url: str | None = None
) -> Config:
    """The nbgrader settings of the course, rooted at ``root``.

    Releasing needs a gradebook only for nbgrader's bookkeeping; pass a throwaway ``db_url``.
    """
    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.source_directory = "solutions"
    config.CourseDirectory.release_directory = release_directory
    if db_url:
        config.CourseDirectory.db_url = db_url
    config.ClearSolutions.code_stub = {"python": CODE_STUB}
    config.ClearSolutions.text_stub = "YOUR ANSWER HERE"
    config.GenerateAssignment.create_assignment = True
    return config


c = get_config() if "get_config" in globals() else Config()  # noqa: F821 (nbgrader's loader)
c.merge(course_config())
