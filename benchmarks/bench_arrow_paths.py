"""Every Arrow entry point of the installed khabar, in MB of UTF-8 input per second, so that two
builds can be compared on the same rows in the same session.

    python benchmarks/bench_arrow_paths.py [--corpus ../shared/corpus] [--mb 40] [--repeat 5]
                                           [--json out.json]

Run it with each build's interpreter, alternating (``--json`` keeps the numbers); every figure
is the best of ``--repeat`` runs. Paths: normalize (``basic``, ``ml_clean``, ``ml_clean`` with
offsets) on a pyarrow array and on a chunked array (how pandas and polars hand a column over);
tokenize, sentences and stem on a pyarrow array; the article table (``parse`` on a pyarrow
array); the CLI (``khabar normalize`` and ``khabar parse -o`` on a JSONL file, end to end, as
a user runs them).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable

import khabar


def load(corpus: pathlib.Path, mb: float) -> list[str]:
    path = corpus / "news/saudinewsnet_dev.jsonl"
    if path.exists():
        with open(path, encoding="utf-8") as f:
            base = [json.loads(line)["content"] for line in f]
    else:
        from khabar.cli import _sample_files

        base = [t for _, t in _sample_files()]
    rows: list[str] = []
    size = 0
    while size < mb * 1e6:
        r = base[len(rows) % len(base)]
        rows.append(r)
        size += len(r.encode())
    return rows


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=pathlib.Path,
                    default=pathlib.Path(__file__).resolve().parents[2] / "shared/corpus")
    ap.add_argument("--mb", type=float, default=40)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=pathlib.Path)
    args = ap.parse_args()
    import pyarrow as pa

    rows = load(args.corpus, args.mb)
    mb = sum(len(r.encode()) for r in rows) / 1e6
    array = pa.array(rows, pa.large_string())
    chunked = pa.chunked_array([array.slice(i, 1000) for i in range(0, len(array), 1000)])
    parse_rows = pa.array(rows[: len(rows) // 4], pa.large_string())
    parse_mb = mb * len(parse_rows) / len(rows)
    results: dict[str, float] = {}

    def run(name: str, fn: Callable[[], Any], size: float = mb) -> None:
        results[name] = size / best(fn, args.repeat)
        print(f"{name:40} {results[name]:9.1f} MB/s", flush=True)

    for preset in ("basic", "ml_clean"):
        n = khabar.Normalizer(preset)
        run(f"normalize {preset} (array)", lambda: n.normalize(array))
        run(f"normalize {preset} (chunked)", lambda: n.normalize(chunked))
    ml = khabar.Normalizer("ml_clean")
    run("normalize ml_clean + offsets (array)", lambda: ml.normalize(array, return_offsets=True))
    run("tokenize (array)", lambda: khabar.tokenize(array))
    run("tokenize offsets=False (array)", lambda: khabar.tokenize(array, offsets=False))
    run("sentences (array)", lambda: khabar.sentences(array))
    run("stem (array)", lambda: khabar.stem(array))
    run("parse -> table (array)", lambda: khabar.parse(parse_rows), parse_mb)

    with tempfile.TemporaryDirectory() as d:
        src = pathlib.Path(d) / "news.jsonl"
        with open(src, "w", encoding="utf-8") as f:
            for r in rows[: len(rows) // 4]:
                f.write(json.dumps({"text": r}, ensure_ascii=False) + "\n")
        cli = [sys.executable, "-m", "khabar.cli"]
        run("CLI normalize -o parquet", lambda: subprocess.run(
            cli + ["normalize", str(src), "-o", str(pathlib.Path(d) / "n.parquet")],
            check=True, capture_output=True), parse_mb)
        run("CLI parse -o parquet", lambda: subprocess.run(
            cli + ["parse", str(src), "-o", str(pathlib.Path(d) / "p.parquet")],
            check=True, capture_output=True), parse_mb)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
