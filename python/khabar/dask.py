"""khabar over Dask: every partition is a pandas Series, handed to khabar with ``map_partitions``.

>>> import pandas as pd, dask.dataframe as dd
>>> import khabar.dask
>>> ddf = dd.from_pandas(pd.DataFrame({"body": ["مَدْرَسَةٌ", None, "كِتَابٌ"]}), npartitions=2)
>>> khabar.dask.normalize(ddf["body"]).compute().tolist()
['مدرسة', <NA>, 'كتاب']
>>> khabar.dask.normalize(ddf, column="body", preset="basic").compute()["body"].tolist()
['مدرسه', <NA>, 'كتاب']
>>> khabar.dask.parse(ddf["body"]).compute()["title"].tolist()[2]
'كِتَابٌ'

Each worker runs khabar's own thread pool: keep ``workers × RAYON_NUM_THREADS <= cores``,
for instance ``LocalCluster(n_workers=2, threads_per_worker=1, env=khabar.dask.worker_env(1))``
on a 2-core machine. Work is sent as module-level functions and picklable
:class:`khabar.Normalizer` objects, so nothing else needs to be installed on the workers than
khabar itself.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._normalize import Normalizer

__all__ = ["normalize", "parse", "tokenize", "worker_env"]


def worker_env(threads: int = 1) -> dict[str, str]:
    """Environment for Dask workers: khabar's (rayon's) thread pool size per worker.

    >>> worker_env(2)
    {'RAYON_NUM_THREADS': '2'}
    """
    return {"RAYON_NUM_THREADS": str(threads)}


def _normalize_part(s: pd.Series, normalizer: Normalizer) -> pd.Series:
    return normalizer.normalize(s)


def _parse_part(s: pd.Series) -> pd.DataFrame:
    from . import parse

    return parse(s)


def _tokenize_part(s: pd.Series, options: dict[str, Any]) -> pd.Series:
    from ._tokens import tokenize

    return tokenize(s, **options)


def normalize(obj: Any, preset: str = "ml_clean", *, column: str | None = None,
              **rules: Any) -> Any:
    """Normalize a Dask Series (-> Series), or ``column`` of a Dask DataFrame (-> the DataFrame
    with that column normalized). Lazy: call ``.compute()`` or write it out."""
    normalizer = Normalizer(preset, **rules)
    if column is not None:
        col = obj[column]
        return obj.assign(**{column: col.map_partitions(_normalize_part, normalizer,
                                                        meta=col._meta)})
    return obj.map_partitions(_normalize_part, normalizer, meta=obj._meta)


def parse(series: Any) -> Any:
    """Parse a Dask Series of articles into a Dask DataFrame (the columns of
    :data:`khabar.article.ROW_COLUMNS`), aligned on the series' index."""
    meta = _parse_part(series._meta.iloc[:0])
    return series.map_partitions(_parse_part, meta=meta)


def tokenize(series: Any, **options: Any) -> Any:
    """Tokenize a Dask Series (see :func:`khabar.tokenize` for ``options``): a Series of token
    lists."""
    meta = _tokenize_part(series._meta.iloc[:0], options)
    return series.map_partitions(_tokenize_part, options, meta=meta)
