"""Progress of a build: a bar on a terminal, a log line every few seconds elsewhere."""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True,
                 interval: float | None = None):
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.1 if self.tty else 10.0)
        self.start = time.monotonic()
        self._last = 0.0
        self.done = 0

    def update(self, done: int, accepted: int, refused: int) -> None:
        self.done = done
        now = time.monotonic()
        if not self.enabled or (now - self._last < self.interval and done < self.total):
            return
        self._last = now
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        if self.tty:
            width = 30
            filled = int(width * done / max(self.total, 1))
            bar = "#" * filled + "-" * (width - filled)
            eta = (self.total - done) / rate if rate else 0
            self.stream.write(f"\r[{bar}] {done}/{self.total} {rate:5.1f} doc/s "
                              f"{accepted} accepted {refused} refused  eta {eta:4.0f}s ")
        else:
            self.stream.write(f"build: {done}/{self.total} documents ({rate:.1f}/s), "
                              f"{accepted} accepted, {refused} refused\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()
