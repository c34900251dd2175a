"""Parsing speed: MB/s of raw article text, one thread against two.

    python benchmarks/bench_parse.py [--corpus ../shared/corpus] [--repeat 5] [--limit N]
                                     [--source ant|snn]

The input is the ANT dev articles (CNN, BBC, France24 Arabic) rendered as raw text by
``layouts.py``, article ``i`` in layout ``LAYOUTS[i % 6]``, so every layout is in the mix. Each
configuration runs in a fresh process with ``RAYON_NUM_THREADS`` set (the pool size is fixed
when it starts), warms up once, and reports the best of ``--repeat`` runs:

- ``table``: ``khabar.parse(pyarrow array)`` → ``pyarrow.Table`` (parse + Arrow table, built in
  Rust; what a DataFrame user gets);
- ``table (pandas)``: ``khabar.parse(pandas Series)`` → DataFrame with the Series' index
  (adds pyarrow's ``to_pandas``, which is single-threaded Python-object work);
- ``list``: ``khabar.parse(list of str)`` → list of ``Article`` (one Python object tree per
  article: bound by building Python objects under the GIL).

MB are 10^6 bytes of UTF-8 input. Besides wall-clock MB/s, each cell gives MB per CPU-second
(``time.process_time``, all threads): the per-core speed, which holds when other work shares
the machine and the wall clock does not. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent


def load_texts(corpus: pathlib.Path, limit: int | None, source: str = "ant") -> list[str]:
    if source == "snn":
        import html

        with open(corpus / "news/saudinewsnet_dev.jsonl", encoding="utf-8") as f:
            records = [json.loads(line) for line in f][:limit]
        return [html.unescape(r["title"]) + "\n\n" + r["content"] for r in records]
    sys.path.insert(0, str(HERE))
    from layouts import LAYOUTS, render

    with open(corpus / "news/ant_dev.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    if limit:
        records = records[:limit]
    titles = [r["title"] for r in records]
    return [render(r, LAYOUTS[i % len(LAYOUTS)], others=titles[i + 1:i + 4])["text"]
            for i, r in enumerate(records)]


def worker(corpus: pathlib.Path, limit: int | None, repeat: int, modes: list[str],
           source: str) -> None:
    """Runs in the child process: times each mode, prints one JSON line."""
    import khabar
    import pyarrow as pa

    texts = load_texts(corpus, limit, source)
    size = sum(len(t.encode("utf-8")) for t in texts)
    out: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for mode in modes:
        if mode == "table":
            arr = pa.array(texts, type=pa.large_string())
            run = lambda: khabar.parse(arr)  # noqa: E731
        elif mode == "pandas":
            import pandas as pd

            s = pd.Series(texts, index=range(10, 10 + len(texts)))
            run = lambda: khabar.parse(s)  # noqa: E731
        else:
            # Fresh str objects each run: pyo3 caches a str's UTF-8, which would flatter reruns.
            run = lambda: khabar.parse([t.encode().decode() for t in texts])  # noqa: E731
        run()
        best = best_cpu = float("inf")
        for _ in range(repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            run()
            best = min(best, time.perf_counter() - started)
            best_cpu = min(best_cpu, time.process_time() - started_cpu)
        out[mode] = size / best / 1e6
        cpu[mode] = size / best_cpu / 1e6
    print(json.dumps({"bytes": size, "articles": len(texts), "mb_per_s": out,
                      "mb_per_cpu_s": cpu, "load": os.getloadavg()[0]}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(HERE.parents[1] / "shared/corpus"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--modes", default="table,pandas,list")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--source", choices=("ant", "snn"), default="ant",
                    help="ant: ANT dev rendered in the layouts (default); snn: SaudiNewsNet "
                         "title + content as scraped (long lines)")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    modes = args.modes.split(",")
    if args.worker:
        worker(pathlib.Path(args.corpus), args.limit, args.repeat, modes, args.source)
        return
    results = {}
    for n in [int(t) for t in args.threads.split(",")]:
        cmd = [sys.executable, __file__, "--worker", "--corpus", args.corpus,
               "--repeat", str(args.repeat), "--modes", args.modes, "--source", args.source]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        env = dict(os.environ, RAYON_NUM_THREADS=str(n))
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
        results[n] = json.loads(done.stdout.strip().splitlines()[-1])
    first = next(iter(results.values()))
    loads = ", ".join(f"{r['load']:.1f}" for r in results.values())
    what = "ANT dev articles" if args.source == "ant" else "SaudiNewsNet dev articles"
    print(f"{first['articles']} {what}, {first['bytes'] / 1e6:.1f} MB of raw text; "
          f"{os.cpu_count()} CPUs, load average {loads} during the runs\n")
    threads = list(results)
    names = {"table": "table (pyarrow)", "pandas": "table (pandas)", "list": "list of Article"}
    head = " | ".join(f"{n} thread{'s' if n > 1 else ''}: wall MB/s (per CPU-second)"
                      for n in threads)
    print(f"| output | {head}" + (f" | speedup {threads[-1]} vs {threads[0]} |"
                                  if len(threads) > 1 else " |"))
    print("|---|" + "---|" * len(threads) + ("---|" if len(threads) > 1 else ""))
    for mode in modes:
        speeds = [results[n]["mb_per_s"][mode] for n in threads]
        per_cpu = [results[n]["mb_per_cpu_s"][mode] for n in threads]
        row = f"| {names[mode]} | " + " | ".join(
            f"{v:.1f} ({c:.1f})" for v, c in zip(speeds, per_cpu))
        if len(threads) > 1:
            row += f" | {speeds[-1] / speeds[0]:.2f}×"
        print(row + " |")


if __name__ == "__main__":
    main()
