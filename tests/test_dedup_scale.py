"""The distributed near-duplicate recipes on real local clusters (Dask ``LocalCluster`` with 2
worker processes, Spark ``local[2]``) give the clusters the single-machine run gives, on
20,000 rows."""

from __future__ import annotations

import pathlib
from typing import Any

import pytest

import khabar

from dedup_data import corpus

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

N = 20_000


@pytest.fixture(scope="module")
def rows() -> list[str | None]:
    return corpus(N, seed=21)[0]


@pytest.fixture(scope="module")
def expected(rows: list[str | None]) -> dict[str, list[int | None]]:
    return {verify: khabar.near_duplicates(rows, on="body", verify=verify)
            for verify in ("exact", "signature")}


def _plain(values: list[object]) -> list[int | None]:
    return [None if v is None or v is pd.NA else int(v) for v in values]  # type: ignore[arg-type]


def test_expected_clusters_are_not_trivial(expected: dict[str, list[int | None]]) -> None:
    ids = expected["exact"]
    dups = sum(1 for i, c in enumerate(ids) if c is not None and c != i)
    assert dups > N // 10


def test_dask_local_cluster_gives_the_single_machine_clusters(
        dask_client: Any, rows: list[str | None], expected: dict[str, list[int | None]]) -> None:
    import dask.dataframe as dd

    import khabar.dask

    s = pd.Series(rows, dtype="string[pyarrow]", name="body")
    ds = dd.from_pandas(s, npartitions=6)
    exact = khabar.dask.near_duplicates(ds, on="body").compute()
    sig = khabar.dask.near_duplicates(ds, on="body", verify="signature").compute()
    frame = khabar.dask.near_duplicates(ds.to_frame(), on="body", column="body").compute()
    assert exact.index.equals(s.index) and exact.name == "body"
    assert _plain(exact.tolist()) == expected["exact"]
    assert _plain(sig.tolist()) == expected["signature"]
    assert _plain(frame["body"].tolist()) == expected["exact"]


def test_spark_local_gives_the_single_machine_clusters(
        tmp_path: pathlib.Path, spark: Any, rows: list[str | None],
        expected: dict[str, list[int | None]]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import khabar.spark

    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": list(range(N)), "body": rows}), src)
    df = spark.read.parquet(str(src)).repartition(4)
    for verify in ("exact", "signature"):
        out = khabar.spark.near_duplicates(df, "body", on="body", verify=verify, row_column="id")
        got = {r["id"]: r["cluster_id"] for r in out.select("id", "cluster_id").collect()}
        assert len(got) == N
        assert [got[i] for i in range(N)] == expected[verify], verify
    numbered = khabar.spark.near_duplicates(spark.read.parquet(str(src)).select("body"), "body",
                                            on="body")
    assert [r["cluster_id"] for r in numbered.collect()] == expected["exact"]
