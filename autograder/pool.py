"""Warm kernels: sandboxes started ahead of time, each used for one notebook and then destroyed.

Starting a sandbox, a kernel and the lessons' imports costs most of a core-second, and most of
it is waiting on one process. A pool starts kernels in the background, while others grade, so
a submission finds its kernel ready. Nothing is shared or reused: every kernel is a new
sandbox (:meth:`autograder.runner.Kernel.open`: its own namespaces, tmpfs, cgroup and limits)
that has run nothing but the grader's warm-up imports, and :meth:`WarmPool.take` hands each
one out once. The pool only moves the start-up earlier; while a kernel waits it is idle, and
a kernel that died waiting is replaced.

A pool knows how many kernels its batch needs (``budget``), so it never starts one that no
submission will use. Asked for more (a retry), it starts one on the spot.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from autograder.runner import Kernel, KernelSpec


class WarmPool:
    """Up to ``size`` kernels for ``spec`` kept starting or ready, ``budget`` in all."""

    def __init__(
        self,
        spec: KernelSpec,
        size: int,
        budget: int,
        opener: Callable[[KernelSpec], Kernel] = Kernel.open,
    ):
        self.spec, self.size, self.budget, self._open = spec, max(0, size), budget, opener
        self._lock = threading.Lock()
        self._waiting: deque[Future] = deque()  # kernels starting or ready, oldest first
        # Linux kills a sandbox when the *thread* that started it ends (PR_SET_PDEATHSIG), so
        # the threads that start kernels live as long as the pool, and close() outlives them.
        self._starters = ThreadPoolExecutor(max(1, self.size), thread_name_prefix="warm")
        self._closed = False
        self._fill()

    def _fill(self) -> None:
        """Start kernels until ``size`` are waiting or the budget is spent."""
        with self._lock:
            while not self._closed and len(self._waiting) < self.size and self.budget > 0:
                self.budget -= 1
                self._waiting.append(self._starters.submit(self._open, self.spec))

    def take(self) -> Kernel:
        """A ready kernel that nobody has used: the oldest waiting one, or a new one.

        Raises what :meth:`Kernel.open` raises (``KernelStartFailed``) when it cannot start.
        """
        while True:
            with self._lock:
                if self._closed:
                    raise RuntimeError("the pool is closed")
                future = self._waiting.popleft() if self._waiting else None
            self._fill()  # its replacement starts while this one is used
            if future is None:
                return self._open(self.spec)
            kernel = future.result()  # raises if it failed to start
            if kernel.alive():
                return kernel
            kernel.close()  # died while it waited (it ran nothing else): start another

    def close(self) -> None:
        """Close every kernel not handed out, and stop starting new ones."""
        with self._lock:
            self._closed = True
            waiting, self._waiting = list(self._waiting), deque()
        for future in waiting:
            future.add_done_callback(_close_kernel)
        self._starters.shutdown(wait=True)

    def __enter__(self) -> WarmPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _close_kernel(future: Future) -> None:
    if future.exception() is None:
        future.result().close()
