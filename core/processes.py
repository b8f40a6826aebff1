"""Per-item work in worker processes, for batches: results in the items' order, stoppable.

Why processes and not a thread: the window's GUI thread runs Python for every cell of the batch
table it paints (the table's model is Python), and each of those calls waits for the GIL. A scan
thread busy in pure Python gives the GIL up only every ``sys.getswitchinterval()``, so one repaint
of a few thousand calls froze the window for half a second (``bench/bench_batch.py``). In worker
processes each analysis holds its own process's GIL; the window's process only waits on pipes.

Starting a worker costs a few tenths of a second (a fresh interpreter importing ``core``), so a
small batch stays in the calling thread (:func:`workers_for`).

A few items per worker are in flight at once, so one slow file does not idle the others, and
results are handed back in the items' order. Stopping goes through :mod:`core.cancel`: the caller's
checkpoints are checked while it waits, and a shared event reaches the workers' own checkpoints,
so a scan stops within milliseconds and a file being written is finished first, as in a thread.

Deliberately left alone: ``fork``. The window's process has Qt's threads, and a forked child may
inherit a lock one of them held; workers are spawned fresh.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from multiprocessing.synchronize import Event
from typing import TypeVar

from .cancel import Cancelled, checkpoint, stop_when

Item = TypeVar("Item")
Result = TypeVar("Result")

MAX_WORKERS = 4
IN_FLIGHT_PER_WORKER = 2
# How often a caller waiting for a result sees its own cancel request.
POLL_SECONDS = 0.05
# Batches at most this big take less time in the calling thread than starting a worker process.
SMALL_BATCH_FILES = 64
SMALL_BATCH_BYTES = 1_000_000


class WorkerLost(RuntimeError):
    """A worker process ended without handing back its result (killed, or out of memory)."""


def worker_count(cpus: int | None = None) -> int:
    """How many worker processes to start: one per processor, at most :data:`MAX_WORKERS`."""
    return max(1, min(MAX_WORKERS, cpus if cpus is not None else os.cpu_count() or 1))


@functools.cache
def processes_work() -> bool:
    """Whether this system can share the stop event with worker processes.

    Some sandboxes and containers have no POSIX semaphores (no ``/dev/shm``): there a batch runs
    in the calling thread rather than failing.
    """
    try:
        multiprocessing.get_context("spawn").Event()
    except (OSError, ImportError):
        return False
    return True


def workers_for(files: int, total_bytes: int) -> int:
    """How many worker processes a batch of ``files`` (``total_bytes`` in all) is worth; 0 for a
    small batch, which is done sooner in the calling thread (or where processes cannot work)."""
    if files <= SMALL_BATCH_FILES and total_bytes <= SMALL_BATCH_BYTES:
        return 0
    return worker_count() if processes_work() else 0


def _start_worker(stop: Event) -> None:
    """A worker's first step: its checkpoints raise once the batch is stopped."""
    stop_when(stop.is_set)


def _call(function: Callable[[Item], Result], item: Item) -> Result:
    """In a worker: ``function(item)``, unless the batch was stopped before it began."""
    checkpoint()
    return function(item)


def _result(future: Future[Result]) -> Result:
    try:
        return future.result()
    except BrokenProcessPool as error:
        raise WorkerLost("a worker process ended unexpectedly (it may have run out of memory)") from error


def _finished_before_stop(in_flight: Iterable[Future[Result]]) -> Iterator[Result]:
    """The results of the work in flight when the batch was stopped, of the items that finished
    before their worker saw the stop (a file written then was written: it must be reported)."""
    for future in in_flight:
        try:
            yield _result(future)
        except Cancelled:
            continue


def map_in_processes(function: Callable[[Item], Result], items: Iterable[Item], *,
                     workers: int) -> Iterator[Result]:
    """``function(item)`` for each item, run in ``workers`` spawned processes; the results in order.

    ``function`` and the items must pickle (a module-level function, or a ``functools.partial`` of
    one). An exception ``function`` raises is raised here, at its item's place.

    A cancel seen while waiting stops the workers; the items that finished anyway are still handed
    back (in order, with gaps where an item was stopped), then :class:`Cancelled` is raised. So a
    caller that stops only through its :mod:`core.cancel` scope hears of every item done. Closing
    the iterator early stops the workers without handing anything more back.

    Raises:
        Cancelled: the caller's :func:`core.cancel.cancellable` block was asked to stop.
        WorkerLost: a worker process died; the results before it were handed back.
    """
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(stop,))
    waiting = iter(items)
    in_flight: deque[Future[Result]] = deque(
        executor.submit(_call, function, item) for item in islice(waiting, workers * IN_FLIGHT_PER_WORKER))
    try:
        while in_flight:
            try:
                checkpoint()  # also when the workers are ahead and the result is waiting
                while not wait([in_flight[0]], timeout=POLL_SECONDS).done:
                    checkpoint()
            except Cancelled:
                stop.set()
                yield from _finished_before_stop(in_flight)
                raise
            result = _result(in_flight.popleft())
            in_flight.extend(executor.submit(_call, function, item) for item in islice(waiting, 1))
            yield result
    finally:
        stop.set()
        executor.shutdown(wait=True, cancel_futures=True)


def map_batch(function: Callable[[Item], Result], items: Sequence[Item], total_bytes: int, *,
              workers: int | None = None) -> Iterator[Result]:
    """``function(item)`` for each item, in order: in ``workers`` processes (None: as many as the
    batch is worth, :func:`workers_for`), or in the calling thread (0), stoppable between items.

    Raises:
        Cancelled: the caller's :func:`core.cancel.cancellable` block was asked to stop.
        WorkerLost: a worker process died (the results before it were handed back).
    """
    if workers is None:
        workers = workers_for(len(items), total_bytes)
    if workers:
        yield from map_in_processes(function, items, workers=workers)
        return
    for item in items:
        checkpoint()
        yield function(item)
