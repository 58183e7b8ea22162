#!/usr/bin/env python3
"""The benchmark's pseudo-terminal: runs a program on a pty of the given size and relays bytes.

Usage: pty-relay.py COLS ROWS PROGRAM [ARG...]

Standard input goes to the pty, the pty's output to standard output, unchanged. On standard
error it reports, with CLOCK_MONOTONIC in nanoseconds (the clock of Node's process.hrtime):
  spawn <ns> <pid>   just before the program is forked and executed
  exit <ns> <code>   when the program was reaped
so spawn and exit are the program's own, whatever this wrapper costs to start and to stop.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time


def main() -> int:
    cols, rows, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    spawned = time.monotonic_ns()
    pid, master = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvp(argv[0], argv)
    sys.stderr.write(f"spawn {spawned} {pid}\n")
    sys.stderr.flush()
    stdin = sys.stdin.fileno()
    stdout = sys.stdout.fileno()
    os.set_blocking(master, False)
    watched = [master, stdin]
    # Input waits here while the program is busy, so its output is always read meanwhile.
    pending = b""
    while True:
        readable, writable, _ = select.select(watched, [master] if pending else [], [])
        if master in readable:
            try:
                data = os.read(master, 65536)
            except BlockingIOError:
                data = None
            except OSError:
                data = b""
            if data == b"":
                break
            while data:
                data = data[os.write(stdout, data):]
        if master in writable:
            try:
                pending = pending[os.write(master, pending):]
            except BlockingIOError:
                pass
        if stdin in readable:
            data = os.read(stdin, 65536)
            if not data:
                watched.remove(stdin)
            pending += data
    _, status = os.waitpid(pid, 0)
    sys.stderr.write(f"exit {time.monotonic_ns()} {os.waitstatus_to_exitcode(status)}\n")
    sys.stderr.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
