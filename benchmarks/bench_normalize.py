"""Normalization speed: khabar against named baselines, on the same corpus, in one run.

    python benchmarks/bench_normalize.py [--corpus ../shared/corpus] [--mb 40] [--repeat 5]

All contenders apply the same five rules (khabar's ``basic`` preset): remove harakat
U+064B–0652 and the dagger alef U+0670, remove tatweel, fold أ إ آ ٱ → ا, ى → ي, ة → ه.
Every timing is the best of ``--repeat`` runs; throughput is input UTF-8 MB per second.
List inputs are fresh ``str`` objects for every run (CPython caches a string's UTF-8 inside
the object after the first conversion; a warm list would look faster than real use).

Baselines: pure-Python (one compiled regex + ``str.translate``), CAMeL Tools 1.6
(``dediac_ar`` + ``normalize_alef_ar`` + ``normalize_alef_maksura_ar`` +
``normalize_teh_marbuta_ar`` + tatweel removal), and a numpy copy of the Arrow values buffer
(the memory-speed ceiling).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import time
from typing import Any, Callable

import khabar

FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
STRIP = re.compile("[\u064b-\u0652\u0670\u0640]")


def python_regex(rows: list[str]) -> list[str]:
    return [STRIP.sub("", r).translate(FOLD) for r in rows]


def load_rows(corpus: pathlib.Path | None, mb: float) -> list[str]:
    rows: list[str] = []
    if corpus is not None and (corpus / "news/saudinewsnet_dev.jsonl").exists():
        with open(corpus / "news/saudinewsnet_dev.jsonl", encoding="utf-8") as f:
            for line in f:
                rows.append(json.loads(line)["content"])
        source = "SaudiNewsNet dev (content column)"
    else:
        from khabar.cli import _sample_files

        rows = [t for _, t in _sample_files()]
        source = "khabar's bundled sample corpus"
    base, size, i = list(rows), sum(len(r.encode()) for r in rows), 0
    target = int(mb * 1e6)
    while size < target:  # repeat the corpus up to the requested size
        rows.append(base[i % len(base)])
        size += len(base[i % len(base)].encode())
        i += 1
    print(f"corpus: {source}, {len(rows):,} rows, {size / 1e6:.1f} MB UTF-8")
    return rows


def fresh(rows: list[str]) -> list[str]:
    return [r.encode("utf-8").decode("utf-8") for r in rows]


def best(fn: Callable[[], Any], repeat: int, setup: Callable[[], Any] | None = None) -> float:
    times = []
    for _ in range(repeat):
        arg = setup() if setup else None
        t0 = time.perf_counter()
        fn() if setup is None else fn(arg)  # type: ignore[call-arg]
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(pathlib.Path(__file__).resolve().parents[2] / "shared/corpus"))
    ap.add_argument("--mb", type=float, default=40.0)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rows = load_rows(pathlib.Path(args.corpus), args.mb)
    mb = sum(len(r.encode()) for r in rows) / 1e6
    n = khabar.Normalizer("basic")
    results: dict[str, float] = {}

    # Correctness first: every contender must agree with khabar on this corpus.
    expected = n.normalize(rows[:2000])
    assert python_regex(rows[:2000]) == expected, "pure-Python baseline disagrees"

    results["khabar, list[str] in/out"] = best(lambda r: n.normalize(r), args.repeat, lambda: fresh(rows))
    try:
        import numpy as np
        import pyarrow as pa

        arr = pa.array(rows, type=pa.large_string())
        results["khabar, pyarrow column"] = best(lambda: n.normalize(arr), args.repeat)
        values = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
        results["numpy copy of the values buffer"] = best(lambda: values.copy(), args.repeat)
        threads = os.environ.get("RAYON_NUM_THREADS")
        print(f"threads: RAYON_NUM_THREADS={threads or 'unset'} (cores: {os.cpu_count()})")
    except ImportError:
        print("pyarrow/numpy not installed: Arrow rows skipped")
    results["pure Python (regex + str.translate)"] = best(lambda r: python_regex(r), max(1, args.repeat // 2), lambda: fresh(rows))
    try:
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (
            normalize_alef_ar,
            normalize_alef_maksura_ar,
            normalize_teh_marbuta_ar,
        )

        def camel(rs: list[str]) -> list[str]:
            return [normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(
                dediac_ar(r).replace("\u0640", "")))) for r in rs]

        assert camel(rows[:2000]) == expected, "camel-tools baseline disagrees"
        results["camel-tools 1.6"] = best(lambda r: camel(r), 1, lambda: fresh(rows))
    except ImportError:
        print("camel-tools not installed: skipped (pip install --no-deps camel-tools emoji)")

    ref_list = results["khabar, list[str] in/out"]
    ref_arrow = results.get("khabar, pyarrow column")
    print("\n| contender | MB/s | khabar (list) speed-up | khabar (Arrow) speed-up |")
    print("|---|---:|---:|---:|")
    for name, t in results.items():
        ra = f"{t / ref_arrow:.2f}×" if ref_arrow else "–"  # time of it ÷ time of khabar
        print(f"| {name} | {mb / t:,.0f} | {t / ref_list:.2f}× | {ra} |")


if __name__ == "__main__":
    main()
