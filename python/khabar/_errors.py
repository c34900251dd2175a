"""khabar's exceptions.

Every error khabar raises on purpose derives from :class:`KhabarError`, and also from the
built-in class that says what went wrong, so ``except TypeError`` keeps working::

    >>> import khabar
    >>> try:
    ...     khabar.normalize(["ok", 3])
    ... except TypeError as e:
    ...     print(e)
    row 1: expected str or None, got int
"""

from __future__ import annotations

__all__ = ["KhabarError", "KhabarTypeError", "KhabarValueError", "KhabarInternalError"]


class KhabarError(Exception):
    """Base class of every error khabar raises.

    ``row`` is the position of the offending row in a batch, when there is one.
    """

    row: int | None = None


class KhabarTypeError(KhabarError, TypeError):
    """An argument or a row of a batch has the wrong type."""


class KhabarValueError(KhabarError, ValueError):
    """An argument or a row of a batch has a bad value (unknown preset, lone surrogate...)."""


class KhabarInternalError(KhabarError, RuntimeError):
    """A bug inside khabar (a Rust panic), reported as an exception instead of a crash."""
