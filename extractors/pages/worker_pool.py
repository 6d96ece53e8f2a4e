"""Run a function over items in worker processes that can be killed: a hard time and memory limit.

Threads cannot be interrupted (Prefect's ``timeout_seconds`` does not stop blocking code) and
``ProcessPoolExecutor`` cannot kill one stuck worker, so each worker here is a process with a pipe: an
item that overruns its time is answered with an error, its worker killed and replaced, and the other
items go on. Workers come from a forkserver (cheap to start, safe in a threaded parent) and have their
address space capped, so a page that would take gigabytes fails with MemoryError instead.

No orphans: a worker's parent is the forkserver, which stays alive as long as any worker holds its
"alive" pipe, so the kernel's parent-death signal cannot help here. Each worker instead watches the
process that started the pool (a pidfd, woken by the kernel when it exits) and kills itself when that
process is gone, even mid-page; the forkserver then exits with its last worker. A SIGKILLed round leaves
nothing behind. ``die_with_parent`` does the same for plain children (the Prefect servers the CLI
starts), through the kernel's parent-death signal.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing as mp
import os
import resource
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_MEMORY_LIMIT = 2 * 1024**3


@dataclass(frozen=True)
class Failed(Generic[T]):
    """An item the worker could not finish: it raised, overran its time, or its process died."""

    item: T
    error: str


_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL, parent: int | None = None) -> None:
    """Have the kernel send ``sig`` to this process when its parent dies (Linux ``PR_SET_PDEATHSIG``;
    elsewhere nothing). Usable as a ``preexec_fn``. If ``parent`` (the expected parent pid) is already
    gone, the signal is sent now. Note the kernel signals when the parent *thread* that forked exits:
    start children from a thread that lives as long as they should."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), sig)


def parent_death_preexec(sig: int = signal.SIGTERM) -> Callable[[], None]:
    """A ``preexec_fn`` for ``subprocess.Popen``: the child gets ``sig`` when this process dies."""
    me = os.getpid()
    return lambda: die_with_parent(sig, me)


def die_with(pid: int) -> None:
    """Kill this process as soon as process ``pid`` has exited (a watcher thread on a pidfd; where pidfds
    are missing, a check every half second)."""

    def watch() -> None:
        try:
            fd = os.pidfd_open(pid)
        except (AttributeError, OSError) as err:
            if isinstance(err, ProcessLookupError):
                os.kill(os.getpid(), signal.SIGKILL)
            while True:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass
                time.sleep(0.5)
        else:
            select.select([fd], [], [])
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def _serve(conn: Connection, func: Callable[[Any], Any], memory_limit: int | None, client: int) -> None:
    die_with(client)
    if memory_limit:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    while True:
        try:
            item = conn.recv()
        except EOFError:
            return
        if item is None:
            return
        try:
            conn.send((True, func(item)))
        except MemoryError:
            conn.send((False, "out of memory in the extraction worker"))
        except Exception as err:
            conn.send((False, f"{err.__class__.__name__}: {err}"))


class _Worker:
    def __init__(self, ctx: Any, func: Callable[[Any], Any], memory_limit: int | None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, func, memory_limit, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.index: int | None = None
        self.started = 0.0

    def give(self, index: int, item: Any) -> None:
        self.index, self.started = index, time.monotonic()
        self.conn.send(item)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            self.conn.send(None)
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()


class _Pending:
    def __repr__(self) -> str:
        return "PENDING"


#: What an item source of ``stream_bounded`` yields when it has nothing ready yet (a download still on
#: its way): the pool then collects results for a moment instead of blocking on the source.
PENDING: Any = _Pending()
_END: Any = object()


@dataclass
class PoolStats:
    """Seconds the workers spent on items (from hand-over to answer), summed over workers."""

    busy_seconds: float = 0.0
    items: int = 0


def stream_bounded(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int = 2,
    timeout: float = 30.0,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    preload: Sequence[str] = (),
    stats: PoolStats | None = None,
) -> Generator[tuple[int, R | Failed[T]], None, None]:
    """``(index, func(item) or Failed(item, why))`` as items finish, ``index`` counting the source's items.

    Items are taken from ``items`` only when a worker is free, so a source fed by downloads is consumed
    as pages arrive and never read ahead; a source that yields ``PENDING`` is asked again shortly, while
    finished results keep flowing out. Workers start with the first item; closing the generator kills
    the busy ones."""
    source = iter(items)
    ctx = mp.get_context("forkserver")
    if preload:
        ctx.set_forkserver_preload(list(preload))
    pool: list[_Worker] = []
    todo: dict[int, T] = {}
    count = 0
    exhausted = False
    try:
        while True:
            pending = False
            while not exhausted:
                free = next((w for w in pool if w.index is None), None)
                if free is None and len(pool) >= max(1, workers):
                    break
                item = next(source, _END)
                if item is _END:
                    exhausted = True
                elif item is PENDING:
                    pending = True
                    break
                else:
                    if free is None:
                        free = _Worker(ctx, func, memory_limit)
                        pool.append(free)
                    todo[count] = item
                    free.give(count, item)
                    count += 1
            busy = [w for w in pool if w.index is not None]
            if not busy:
                if exhausted:
                    return
                continue  # the source is pending and waits a little itself
            now = time.monotonic()
            wait_for = max(0.0, min(w.started + timeout - now for w in busy))
            ready = wait([w.conn for w in busy], timeout=min(wait_for, 0.02) if pending else wait_for)
            for w in busy:
                index = w.index
                assert index is not None
                if w.conn in ready:
                    try:
                        ok, value = w.conn.recv()
                    except (EOFError, OSError):
                        ok, value = False, "the extraction worker died"
                    result: Any = value if ok else Failed(todo[index], value)
                    if not ok and not w.proc.is_alive():
                        pool[pool.index(w)] = _replace(w, ctx, func, memory_limit)
                    else:
                        w.index = None
                elif time.monotonic() - w.started >= timeout:
                    result = Failed(todo[index], f"took longer than {timeout:g} s: worker killed")
                    pool[pool.index(w)] = _replace(w, ctx, func, memory_limit)
                else:
                    continue
                if stats is not None:
                    stats.busy_seconds += time.monotonic() - w.started
                    stats.items += 1
                del todo[index]
                yield index, result
    finally:
        for w in pool:
            if w.index is None:
                w.stop()
            else:
                w.kill()


def start_forkserver(preload: Sequence[str] = ()) -> None:
    """Start the workers' forkserver now, importing ``preload`` in it, without waiting for it.

    The first worker of a pool waits until the forkserver has imported its modules (about 0.8 s for
    trafilatura and the claims here), during which no page is extracted. A caller that knows work is
    coming starts it early, so the imports run on the other core beside what the caller does meanwhile;
    a forkserver already running is left as it is."""
    from multiprocessing import forkserver

    if preload:
        mp.get_context("forkserver").set_forkserver_preload(list(preload))
    forkserver.ensure_running()


def run_bounded(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int = 2,
    timeout: float = 30.0,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    preload: Sequence[str] = (),
) -> list[R | Failed[T]]:
    """``[func(item) or Failed(item, why)]`` in input order; ``func`` must be a module-level function."""
    todo = list(items)
    results: list[Any] = [None] * len(todo)
    stream = stream_bounded(
        func, todo, workers=min(workers, len(todo)), timeout=timeout, memory_limit=memory_limit, preload=preload
    )
    for index, result in stream:
        results[index] = result
    return results


def _replace(w: _Worker, ctx: Any, func: Callable[[Any], Any], memory_limit: int | None) -> _Worker:
    w.kill()
    return _Worker(ctx, func, memory_limit)
