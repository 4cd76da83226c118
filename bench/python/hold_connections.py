"""Bytes per idle keep-alive connection of a server on this machine.

    python3 bench/python/hold_connections.py PORT PID [N1 N2]

Opens N1 connections to 127.0.0.1:PORT, sends one ``GET /`` on each, reads
every answer, and reads the resident set (VmRSS, /proc/PID/status, Linux
only) of the server process PID while all N1 are held open and idle; then
the same with N2 (default 1000 and 8000) more. Prints both and
(RSS2 - RSS1) / (N2 - N1): what one more connection costs, with the process's
fixed costs cancelled out. Holding both sets at once keeps the allocator
from reusing what the first set freed. Needs an open-file limit above
N1 + N2 (``ulimit -n``). Lesson 04 closes a keep-alive connection idle for
5 s, so the answers must all arrive well within that (about a second for
9,000 here).
"""

import socket
import sys
import time


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise SystemExit(f"no VmRSS for process {pid}")


def hold(port: int, n: int) -> list:
    """n connections, each having had one request answered."""
    conns = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(n)]
    for c in conns:
        c.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    for c in conns:
        answer = b""
        while b"</h1>" not in answer:
            chunk = c.recv(4096)
            if not chunk:
                raise SystemExit(f"the server closed a connection: {answer[:60]!r}")
            answer += chunk
    return conns


def main() -> None:
    if len(sys.argv) not in (3, 5):
        raise SystemExit("usage: hold_connections.py PORT PID [N1 N2]")
    port, pid = int(sys.argv[1]), int(sys.argv[2])
    n1, n2 = (int(a) for a in sys.argv[3:5]) if len(sys.argv) == 5 else (1000, 8000)
    if not 0 < n1 < n2:
        raise SystemExit("N1 and N2: 0 < N1 < N2")
    started = time.monotonic()
    first = hold(port, n1)
    rss1 = rss_kib(pid)
    second = hold(port, n2 - n1)
    rss2 = rss_kib(pid)
    took = time.monotonic() - started
    per = (rss2 - rss1) * 1024 / (n2 - n1)
    print(f"{n1} connections: {rss1} KiB; {n2}: {rss2} KiB; {per:.0f} bytes per connection ({took:.1f} s)")
    for c in first + second:
        c.close()


if __name__ == "__main__":
    main()
