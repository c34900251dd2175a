"""How many threads khabar's batch calls use.

Batch calls (a list, a pandas/polars Series, an Arrow column, a corpus) run in parallel over
rows on khabar's own thread pool. Its size is, in order: the last :func:`set_num_threads` of
the process, the environment variable ``KHABAR_NUM_THREADS``, ``RAYON_NUM_THREADS``, the
number of cores. It can change at any time: calls that start after :func:`set_num_threads`
use the new size.

A process forked after khabar started its pool (``datasets.map(num_proc=...)``,
``multiprocessing`` with fork, data-loader workers, Spark's Python workers) runs its calls on
the calling thread, since its siblings share the cores, unless ``KHABAR_NUM_THREADS`` asks for
more or it calls :func:`set_num_threads` itself. Nothing is printed either way.
"""

from __future__ import annotations

from ._khabar import num_threads as _num_threads, set_num_threads as _set_num_threads

__all__ = ["num_threads", "set_num_threads"]


def set_num_threads(n: int) -> None:
    """Make batch calls started from now on use ``n`` threads (1: the calling thread only).

    >>> import khabar
    >>> khabar.set_num_threads(1)
    >>> khabar.num_threads()
    1
    >>> khabar.normalize(["كِتَابٌ", None])
    ['كتاب', None]
    >>> khabar.set_num_threads(2)
    >>> khabar.num_threads()
    2

    Raises ``ValueError`` for ``n < 1`` and ``TypeError`` for a value that is not an ``int``.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        from ._errors import KhabarTypeError

        raise KhabarTypeError(f"set_num_threads: expected an int, got {type(n).__name__}")
    _set_num_threads(n)


def num_threads() -> int:
    """The number of threads a batch call started now uses in this process.

    >>> import khabar
    >>> khabar.num_threads() >= 1
    True
    """
    return _num_threads()
