"""Python results at Python speed: khabar on `str` and `list[str]` against `str.split` and
against khabar's own Arrow path, on the same rows, in one run.

    python benchmarks/bench_lists.py [--corpus ../shared/corpus] [--rows 5000]
                                     [--parse-rows 10000] [--repeat 5]

Rows are the ``content`` of SaudiNewsNet dev (real Saudi news; khabar's bundled sample when
``../shared`` is absent). Every list is built of fresh ``str`` objects before each timed run
(CPython caches a string's UTF-8 inside it after the first conversion; a warm list would look
faster than a user's). Each number is the best of ``--repeat`` runs, in MB of UTF-8 input per
second; every ratio is against a baseline timed in the same run:

* ``tokenize``/``sentences``/``stem`` on a list against ``[s.split() for s in rows]``;
* ``parse`` on a list against ``parse`` on a pyarrow array of the same rows, and the cost of
  then reading every field of every article (which builds everything the field holds), of
  walking every value nested in them (Python's own loop included), and ``to_dict`` per
  article;
* one 100 MB ``str`` through ``tokenize`` (seconds), and a million one-word rows through
  ``parse`` as a list and as a pyarrow array.

The pool uses every core (``RAYON_NUM_THREADS`` to change it).
"""

from __future__ import annotations

import argparse
import json
import pathlib
from typing import Any, Callable

import khabar
from bench_tokenize import best, fresh  # same helpers, same meaning: fresh str, best of n


def load_rows(corpus: pathlib.Path, n: int) -> tuple[list[str], str]:
    path = corpus / "news/saudinewsnet_dev.jsonl"
    if path.exists():
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line)["content"] for line, _ in zip(f, range(n))]
        source = "SaudiNewsNet dev (content)"
    else:
        from khabar.cli import _sample_files

        rows = [t for _, t in _sample_files()]
        source = "khabar's bundled sample corpus"
    base = list(rows)
    while len(rows) < n:
        rows.extend(base[: n - len(rows)])
    return rows, source


def read_every_field(articles: list[Any]) -> None:
    """Every field of every article, as a user reads them (each builds all it holds)."""
    for a in articles:
        for name in a:
            a[name]


def walk_every_value(articles: list[Any]) -> None:
    """Every value nested anywhere in every article (records, tuples, their items)."""

    def walk(v: Any) -> None:
        if isinstance(v, khabar.Record):
            for x in v.values():
                walk(x)
        elif isinstance(v, tuple):
            for x in v:
                walk(x)

    for a in articles:
        walk(a)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=pathlib.Path,
                    default=pathlib.Path(__file__).resolve().parents[2] / "shared/corpus")
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--parse-rows", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--big", action="store_true", help="also the 100 MB str and 1M-row cases")
    args = ap.parse_args()
    import pyarrow as pa

    rows, source = load_rows(args.corpus, args.rows)
    mb = sum(len(r.encode()) for r in rows) / 1e6
    print(f"{len(rows):,} rows of {source}, {mb:.1f} MB; khabar {khabar.__version__}, "
          f"{khabar.io.threads()} threads; best of {args.repeat}\n")

    def rate(fn: Callable[[Any], Any], setup: Callable[[], Any], size: float = mb) -> float:
        return size / best(fn, args.repeat, setup)

    split = rate(lambda r: [s.split() for s in r], lambda: fresh(rows))
    cases = [
        ("tokenize(list)", lambda r: khabar.tokenize(r), 1.5),
        ("tokenize(list, offsets=False)", lambda r: khabar.tokenize(r, offsets=False), 2.0),
        ("stem(list)", lambda r: khabar.stem(r), 2.0),
        ("sentences(list)", lambda r: khabar.sentences(r), 3.0),
    ]
    print("| call | MB/s | vs str.split | bar |\n|---|---:|---:|---:|")
    print(f"| [s.split() for s in rows] | {split:,.1f} | 1.00x | |")
    for name, fn, bar in cases:
        r = rate(fn, lambda: fresh(rows))
        print(f"| {name} | {r:,.1f} | {r / split:.2f}x | >= {bar}x |")

    prows, _ = load_rows(args.corpus, args.parse_rows)
    pmb = sum(len(r.encode()) for r in prows) / 1e6
    arrow = rate(lambda a: khabar.parse(a), lambda: pa.array(prows, pa.large_string()), pmb)
    listed = rate(lambda r: khabar.parse(r), lambda: fresh(prows), pmb)
    t_list = best(lambda r: khabar.parse(r), args.repeat, lambda: fresh(prows))
    t_read = best(read_every_field, args.repeat, lambda: khabar.parse(fresh(prows)))
    t_walk = best(walk_every_value, args.repeat, lambda: khabar.parse(fresh(prows)))
    t_dict = best(lambda arts: [a.to_dict() for a in arts], args.repeat,
                  lambda: khabar.parse(fresh(prows)))
    print(f"\n{len(prows):,} rows, {pmb:.1f} MB for parse\n")
    print("| call | MB/s | ratio | bar |\n|---|---:|---:|---:|")
    print(f"| parse(pyarrow array) -> Table | {arrow:,.1f} | 1.00x | |")
    print(f"| parse(list) -> list[Article] | {listed:,.1f} | {listed / arrow:.2f}x | >= 0.8x |")
    print(f"| reading every field of every Article | {pmb / t_read:,.1f} | "
          f"+{t_read / t_list:.0%} of parse(list) | <= +50% |")
    print(f"| walking every value nested in every Article | {pmb / t_walk:,.1f} | "
          f"+{t_walk / t_list:.0%} of parse(list) | |")
    print(f"| [a.to_dict() for a in articles] | {pmb / t_dict:,.1f} | | >= 50 MB/s |")

    if args.big:
        big = " ".join(rows)
        while len(big.encode()) < 100e6:
            big += " " + big
        big = big.encode()[: 100_000_000].decode("utf-8", "ignore")
        t = best(lambda s: len(khabar.tokenize(s)), 1, lambda: big.encode().decode())
        print(f"\ntokenize(one {len(big.encode()) / 1e6:.0f} MB str): {t:.1f} s")
        words = [w for r in rows for w in r.split()][:1_000_000]
        t_list = best(lambda r: khabar.parse(r), 1, lambda: fresh(words))
        t_arrow = best(lambda a: khabar.parse(a), 1, lambda: pa.array(words))
        print(f"parse({len(words):,} one-word rows): list {t_list:.1f} s, pyarrow {t_arrow:.1f} s")


if __name__ == "__main__":
    main()
