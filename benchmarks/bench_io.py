"""Corpora at scale: the CLI end to end, the pandas accessor against the raw pyarrow call, and
peak memory while streaming a large JSONL.

    python benchmarks/bench_io.py --mb 100 --stream-mb 1000 --threads 2

1. ``khabar parse IN.jsonl -o OUT.parquet --preset ml_clean`` on ``--mb`` MB of JSONL news
   (SaudiNewsNet ``content`` from ../shared/corpus when present, else the bundled sample),
   timed end to end as a user runs it (interpreter start, reading, parsing, normalizing,
   writing zstd Parquet). Target: >= 30 MB/s on 2 cores.
2. ``series.khabar.normalize()`` on an Arrow-backed pandas ``str`` Series against
   ``khabar.normalize`` on the same data as a pyarrow ChunkedArray. Target: within 10%.
3. Peak RSS of ``khabar normalize`` and ``khabar parse`` streaming ``--stream-mb`` MB of JSONL
   to Parquet (``ru_maxrss`` of the child). Target: <= 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus" / "news" / "saudinewsnet_dev.jsonl"


def articles() -> list[str]:
    if SHARED.exists():
        with open(SHARED, encoding="utf-8") as f:
            return [json.loads(line)["content"] for line in f]
    from importlib import resources

    root = resources.files("khabar") / "data" / "sample"
    return [p.read_text(encoding="utf-8") for p in root.iterdir() if p.name.endswith(".txt")]


def make_jsonl(path: pathlib.Path, mb: int, docs: list[str]) -> int:
    target, size, i = mb * 1_000_000, 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while size < target:
            line = json.dumps({"id": f"d{i}", "text": docs[i % len(docs)]}, ensure_ascii=False)
            f.write(line + "\n")
            size += len(line.encode()) + 1
            i += 1
    return size


def run_cli(args: list[str], threads: int) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one CLI run in a child process."""
    env = {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "khabar", *args, "--no-progress",
                        "--threads", str(threads)], env=env, capture_output=True, text=True)
    secs = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"khabar failed: {r.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return secs, max(peak, before) / 1024


def bench_cli(tmp: pathlib.Path, mb: int, threads: int, docs: list[str]) -> None:
    src = tmp / "news.jsonl"
    size = make_jsonl(src, mb, docs)
    print(f"\n## CLI end to end: {size / 1e6:.0f} MB of JSONL, {threads} threads\n")
    print("| command | s | MB/s | peak RSS MB |\n|---|---:|---:|---:|")
    for task, extra in (("parse", ["--preset", "ml_clean"]), ("normalize", []),
                        ("tokenize", [])):
        out = tmp / f"{task}.parquet"
        times = []
        for _ in range(2):
            secs, _rss = run_cli([task, str(src), "-o", str(out), *extra], threads)
            times.append(secs)
        secs = min(times)
        print(f"| khabar {task} {' '.join(extra)} -o .parquet | {secs:.2f} | "
              f"{size / secs / 1e6:.1f} | |")
    src.unlink()


def bench_accessor(docs: list[str], mb: int) -> None:
    import pandas as pd
    import pyarrow as pa

    import khabar
    import khabar.pandas  # noqa: F401

    rows, size = [], 0
    while size < mb * 1_000_000:
        d = docs[len(rows) % len(docs)]
        rows.append(d)
        size += len(d.encode())
    series = pd.Series(rows, dtype="str")            # pandas 3: Arrow-backed by default
    chunked = pa.chunked_array(series)               # the same buffers, through the capsule

    def best(fn: object, n: int = 7) -> float:
        ts = []
        for _ in range(n):
            t = time.perf_counter()
            fn()  # type: ignore[operator]
            ts.append(time.perf_counter() - t)
        return statistics.median(ts)

    raw = best(lambda: khabar.normalize(chunked))
    acc = best(lambda: series.khabar.normalize())
    plain = best(lambda: khabar.normalize(series))
    print(f"\n## pandas accessor vs raw pyarrow: {size / 1e6:.0f} MB, ml_clean, median of 7\n")
    print("| call | ms | MB/s | vs raw |\n|---|---:|---:|---:|")
    for name, secs in (("khabar.normalize(pyarrow ChunkedArray)", raw),
                       ("series.khabar.normalize() (Arrow-backed str)", acc),
                       ("khabar.normalize(series)", plain)):
        print(f"| {name} | {secs * 1000:.0f} | {size / secs / 1e6:,.0f} | {secs / raw:.2f}x |")


def bench_stream(tmp: pathlib.Path, mb: int, threads: int, docs: list[str]) -> None:
    src = tmp / "big.jsonl"
    size = make_jsonl(src, mb, docs)
    print(f"\n## Streaming {size / 1e6:,.0f} MB of JSONL to Parquet, {threads} threads\n")
    print("| command | s | MB/s | peak RSS MB |\n|---|---:|---:|---:|")
    for task, extra in (("normalize", []), ("parse", ["--preset", "ml_clean"])):
        out = tmp / f"big-{task}.parquet"
        code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
                "r = subprocess.run(sys.argv[1:]); "
                "print(time.perf_counter() - t, "
                "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, r.returncode)")
        r = subprocess.run([sys.executable, "-c", code, sys.executable, "-m", "khabar", task,
                            str(src), "-o", str(out), "--no-progress", "--threads",
                            str(threads), *extra], capture_output=True, text=True)
        secs, peak, rc = r.stdout.split()
        if rc != "0":
            raise SystemExit(f"khabar failed: {r.stderr}")
        print(f"| khabar {task} {' '.join(extra)} | {float(secs):.1f} | "
              f"{size / float(secs) / 1e6:.1f} | {float(peak):.0f} |")
        out.unlink()
    src.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--stream-mb", type=int, default=1000)
    ap.add_argument("--accessor-mb", type=int, default=200)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--skip", nargs="*", default=[], choices=["cli", "accessor", "stream"])
    args = ap.parse_args()
    docs = articles()
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        if "cli" not in args.skip:
            bench_cli(tmp, args.mb, args.threads, docs)
        if "accessor" not in args.skip:
            bench_accessor(docs, args.accessor_mb)
        if "stream" not in args.skip:
            bench_stream(tmp, args.stream_mb, args.threads, docs)


if __name__ == "__main__":
    main()
