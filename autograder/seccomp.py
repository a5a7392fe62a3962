"""The seccomp filter of the sandbox: system calls a Jupyter kernel never needs are refused.

Built with libseccomp (``libseccomp.so.2``, present on every Debian and Ubuntu system, through
ctypes: its Python binding is not on PyPI) and handed to bubblewrap as a BPF program
(``bwrap --seccomp FD``), which loads it just before it starts the kernel. A refused call fails
with ``EPERM``; ``clone3`` fails with ``ENOSYS`` so that the C library falls back to ``clone``,
whose flags a filter can read, and ``clone`` with any namespace flag is refused.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import tempfile

# Mounting, namespaces, tracing, kernel keyrings and modules, BPF, io_uring, time, reboot.
REFUSED = [
    "mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree", "fsopen", "fsconfig",
    "fsmount", "fspick", "mount_setattr", "unshare", "setns", "ptrace", "process_vm_readv",
    "process_vm_writev", "bpf", "perf_event_open", "keyctl", "add_key", "request_key",
    "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot",
    "swapon", "swapoff", "acct", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
    "syslog", "userfaultfd", "open_by_handle_at", "name_to_handle_at", "fanotify_init",
    "lookup_dcookie", "quotactl", "io_uring_setup", "io_uring_enter", "io_uring_register",
    "personality", "vhangup", "iopl", "ioperm",
]  # fmt: skip
# The socket families a kernel may use: UNIX (its own connections), INET and INET6 (loopback:
# the network is unshared) and NETLINK (the C library asks it for the interfaces). Every other
# family below 64 is refused (vsock, a path to the hypervisor, among them); the kernel itself
# refuses the larger numbers.
ALLOWED_FAMILIES = {1, 2, 10, 16}
# File locks and file-change notices are kernel-wide state on a file that every sandbox can
# read (Python's own files): two sandboxes could signal to each other through them, a bit per
# lock or per opened file. A graded kernel locks nothing and watches nothing.
REFUSED_NOTICES = ["flock", "inotify_init", "inotify_init1", "inotify_add_watch"]
# fcntl's F_GETLK, F_SETLK, F_SETLKW, F_OFD_GETLK, F_OFD_SETLK, F_OFD_SETLKW (ENOLCK), and
# F_SETLEASE, F_NOTIFY (EPERM).
REFUSED_FCNTL = {
    **dict.fromkeys([5, 6, 7, 36, 37, 38], errno.ENOLCK),
    **dict.fromkeys([1024, 1026], errno.EPERM),
}
# socket()'s family and fcntl()'s command are C ints: the kernel reads their low 32 bits only,
# so the filter compares those bits alone (a plain comparison of all 64 is passed by a value
# with a high bit set).
INT_BITS = 0xFFFFFFFF
NAMESPACE_FLAGS = 0x7E020000  # CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET
_ALLOW = 0x7FFF0000
_MASKED_EQ = 7  # SCMP_CMP_MASKED_EQ: (argument & datum_a) == datum_b


def _errno(code: int) -> int:
    return 0x00050000 | (code & 0xFFFF)  # SCMP_ACT_ERRNO(code)


class _Arg(ctypes.Structure):  # struct scmp_arg_cmp
    _fields_ = [
        ("arg", ctypes.c_uint),
        ("op", ctypes.c_int),
        ("datum_a", ctypes.c_uint64),
        ("datum_b", ctypes.c_uint64),
    ]


class SeccompUnavailable(RuntimeError):
    """libseccomp is missing or refused to build the filter."""


def _library() -> ctypes.CDLL:
    name = ctypes.util.find_library("seccomp") or "libseccomp.so.2"
    try:
        lib = ctypes.CDLL(name, use_errno=True)
    except OSError as error:
        raise SeccompUnavailable(f"libseccomp is not installed ({error})") from None
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int, ctypes.c_uint]
    lib.seccomp_rule_add_array.argtypes = [
        ctypes.c_void_p,
        ctypes.c_uint32,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.POINTER(_Arg),
    ]
    lib.seccomp_export_bpf.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.seccomp_release.argtypes = [ctypes.c_void_p]
    return lib


def _rules(lib: ctypes.CDLL, ctx: int) -> None:
    def number(name: str) -> int | None:
        nr = lib.seccomp_syscall_resolve_name(name.encode())
        return nr if nr >= 0 else None  # not a system call on this architecture

    for name in REFUSED + REFUSED_NOTICES:
        nr = number(name)
        if nr is not None and lib.seccomp_rule_add(ctx, _errno(errno.EPERM), nr, 0) != 0:
            raise SeccompUnavailable(f"libseccomp refused a rule for {name}")
    clone3 = number("clone3")
    if clone3 is not None and lib.seccomp_rule_add(ctx, _errno(errno.ENOSYS), clone3, 0) != 0:
        raise SeccompUnavailable("libseccomp refused a rule for clone3")
    fcntl = number("fcntl")
    for command, code in REFUSED_FCNTL.items():
        arg = _Arg(1, _MASKED_EQ, INT_BITS, command)
        if lib.seccomp_rule_add_array(ctx, _errno(code), fcntl, 1, arg):
            raise SeccompUnavailable("libseccomp refused a rule for fcntl")
    for name in ("socket", "socketpair"):
        for family in sorted(set(range(64)) - ALLOWED_FAMILIES):
            arg = _Arg(0, _MASKED_EQ, INT_BITS, family)
            if lib.seccomp_rule_add_array(ctx, _errno(errno.EAFNOSUPPORT), number(name), 1, arg):
                raise SeccompUnavailable(f"libseccomp refused a rule for {name}")
    for bit in range(32):  # refuse clone with any namespace flag set, one flag per rule
        mask = 1 << bit
        if NAMESPACE_FLAGS & mask:
            arg = _Arg(0, _MASKED_EQ, mask, mask)
            if lib.seccomp_rule_add_array(ctx, _errno(errno.EPERM), number("clone"), 1, arg):
                raise SeccompUnavailable("libseccomp refused a rule for clone")


def bpf_program() -> bytes:
    """The filter as a BPF program for ``bwrap --seccomp``."""
    lib = _library()
    ctx = lib.seccomp_init(_ALLOW)
    if not ctx:
        raise SeccompUnavailable("seccomp_init failed")
    try:
        _rules(lib, ctx)
        with tempfile.TemporaryFile() as out:
            if lib.seccomp_export_bpf(ctx, out.fileno()) != 0:
                raise SeccompUnavailable("seccomp_export_bpf failed")
            out.seek(0)
            return out.read()
    finally:
        lib.seccomp_release(ctx)


_PROGRAM: bytes | None = None


def program_fd() -> int:
    """A fresh readable file descriptor holding the BPF program (bwrap reads it to the end)."""
    global _PROGRAM
    if _PROGRAM is None:
        _PROGRAM = bpf_program()
    read, write = os.pipe()
    os.write(write, _PROGRAM)  # a few KB: fits the pipe's buffer
    os.close(write)
    return read
