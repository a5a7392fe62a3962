"""The students' JupyterLab: the course's lessons, without nbgrader's instructor tools.

nbgrader is installed in the same environment because instructors release and grade with it
(`python -m autograder release`), and its package enables itself in every JupyterLab of that
environment: an Nbgrader menu, Formgrader, Assignment List, a Create Assignment sidebar that can
change a check cell's type, a Validate button, and server-log warnings about a missing
nbgrader_config.py and exchange directory. The README's command starts the students' JupyterLab
with ``--config=student/jupyter_lab_config.py``, which turns all of that off for that JupyterLab
only; `jupyter lab` without it still shows nbgrader's tools to an instructor.

- nbgrader's server extensions are disabled here: explicit ``jpserver_extensions`` entries win
  over the ``jupyter_server_config.d/nbgrader.json`` that enables them.
- nbgrader's lab extension, ``@jupyter/nbgrader`` with all its plugins, is disabled by
  ``lab-settings/page_config.json``, read from JupyterLab's application settings directory, which
  this file points at ``lab-settings/``. ``lab-settings/overrides.json`` also stops JupyterLab
  from asking, on first launch, whether to fetch news from the internet.
"""

from pathlib import Path

c = get_config()  # noqa: F821 (defined by the configuration loader)

HERE = Path(__file__).resolve().parent

c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.assignment_list": False,
    "nbgrader.server_extensions.course_list": False,
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.validate_assignment": False,
}
c.LabApp.app_settings_dir = str(HERE / "lab-settings")
