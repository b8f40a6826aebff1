"""core.cancel: long work stops inside its loops once asked, and only where asked."""

from __future__ import annotations

import threading

import pytest

from glyphwash.core.cancel import CHECK_EVERY, Cancelled, cancellable, checked, checkpoint
from glyphwash.core.engine import EngineConfig, analyze
from glyphwash.core.rules import ALL_RULES, invisible, spaces

RUN = 20 * CHECK_EVERY


def test_outside_a_cancellable_block_checkpoints_do_nothing() -> None:
    checkpoint()
    assert list(checked(range(3000))) == list(range(3000))


def test_a_block_stops_at_the_next_check_and_restores_the_outer_one() -> None:
    seen: list[int] = []
    with pytest.raises(Cancelled), cancellable(lambda: len(seen) >= 1500):
        for item in checked(range(10_000)):
            seen.append(item)
    assert len(seen) == 2 * CHECK_EVERY  # stopped at the first check after the request
    with cancellable(lambda: True), cancellable(lambda: False):
        checkpoint()  # the inner block decides
    checkpoint()


def test_a_block_in_one_thread_does_not_stop_another() -> None:
    other_done = threading.Event()

    def other() -> None:
        checkpoint()
        other_done.set()

    with cancellable(lambda: True):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert other_done.is_set()


@pytest.mark.parametrize(("text", "module", "helper"), [
    ("word" + "\u200c" * RUN + "word", invisible, "_is_kept"),
    ("a" + "\u3000" * RUN + "b", spaces, "_is_kept"),
])
def test_analysis_stops_inside_a_rule_loop(text: str, module: object, helper: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    looked_at: list[int] = []
    original = getattr(module, helper)

    def counting(*args: object) -> object:
        looked_at.append(1)
        return original(*args)

    monkeypatch.setattr(module, helper, counting)
    with pytest.raises(Cancelled), cancellable(lambda: len(looked_at) >= 100):
        analyze(text, EngineConfig(rules=ALL_RULES))
    assert 100 <= len(looked_at) <= 100 + CHECK_EVERY < RUN


def test_analysis_stops_while_joining_a_long_cluster(monkeypatch: pytest.MonkeyPatch) -> None:
    # Rules done, the engine widens 20k joiner changes: a request then stops it too.
    from glyphwash.core import engine

    asked = threading.Event()
    original = engine._changes_at_non_boundaries

    def then_cancel(*args: object) -> list[int]:
        found = original(*args)  # type: ignore[arg-type]
        asked.set()
        return found

    monkeypatch.setattr(engine, "_changes_at_non_boundaries", then_cancel)
    with pytest.raises(Cancelled), cancellable(asked.is_set):
        analyze("\u200d" * RUN)
