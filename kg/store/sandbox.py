"""Take from a query worker the means to reach the network, and bound its memory.

A query worker runs text from anonymous clients in an engine (Oxigraph) that has
an HTTP client for SERVICE. The SPARQL guard refuses such queries on their parse;
this is the layer under it, so that a query that gets past the guard still
connects nowhere. Applied by the worker itself, after it has its pipe to the
server and before it reads the first query:

- **seccomp** (Linux, through libseccomp with the ``pyseccomp`` binding): the
  calls that make a new socket or connect one (``socket``, ``socketpair``,
  ``connect``) and io_uring (which can make sockets without those calls) fail
  with EPERM. The worker keeps the pipe it already has.
- **a network namespace of its own** (``unshare(CLONE_NEWNET)``, as root, or with
  a user namespace where unprivileged ones are allowed): even a socket made some
  other way sees only a loopback device that is down.
- **a memory limit** (``RLIMIT_DATA``: heap and private mappings, not the store's
  read-only file mappings): an allocation past it fails, the worker dies, and the
  pool replaces it.

Where neither network layer is available (not Linux, no libseccomp, namespaces
forbidden), the worker still runs and the guard is the only layer; the pool
reports what each worker got, and ``/health`` shows it under ``sandbox``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import logging
import os
import resource
import sys
from pathlib import Path

log = logging.getLogger(__name__)

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
DENIED_CALLS = ("socket", "socketpair", "connect", "io_uring_setup")


def _seccomp() -> str | None:
    """Deny new sockets; None when done, else why not."""
    if not sys.platform.startswith("linux"):
        return "not Linux"
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError, RuntimeError) as exc:  # the binding loads libseccomp.so.2 on import
        return f"libseccomp not available ({exc})"
    try:
        flt = seccomp.SyscallFilter(seccomp.ALLOW)
        for call in DENIED_CALLS:
            flt.add_rule(seccomp.ERRNO(errno.EPERM), call)
        flt.load()
    except (OSError, RuntimeError, ValueError) as exc:
        return f"seccomp filter not loaded ({exc})"
    return None


def _unshare(flags: int) -> bool:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    return libc.unshare(flags) == 0


def _network_namespace() -> str | None:
    """A network namespace with nothing in it; None when done, else why not."""
    if not sys.platform.startswith("linux"):
        return "not Linux"
    try:
        if _unshare(CLONE_NEWNET) or _unshare(CLONE_NEWUSER | CLONE_NEWNET):
            return None
    except OSError as exc:
        return str(exc)
    return f"unshare refused ({os.strerror(ctypes.get_errno())})"


def limit_memory(megabytes: int) -> str | None:
    """Cap the process's data segment; None when done, else why not."""
    if megabytes <= 0:
        return "no limit set"
    try:
        limit = megabytes * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ValueError, OSError) as exc:
        return str(exc)
    return None


def data_segment_mb() -> float:
    """What this process's data segment holds now (VmData, what RLIMIT_DATA counts), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmData:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def confine() -> dict[str, bool | str]:
    """Apply both network layers (namespace first: unshare needs the socket-free calls it makes
    before seccomp is loaded). What each layer got: True, or why not."""
    netns = _network_namespace()
    seccomp = _seccomp()
    report: dict[str, bool | str] = {
        "seccomp": seccomp or True,
        "network_namespace": netns or True,
    }
    return report


def is_confined(report: dict[str, bool | str]) -> bool:
    """At least one layer took: the worker cannot reach the network."""
    return report.get("seccomp") is True or report.get("network_namespace") is True
