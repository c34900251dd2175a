"""Progress for long calls: ``progress=True`` uses tqdm when installed, a plain line on stderr
otherwise; a tqdm class (or any callable taking ``total=`` and ``unit=``) or an object with
``update()`` may be passed instead of ``True``.

Every long call runs in chunks, each in Rust without the GIL; Python code runs between chunks,
so Ctrl-C stops a call within one chunk and the progress shown is real.
"""

from __future__ import annotations

import sys
import time
from typing import Any


class _Plain:
    """A tqdm-like line on stderr, redrawn at most twice a second."""

    def __init__(self, total: int | None, desc: str) -> None:
        self.total, self.desc, self.n, self.bytes = total, desc, 0, 0
        self.start = self._last = time.perf_counter()

    def update(self, n: int = 1) -> None:
        self.n += n
        now = time.perf_counter()
        if now - self._last >= 0.5:
            self._last = now
            self._draw(now)

    def _draw(self, now: float, end: str = "\r") -> None:
        secs = max(now - self.start, 1e-9)
        total = f"/{self.total:,}" if self.total else ""
        mb = f", {self.bytes / secs / 1e6:.1f} MB/s" if self.bytes else ""
        sys.stderr.write(f"{self.desc}: {self.n:,}{total} docs, {self.n / secs:,.0f} docs/s{mb}"
                         + " " * 4 + end)
        sys.stderr.flush()

    def set_postfix_str(self, s: str, refresh: bool = True) -> None:
        pass

    def close(self) -> None:
        self._draw(time.perf_counter(), end="\n")


class Progress:
    """Counts documents (and bytes, for MB/s) through whatever ``progress`` asked for."""

    def __init__(self, progress: Any, total: int | None, desc: str = "khabar") -> None:
        self._bar: Any = None
        self._own = False
        self.docs = 0
        self.bytes = 0
        self._start = time.perf_counter()
        if progress is True:
            try:
                from tqdm.auto import tqdm
            except ImportError:
                self._bar = _Plain(total, desc)
            else:
                self._bar = tqdm(total=total, unit="doc", desc=desc, unit_scale=True)
            self._own = True
        elif callable(progress):
            self._bar = progress(total=total, unit="doc")
            self._own = True
        elif progress not in (None, False):
            if not hasattr(progress, "update"):
                raise TypeError(
                    "progress: expected True/False, a tqdm class or an object with update(); got "
                    f"{type(progress).__name__}")
            self._bar = progress

    def update(self, docs: int, nbytes: int = 0) -> None:
        self.docs += docs
        self.bytes += nbytes
        if self._bar is None:
            return
        if isinstance(self._bar, _Plain):
            self._bar.bytes = self.bytes
        elif self.bytes and hasattr(self._bar, "set_postfix_str"):
            secs = max(time.perf_counter() - self._start, 1e-9)
            self._bar.set_postfix_str(f"{self.bytes / secs / 1e6:.1f} MB/s", refresh=False)
        self._bar.update(docs)

    def close(self) -> None:
        if self._bar is not None and self._own:
            self._bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
