"""Parse untrusted bytes in a child process with wall-clock, CPU and memory limits, so one
hostile upload can neither block nor exhaust the server (the caller waits in a thread)."""

from __future__ import annotations

import multiprocessing
import resource
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from fairmilk.errors import InputError
from fairmilk.text import msg

PAGE = resource.getpagesize()


@dataclass(frozen=True, slots=True)
class Limits:
    """What one parse may use: seconds of wall clock and bytes of memory above the parent's."""

    seconds: float = 30.0
    memory: int = 1024 * 1024 * 1024


def _virtual_size() -> int:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[0]) * PAGE


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...],
           kwargs: dict[str, Any], limits: Limits) -> None:  # fmt: skip
    """Set the limits, run ``func`` and send back ("ok", result) or ("error", the reason,
    expected, column, found and line of an InputError; a ``Msg`` keeps its template)."""
    try:
        cap = _virtual_size() + limits.memory
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        cpu = int(limits.seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        conn.send(("ok", func(*args, **kwargs)))
    except InputError as exc:
        conn.send(("error", (exc.reason, exc.expected, exc.column, exc.found, exc.line)))
    except MemoryError:
        why = msg("reading the file needs more than {limit} bytes of memory", limit=limits.memory)
        conn.send(("error", (why, None, None, None, None)))
    except Exception as exc:
        why = msg("the file cannot be read ({error})", error=type(exc).__name__)
        conn.send(("error", (why, None, None, None, None)))
    finally:
        conn.close()


def run_isolated(func: Callable[..., Any], *args: Any, name: str, limits: Limits = Limits(),
                 **kwargs: Any) -> Any:  # fmt: skip
    """``func(*args, name=name, **kwargs)`` in a forked child within ``limits``; InputError
    (naming the file) when it fails, is killed or runs out of time or memory."""
    if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not Linux
        return func(*args, name=name, **kwargs)
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, func, args, {"name": name, **kwargs},
                                                   limits), daemon=True)  # fmt: skip
    with warnings.catch_warnings():  # Python 3.12+ warns on fork with threads; the child only
        warnings.simplefilter("ignore", DeprecationWarning)  # parses and exits (no locks used)
        process.start()
    send.close()
    try:
        if not receive.poll(limits.seconds):
            raise InputError(msg("reading the file took too long"), file=name,
                             expected=msg("a form read in under {seconds:.0f} s",
                                          seconds=limits.seconds))  # fmt: skip
        try:
            status, value = receive.recv()
        except EOFError as exc:  # the child died: killed for CPU time or memory
            too_much = msg("the file cannot be read within the limits")
            raise InputError(too_much, file=name) from exc
    finally:
        receive.close()
        process.kill()
        process.join(5)
    if status == "error":
        reason, expected, column, found, line = value
        raise InputError(reason, file=name, line=line, column=column, expected=expected,
                         found=found)  # fmt: skip
    return value
