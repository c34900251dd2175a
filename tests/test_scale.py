"""At scale: zero-copy Arrow input, fork safety, Ctrl-C between chunks, Dask and Spark clusters.

Each check that measures memory or signals runs in a fresh interpreter, so that nothing the
test session did before (a started thread pool, a high-water mark) blurs the result.
"""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys
import textwrap
import time
from typing import Any, Callable

import pytest

import khabar

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")

HERE = pathlib.Path(__file__).resolve().parent


def run_py(code: str, timeout: float = 120, env: dict[str, str] | None = None) -> str:
    r = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                       text=True, timeout=timeout, env={**os.environ, **(env or {})})
    assert r.returncode == 0, r.stderr
    return r.stdout


# --- zero-copy in -----------------------------------------------------------------------------

ZERO_COPY = """
import os, sys, json
import pyarrow as pa, pandas as pd, polars as pl
import khabar, khabar.pandas, khabar.polars

def kb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1])

def reset_peak():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")

# 400 MB of marks only: every row normalizes to "", so the output is tiny and any copy of the
# input shows up as hundreds of MB of growth.
n, row = 200_000, "\\u064e" * 1000
data = row.encode() * n
offsets = pa.array(range(0, len(data) + 1, len(row.encode())), pa.int64())
arr = pa.LargeStringArray.from_buffers(n, offsets.buffers()[1], pa.py_buffer(data))
del data
inputs = {
    "pyarrow": arr,
    "chunked": pa.chunked_array([arr.slice(0, n // 2), arr.slice(n // 2)]),
    "pandas": pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([arr])), copy=False),
    "polars": pl.Series("t", arr),
}
calls = {
    "pyarrow": lambda x: khabar.normalize(x),
    "chunked": lambda x: khabar.normalize(x),
    "pandas": lambda x: x.khabar.normalize(),
    "polars": lambda x: x.khabar.normalize(),
}
khabar.normalize(["warm"] * 1000)
out = {}
for name, x in inputs.items():
    reset_peak()
    base = kb("VmRSS:")
    y = calls[name](x)
    assert len(y) == n
    out[name] = (kb("VmHWM:") - base) / 1024
    del y
print(json.dumps(out))
"""


def test_arrow_input_is_not_copied() -> None:
    pytest.importorskip("polars")
    if not os.access("/proc/self/clear_refs", os.W_OK):
        pytest.skip("needs /proc/self/clear_refs (Linux) to reset the peak RSS")
    growth = json.loads(run_py(ZERO_COPY, timeout=300))
    # The input is 400 MB; a copy of it (or a conversion to Python strings) would add that
    # much. The output (offsets of 200k empty rows) is under 2 MB; what remains is the
    # allocator's scratch for one chunk's output buffer (the accessor works in 64 MB chunks).
    for name, mb in growth.items():
        assert mb < 100, f"{name}: peak RSS grew {mb:.0f} MB on a 400 MB input: {growth}"


# --- fork safety ------------------------------------------------------------------------------

FORK = """
import os, sys
import pyarrow as pa
import khabar

rows = ["كِتَابٌ جَدِيدٌ"] * 100_000
assert khabar.normalize(rows)[0] == "كتاب جديد"          # the parent's pool is running
assert khabar.io.threads() >= 1

pid = os.fork()
if pid == 0:
    try:
        ok = khabar.normalize(rows)[-1] == "كتاب جديد"
        ok &= khabar.normalize(pa.array(rows))[5].as_py() == "كتاب جديد"
        ok &= len(khabar.tokenize(rows[:1000], offsets=False)) == 1000
        ok &= pa.table(khabar._khabar.parse_table(pa.array(rows[:500]))).num_rows == 500
        ok &= khabar.io.threads() == 1
        os._exit(0 if ok else 3)
    except BaseException:
        os._exit(4)
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status))
assert khabar.normalize(rows)[0] == "كتاب جديد"          # the parent still runs in parallel
"""

MP_FORK = """
import multiprocessing as mp
import khabar

def work(i):
    return khabar.normalize(["مَدْرَسَةٌ"] * 50_000)[i]

if __name__ == "__main__":
    khabar.normalize(["x"] * 100_000)                       # start the pool before forking
    with mp.get_context("fork").Pool(2) as pool:
        print(pool.map(work, range(4)))
"""


def test_fork_after_the_pool_started_does_not_deadlock() -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no os.fork on this platform")
    assert run_py(FORK, timeout=60).strip() == "0"


def test_multiprocessing_fork_pool(tmp_path: pathlib.Path) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform")
    script = tmp_path / "mp_fork.py"
    script.write_text(textwrap.dedent(MP_FORK), encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(["مدرسة"] * 4)


# --- Ctrl-C -----------------------------------------------------------------------------------

INTERRUPT = """
import sys, time
import khabar, khabar.io
rows = [("استقبل المشير خليفة حفتر مدير المخابرات. " * 40)] * 4000
print("started", flush=True)
t = time.perf_counter()
try:
    while True:
        khabar.io.map_chunks(khabar.parse, rows * 50, chunk_rows=2000)
except KeyboardInterrupt:
    print(f"interrupted {time.perf_counter() - t:.2f}", flush=True)
    sys.exit(0)
"""


def _interrupt(args: list[str], wait_for: str | Callable[[], bool],
               after: float) -> tuple[subprocess.Popen[str], str, str, float]:
    """Start `args`, wait until it is working (a line on stdout containing `wait_for`, or
    `wait_for()` true), then `after` seconds, then send SIGINT."""
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if isinstance(wait_for, str):
        assert p.stdout is not None
        line = p.stdout.readline()
        assert wait_for in line, line + (p.stderr.read() if p.stderr else "")
    else:
        deadline = time.monotonic() + 60
        while not wait_for():
            assert p.poll() is None, "the command ended before it started working"
            assert time.monotonic() < deadline, "the command never started working"
            time.sleep(0.01)
    time.sleep(after)
    sent = time.perf_counter()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    return p, out, err, time.perf_counter() - sent


def test_ctrl_c_stops_a_long_python_call_between_chunks() -> None:
    p, out, err, took = _interrupt([sys.executable, "-c", textwrap.dedent(INTERRUPT)],
                                   "started", 2.0)
    assert p.returncode == 0, err
    assert "interrupted" in out
    assert took < 10


def test_ctrl_c_stops_the_cli_and_leaves_no_output(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "big.jsonl"
    line = json.dumps({"text": "استقبل المشير خليفة حفتر مدير المخابرات. " * 60},
                      ensure_ascii=False) + "\n"
    src.write_text(line * 60_000, encoding="utf-8")
    out = tmp_path / "out.parquet"
    # Interrupt once the first chunk is being written (the partial file exists): the whole
    # job takes only a few seconds, so a fixed delay could miss it.
    p, _, err, took = _interrupt(
        [sys.executable, "-m", "khabar", "parse", str(src), "-o", str(out), "--chunk-rows",
         "500", "--no-progress"],
        lambda: any(x.name.startswith(".out.parquet.partial") for x in tmp_path.iterdir()), 0.1)
    assert p.returncode == 130, err
    assert "interrupted" in err and took < 10
    assert sorted(x.name for x in tmp_path.iterdir()) == ["big.jsonl"]


# --- Dask -------------------------------------------------------------------------------------

def _corpus(n: int) -> list[str | None]:
    base = [
        "حفتر يلتقي بمدير المخابرات\n\nاستقبل المشير خليفة حفتر مدير المخابرات المصرية.",
        "مَدْرَسَــةٌ جَدِيدَةٌ فِي الْقَاهِرَةِ",
        None,
        "القاهرة (رويترز) - قال مسؤولون إن النمو بلغ 3.5% في 2020.",
    ]
    return [None if base[i % 4] is None else f"{base[i % 4]} {i}" for i in range(n)]


def plain(s: pd.Series) -> list[object]:
    return [None if pd.isna(v) else v for v in s.tolist()]


def test_dask_local_cluster_matches_single_process(dask_client: Any) -> None:
    import dask.dataframe as dd

    import khabar.dask

    rows = _corpus(10_000)
    pdf = pd.DataFrame({"id": range(len(rows)), "body": pd.Series(rows, dtype="str")})
    expected_norm = khabar.normalize(pdf["body"], preset="basic")
    expected_parse = khabar.parse(pdf["body"])
    ddf = dd.from_pandas(pdf, npartitions=8)
    norm = khabar.dask.normalize(ddf["body"], preset="basic").compute()
    frame = khabar.dask.normalize(ddf, column="body", preset="basic").compute()
    parsed = khabar.dask.parse(ddf["body"]).compute()
    tokens = khabar.dask.tokenize(ddf["body"], offsets=False).compute()
    # Each partition really ran on a worker process.
    pids = set(dask_client.run(os.getpid).values())
    assert os.getpid() not in pids and len(pids) == 2
    # Dask stores strings as string[pyarrow] (missing = pd.NA), pandas 3 as str (missing = NaN).
    assert norm.index.equals(pdf.index) and norm.name == "body"
    assert plain(norm) == plain(expected_norm) == plain(frame["body"])
    assert len(parsed) == len(rows)
    assert parsed.index.equals(pdf.index)
    for col in ("title", "body_text", "language"):
        assert parsed[col].tolist() == expected_parse[col].tolist(), col
    assert parsed["stats"].tolist() == expected_parse["stats"].tolist()
    assert [None if t is None or t is pd.NA else list(t) for t in tokens] == [
        None if t is None else list(t) for t in khabar.tokenize(rows, offsets=False)]


# --- Spark ------------------------------------------------------------------------------------

def test_spark_local_map_in_arrow_matches_single_process(tmp_path: pathlib.Path, spark: Any) -> None:
    import khabar.spark

    rows = _corpus(10_000)
    pdf = pd.DataFrame({"id": list(range(len(rows))), "body": rows})
    src = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pandas(pdf, preserve_index=False), src)
    df = spark.read.parquet(str(src)).repartition(4)
    clean = khabar.spark.normalize(df, "body", preset="basic", output_column="clean")
    got = {r["id"]: r["clean"] for r in clean.select("id", "clean").collect()}
    expected = khabar.normalize(rows, preset="basic")
    assert len(got) == len(rows)
    assert [got[i] for i in range(len(rows))] == expected
    parsed = khabar.spark.parse(df, "body", keep=["id"])
    prow = {r["id"]: r for r in parsed.select("id", "title", "language").collect()}
    single = pa.table(khabar._khabar.parse_table(pa.array(rows)))
    assert [prow[i]["title"] for i in range(len(rows))] == single.column("title").to_pylist()
    assert [prow[i]["language"] for i in range(len(rows))] == \
        single.column("language").to_pylist()
    assert parsed.count() == len(rows)
