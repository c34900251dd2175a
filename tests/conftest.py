"""Shared fixtures: the parser goldens in tests/data/parse (always there), and the real corpora
in ../shared (tests using them skip when it is absent)."""

from __future__ import annotations

import os
import pathlib
import sys
from typing import Any, Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: Parser inputs with their expected output (see its README.md).
PARSE_DATA = ROOT / "tests" / "data" / "parse"


@pytest.fixture(scope="session")
def shared() -> pathlib.Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared (real corpora) is not present in this checkout")
    return SHARED


@pytest.fixture(scope="session")
def parse_data() -> pathlib.Path:
    return PARSE_DATA


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (PARSE_DATA / "seed.txt").read_bytes().decode("utf-8")


@pytest.fixture
def spark() -> Iterator[Any]:
    """A Spark ``local[2]`` session with khabar's settings (skips without pyspark or Java)."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install khabar[spark])")
    from pyspark.sql import SparkSession

    import khabar.spark

    # Python workers must run this interpreter (the one khabar is installed in).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    try:
        session = (SparkSession.builder.master("local[2]").appName("khabar-test")
                   .config("spark.ui.enabled", "false")
                   .config("spark.sql.shuffle.partitions", "4")
                   .config("spark.driver.memory", "1g")
                   .config(map=khabar.spark.config(threads=1))
                   .getOrCreate())
    except Exception as e:  # pragma: no cover - depends on the machine's Java
        pytest.skip(f"Spark cannot start here: {e}")
    try:
        yield session
    finally:
        session.stop()


@pytest.fixture
def dask_client() -> Iterator[Any]:
    """A Dask client on a ``LocalCluster`` of 2 worker processes, 1 thread each (skips
    without dask)."""
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    import khabar.dask

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None,
                                  env=khabar.dask.worker_env(1)) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        yield client
