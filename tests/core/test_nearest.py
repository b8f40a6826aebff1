"""core.nearest: the nearest stopping character before or after an offset, remembered."""

from __future__ import annotations

from glyphwash.core.nearest import Nearest


def test_nearest_answers_out_of_order_questions_too() -> None:
    text = "ab  c   d "
    letters = [index for index, char in enumerate(text) if char != " "]
    nearest = Nearest(text, lambda char: char != " ")
    for index in [0, 3, 9, 2, 8, 4, 1, 6, -1, 12, 5]:
        assert nearest.before(index) == max((at for at in letters if at <= index), default=-1)
        assert nearest.after(index) == min((at for at in letters if at >= index), default=len(text))


def test_questions_in_text_order_test_each_character_a_bounded_number_of_times() -> None:
    text = "a" + " " * 10_000 + "b"
    tested: list[str] = []
    nearest = Nearest(text, lambda char: tested.append(char) or char != " ")
    for index in range(1, len(text) - 1):
        assert nearest.before(index - 1) == 0
        assert nearest.after(index + 1) == len(text) - 1
    assert len(tested) <= 2 * len(text) + 2
