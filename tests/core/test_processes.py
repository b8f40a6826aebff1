"""core.processes: per-item work in spawned worker processes, in order, stoppable, failures named."""

from __future__ import annotations

import multiprocessing
import os
import time
from functools import partial
from pathlib import Path

import pytest

from glyphwash.core import processes
from glyphwash.core.cancel import Cancelled, cancellable, checkpoint
from glyphwash.core.processes import WorkerLost, map_in_processes, worker_count, workers_for

# The tasks run in the workers, which import them from this module by name.


def square_slowly(number: int) -> int:
    time.sleep(0.05 * (number % 3))  # later items often finish first
    return number * number


def fail_at_three(number: int) -> int:
    if number == 3:
        raise ValueError("three")
    return number


def die_at_two(number: int) -> int:
    if number == 2:
        os._exit(1)
    return number


def even_done_odd_until_stopped(folder: Path, number: int) -> int:
    """Even items finish at once (and say so in ``folder``); odd ones run until the batch stops."""
    if number % 2 == 0:
        (folder / f"{number}.done").touch()
        return number
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        checkpoint()
        time.sleep(0.01)
    return number


def wait_for(condition: object, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_results_come_back_in_the_items_order() -> None:
    assert list(map_in_processes(square_slowly, range(12), workers=2)) == [n * n for n in range(12)]
    assert not multiprocessing.active_children()  # the workers ended with the batch


def test_an_exception_in_a_worker_is_raised_at_its_items_place() -> None:
    results = map_in_processes(fail_at_three, range(8), workers=2)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    with pytest.raises(ValueError, match="three"):
        next(results)


def test_a_worker_that_dies_is_named_after_the_results_before_it() -> None:
    results = map_in_processes(die_at_two, range(6), workers=1)
    assert [next(results), next(results)] == [0, 1]
    with pytest.raises(WorkerLost, match="ended unexpectedly"):
        next(results)


def test_a_cancel_stops_the_workers_and_still_hands_back_what_finished(tmp_path: Path) -> None:
    stopped = False
    task = partial(even_done_odd_until_stopped, tmp_path)
    began = time.monotonic()
    handed_back = []
    with pytest.raises(Cancelled), cancellable(lambda: stopped):
        for result in map_in_processes(task, range(4), workers=2):
            handed_back.append(result)
            if result == 0:
                # Item 2 finishes while item 1, before it in order, still runs: then stop.
                wait_for(lambda: (tmp_path / "2.done").exists())
                stopped = True
    assert handed_back == [0, 2]  # 1 and 3 were stopped; 2 had finished, so it is reported
    assert time.monotonic() - began < 30  # not the minute the odd items would run
    assert not multiprocessing.active_children()


def test_closing_early_stops_the_workers(tmp_path: Path) -> None:
    results = map_in_processes(partial(even_done_odd_until_stopped, tmp_path), range(6), workers=2)
    assert next(results) == 0
    results.close()
    assert not multiprocessing.active_children()


def test_small_batches_stay_in_the_calling_thread() -> None:
    assert workers_for(processes.SMALL_BATCH_FILES, processes.SMALL_BATCH_BYTES) == 0
    assert workers_for(processes.SMALL_BATCH_FILES + 1, 0) == worker_count() >= 1
    assert workers_for(1, processes.SMALL_BATCH_BYTES + 1) == worker_count()
    assert [worker_count(cpus) for cpus in (1, 2, 3, 64)] == [1, 2, 3, processes.MAX_WORKERS]


def test_without_semaphores_a_big_batch_stays_in_the_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_semaphores() -> None:  # as multiprocessing says where /dev/shm is missing
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(multiprocessing.get_context("spawn"), "Event", no_semaphores)
    processes.processes_work.cache_clear()
    try:
        assert workers_for(processes.SMALL_BATCH_FILES + 1, 0) == 0
    finally:
        monkeypatch.undo()
        processes.processes_work.cache_clear()
    assert workers_for(processes.SMALL_BATCH_FILES + 1, 0) == worker_count()
