"""Stopping long work in ``core`` on request, without Qt.

The window builds a document in a worker thread and may be asked to stop at any moment (Cancel,
closing the tab). It runs the build inside :func:`cancellable`, with a check that says whether to
stop; the long loops of the rules and the engine go through :func:`checked` (or call
:func:`checkpoint`), which raise :class:`Cancelled` once the check says so. A rule never needs
to know who asked: the scope is a context variable, so each thread has its own, and outside any
scope (the CLI) a checkpoint does nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from itertools import islice
from typing import TypeVar

Item = TypeVar("Item")

# Items a loop handles between two checks: the slowest loops take tens of microseconds an item,
# so a request is seen within tens of milliseconds, and the check costs nothing measurable.
CHECK_EVERY = 1024

_stop_requested: ContextVar[Callable[[], bool] | None] = ContextVar("stop_requested", default=None)


class Cancelled(Exception):
    """The work was cancelled before it finished."""


@contextlib.contextmanager
def cancellable(stop_requested: Callable[[], bool]) -> Iterator[None]:
    """Within the block, checkpoints raise :class:`Cancelled` once ``stop_requested()`` is true."""
    token = _stop_requested.set(stop_requested)
    try:
        yield
    finally:
        _stop_requested.reset(token)


def checkpoint() -> None:
    """Raise :class:`Cancelled` if the surrounding :func:`cancellable` block was asked to stop."""
    stop_requested = _stop_requested.get()
    if stop_requested is not None and stop_requested():
        raise Cancelled


def checked(items: Iterable[Item], every: int = CHECK_EVERY) -> Iterator[Item]:
    """``items``, with a :func:`checkpoint` before each ``every`` of them."""
    iterator = iter(items)
    while chunk := list(islice(iterator, every)):
        checkpoint()
        yield from chunk


def stop_when(stop_requested: Callable[[], bool]) -> None:
    """From now on, in this thread, checkpoints raise :class:`Cancelled` once ``stop_requested()`` is true.

    For a worker process's own thread, which runs nothing but the work it is handed
    (:mod:`core.processes`); elsewhere use the scoped :func:`cancellable`.
    """
    _stop_requested.set(stop_requested)
