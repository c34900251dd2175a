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
    if column is None:
        meta = call(obj._meta.iloc[:0])
        return obj.map_partitions(call, meta=meta)
    if fn.out == "records":
        raise TypeError(f"{fn.name}(): column= is not supported; pass the Series "
                        f"(ddf[{column!r}]) to get a DataFrame of article columns")
    col = obj[column]
    meta = call(col._meta.iloc[:0])
    return obj.assign(**{column: col.map_partitions(call, meta=meta)})


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
