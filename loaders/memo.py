"""Answers per word, worked out once: words repeat across a corpus, so a test of a word runs once per
distinct word, and every later lookup is a dict lookup (in C, also through map())."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

LIMIT = 500_000  # words kept: a pathological corpus cannot grow a memo without end


class WordMemo(dict):
    """word -> test(word), computed the first time the word is looked up."""

    __slots__ = ("test",)

    def __init__(self, test: Callable[[str], Any]) -> None:
        super().__init__()
        self.test = test

    def __missing__(self, w: str) -> Any:
        got = self.test(w)
        if len(self) < LIMIT:
            self[w] = got
        return got
