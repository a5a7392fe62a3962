"""autograder.runner: the connection to the kernel, made once and only during start-up."""

import socket
import threading
import time

import zmq

from autograder.runner import Kernel
from autograder.sandbox import Limits


class Alive:
    def poll(self):
        return None


def bare_kernel() -> Kernel:
    """A Kernel client without a sandbox, to test how it connects."""
    kernel = object.__new__(Kernel)
    kernel.zmq, kernel.limits, kernel.process = zmq, Limits(), Alive()
    kernel.context, kernel.monitors, kernel.poller = zmq.Context(), [], zmq.Poller()
    return kernel


def test_a_socket_file_not_yet_listening_is_tried_again_until_it_is(tmp_path):
    """Between a kernel's bind, which makes the socket's file, and its listen, a connection
    is refused; with reconnection off, the grader must try again itself."""
    path = str(tmp_path / "k-1")
    early = socket.socket(socket.AF_UNIX)
    early.bind(path)  # the file exists; nothing listens yet
    context = zmq.Context()
    server = context.socket(zmq.ROUTER)

    def listen_later():
        time.sleep(0.6)
        early.close()
        (tmp_path / "k-1").unlink()
        server.bind(f"ipc://{path}")

    threading.Thread(target=listen_later).start()
    kernel = bare_kernel()
    start = time.monotonic()
    sock = kernel._connected(zmq.DEALER, path, time.monotonic() + 10)
    assert time.monotonic() - start >= 0.5
    sock.send(b"hello", zmq.NOBLOCK)  # raises at once if it never connected
    assert server.poll(2000) and server.recv_multipart()[-1] == b"hello"
    for s in (sock, server, *kernel.monitors):
        s.close(linger=0)
