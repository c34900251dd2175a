"""Near-duplicates and syndicated copies: MinHash signatures, clusters, and dedup of a table.

The work runs in Rust (``khabar._khabar``); this module puts results back into the caller's
type. ``docs/dedup.md`` states the method: how text becomes shingles, how signatures and
bands are made, how candidates are checked and clustered.

>>> import khabar
>>> story = "أعلنت وزارة التعليم اليوم افتتاح مئة مدرسة جديدة في المناطق الريفية خلال العام المقبل"
>>> copy = "الرياض - واس - اعلنت وزاره التعليم اليوم افتتاح مئه مدرسة جديدة في المناطق الريفيه خلال العام المقبل."
>>> khabar.near_duplicates([story, copy, "خبر آخر عن الاقتصاد والأسواق المالية في المنطقة", None])
[0, 0, 2, None]
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, Any, Literal, overload

from . import _batch
from ._errors import KhabarTypeError, KhabarValueError
from ._khabar import minhash as _minhash
from ._khabar import near_duplicates as _near_duplicates

if TYPE_CHECKING:
    from . import Normalizer

__all__ = ["dedup", "minhash", "near_duplicates"]

Verify = Literal["exact", "signature"]


def _signature_rows(result: Any, num_perm: int, bits: int, one: bool) -> Any:
    """``(bytes, rows, missing)`` from the core as numpy (or ``array.array`` without numpy)."""
    data, rows, missing = result
    try:
        import numpy as np
    except ImportError:
        code = "I" if bits == 32 else "Q"
        flat = array(code)
        flat.frombytes(data)
        out: list[Any] = [flat[i * num_perm:(i + 1) * num_perm] for i in range(rows)]
        for i in missing:
            out[i] = None
        return out[0] if one else out
    values = np.frombuffer(data, dtype=np.uint32 if bits == 32 else np.uint64)
    if one:
        return values
    values = values.reshape(rows, num_perm)
    if missing:
        mask = np.zeros(values.shape, dtype=bool)
        mask[missing] = True
        return np.ma.MaskedArray(values, mask=mask)
    return values


def _signatures_to_arrow(sigs: Any, num_perm: int, bits: int) -> Any:
    """A 2-D (masked) numpy array as an Arrow ``fixed_size_list`` column."""
    import numpy as np
    import pyarrow as pa

    value_type = pa.uint32() if bits == 32 else pa.uint64()
    data = np.ma.getdata(sigs).reshape(-1)
    mask = np.ma.getmaskarray(sigs)[:, 0] if np.ma.isMaskedArray(sigs) else None
    flat = pa.array(data, type=value_type)
    return pa.FixedSizeListArray.from_arrays(flat, num_perm, mask=pa.array(mask) if mask is not None else None)


@overload
def minhash(x: str, num_perm: int = ..., ngram: int = ..., normalizer: str | Normalizer | None = ...,
            seed: int = ..., *, bits: Literal[32, 64] = ..., on: Literal["text", "body"] = ...) -> Any: ...
@overload
def minhash(x: Any, num_perm: int = ..., ngram: int = ..., normalizer: str | Normalizer | None = ...,
            seed: int = ..., *, bits: Literal[32, 64] = ..., on: Literal["text", "body"] = ...) -> Any: ...


def minhash(x: Any, num_perm: int = 128, ngram: int = 5, normalizer: str | Normalizer | None = "search",
            seed: int = 0, *, bits: Literal[32, 64] = 32, on: Literal["text", "body"] = "text") -> Any:
    """MinHash signatures of normalized word shingles, one per row.

    Each row is normalized (``normalizer``, plus Unicode fixes, invisible characters removed and
    digits made ASCII), cut into words (punctuation, symbols, emoji, URLs and e-mails left
    out), and every run of ``ngram`` words is a shingle. Value ``i`` of the signature is the
    least of hash function ``i`` over the shingles; two signatures agree on a value with
    probability equal to their texts' Jaccard similarity. Signatures depend only on the text
    and the arguments: the same on every machine, run and thread count.

    Args:
        x: a ``str``; a list, tuple or iterable of ``str | None``; a pandas or polars Series;
            or a pyarrow Array/ChunkedArray of strings.
        num_perm: values per signature.
        ngram: words per shingle (a text with fewer words has one shingle of them all).
        normalizer: a preset name, a :class:`khabar.Normalizer`, or ``None`` (only the rules
            always added); Lucene's ``"search"`` folds أ إ آ ى ة and drops marks and tatweel.
        seed: seed of the hash functions.
        bits: 32 (``uint32`` values) or 64 (``uint64``; the 32-bit signature is its top half).
        on: ``"text"`` hashes the row as it is; ``"body"`` the article body the plain-text
            parser finds in it (no title, dateline, sign-off, bylines or boilerplate).

    Returns:
        Arrow input gives an Arrow ``fixed_size_list<uint32>`` column (``uint64`` with
        ``bits=64``), null where the input is; a pandas Series a Series of that Arrow dtype on
        the same index; a polars Series an ``Array`` Series. A ``str`` gives a 1-D numpy array
        and a list a 2-D numpy array ``(rows, num_perm)`` — a masked array when some rows are
        missing. Without numpy, a ``str`` gives an ``array.array`` (type code ``I`` or ``Q``)
        and a list a list of them, ``None`` for missing rows. A text with no word has every
        value at the maximum.

    >>> sig = minhash("قالت الوزارة إن المدارس ستفتح أبوابها الأسبوع المقبل", num_perm=4)
    >>> sig.shape, sig.dtype.name
    ((4,), 'uint32')
    >>> (minhash("قالت الوزاره: إن المدارس ستفتح ابوابها الاسبوع المقبل", num_perm=4) == sig).all()
    np.True_
    >>> minhash(["نص أول", None, "نص ثان"], num_perm=8).mask[:, 0].tolist()
    [False, True, False]
    """
    if bits not in (32, 64):
        raise KhabarValueError(f"bits={bits!r}: expected 32 or 64")

    def core(v: Any) -> Any:
        result = _minhash(v, num_perm, ngram, normalizer, seed, bits, on)
        if isinstance(result, tuple):
            return _signature_rows(result, num_perm, bits, isinstance(v, str))
        return result

    lib = _batch.family(x)
    if lib == "pandas" and hasattr(x, "index") and not _batch.pandas_is_arrow(x):
        import pandas as pd

        try:
            sigs = core(x.tolist())
        except KhabarTypeError as e:
            raise _batch.relabel(e, x.index) from None
        arr = _signatures_to_arrow(sigs, num_perm, bits)
        return pd.Series(arr, index=x.index, name=x.name, dtype=pd.ArrowDtype(arr.type))
    return _batch.apply(core, x, "lists")


def near_duplicates(x: Any, threshold: float = 0.8, num_perm: int = 128, ngram: int = 5,
                    normalizer: str | Normalizer | None = "search", on: Literal["text", "body"] = "text",
                    *, seed: int = 0, verify: Verify = "exact", pairs: bool = False) -> Any:
    """Clusters of near-duplicate rows: per row, the least row number of its cluster.

    Rows whose normalized words are the same are joined at once (exact copies, hashed
    first). The others are compared through their MinHash signatures: the signature is cut
    into bands (their number chosen from ``threshold``, see ``docs/dedup.md``), rows sharing a
    band are candidate pairs, and a candidate pair is joined when its Jaccard similarity is at
    least ``threshold``. Clusters are what these joins connect; a cluster's id is its least row
    position (0-based, whatever the pandas index), so a row is a duplicate exactly when its id
    is not its own position. Rows without any word are alone; missing rows get a missing id.

    Args:
        x: a column of texts (list, pandas or polars Series, pyarrow Array/ChunkedArray); the
            whole column is compared, so it is never cut into chunks.
        threshold: Jaccard similarity (0 to 1] from which two rows are duplicates.
        num_perm, ngram, normalizer, on, seed: as for :func:`minhash`; ``on="body"`` compares
            article bodies, so a copy with another title, dateline or sign-off still matches.
        verify: ``"exact"`` checks candidates on the exact Jaccard similarity of their
            shingles (the texts are at hand); ``"signature"`` on the signatures' estimate, as
            ``khabar dedup`` and the Spark and Dask recipes do on data that does not fit.
        pairs: also return the pairs looked at.

    Returns:
        The cluster ids in ``x``'s type: a list of ``int | None``, a pandas ``Int64`` Series on
        the same index, a polars ``Int64`` Series, an Arrow ``int64`` array (``0`` for a lone
        ``str``). With ``pairs=True`` a tuple ``(ids, pairs)``; ``pairs`` has one row per exact
        copy (joined to the first row of its group) and per candidate pair: ``left``,
        ``right`` (row positions), ``estimated_jaccard``, ``jaccard`` (exact) and
        ``duplicate`` (whether it passed the check) — a DataFrame of the input's library (a
        pyarrow Table for Arrow), a list of tuples for a list.

    >>> a = "انطلقت اليوم في العاصمة فعاليات المعرض الدولي للكتاب بمشاركة ألف دار نشر من أربعين دولة"
    >>> ids, found = near_duplicates([a, None, a + " //انتهى//"], pairs=True)
    >>> ids
    [0, None, 0]
    >>> [(left, right, round(est, 2), round(exact, 3), dup) for left, right, est, exact, dup in found]
    [(0, 2, 0.89, 0.917, True)]
    """
    if pairs not in (True, False):
        raise KhabarTypeError(f"pairs={pairs!r}: expected True or False")
    lib = _batch.family(x)
    if lib == "pandas" and hasattr(x, "index"):
        import pandas as pd

        if _batch.pandas_is_arrow(x):
            import pyarrow as pa

            rows: Any = pa.chunked_array(x)
        else:
            rows = x.tolist()
        try:
            ids, table = _near_duplicates(rows, threshold, num_perm, ngram, normalizer, seed, on, verify, pairs)
        except KhabarTypeError as e:
            raise _batch.relabel(e, x.index) from None
        if not isinstance(ids, list):
            import pyarrow as pa

            ids = pa.array(ids).to_pylist()
        out = pd.Series(ids, index=x.index, name=x.name, dtype="Int64")
        return (out, pd.DataFrame(table)) if pairs else out
    if lib == "polars" and hasattr(x, "name"):
        import polars as pl

        ids, table = _near_duplicates(x, threshold, num_perm, ngram, normalizer, seed, on, verify, pairs)
        out = pl.Series(x.name, ids, dtype=pl.Int64)
        return (out, pl.DataFrame(table)) if pairs else out
    ids, table = _near_duplicates(x, threshold, num_perm, ngram, normalizer, seed, on, verify, pairs)
    if lib == "pyarrow":
        import pyarrow as pa

        ids = pa.array(ids)
        if isinstance(x, pa.ChunkedArray):
            ids = pa.chunked_array([ids])
        return (ids, pa.table(table)) if pairs else ids
    if not pairs:
        return ids
    if not isinstance(ids, (list, int)):
        return ids, table
    cols = [table[k] for k in ("left", "right", "estimated_jaccard", "jaccard", "duplicate")]
    return ids, list(zip(*cols))


def dedup(data: Any, column: str = "text", threshold: float = 0.8, num_perm: int = 128, ngram: int = 5,
          normalizer: str | Normalizer | None = "search", on: Literal["text", "body"] = "text", *,
          seed: int = 0, verify: Verify = "exact", keep: Literal["first"] = "first") -> Any:
    """Keep the first row of each cluster of near-duplicates (see :func:`near_duplicates`).

    Args:
        data: a pandas or polars DataFrame or a pyarrow Table (its ``column`` is compared), a
            pandas or polars Series, or a list of ``str | None``.
        column: the text column of a table.
        keep: ``"first"``: the row of least position of each cluster stays, in place.
        Others: as for :func:`near_duplicates`.

    Returns:
        ``data`` without the later rows of each cluster, in its own type and order (a pandas
        DataFrame keeps its index labels). Rows with a missing text are kept.

    >>> dedup(["خبر عاجل عن افتتاح المعرض الدولي للكتاب اليوم في العاصمة", None,
    ...        "خبر عاجل عن افتتاح المعرض الدولي للكتاب اليوم في العاصمة!"])
    ['خبر عاجل عن افتتاح المعرض الدولي للكتاب اليوم في العاصمة', None]
    """
    if keep != "first":
        raise KhabarValueError(f"keep={keep!r}: only 'first' is supported")
    lib = _batch.family(data)
    if lib not in ("pandas", "polars", "pyarrow") and not isinstance(data, (list, tuple)):
        data = list(data)
    is_table = hasattr(data, "columns") and (lib != "pyarrow" or hasattr(data, "column_names"))
    if is_table and column not in (data.column_names if lib == "pyarrow" else data.columns):
        raise KhabarValueError(f"column={column!r}: no such column")
    col = (data.column(column) if lib == "pyarrow" else data[column]) if is_table else data
    ids = near_duplicates(col, threshold, num_perm, ngram, normalizer, on, seed=seed, verify=verify)
    if lib == "pandas":
        import numpy as np

        keep_mask = (ids.isna() | (ids == np.arange(len(ids)))).to_numpy(dtype=bool)
        return data[keep_mask]
    if lib == "polars":
        import polars as pl

        keep_mask = ids.is_null() | (ids == pl.int_range(0, len(ids), eager=True))
        return data.filter(keep_mask)
    if lib == "pyarrow":
        import pyarrow as pa

        kept = [i is None or i == n for n, i in enumerate(pa.array(ids).to_pylist()
                                                          if not isinstance(ids, pa.ChunkedArray)
                                                          else ids.to_pylist())]
        return data.filter(pa.array(kept))
    return [r for n, (r, i) in enumerate(zip(data, ids)) if i is None or i == n]

