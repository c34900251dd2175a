"""khabar in ML pipelines: ``datasets.map`` and scikit-learn's hashing vectorizer, each against
its baseline on the same rows in the same run.

    python benchmarks/bench_ml.py [--corpus ../shared/corpus] [--rows 10000] [--repeat 3]

Rows are the ``content`` of SaudiNewsNet dev (khabar's bundled sample, repeated, when
``../shared`` is absent). Every number is the best of ``--repeat`` runs, in MB of UTF-8 input
per second.

* ``datasets`` default (python) format: ``ds.map(khabar.hf.normalize(...), batched=True)``
  against the identity map that writes the text back under a new name
  (``lambda b: {"text_norm": b["text"]}``); bar >= 1.0x.
* ``with_format("arrow")``: the same map against ``datasets``' own Arrow identity map
  (appending the input column) plus a direct ``khabar.normalize`` of the Arrow column; bar:
  the map costs at most the identity plus 1.25x the direct call. Measured twice: writing the
  cache file, and with ``keep_in_memory=True`` (writing the file is most of either map's time
  and swings from run to run); the two maps and the direct call take turns in each repeat.
* ``khabar.sklearn.HashingVectorizer`` in parity mode (scikit-learn's token pattern, no
  normalizer) against scikit-learn's ``HashingVectorizer().transform``, both on one core
  (bar >= 10x; the output is checked equal), and khabar on 2 threads against 1 (bar >= 1.8x).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import tempfile
import time
from typing import Any, Callable

import khabar


def load_rows(corpus: pathlib.Path, n: int) -> tuple[list[str], str]:
    path = corpus / "news/saudinewsnet_dev.jsonl"
    if path.exists():
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line)["content"] for line, _ in zip(f, range(n))]
        return rows, "SaudiNewsNet dev (content)"
    from khabar.cli import _sample_files

    base = [t for _, t in _sample_files()]
    return (base * (n // len(base) + 1))[:n], "khabar's bundled sample corpus"


def best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=pathlib.Path,
                    default=pathlib.Path(__file__).resolve().parents[2] / "shared/corpus")
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import datasets
    import khabar.hf
    import pyarrow as pa
    from sklearn.feature_extraction.text import HashingVectorizer as SK

    from khabar.sklearn import SKLEARN_TOKEN_PATTERN, HashingVectorizer

    datasets.disable_progress_bars()
    rows, source = load_rows(args.corpus, args.rows)
    mb = sum(len(r.encode()) for r in rows) / 1e6
    print(f"{len(rows):,} rows of {source}, {mb:.1f} MB; khabar {khabar.__version__}, "
          f"datasets {datasets.__version__}; best of {args.repeat}\n")

    with tempfile.TemporaryDirectory() as tmp:
        datasets.Dataset.from_dict({"text": rows}).save_to_disk(f"{tmp}/ds")
        ds = datasets.load_from_disk(f"{tmp}/ds")  # memory-mapped, as a user's dataset is
        n = [0]

        def run_map(src: Any, fn: Callable[[Any], Any], in_memory: bool = False) -> None:
            n[0] += 1
            if in_memory:
                src.map(fn, batched=True, new_fingerprint=f"run{n[0]}", keep_in_memory=True)
            else:
                path = pathlib.Path(f"{tmp}/m{n[0]}.arrow")
                src.map(fn, batched=True, new_fingerprint=f"run{n[0]}", cache_file_name=str(path))
                path.unlink()

        norm = khabar.hf.normalize(preset="basic")
        ident = best(lambda: run_map(ds, lambda b: {"text_norm": b["text"]}), args.repeat)
        mine = best(lambda: run_map(ds, norm), args.repeat)
        arrow = ds.with_format("arrow")
        col = arrow[:]["text"]

        def append(t: Any) -> Any:
            return t.append_column("text_norm", t["text"])

        # The Arrow-format maps, identity and khabar's taking turns within each repeat, once
        # writing the cache file (as `datasets` does by default) and once in memory: writing
        # the file takes most of either map's time and its speed swings between runs (page
        # cache, write-back), which the in-memory runs leave out.
        arrow_rows = []
        for in_memory in (False, True):
            times: dict[str, list[float]] = {"ident": [], "mine": [], "direct": []}
            for _ in range(args.repeat):
                for key, fn in (("ident", lambda: run_map(arrow, append, in_memory)),
                                ("mine", lambda: run_map(arrow, norm, in_memory)),
                                ("direct", lambda: khabar.normalize(col, preset="basic"))):
                    t = time.perf_counter()
                    fn()
                    times[key].append(time.perf_counter() - t)
            arrow_rows.append((in_memory, {k: min(v) for k, v in times.items()}))

    print("| datasets map, batched | MB/s | ratio | bar |\n|---|---:|---:|---:|")
    print(f"| identity `{{'text_norm': b['text']}}` | {mb / ident:,.1f} | 1.00x | |")
    print(f"| khabar.hf.normalize | {mb / mine:,.1f} | {ident / mine:.2f}x | >= 1.0x |")
    for in_memory, t in arrow_rows:
        where = "in memory (keep_in_memory=True)" if in_memory else "cache file"
        print(f"| arrow, {where}: identity (append_column) | {mb / t['ident']:,.1f} | | |")
        print(f"| arrow, {where}: direct khabar.normalize(Arrow column) | {mb / t['direct']:,.1f} | | |")
        print(f"| arrow, {where}: khabar.hf.normalize | {mb / t['mine']:,.1f} | map = identity + "
              f"{(t['mine'] - t['ident']) / t['direct']:.2f}x direct | <= identity + 1.25x direct |")

    docs = [r.encode().decode() for r in rows]
    parity = HashingVectorizer(token_pattern=SKLEARN_TOKEN_PATTERN, normalizer=None)
    before = khabar.num_threads()
    try:
        khabar.set_num_threads(1)
        got = parity.transform(docs)
        want = SK().transform(docs)
        assert got.shape == want.shape and (got != want).nnz == 0, "parity mode differs"
        sk = best(lambda: SK().transform(docs), args.repeat)
        one = best(lambda: parity.transform(docs), args.repeat)
        khabar.set_num_threads(2)
        two = best(lambda: parity.transform(docs), args.repeat)
        default = HashingVectorizer()
        two_default = best(lambda: default.transform(docs), args.repeat)
    finally:
        khabar.set_num_threads(before)
    print("\n| hashing vectorizer | MB/s | ratio | bar |\n|---|---:|---:|---:|")
    print(f"| scikit-learn HashingVectorizer().transform, 1 core | {mb / sk:,.1f} | 1.00x | |")
    print(f"| khabar parity mode, 1 thread (equal output) | {mb / one:,.1f} | {sk / one:.1f}x | >= 10x |")
    print(f"| khabar parity mode, 2 threads | {mb / two:,.1f} | {one / two:.2f}x of 1 thread | >= 1.8x |")
    print(f"| khabar default (Arabic tokens, search preset), 2 threads | {mb / two_default:,.1f} | | |")


if __name__ == "__main__":
    main()
