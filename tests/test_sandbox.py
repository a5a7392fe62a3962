"""autograder.sandbox: what a kernel in the sandbox can and cannot reach."""

import socket
import threading

import pytest

from autograder.runner import Cell, run_cells
from autograder.sandbox import Limits, bwrap_path
from conftest import ROOT


def run(isolation, *probes, limits=None):
    cells = [Cell(code, f"probe{i}") for i, code in enumerate(probes)]
    return run_cells(cells, isolation=isolation, limits=limits or Limits())


def test_kernel_runs_and_reports_records(isolation):
    result = run(isolation, "from demystify import check\ncheck.equal(2 + 2, 4, 'sum')")
    assert result.problem == ""
    assert result.tests["probe0"].status == "ok"
    assert result.tests["probe0"].records == [{"kind": "equal", "what": "sum", "value": 4}]


@pytest.mark.skipif(not bwrap_path(), reason="bubblewrap is not installed here")
def test_bwrap_hides_instructor_files_and_network():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    accepted = []
    threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True).start()
    try:
        result = run(
            "bwrap",
            f"open({str(ROOT / 'solutions' / '01_derivatives' / '01_derivatives.ipynb')!r})",
            f"import os\nos.listdir({str(ROOT)!r})",
            f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2)",
            "open('/home/student/scratch.txt', 'w').write('ok')",
        )
    finally:
        listener.close()
    assert result.tests["probe0"].error.startswith("FileNotFoundError")
    # Only the package and the Python installation are there, never solutions/ or lessons/.
    assert (
        result.tests["probe1"].status == "ok" or "FileNotFoundError" in result.tests["probe1"].error
    )
    assert result.tests["probe2"].status == "error" and not accepted
    assert result.tests["probe3"].status == "ok"


@pytest.mark.skipif(not bwrap_path(), reason="bubblewrap is not installed here")
def test_bwrap_listing_of_repo_shows_no_course_source():
    code = (
        f"import os\nfrom demystify import check\n"
        f"listing = sorted(os.listdir({str(ROOT)!r}))\ncheck.equal(listing, listing, 'listing')"
    )
    result = run("bwrap", code)
    listing = result.tests["probe0"].records[0]["value"]
    assert "solutions" not in listing and "lessons" not in listing and "tests" not in listing


def test_process_fallback_runs_with_limits():
    result = run(
        "process", "import resource\nassert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)"
    )
    assert result.tests["probe0"].status == "ok", result.tests["probe0"].error


def test_output_flood_stops_the_run(isolation):
    result = run(
        isolation,
        "for _ in range(200):\n    print('x' * 10000)",
        "1 + 1",
        limits=Limits(output_bytes=100_000),
    )
    assert "printed more than 100,000 bytes" in result.problem
    assert result.tests["probe1"].status == "not run"


def test_endless_cell_times_out(isolation):
    result = run(
        isolation,
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
        limits=Limits(cell_seconds=2),
    )
    assert "a cell ran longer than 2 s" in result.problem
    assert result.tests["probe0"].status == "not run"
