"""autograder.sandbox: what a kernel in the sandbox can and cannot reach."""

import socket
import threading

import pytest

from autograder.runner import Cell, run_cells
from autograder.sandbox import Limits, bwrap_path, bwrap_problem
from conftest import ROOT


def run(isolation, *probes, limits=None):
    cells = [Cell(code, f"probe{i}") for i, code in enumerate(probes)]
    return run_cells(cells, isolation=isolation, limits=limits or Limits())


def test_kernel_runs_and_reports_records(isolation):
    result = run(isolation, "from demystify import check\ncheck.equal(2 + 2, 4, 'sum')")
    assert result.problem == ""
    assert result.tests["probe0"].status == "ok"
    (record,) = result.tests["probe0"].records
    assert (record.kind, record.what, record.value, record.expected) == ("equal", "sum", 4, 4)


BWRAP = pytest.mark.skipif(
    not bwrap_path(), reason=f"the bwrap sandbox does not work here: {bwrap_problem()}"
)


def probe(code: str, limits: Limits | None = None):
    """Run ``code`` in the bwrap sandbox; return the single value it reported."""
    result = run("bwrap", f"from demystify.protocol import report\n{code}", limits=limits)
    cell = result.tests["probe0"]
    assert cell.status == "ok", cell.error or result.problem
    return cell.records[0].value


@BWRAP
def test_kernel_has_no_capabilities_and_an_unprivileged_uid():
    status = probe(
        "import os\nstatus = dict(l.split(':', 1) for l in open('/proc/self/status') if ':' in l)\n"
        "report('equal', [status[k].strip() for k in ('CapEff', 'CapPrm', 'CapBnd', 'NoNewPrivs',"
        " 'Seccomp')] + [os.getuid(), os.getgid()])"
    )
    assert status[:3] == ["0000000000000000"] * 3
    assert status[3:5] == ["1", "2"]  # no new privileges; a seccomp filter in force
    assert status[5:] == [65534, 65534]


@BWRAP
def test_kernel_is_unprivileged_on_the_host_too():
    code = "import time\ntime.sleep(0.1)\nreport('equal', 1)"
    result = run("bwrap", f"from demystify.protocol import report\n{code}")
    assert result.tests["probe0"].status == "ok"
    owners = probe("import os\nreport('equal', os.stat('/proc/1').st_uid)")
    assert owners == 65534


@BWRAP
def test_seccomp_refuses_mounts_namespaces_and_tracing():
    refused = probe(
        "import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\nout = []\n"
        "for call in (lambda: libc.mount(b'none', b'/usr', None, 32 | 4096 * 0 + 32, None),\n"
        "             lambda: libc.unshare(0x10000000), lambda: libc.unshare(0x20000),\n"
        "             lambda: libc.ptrace(0, 0, 0, 0), lambda: libc.umount2(b'/usr', 2)):\n"
        "    out.append((call(), ctypes.get_errno()))\nreport('equal', out)"
    )
    assert all(code == -1 and err in (1, 13) for code, err in refused), refused
    families = probe(
        "import socket\nout = []\nfor family in (40, 17, 38):\n    try:\n"
        "        socket.socket(family, socket.SOCK_STREAM if family != 17 else socket.SOCK_RAW)\n"
        "        out.append(family)\n    except OSError:\n        pass\nreport('equal', out)"
    )
    assert families == []  # vsock (the hypervisor), raw packets, kernel crypto


LOCKS_AND_NOTICES = """\
import ctypes, fcntl, os, struct
f = os.open(os.__file__, os.O_RDONLY)  # a file every sandbox can read
lock = struct.pack("hhqqi4x", 0, 0, 10**12, 1, 0)
out = []
for call in (lambda: fcntl.lockf(f, fcntl.LOCK_SH | fcntl.LOCK_NB),
             lambda: fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB),
             lambda: fcntl.fcntl(f, fcntl.F_OFD_SETLK, lock),
             lambda: fcntl.fcntl(f, fcntl.F_OFD_GETLK, lock),
             lambda: fcntl.fcntl(os.open("/usr", os.O_RDONLY), fcntl.F_NOTIFY, fcntl.DN_ACCESS)):
    try:
        call()
        out.append("allowed")
    except OSError as error:
        out.append(error.errno)
libc = ctypes.CDLL(None, use_errno=True)
out.append(libc.inotify_init1(0))
report("equal", out)
"""


@BWRAP
def test_seccomp_refuses_file_locks_and_notices_that_sandboxes_could_signal_through():
    """Two sandboxes that read the same file could pass bits through locks on it, or through
    notices of its opening, outliving the sandbox that set them (found by an attacker)."""
    assert probe(LOCKS_AND_NOTICES) == [37, 1, 37, 37, 1, -1]  # ENOLCK, EPERM


@BWRAP
def test_seccomp_reads_int_arguments_as_the_kernel_does():
    """socket()'s family and fcntl()'s command are ints: a value with bit 32 set is the same
    call to the kernel, and must meet the same refusal (an attacker's bypass)."""
    from autograder.seccomp import _library

    lib = _library()
    socket_nr, fcntl_nr = (lib.seccomp_syscall_resolve_name(n) for n in (b"socket", b"fcntl"))
    refused = probe(
        "import ctypes, os\nlibc = ctypes.CDLL(None, use_errno=True)\n"
        "libc.syscall.restype = ctypes.c_long\nL = ctypes.c_long\nhigh = 1 << 32\nout = []\n"
        f"for args in (({socket_nr}, high | 40, 1, 0), ({socket_nr}, high | 17, 3, 0),\n"
        f"             ({fcntl_nr}, os.open(os.__file__, os.O_RDONLY), high | 37, 0)):\n"
        "    out.append([libc.syscall(*map(L, args)), ctypes.get_errno()])\nreport('equal', out)"
    )
    assert refused == [[-1, 97], [-1, 97], [-1, 37]]  # EAFNOSUPPORT, and ENOLCK


@BWRAP
def test_what_the_kernel_prints_outside_the_notebook_stays_off_the_disk(tmp_path):
    result = run_cells(
        [
            Cell(
                "import os, sys\nfd = sys.stdout._original_stdstream_copy\n"
                "for _ in range(50):\n    os.write(fd, b'x' * 1_000_000)"
            )
        ],
        isolation="bwrap",
        limits=Limits(),
        scratch=str(tmp_path),
    )
    assert result.problem == ""
    assert not list(tmp_path.rglob("*"))  # the run folder, its log included, is gone


@BWRAP
def test_every_bound_path_is_read_only_and_scratch_is_sized():
    writes = probe(
        "import os, sys\nout = []\n"
        "for path in ('/usr', sys.prefix, sys.base_prefix, '/opt/demystify/demystify',\n"
        "             '/run/kernel.json', '/proc/sys', '/sys', '/etc', '/'):\n"
        "    try:\n        open(os.path.join(path, 'planted.pth'), 'w').write('x')\n"
        "        out.append(path)\n    except OSError:\n        pass\n"
        "st = [os.statvfs(p) for p in ('/tmp', '/home/student', '/run/kernel')]\n"
        "report('equal', [out, [s.f_blocks * s.f_frsize for s in st]])",
        limits=Limits(memory_mb=1024),
    )
    written, sizes = writes
    assert written == []
    assert sizes == [256 * 2**20, 256 * 2**20, 2**20]


@BWRAP
def test_the_graded_lessons_answers_are_not_importable():
    from autograder.grade import PACKAGE
    from autograder.package import student_package

    package = student_package(PACKAGE, "05_activations")
    code = (
        "from demystify.protocol import report\nfound = []\n"
        "for name, answer in (('nn', 'sigmoid'), ('fast', 'Trainer')):\n"
        "    try:\n        module = __import__('demystify.' + name, fromlist=[answer])\n"
        "        getattr(module, answer)\n        found.append(name)\n    except ImportError:\n"
        "        pass\nimport demystify\nreport('equal', [found, demystify.__file__])"
    )
    result = run_cells([Cell(code, "p")], isolation="bwrap", limits=Limits(), package=package)
    found, where = result.tests["p"].records[0].value
    assert found == [] and where.startswith("/opt/demystify/")


@BWRAP
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


@BWRAP
def test_bwrap_listing_of_repo_shows_no_course_source():
    code = (
        f"import os\nfrom demystify import check\n"
        f"listing = sorted(os.listdir({str(ROOT)!r}))\ncheck.equal(listing, listing, 'listing')"
    )
    result = run("bwrap", code)
    listing = result.tests["probe0"].records[0].value
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
    assert "than 100,000 bytes" in result.problem
    assert result.tests["probe1"].status == "not run"


def test_endless_cell_times_out(isolation):
    result = run(
        isolation,
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
        limits=Limits(cell_seconds=2),
    )
    assert "a cell ran longer than 2 s" in result.problem
    assert result.tests["probe0"].status == "not run"


SEND_FOREIGN = """
kernel = get_ipython().kernel
for _ in range({count}):
    kernel.session.send(kernel.iopub_socket, "stream", {{"name": "stdout", "text": "x" * {size}}},
                        parent={{"header": {{"msg_id": "someone-else"}}}})
import time
time.sleep(2)
"""


def test_messages_with_a_foreign_parent_count_against_the_budget(isolation):
    result = run(
        isolation, SEND_FOREIGN.format(count=40, size=50_000), limits=Limits(output_bytes=1_000_000)
    )
    assert "than 1,000,000 bytes" in result.problem, result.problem
    assert result.output_bytes <= 1_000_000 + 60_000


def test_a_huge_message_is_refused_before_the_grader_reads_it(isolation):
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = run(
        isolation, SEND_FOREIGN.format(count=4, size=100_000_000), limits=Limits(memory_mb=2048)
    )
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert "larger than 8,000,000 bytes" in result.problem, result.problem
    assert grown_mb < 50, f"the grader grew by {grown_mb:.0f} MB"


REDIRECT = """\
import os, time
for n in (1, 2):  # the grader's sockets become links into the host's filesystem ...
    os.unlink("/run/kernel/k-%d" % n)
    os.symlink({target!r}, "/run/kernel/k-%d" % n)
kernel = get_ipython().kernel  # ... and the kernel drops the grader's connections
kernel.shell_stream.socket.close(linger=0)
kernel.iopub_socket.close(linger=0)
time.sleep(3)
"""


@BWRAP
def test_a_kernel_cannot_send_the_grader_to_a_host_socket(tmp_path):
    """The grader connects once, before notebook code runs, and never reconnects: a kernel
    that swaps its sockets for links to a host socket gets no connection to it (an attacker
    had the grader, as root, connect there a hundred times a second)."""
    folder = tmp_path / "private"
    folder.mkdir(mode=0o700)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "canary"))
    listener.listen()
    listener.settimeout(0.1)
    cells = [Cell(REDIRECT.format(target=str(folder / "canary")), "redirect")]
    result = run_cells(cells, isolation="bwrap", limits=Limits())
    with pytest.raises(TimeoutError):
        listener.accept()
    assert "closed the kernel's connection" in result.problem, result.problem
