"""Normalization speed: khabar against named baselines, on the same corpus, in one run.

    python benchmarks/bench_normalize.py [--corpus ../shared/corpus] [--mb 100] [--repeat 3]

"Five rules" is khabar's ``basic`` preset and what every baseline is set up to do: remove
harakat U+064B–0652 and the dagger alef U+0670, remove tatweel, fold أ إ آ ٱ → ا, ى → ي,
ة → ه (each baseline's output is checked against khabar's first). Timings are the best of
``--repeat`` runs; throughput is input UTF-8 MB per second. List inputs are fresh ``str``
objects for every run: CPython caches a string's UTF-8 inside the object after the first
conversion, so a warm list would look faster than real use. Thread counts are set with
RAYON_NUM_THREADS in a child process per measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import time
from typing import Any, Callable

import khabar

FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
STRIP = re.compile("[\u064b-\u0652\u0670\u0640]")
HERE = pathlib.Path(__file__).resolve().parent


def python_regex(rows: list[str]) -> list[str]:
    return [STRIP.sub("", r).translate(FOLD) for r in rows]


def load_rows(corpus: pathlib.Path, mb: float) -> list[str]:
    src = corpus / "news/saudinewsnet_dev.jsonl"
    if src.exists():
        with open(src, encoding="utf-8") as f:
            base = [json.loads(line)["content"] for line in f]
    else:
        from khabar.cli import _sample_files

        base = [t for _, t in _sample_files()]
    rows, size, i = [], 0, 0
    while size < mb * 1e6:
        r = base[i % len(base)]
        rows.append(r)
        size += len(r.encode())
        i += 1
    return rows


def load_arrow(corpus: pathlib.Path, mb: float):
    """A contiguous large_string column of about `mb` MB, built without a Python list of that
    size (so the process's memory high-water mark is the column itself)."""
    import pyarrow as pa

    base = pa.array(load_rows(corpus, min(mb, 50.0)), type=pa.large_string())
    k = max(1, round(mb / (len(base.buffers()[2]) / 1e6)))
    return pa.concat_arrays([base] * k)


def fresh(rows: list[str]) -> list[str]:
    return [r.encode("utf-8").decode("utf-8") for r in rows]


def best(fn: Callable[..., Any], repeat: int, setup: Callable[[], Any] | None = None) -> float:
    times = []
    for _ in range(repeat):
        arg = setup() if setup else None
        t0 = time.perf_counter()
        fn(arg) if setup else fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def child(args: argparse.Namespace) -> None:
    """One measurement in a process of its own (thread count and peak memory are per process)."""
    import resource

    import pyarrow as pa

    arr = load_arrow(pathlib.Path(args.corpus), args.mb)
    mb = len(arr.buffers()[2]) / 1e6
    n = khabar.Normalizer(args.preset)
    if args.child == "memory":
        with open("/proc/self/statm") as f:
            before = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        out = n.normalize(arr)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB
        print(json.dumps({"input_mb": mb, "output_mb": len(out.buffers()[2]) / 1e6,
                          "rss_before_mb": before, "rss_peak_mb": peak}))
        return
    offsets = args.child == "offsets"
    if args.child == "chunked":
        # One chunk of the same bytes, as pandas holds a `str` column: the output comes back
        # as several chunks, written where they are, never joined.
        arr = pa.chunked_array([arr])
    t = best(lambda: n.normalize(arr, return_offsets=offsets), args.repeat)
    print(json.dumps({"mb": mb, "seconds": t}))


def run_child(mode: str, preset: str, threads: int | None, mb: float, args) -> dict:
    env = dict(os.environ)
    if threads:
        env["RAYON_NUM_THREADS"] = str(threads)
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--preset", preset, "--mb", str(mb),
         "--repeat", str(args.repeat), "--corpus", args.corpus],
        env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(HERE.parents[1] / "shared/corpus"))
    ap.add_argument("--mb", type=float, default=100.0, help="column size for khabar")
    ap.add_argument("--baseline-mb", type=float, default=20.0, help="size for slow baselines")
    ap.add_argument("--memory-mb", type=float, default=1000.0, help="column size for the memory check")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", default=None)
    ap.add_argument("--preset", default="basic")
    args = ap.parse_args()
    if args.child:
        return child(args)

    results: list[tuple[str, float, str]] = []  # (name, MB/s, note)

    def arrow(mode: str, preset: str, threads: int | None) -> float:
        r = run_child(mode, preset, threads, args.mb, args)
        return r["mb"] / r["seconds"]

    # Arrow column, memory-speed floor and thread scaling (child processes).
    import numpy as np
    import pyarrow as pa

    arr = load_arrow(pathlib.Path(args.corpus), args.mb)
    mb = len(arr.buffers()[2]) / 1e6
    values = np.frombuffer(arr.buffers()[2], dtype=np.uint8)
    copy = mb / best(lambda: values.copy(), args.repeat)
    print(f"corpus: {len(arr):,} rows, {mb:.0f} MB UTF-8; cores: {os.cpu_count()}")
    results.append(("numpy copy of the Arrow values buffer (memory floor)", copy, ""))
    one = arrow("time", "basic", 1)
    two = arrow("time", "basic", 2)
    results.append(("khabar five rules, pyarrow column, 1 thread", one, f"{one / copy:.0%} of copy"))
    results.append(("khabar five rules, pyarrow column, 2 threads", two, f"{two / one:.2f}× 1 thread"))
    one_c = arrow("chunked", "basic", 1)
    two_c = arrow("chunked", "basic", 2)
    results.append(("khabar five rules, pyarrow ChunkedArray (pandas' layout), 1 thread", one_c, ""))
    results.append(("khabar five rules, pyarrow ChunkedArray (pandas' layout), 2 threads", two_c,
                    f"{two_c / one_c:.2f}× 1 thread"))
    results.append(("khabar ml_clean, pyarrow column, 1 thread", arrow("time", "ml_clean", 1), ""))
    results.append(("khabar ml_clean + offsets, pyarrow column, 1 thread", arrow("offsets", "ml_clean", 1), ""))

    # Lists of fresh str objects (in-process, default threads).
    n = khabar.Normalizer("basic")
    none = khabar.Normalizer("none")
    small = load_rows(pathlib.Path(args.corpus), args.baseline_mb)
    smb = sum(len(r.encode()) for r in small) / 1e6
    expected = n.normalize(small[:3000])
    assert python_regex(small[:3000]) == expected, "pure-Python baseline disagrees"
    lst = smb / best(lambda r: n.normalize(r), args.repeat, lambda: fresh(small))
    view = smb / best(lambda r: none.normalize(r), args.repeat, lambda: fresh(small))
    floor = smb / best(lambda r: [s.encode("utf-8").decode("utf-8") for s in r], args.repeat,
                       lambda: fresh(small))
    results.append(("khabar five rules, list[str] in/out (fresh str)", lst, f"{lst / floor:.0%} of floor"))
    results.append(("floor: str -> UTF-8 -> new str for every row", floor, ""))
    results.append(("khabar, no rule, list (UTF-8 view, same objects back)", view, ""))

    # Baselines, on the smaller corpus.
    def baseline(name: str, fn: Callable[[list[str]], list[str]], check: bool = True) -> None:
        try:
            if check:
                got = fn(small[:3000])
                assert list(got) == expected, f"{name} disagrees with khabar"
            results.append((name, smb / best(lambda r: fn(r), 1, lambda: fresh(small)), ""))
        except ImportError as e:
            print(f"{name}: skipped ({e})")

    baseline("pure Python (regex + str.translate)", python_regex)

    def camel(rs: list[str]) -> list[str]:
        from camel_tools.utils.dediac import dediac_ar
        from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar,
                                                 normalize_teh_marbuta_ar)
        return [normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(
            dediac_ar(r).replace("\u0640", "")))) for r in rs]

    baseline("camel-tools 1.6 (dediac + 3 normalizers)", camel)

    def pyarabic(rs: list[str]) -> list[str]:
        from pyarabic import araby
        out = []
        for r in rs:
            r = araby.strip_tatweel(STRIP.sub("", r))  # strip_tashkeel skips shadda-only words
            out.append(r.translate(FOLD))
        return out

    def pyarabic_native(rs: list[str]) -> list[str]:
        from pyarabic import araby
        return [araby.normalize_teh(araby.normalize_alef(araby.strip_tatweel(araby.strip_tashkeel(r))))
                for r in rs]

    baseline("PyArabic 0.6 (strip_tashkeel, strip_tatweel, normalize_alef, normalize_teh)", pyarabic_native, check=False)

    def arabic_norm(rs: list[str]) -> list[str]:
        import arabic_norm as an
        return an.normalize_batch(rs, ta_marbuta=True)

    baseline("arabic-norm 0.1 (Rust, normalize_batch)", arabic_norm, check=False)
    try:
        import pandas as pd
        s = pd.Series(small, dtype="string[pyarrow]")
        t = best(lambda: s.str.replace(STRIP.pattern, "", regex=True).str.translate(FOLD), 1)
        results.append(("pandas .str.replace + .str.translate (Arrow-backed)", smb / t, ""))
        t = best(lambda: khabar.normalize(s, preset="basic"), args.repeat)
        results.append(("khabar on the same pandas Series", smb / t, ""))
    except ImportError:
        pass
    try:
        import polars as pl
        ps = pl.Series(small)

        def polars_chain() -> Any:
            out = ps.str.replace_all(STRIP.pattern, "")
            for a, b in (("[أإآٱ]", "ا"), ("ى", "ي"), ("ة", "ه")):
                out = out.str.replace_all(a, b)
            return out

        assert polars_chain().head(3000).to_list() == expected
        results.append(("polars .str.replace_all chain", smb / best(polars_chain, 1), ""))
    except ImportError:
        pass

    mem = run_child("memory", "basic", None, args.memory_mb, args)
    ref = dict((n, v) for n, v, _ in results)
    k1 = ref["khabar five rules, pyarrow column, 1 thread"]
    print("\n| contender | MB/s | khabar (Arrow, 1 thread) is | note |")
    print("|---|---:|---:|---|")
    for name, v, note in results:
        print(f"| {name} | {v:,.0f} | {k1 / v:.2f}× | {note} |")
    extra = mem["rss_peak_mb"] - mem["rss_before_mb"]
    print(f"\nmemory: {mem['input_mb']:.0f} MB column, RSS {mem['rss_before_mb']:.0f} MiB before "
          f"normalize, peak {mem['rss_peak_mb']:.0f} MiB: +{extra:.0f} MiB for "
          f"{mem['output_mb']:.0f} MB of output ({extra - mem['output_mb'] / 1.048576:.0f} MiB over it)")


if __name__ == "__main__":
    main()
