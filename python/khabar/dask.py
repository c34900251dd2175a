"""khabar over Dask: every column function, run partition by partition with ``map_partitions``.

Each column function of khabar is here with its own arguments (see
:data:`khabar._namespace.COLUMN_FUNCTIONS`), taking a Dask Series first — or a Dask
DataFrame and ``column=``, which gives the DataFrame back with that column replaced by the
result (``parse`` takes a Series and gives a DataFrame of article columns). Lazy: call
``.compute()`` or write the result out.

>>> import pandas as pd, dask.dataframe as dd
>>> import khabar.dask
>>> ddf = dd.from_pandas(pd.DataFrame({"body": ["مَدْرَسَةٌ", None, "كِتَابٌ"]}), npartitions=2)
>>> khabar.dask.normalize(ddf["body"]).compute().tolist()
['مدرسة', <NA>, 'كتاب']
>>> khabar.dask.normalize(ddf, preset="basic", column="body").compute()["body"].tolist()
['مدرسه', <NA>, 'كتاب']
>>> khabar.dask.stem_words(ddf["body"]).compute().tolist()
['مدرس', <NA>, 'كتاب']
>>> khabar.dask.parse(ddf["body"]).compute()["title"].tolist()[2]
'كِتَابٌ'

``near_duplicates`` compares rows across partitions: it runs the distributed recipe of
``docs/dedup.md`` (signatures where the rows lie, band buckets shuffled by key, pairs checked
where they meet, connected components of the kept edges) and gives the same cluster ids as
:func:`khabar.near_duplicates` on the whole column (ids are row positions, 0-based, in
partition order).

>>> khabar.dask.near_duplicates(dd.from_pandas(pd.Series(
...     ["خبر عاجل عن افتتاح المعرض الدولي للكتاب اليوم", None,
...      "خبر عاجل: عن افتتاح المعرض الدولي للكتاب اليوم"]), npartitions=2)).compute().tolist()
[0, <NA>, 0]

Each worker runs khabar's own thread pool: keep ``workers × KHABAR_NUM_THREADS <= cores``,
for instance ``LocalCluster(n_workers=2, threads_per_worker=1, env=khabar.dask.worker_env(1))``
on a 2-core machine. The work is sent as picklable calls naming a khabar function, so nothing
but khabar itself needs to be installed on the workers.
"""

from __future__ import annotations

import inspect
import sys
from typing import Any

from ._namespace import COLUMN_FUNCTIONS, Call, ColumnFunction, install

__all__ = ["worker_env"] + [f.name for f in COLUMN_FUNCTIONS]


def worker_env(threads: int = 1) -> dict[str, str]:
    """Environment for Dask workers: khabar's thread pool size per worker.

    >>> worker_env(2)
    {'KHABAR_NUM_THREADS': '2'}
    """
    return {"KHABAR_NUM_THREADS": str(threads)}


def _run(obj: Any, fn: ColumnFunction, call: Call, *, column: str | None) -> Any:
    if not fn.per_row:
        if column is None:
            return _near_duplicates(obj, call)
        return obj.assign(**{column: _near_duplicates(obj[column], call)})
    if column is None:
        meta = call(obj._meta.iloc[:0])
        return obj.map_partitions(call, meta=meta)
    if fn.out == "records":
        raise TypeError(f"{fn.name}(): column= is not supported; pass the Series "
                        f"(ddf[{column!r}]) to get a DataFrame of article columns")
    col = obj[column]
    meta = call(col._meta.iloc[:0])
    return obj.assign(**{column: col.map_partitions(call, meta=meta)})


def _near_duplicates(series: Any, call: Call) -> Any:
    """The distributed near-duplicate recipe (``docs/dedup.md``) over a Dask Series."""
    import dask
    import dask.dataframe as dd
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from ._dedup_scale import spec_of
    from ._khabar import components

    spec = spec_of(call.args, call.kwargs)
    parts = series.to_delayed()
    lengths = dask.compute(*[dask.delayed(len)(p) for p in parts])
    offsets = [int(o) for o in np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)])]
    texts = dd.from_delayed([dask.delayed(_texts)(p, o) for p, o in zip(parts, offsets)],
                            meta=_texts(series._meta, 0), verify_meta=False)
    sk = texts.map_partitions(_Sketch(spec), meta=_Sketch(spec)(texts._meta)).persist()
    first = sk.groupby(["key_hi", "key_lo"])["row"].min().rename("rep").reset_index()
    keyed = sk.merge(first, on=["key_hi", "key_lo"])
    exact = keyed[keyed["row"] != keyed["rep"]][["rep", "row"]].rename(
        columns={"rep": "left", "row": "right"})
    reps = keyed[keyed["row"] == keyed["rep"]].drop(columns=["rep"])
    lines = reps.map_partitions(_explode, meta=_explode(reps._meta))
    buckets = lines.shuffle(on=["band", "bkey"])
    pairs = buckets.map_partitions(_bucket_pairs, meta=_bucket_pairs(lines._meta)).drop_duplicates()
    if spec.verify == "exact":
        side = texts[["row", "text"]]
        value = "text"
    else:
        side = reps[["row", "signature"]]
        value = "signature"
    a = side.rename(columns={"row": "left", value: "a"})
    b = side.rename(columns={"row": "right", value: "b"})
    scored = pairs.merge(a, on="left").merge(b, on="right")
    scored = scored.assign(score=scored.map_partitions(_Scores(spec), meta=("score", "f8")))
    kept = scored[scored["score"] >= spec.threshold][["left", "right"]]
    edges = dd.concat([exact, kept]).compute()
    nodes, labels = components(edges["left"].tolist(), edges["right"].tolist())
    meta = pd.Series([], dtype="Int64", name=series.name)
    return series.map_partitions(_assign, offsets, np.asarray(nodes, np.int64),
                                 np.asarray(labels, np.int64), meta=meta)


def _texts(part: Any, offset: int) -> Any:
    import numpy as np
    import pandas as pd

    return pd.DataFrame({"row": pd.Series(np.arange(offset, offset + len(part), dtype=np.int64),
                                          dtype="int64[pyarrow]"),
                         "text": pd.Series(part.to_numpy(dtype=object), dtype="string[pyarrow]")})


class _Sketch:
    """Per partition: the sketches of its rows with words (picklable)."""

    def __init__(self, spec: Any) -> None:
        self.spec = spec

    def __call__(self, frame: Any) -> Any:
        import pandas as pd
        import pyarrow as pa

        t = self.spec.sketch_table(pa.array(frame["row"]), pa.array(frame["text"], pa.large_string()))
        return t.to_pandas(types_mapper=pd.ArrowDtype)


def _explode(frame: Any) -> Any:
    import pandas as pd
    import pyarrow as pa

    from ._dedup_scale import explode_bands

    t = pa.table({"row": pa.array(frame["row"], pa.int64()), "bands": pa.array(frame["bands"])})
    return explode_bands(t).to_pandas(types_mapper=pd.ArrowDtype)


def _bucket_pairs(frame: Any) -> Any:
    import pandas as pd
    import pyarrow as pa

    from ._dedup_scale import bucket_pair_table

    t = pa.table({k: pa.array(frame[k], pa.int64()) for k in ("row", "band", "bkey")})
    return bucket_pair_table(t).to_pandas(types_mapper=pd.ArrowDtype)


class _Scores:
    def __init__(self, spec: Any) -> None:
        self.spec = spec

    def __call__(self, frame: Any) -> Any:
        import pandas as pd
        import pyarrow as pa

        if self.spec.verify == "exact":
            a, b = (pa.array(frame[k], pa.large_string()) for k in ("a", "b"))
        else:
            a, b = (pa.array(frame[k], pa.binary()) for k in ("a", "b"))
        return pd.Series(pa.array(self.spec.scores(a, b)).to_numpy(zero_copy_only=False),
                         index=frame.index, name="score", dtype="f8")


def _assign(part: Any, offsets: list[int], nodes: Any, labels: Any,
            partition_info: dict[str, Any] | None = None) -> Any:
    import numpy as np
    import pandas as pd

    from ._dedup_scale import assign_ids

    start = offsets[partition_info["number"]] if partition_info else 0
    rows = np.arange(start, start + len(part), dtype=np.int64)
    ids = assign_ids(rows, part.notna().to_numpy(), nodes, labels)
    return pd.Series(pd.array(ids.to_pylist(), dtype="Int64"), index=part.index, name=part.name)


class _Functions:
    """Holds the generated functions until they become this module's own."""


install(
    _Functions, _run,
    first=[inspect.Parameter("obj", inspect.Parameter.POSITIONAL_ONLY)],
    extra=[inspect.Parameter("column", inspect.Parameter.KEYWORD_ONLY, default=None,
                             annotation="str | None")],
)
for _f in COLUMN_FUNCTIONS:
    _func = getattr(_Functions, _f.name)
    _func.__qualname__ = _f.name
    _func.__module__ = __name__
    setattr(sys.modules[__name__], _f.name, _func)
del _f, _func
