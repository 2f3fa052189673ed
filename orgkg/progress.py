"""A small progress bar with an ETA on stderr, shown only on a terminal and for long runs."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, label: str, enabled: bool = True, min_total: int = 200, stream=None):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled and total >= min_total and self.stream.isatty()
        self.t0 = time.perf_counter()
        self._last = 0.0

    def __enter__(self):
        return self

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        rate = self.done / max(1e-9, now - self.t0)
        eta = (self.total - self.done) / rate if rate else 0
        width = 30
        fill = int(width * self.done / max(1, self.total))
        self.stream.write(f"\r{self.label} [{'#' * fill}{'.' * (width - fill)}] {self.done}/{self.total} "
                          f"{rate:,.0f}/s ETA {eta:,.0f}s ")
        self.stream.flush()

    def __exit__(self, *exc):
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
        return False
