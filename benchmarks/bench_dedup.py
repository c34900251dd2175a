"""Throughput of MinHash signatures and of ``khabar dedup``, against baselines in the same run.

    python benchmarks/bench_dedup.py [--mb 50] [--baseline-mb 5] [--num-perm 128]
    python benchmarks/bench_dedup.py --cli-mb 1000      # khabar dedup on that much JSONL

Rows: SaudiNewsNet ``content`` (``../shared/corpus/news``), repeated up to ``--mb``. Every
contender hashes 5-word shingles into ``--num-perm`` values:

- khabar: ``khabar.minhash`` on a pyarrow column (normalization, words, shingles and
  signatures, all in Rust), in a fresh process with ``RAYON_NUM_THREADS`` = 1 and = 2;
- datasketch ``MinHash.update_batch`` on whitespace 5-grams (its usual set-up), on the first
  ``--baseline-mb`` of the same rows (it is slow; its MB/s is per byte of those rows);
- rensa ``RMinHash`` and gaoya ``MinHasher`` when they are installed, on the same rows.

MB/s are bytes of UTF-8 text per second of wall time. ``--cli-mb N`` writes N MB of JSONL and
runs ``khabar dedup`` on it, reporting the wall time and the peak RSS of the command.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import textwrap
import time
from typing import Any

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def load_rows(corpus: pathlib.Path, mb: float) -> list[str]:
    base = [json.loads(line)["content"] for line in
            open(corpus / "news" / "saudinewsnet_dev.jsonl", encoding="utf-8")]
    rows: list[str] = []
    size = 0
    while size < mb * 1e6:
        for r in base:
            rows.append(r)
            size += len(r.encode("utf-8"))
            if size >= mb * 1e6:
                break
    return rows


KHABAR = """
import json, sys, time
import pyarrow as pa
import khabar
rows = json.load(open(sys.argv[1], encoding="utf-8"))
arr = pa.array(rows, pa.large_string())
num_perm = int(sys.argv[2])
khabar.minhash(arr.slice(0, 200), num_perm=num_perm)
best = None
for _ in range(3):
    t0 = time.perf_counter()
    khabar.minhash(arr, num_perm=num_perm)
    took = time.perf_counter() - t0
    best = took if best is None else min(best, took)
print(json.dumps({"seconds": best, "bytes": arr.nbytes - 8 * (len(arr) + 1)}))
"""


def run_khabar(path: str, num_perm: int, threads: int) -> float:
    env = {**os.environ, "RAYON_NUM_THREADS": str(threads)}
    r = subprocess.run([sys.executable, "-c", KHABAR, path, str(num_perm)], env=env,
                       capture_output=True, text=True, check=True)
    out = json.loads(r.stdout)
    return out["bytes"] / out["seconds"] / 1e6


def time_it(fn: Any, rows: list[str]) -> float | None:
    t0 = time.perf_counter()
    if fn(rows) is False:
        return None
    took = time.perf_counter() - t0
    return sum(len(r.encode("utf-8")) for r in rows) / took / 1e6


def shingles(text: str) -> list[bytes]:
    w = text.split()
    return [" ".join(w[i:i + 5]).encode("utf-8") for i in range(max(1, len(w) - 4))]


def datasketch_fn(num_perm: int) -> Any:
    def run(rows: list[str]) -> bool:
        try:
            from datasketch import MinHash
        except ImportError:
            return False
        for r in rows:
            m = MinHash(num_perm=num_perm)
            m.update_batch(shingles(r))
        return True
    return run


def rensa_fn(num_perm: int) -> Any:
    def run(rows: list[str]) -> bool:
        try:
            from rensa import RMinHash  # type: ignore[import-not-found]
        except ImportError:
            return False
        for r in rows:
            m = RMinHash(num_perm=num_perm, seed=42)
            m.update([s.decode("utf-8") for s in shingles(r)])
            m.digest()
        return True
    return run


def gaoya_fn(num_perm: int) -> Any:
    def run(rows: list[str]) -> bool:
        try:
            from gaoya.minhash import MinHashStringIndex  # type: ignore[import-not-found]
        except ImportError:
            return False
        index = MinHashStringIndex(hash_size=32, jaccard_threshold=0.8, num_bands=16,
                                   band_size=num_perm // 16, num_hashes=num_perm,
                                   analyzer="word", lowercase=True, ngram_range=(5, 5))
        index.par_bulk_insert_docs(list(range(len(rows))), rows)
        return True
    return run


def cli_memory(corpus: pathlib.Path, mb: float) -> dict[str, Any]:
    base = [json.loads(line) for line in
            open(corpus / "news" / "saudinewsnet_dev.jsonl", encoding="utf-8")]
    with tempfile.TemporaryDirectory() as d:
        src = pathlib.Path(d) / "in.jsonl"
        size = 0
        n = 0
        with open(src, "w", encoding="utf-8") as f:
            while size < mb * 1e6:
                for r in base:
                    line = json.dumps({"text": r["content"], "source": r["source"]},
                                      ensure_ascii=False) + "\n"
                    f.write(line)
                    size += len(line.encode("utf-8"))
                    n += 1
                    if size >= mb * 1e6:
                        break
        out = pathlib.Path(d) / "out.parquet"
        code = textwrap.dedent("""
            import resource, subprocess, sys, time
            t0 = time.perf_counter()
            r = subprocess.run([sys.executable, "-m", "khabar", "dedup", sys.argv[1], "-o",
                                sys.argv[2], "--no-progress"], capture_output=True, text=True)
            took = time.perf_counter() - t0
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            print(r.returncode, took, peak, r.stderr.strip().replace(chr(10), " "))
        """)
        r = subprocess.run([sys.executable, "-c", code, str(src), str(out)],
                           capture_output=True, text=True, check=True)
        rc, took, peak, msg = r.stdout.split(" ", 3)
        return {"mb": size / 1e6, "rows": n, "rc": int(rc), "seconds": float(took),
                "peak_rss_mib": int(peak) / 1024, "message": msg.strip()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--baseline-mb", type=float, default=5)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--cli-mb", type=float, default=0)
    args = ap.parse_args()
    rows = load_rows(args.corpus, args.mb)
    small = load_rows(args.corpus, args.baseline_mb)
    results: list[tuple[str, float | None]] = []
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump(rows, f, ensure_ascii=False)
    try:
        one = run_khabar(f.name, args.num_perm, 1)
        two = run_khabar(f.name, args.num_perm, 2)
    finally:
        os.unlink(f.name)
    results.append(("khabar.minhash, pyarrow column, 1 thread", one))
    results.append(("khabar.minhash, pyarrow column, 2 threads", two))
    results.append(("datasketch MinHash.update_batch", time_it(datasketch_fn(args.num_perm), small)))
    results.append(("rensa RMinHash", time_it(rensa_fn(args.num_perm), small)))
    results.append(("gaoya MinHashStringIndex.par_bulk_insert_docs (2 threads)",
                    time_it(gaoya_fn(args.num_perm), small)))
    print(f"## MinHash signatures, {args.num_perm} values, 5-word shingles "
          f"({args.mb:g} MB for khabar, {args.baseline_mb:g} MB for the others)\n")
    print("| contender | MB/s | khabar 1 thread is |")
    print("|---|---:|---:|")
    for name, mbs in results:
        if mbs is None:
            print(f"| {name} | not installed | |")
        else:
            print(f"| {name} | {mbs:,.1f} | {one / mbs:,.2f}× |")
    print(f"\n2 threads / 1 thread: {two / one:.2f}×")
    if args.cli_mb:
        m = cli_memory(args.corpus, args.cli_mb)
        print(f"\n## khabar dedup on {m['mb']:,.0f} MB of JSONL ({m['rows']:,} rows)\n")
        print(f"exit {m['rc']}, {m['seconds']:.1f} s, peak RSS {m['peak_rss_mib']:,.0f} MiB")
        print(m["message"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
