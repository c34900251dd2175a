#!/usr/bin/env python3
"""Random testing of khabar's documented invariants, on many random strings.

Draws N strings (default 1,000,000) the way the property tests' ``wide_text`` strategy does
(the whole Arabic, Arabic Supplement and Extended-A blocks, both presentation-form blocks,
invisible characters with one or two leading BOMs one time in five, ASCII), with digits, URLs,
e-mail addresses, line breaks and byline and boilerplate words mixed in, and checks:

- ``normalize.idempotent[P]``: normalizing twice with preset P gives what normalizing once
  gives;
- ``normalize.offsets[P]``: ``normalize(s, preset=P, return_offsets=True)`` gives the same text
  and one source span per output character, inside the input, moving forward (marks put in
  canonical order and white space aside), each span holding or normalizing to its character;
- ``tokenize`` (and ``tokenize.clitics``): token spans slice back to their text and are
  ordered and disjoint;
- ``sentences``: sentence spans slice back and are ordered and disjoint;
- ``parse.FIELD``: every span of ``khabar.parse(s)`` (title, lead, author_bio, dateline,
  published, authors, paragraphs and their sentences, related, captions, boilerplate, sources,
  tags, and whatever else carries ``start``/``end``) slices back: ``s[x.start:x.end] == x.text``.

It prints the number of failing strings per check (and how many of them do not start with a
byte-order mark) with a few minimal examples (shrunk by deleting characters while the check
still fails) and exits with status 1 when any check failed. Runs are reproducible: the strings of chunk k come from ``random.Random((seed, k))``.

    python scripts/random_invariants.py                 # 1,000,000 strings, one process
    python scripts/random_invariants.py -n 20000 --processes 2 --seed 7

It needs khabar installed and the test extra (``tests/strategies.py`` imports hypothesis).
"""

from __future__ import annotations

import argparse
import multiprocessing
import pathlib
import random
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import khabar  # noqa: E402
from strategies import ARABIC_RANGES, ASCII, INVISIBLES  # noqa: E402

#: Whole words mixed into the characters: bylines, datelines, boilerplate, numbers, links.
WORDS = (
    "بقلم", "كتب", "كتبت", "Written by", "By", "بقلم: محمد علي", "المحرر", "الرياض - واس",
    "القاهرة ـ", "(واس)", "(أ ف ب)", "اقرأ أيضا:", "المصدر:", "الوسوم:", "تصوير:", "شارك",
    "الأحد 5 مايو 2024", "١٤٤٥ هـ", "12/3/2020", "10:30", "3.5%", "٢٠٢٤", "۱۲۳",
    "https://www.spa.gov.sa/ar/news?id=1", "www.example.com", "info@alwatan.com.sa",
    "@user_1", "#وسم_جديد", "...", "؟", "«", "»", "\n", "\n\n", "\r\n", " - ", " ",
)
#: The core letters and harakat, drawn more often (as the strategy does).
CORE = ((0x0621, 0x0652),)

#: The Article fields whose spans are checked (others that carry spans are checked too).
PARSE_FIELDS = ("title", "lead", "author_bio", "dateline", "published", "modified", "authors",
                "paragraphs", "paragraphs.sentences", "related", "captions", "boilerplate",
                "sources", "tags")

Failures = dict[str, list[str]]


def random_text(rng: random.Random, max_size: int) -> str:
    """One string: an optional BOM prefix, then up to ``max_size`` characters and words."""
    parts = [rng.choice(("", "", "", "", "\ufeff", "\ufeff\ufeff"))]
    for _ in range(rng.randrange(max_size + 1)):
        roll = rng.randrange(11)
        if roll < 4:
            lo, hi = rng.choice(ARABIC_RANGES)
            parts.append(chr(rng.randint(lo, hi)))
        elif roll < 6:
            parts.append(chr(rng.randint(*CORE[0])))
        elif roll < 7:
            parts.append(rng.choice(INVISIBLES))
        elif roll < 9:
            parts.append(rng.choice(ASCII))
        elif roll < 10:
            parts.append(rng.choice(WORDS))
        else:
            parts.append(" ")
    return "".join(parts)


def chunk_texts(seed: int, chunk: int, size: int, max_size: int) -> list[str]:
    rng = random.Random(f"{seed}/{chunk}")
    return [random_text(rng, max_size) for _ in range(size)]


# ------------------------------------------------------------------ checks
def spans_ok(text: str, items: Iterable[Any]) -> bool:
    """Spans slice back to their text, ordered and disjoint."""
    prev = 0
    for x in items:
        if not (prev <= x.start < x.end <= len(text)) or text[x.start:x.end] != x.text:
            return False
        prev = x.end
    return True


def offsets_ok(s: str, plain: str, out: str, al: Any, unexplained: list[tuple[str, str]]) -> bool:
    """The alignment of ``out`` to ``s``; characters that are not in their span and not its NFKC
    are added to ``unexplained`` as ``(span text, character)``, for a normalizing look."""
    if out != plain or len(al) != len(out):
        return False
    prev = 0
    for c, (a, b) in zip(out, al.spans()):
        if not 0 <= a < b <= len(s):
            return False
        # spans move forward, but for marks put back in canonical order and white space
        if a < prev and not (c in " \n" or unicodedata.combining(c)):
            return False
        prev = a
        piece = s[a:b]
        if c in piece or c in unicodedata.normalize("NFKC", piece):
            continue
        # a space or line break comes from white space, '_' or ZWNJ, with what was dropped after
        if c in " \n" and (piece[0].isspace() or piece[0] in "_\u200c"):
            continue
        unexplained.append((piece, c))
    return True


def check_normalize(texts: list[str], preset: str) -> list[set[str]]:
    idem, offs = f"normalize.idempotent[{preset}]", f"normalize.offsets[{preset}]"
    once = khabar.normalize(texts, preset=preset)
    twice = khabar.normalize(once, preset=preset)
    pairs = khabar.normalize(texts, preset=preset, return_offsets=True)
    found: list[set[str]] = [set() for _ in texts]
    pending: list[tuple[int, str, str]] = []
    for k, (s, a, b, (out, al)) in enumerate(zip(texts, once, twice, pairs)):
        if a != b:
            found[k].add(idem)
        unexplained: list[tuple[str, str]] = []
        if not offsets_ok(s, a, out, al, unexplained):
            found[k].add(offs)
        pending.extend((k, piece, c) for piece, c in unexplained)
    if pending:
        pieces = [piece for _, piece, _ in pending]
        same = khabar.normalize(pieces, preset=preset)
        shown = khabar.normalize(pieces, preset="display", fold_alef=False)
        for (k, _, c), x, y in zip(pending, same, shown):
            if c not in x and c not in y:
                found[k].add(offs)
    return found


def check_tokens(texts: list[str]) -> list[set[str]]:
    found: list[set[str]] = [set() for _ in texts]
    for name, clitics in (("tokenize", False), ("tokenize.clitics", True)):
        for k, (s, toks) in enumerate(zip(texts, khabar.tokenize(texts, clitics=clitics))):
            if not spans_ok(s, toks):
                found[k].add(name)
    for k, (s, sents) in enumerate(zip(texts, khabar.sentences(texts))):
        if not spans_ok(s, sents):
            found[k].add("sentences")
    return found


def article_failures(raw: str, article: Any) -> set[str]:
    """The fields of ``article`` with a span that does not slice back into ``raw``."""
    bad: set[str] = set()

    def walk(v: Any, path: str) -> None:
        if isinstance(v, khabar.Record):
            text = v.get("text", v.get("name"))
            if isinstance(text, str) and "start" in v and "end" in v:
                if not (0 <= v.start <= v.end <= len(raw)) or raw[v.start:v.end] != text:
                    bad.add(path)
            for key, x in v.items():
                if key == "sentences" and isinstance(x, tuple):
                    check_sentences(v, x, f"{path}.sentences")
                else:
                    walk(x, f"{path}.{key}")
        elif isinstance(v, tuple):
            for x in v:
                walk(x, path)

    def check_sentences(paragraph: Any, spans: tuple[Any, ...], path: str) -> None:
        at = paragraph.start
        for span in spans:
            s, e = span if isinstance(span, tuple) else (span.start, span.end)
            if not (at <= s < e <= paragraph.end):
                bad.add(path)
            at = e

    walk(article, "parse")
    return bad


def check_parse(texts: list[str]) -> list[set[str]]:
    found: list[set[str]] = []
    for s in texts:
        try:
            found.append(article_failures(s, khabar.parse(s)))
        except Exception as e:  # the parser promises never to raise on text
            found.append({f"parse raised {type(e).__name__}"})
    return found


def run_checks(texts: list[str]) -> list[set[str]]:
    """The failing checks of every text."""
    results = [check_normalize(texts, p) for p in khabar.presets()]
    results += [check_tokens(texts), check_parse(texts)]
    return [set().union(*names) for names in zip(*results)]


def fails(name: str, s: str) -> bool:
    return name in run_checks([s])[0]


# ------------------------------------------------------------------ running
Counts = dict[str, list[int]]


def run_chunk(job: tuple[int, int, int, int, int]) -> tuple[int, Counts, Failures]:
    """Check one chunk: its size; per check, the failing strings and those among them that do
    not start with U+FEFF; and up to ``keep`` failing strings each."""
    seed, chunk, size, max_size, keep = job
    counts: Counts = {}
    examples: Failures = {}
    texts = chunk_texts(seed, chunk, size, max_size)
    for s, names in zip(texts, run_checks(texts)):
        for name in names:
            n = counts.setdefault(name, [0, 0])
            n[0] += 1
            n[1] += not s.startswith("\ufeff")
            if len(examples.setdefault(name, [])) < keep:
                examples[name].append(s)
    return size, counts, examples


def shrink(s: str, still_fails: Callable[[str], bool]) -> str:
    """Delete characters, halving chunk sizes, while the check still fails."""
    chars = list(s)
    n = 2
    while chars:
        step = max(1, len(chars) // n)
        for i in range(0, len(chars), step):
            candidate = chars[:i] + chars[i + step:]
            if still_fails("".join(candidate)):
                chars = candidate
                n = max(n - 1, 2)
                break
        else:
            if step == 1:
                break
            n = min(n * 2, len(chars))
    return "".join(chars)


def describe(s: str) -> str:
    return f"{s!r}  ({' '.join(f'U+{ord(c):04X}' for c in s)})"


def jobs(args: argparse.Namespace) -> Iterator[tuple[int, int, int, int, int]]:
    left, chunk = args.n, 0
    while left > 0:
        size = min(args.chunk, left)
        yield args.seed, chunk, size, args.max_size, args.examples
        left -= size
        chunk += 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1_000_000, help="strings to check (1,000,000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--processes", type=int, default=1, help="worker processes (1)")
    ap.add_argument("--chunk", type=int, default=2_000, help="strings per batch call (2,000)")
    ap.add_argument("--max-size", type=int, default=60, help="characters and words per string (60)")
    ap.add_argument("--examples", type=int, default=3, help="minimal examples shown per check (3)")
    args = ap.parse_args()

    names = ([f"normalize.{kind}[{p}]" for p in khabar.presets() for kind in ("idempotent", "offsets")]
             + ["tokenize", "tokenize.clitics", "sentences"] + [f"parse.{f}" for f in PARSE_FIELDS])
    counts: Counts = {name: [0, 0] for name in names}
    examples: Failures = {}
    done, started = 0, time.monotonic()
    pool = multiprocessing.Pool(args.processes) if args.processes > 1 else None
    results = pool.imap_unordered(run_chunk, jobs(args)) if pool else map(run_chunk, jobs(args))
    for size, chunk_counts, chunk_examples in results:
        done += size
        for name, (n, no_bom) in chunk_counts.items():
            have = counts.setdefault(name, [0, 0])
            have[0] += n
            have[1] += no_bom
        for name, xs in chunk_examples.items():
            kept = examples.setdefault(name, [])
            kept.extend(xs[: args.examples - len(kept)])
        if done % 100_000 < size:
            print(f"  {done:,} strings, {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    if pool:
        pool.close()

    print(f"khabar random invariants: {done:,} strings, seed {args.seed}, "
          f"{time.monotonic() - started:.0f} s, {args.processes} process(es)")
    width = max(len(n) for n in counts)
    for name in sorted(counts, key=lambda n: (not n.startswith("normalize"), n)):
        n, no_bom = counts[name]
        print(f"  {name:<{width}}  {n:>9,} failing" + (f" ({no_bom:,} without a leading U+FEFF)" if n else ""))
        for s in examples.get(name, []):
            print(f"      minimal: {describe(shrink(s, partial(fails, name)))}")
    failed = sum(n for n, _ in counts.values())
    print("FAILED" if failed else "all invariants held")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
