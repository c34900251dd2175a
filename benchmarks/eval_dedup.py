"""Score ``khabar.near_duplicates`` on syndicated copies of real articles, next to datasketch
(and rensa and gaoya when installed) on the same rows in the same run.

    python benchmarks/eval_dedup.py [--corpus ../shared/corpus] [--articles N] [--split test]

**The evaluation set** is built from ANT articles (``news/ant_dev.jsonl``: CNN, BBC and
France24 Arabic, with title, byline, lead and body paragraphs). Articles are split by a hash
of their ``docno`` into ``dev`` (a third: for looking at mistakes) and ``test`` (the rest:
the reported numbers). Each chosen source article is rendered as raw text (title, an optional
dateline, lead and paragraphs, an optional agency sign-off) and gets 1 to 4 **syndicated
variants**, made the way outlets rewrite wire copy:

- a new title; a dateline (``المدينة - وكالة -``) added, replaced or removed; an agency
  sign-off (``(واس)``, ``// انتهى //``, ``رابط الخبر ...``) added or removed;
- the last paragraph trimmed, or a paragraph split in two;
- spelling folds (ى→ي, ة→ه, أ/إ→ا), tatweel inside words, other quotes («» "" “”), Eastern
  or Western digits;
- a few percent of the words replaced by words from other articles, so that the body's
  5-word-shingle Jaccard similarity to the source (after khabar's own normalization, as the
  gold check) is between 0.85 and 0.97 (variants outside are drawn again); the lead is kept
  or dropped, and counts in that similarity.

**Hard negatives**, each its own gold cluster: (a) other articles of the same categories as
the sources (same topic, different story); (b) *updates*: the source's first paragraph
followed by the later paragraphs of another article of the same category, one used nowhere
else in the set.

Gold clusters: a source and its variants. Reported per method: pair precision, recall and F1
(over all pairs of rows put in one cluster) and the adjusted Rand index (ARI) of the
clustering. Every method gets the same rows, threshold (0.8 unless ``--threshold``),
``num_perm`` and 5-word shingles; datasketch, rensa and gaoya shingle whitespace words of the
lower-cased text (their usual set-up) and cluster the LSH candidates whose estimated Jaccard
reaches the threshold, with union-find; datasketch and gaoya also run on khabar's normalized
words (the ``search`` preset, punctuation left out), which separates what normalization does
from what hashing and banding do.

**SaudiNewsNet**: ``near_duplicates`` on the real ``content`` of 12 Saudi outlets, raw text and
``on="body"``: how many rows fall in a cluster of copies, how many clusters span two outlets
or more, and a few examples for a human to judge.

Prints Markdown tables; ``--json PATH`` also writes every number.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import math
import pathlib
import random
import re
import sys
import time
from typing import Any, Callable, Iterable, Sequence

import khabar

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"

CITIES = ["الرياض", "القاهرة", "دبي", "بيروت", "عمان", "الدوحة", "تونس", "الرباط", "بغداد"]
AGENCIES = ["واس", "رويترز", "أ ف ب", "د ب أ", "الأناضول", "كونا", "وام", "قنا"]
SIGN_OFFS = ["// انتهى //", "(واس)", "انتهى.", "رابط الخبر بصحيفة الوئام: http://example.com/{n}",
             "المصدر: وكالات", "(رويترز)"]
QUOTES = [("«", "»"), ('"', '"'), ("“", "”")]
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
WESTERN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_QUOTE_RE = re.compile(r"[«»\"“”]")


# ----------------------------------------------------------------------------- the set
def split_of(docno: str) -> str:
    return "dev" if int(hashlib.sha1(docno.encode()).hexdigest(), 16) % 3 == 0 else "test"


def load_ant(corpus: pathlib.Path, split: str) -> list[dict[str, Any]]:
    """The articles of a split with at least 3 paragraphs and 120 words. ANT itself holds
    copies (one story under several leads, a lead repeated as another article's paragraph):
    an article sharing any paragraph or lead of 60 characters or more with an earlier one is
    left out, so that the gold clusters hold every copy."""
    out = []
    seen: set[str] = set()
    with open(corpus / "news" / "ant_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            paras = [p.strip() for p in a.get("body_paragraphs") or [] if p and p.strip()]
            if split_of(a["docno"]) != split or len(paras) < 3:
                continue
            if sum(len(p.split()) for p in paras) < 120:
                continue
            keys = {" ".join(p.split()) for p in paras + [a.get("lead") or ""]}
            keys = {k for k in keys if len(k) >= 60}
            if keys & seen:
                continue
            seen |= keys
            out.append({"docno": a["docno"], "cat": a.get("cat") or "", "title": a["title"],
                        "lead": (a.get("lead") or "").strip(), "paras": paras})
    return out


def render(title: str, dateline: str | None, lead: str, paras: list[str],
           sign_off: str | None) -> str:
    body = list(paras)
    if dateline:
        body[0] = f"{dateline} {body[0]}"
    parts = [title]
    if lead:
        parts.append(lead)
    parts.extend(body)
    if sign_off:
        parts.append(sign_off)
    return "\n\n".join(parts)


def fold(rng: random.Random, text: str) -> str:
    if rng.random() < 0.6:
        text = text.replace("ى", "ي")
    if rng.random() < 0.6:
        text = text.replace("ة", "ه")
    if rng.random() < 0.6:
        text = text.replace("أ", "ا").replace("إ", "ا")
    if rng.random() < 0.5:
        words = text.split(" ")
        for _ in range(max(1, len(words) // 40)):
            k = rng.randrange(len(words))
            w = words[k]
            if len(w) > 3 and all("\u0621" <= c <= "\u064a" for c in w):
                words[k] = w[:2] + "ـــ" + w[2:]
        text = " ".join(words)
    if rng.random() < 0.5:
        o, c = rng.choice(QUOTES)
        text = _QUOTE_RE.sub(lambda m: o if m.start() % 2 else c, text)
    if rng.random() < 0.5:
        text = text.translate(EASTERN if rng.random() < 0.5 else WESTERN)
    return text


def change_words(rng: random.Random, paras: list[str], share: float,
                 pool: Sequence[str]) -> list[str]:
    out = []
    for p in paras:
        words = p.split(" ")
        for k in range(len(words)):
            if rng.random() < share:
                words[k] = rng.choice(pool)
        out.append(" ".join(words))
    return out


def variant(rng: random.Random, a: dict[str, Any], titles: Sequence[str],
            pool: Sequence[str]) -> tuple[str, list[str]]:
    """A syndicated copy of ``a``: its raw text and its lead and body paragraphs (for the gold
    check)."""
    paras = list(a["paras"])
    r = rng.random()
    if r < 0.35 and len(paras) > 3:
        paras = paras[:-1]
    elif r < 0.7:
        k = rng.randrange(len(paras))
        words = paras[k].split(" ")
        if len(words) > 12:
            cut = len(words) // 2
            paras[k:k + 1] = [" ".join(words[:cut]), " ".join(words[cut:])]
    paras = change_words(rng, paras, rng.uniform(0.005, 0.025), pool)
    title = rng.choice(titles)
    dateline = None
    if rng.random() < 0.7:
        dateline = f"{rng.choice(CITIES)} - {rng.choice(AGENCIES)} -"
    sign_off = rng.choice(SIGN_OFFS).format(n=rng.randrange(10**6)) if rng.random() < 0.6 else None
    lead = a["lead"] if rng.random() < 0.7 else ""
    text = fold(rng, render(title, dateline, lead, paras, sign_off))
    return text, ([lead] if lead else []) + paras


class Gold:
    """Body shingles after khabar's normalization, to keep variants in the intended range."""

    def __init__(self, ngram: int = 5) -> None:
        self.ngram = ngram

    def shingles(self, paras: Sequence[str]) -> set[tuple[str, ...]]:
        words = [t for t in khabar.tokenize(khabar.normalize(" ".join(paras), preset="search"),
                                            offsets=False)
                 if any(ch.isalnum() for ch in t)]
        n = self.ngram
        return {tuple(words[i:i + n]) for i in range(max(1, len(words) - n + 1))}

    def jaccard(self, a: Sequence[str], b: Sequence[str]) -> float:
        x, y = self.shingles(a), self.shingles(b)
        return len(x & y) / len(x | y) if x | y else 1.0


def build_set(articles: list[dict[str, Any]], n_sources: int, seed: int
              ) -> tuple[list[str], list[int], dict[str, int]]:
    """Rows (raw texts) and their gold cluster; counts of each kind of row."""
    rng = random.Random(seed)
    rng.shuffle(articles)
    sources = articles[:n_sources]
    negatives = articles[n_sources:n_sources * 2]
    # The rest of each update comes from an article used nowhere else, once.
    fillers = articles[n_sources * 2:n_sources * 3]
    titles = [a["title"] for a in articles]
    pool = [w for a in articles[:400] for p in a["paras"] for w in p.split(" ") if len(w) > 2]
    by_cat: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for a in fillers:
        by_cat[a["cat"]].append(a)
    gold = Gold()
    rows: list[tuple[str, int]] = []
    counts = collections.Counter()
    sims: list[float] = []
    for c, a in enumerate(sources):
        text = render(a["title"], None, a["lead"], a["paras"], None)
        rows.append((text, c))
        counts["sources"] += 1
        for _ in range(rng.randint(1, 4)):
            for _attempt in range(20):
                v, paras = variant(rng, a, titles, pool)
                j = gold.jaccard(([a["lead"]] if a["lead"] else []) + a["paras"], paras)
                if 0.85 <= j <= 0.97:
                    rows.append((v, c))
                    sims.append(j)
                    counts["variants"] += 1
                    break
        # An update: the same first paragraph, then another story of the same category.
        others = by_cat.get(a["cat"]) or [f for pool_ in by_cat.values() for f in pool_]
        if not others:
            continue
        other = others.pop(rng.randrange(len(others)))
        if not by_cat.get(other["cat"], True):
            by_cat.pop(other["cat"], None)
        upd = render(rng.choice(titles), None, "", [a["paras"][0]] + other["paras"][1:], None)
        rows.append((upd, -1))
        counts["updates"] += 1
    for a in negatives:
        rows.append((render(a["title"], None, a["lead"], a["paras"], None), -1))
        counts["same-topic negatives"] += 1
    rng.shuffle(rows)
    labels = []
    next_label = n_sources
    for _, c in rows:
        if c < 0:
            labels.append(next_label)
            next_label += 1
        else:
            labels.append(c)
    counts["variant Jaccard min"] = round(min(sims), 3) if sims else 0
    counts["variant Jaccard mean"] = round(sum(sims) / len(sims), 3) if sims else 0
    return [t for t, _ in rows], labels, dict(counts)


# ----------------------------------------------------------------------------- scores
def pair_scores(pred: Sequence[int], gold: Sequence[int]) -> tuple[float, float, float]:
    def pairs(labels: Sequence[int]) -> set[tuple[int, int]]:
        groups: dict[int, list[int]] = collections.defaultdict(list)
        for i, c in enumerate(labels):
            groups[c].append(i)
        return {(a, b) for g in groups.values() for k, a in enumerate(g) for b in g[k + 1:]}

    p, g = pairs(pred), pairs(gold)
    tp = len(p & g)
    prec = tp / len(p) if p else 1.0
    rec = tp / len(g) if g else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def ari(pred: Sequence[int], gold: Sequence[int]) -> float:
    def c2(n: int) -> float:
        return n * (n - 1) / 2

    table = collections.Counter(zip(pred, gold))
    a = collections.Counter(pred)
    b = collections.Counter(gold)
    index = sum(c2(n) for n in table.values())
    sa, sb = sum(c2(n) for n in a.values()), sum(c2(n) for n in b.values())
    expected = sa * sb / c2(len(pred))
    top = (sa + sb) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


# ----------------------------------------------------------------------------- methods
class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def labels(self) -> list[int]:
        return [self.find(i) for i in range(len(self.parent))]


def word_shingles(text: str, n: int = 5) -> list[bytes]:
    words = text.lower().split()
    return [" ".join(words[i:i + n]).encode("utf-8")
            for i in range(max(1, len(words) - n + 1))]


def normalized_words(text: str) -> str:
    """khabar's normalized words of ``text`` (the ``search`` preset), space-separated: what
    khabar shingles, handed to a baseline to compare hashing and banding alone."""
    words = khabar.tokenize(khabar.normalize(text, preset="search"), offsets=False)
    return " ".join(w for w in words if any(ch.isalnum() for ch in w))


def run_datasketch(texts: Sequence[str], threshold: float, num_perm: int) -> list[int] | None:
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        return None
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sigs = []
    for i, t in enumerate(texts):
        m = MinHash(num_perm=num_perm)
        m.update_batch(word_shingles(t))
        sigs.append(m)
        lsh.insert(str(i), m)
    uf = UnionFind(len(texts))
    for i, m in enumerate(sigs):
        for key in lsh.query(m):
            j = int(key)
            if j != i and m.jaccard(sigs[j]) >= threshold:
                uf.union(i, j)
    return uf.labels()


def run_rensa(texts: Sequence[str], threshold: float, num_perm: int) -> list[int] | None:
    try:
        import rensa  # type: ignore[import-not-found]
    except ImportError:
        return None
    cls = getattr(rensa, "RMinHash", None)
    lsh_cls = getattr(rensa, "RMinHashLSH", None)
    if cls is None or lsh_cls is None:
        return None
    lsh = lsh_cls(threshold=threshold, num_perm=num_perm, num_bands=16)
    sigs = []
    for i, t in enumerate(texts):
        m = cls(num_perm=num_perm, seed=42)
        m.update([s.decode() for s in word_shingles(t)])
        sigs.append(m)
        lsh.insert(i, m)
    uf = UnionFind(len(texts))
    for i, m in enumerate(sigs):
        for j in lsh.query(m):
            if j != i and m.jaccard(sigs[j]) >= threshold:
                uf.union(i, j)
    return uf.labels()


def run_gaoya(texts: Sequence[str], threshold: float, num_perm: int) -> list[int] | None:
    try:
        from gaoya.minhash import MinHashStringIndex  # type: ignore[import-not-found]
    except ImportError:
        return None
    bands = 16
    index = MinHashStringIndex(hash_size=32, jaccard_threshold=threshold, num_bands=bands,
                               band_size=num_perm // bands, num_hashes=num_perm,
                               analyzer="word", lowercase=True, ngram_range=(5, 5))
    ids = list(range(len(texts)))
    index.par_bulk_insert_docs(ids, list(texts))
    uf = UnionFind(len(texts))
    for i, found in zip(ids, index.par_bulk_query(list(texts))):
        for j in found:
            if j != i:
                uf.union(i, j)
    return uf.labels()


def run_khabar(on: str, verify: str = "exact") -> Callable[[Sequence[str], float, int], list[int]]:
    def run(texts: Sequence[str], threshold: float, num_perm: int) -> list[int]:
        ids = khabar.near_duplicates(list(texts), threshold=threshold, num_perm=num_perm, on=on,
                                     verify=verify)
        return [i if c is None else c for i, c in enumerate(ids)]
    return run


def on_normalized(fn: Callable[[Sequence[str], float, int], list[int] | None]
                  ) -> Callable[[Sequence[str], float, int], list[int] | None]:
    def run(texts: Sequence[str], threshold: float, num_perm: int) -> list[int] | None:
        return fn([normalized_words(t) for t in texts], threshold, num_perm)
    return run


METHODS: list[tuple[str, Callable[[Sequence[str], float, int], list[int] | None]]] = [
    ("khabar, on=text", run_khabar("text")),
    ("khabar, on=body", run_khabar("body")),
    ("khabar, on=body, verify=signature", run_khabar("body", "signature")),
    ("datasketch MinHashLSH (whitespace 5-grams)", run_datasketch),
    ("rensa RMinHashLSH (whitespace 5-grams)", run_rensa),
    ("gaoya MinHashStringIndex (whitespace 5-grams)", run_gaoya),
    ("datasketch on khabar's normalized words", on_normalized(run_datasketch)),
    ("gaoya on khabar's normalized words", on_normalized(run_gaoya)),
]


def evaluate(texts: list[str], gold: list[int], threshold: float, num_perm: int
             ) -> list[dict[str, Any]]:
    results = []
    for name, fn in METHODS:
        t0 = time.perf_counter()
        pred = fn(texts, threshold, num_perm)
        took = time.perf_counter() - t0
        if pred is None:
            results.append({"method": name, "skipped": "not installed"})
            continue
        p, r, f = pair_scores(pred, gold)
        results.append({"method": name, "precision": p, "recall": r, "f1": f,
                        "ari": ari(pred, gold), "seconds": took})
    return results


# ----------------------------------------------------------------------------- SaudiNewsNet
def saudinewsnet(corpus: pathlib.Path, threshold: float, show: int) -> dict[str, Any]:
    import html

    rows = [json.loads(line) for line in open(corpus / "news" / "saudinewsnet_dev.jsonl",
                                               encoding="utf-8")]
    texts = [html.unescape(r["title"]) + "\n\n" + r["content"] for r in rows]
    outlets = [r["source"] for r in rows]
    out: dict[str, Any] = {"rows": len(rows)}
    for on in ("text", "body"):
        t0 = time.perf_counter()
        ids = khabar.near_duplicates(texts, threshold=threshold, on=on)
        took = time.perf_counter() - t0
        clusters: dict[int, list[int]] = collections.defaultdict(list)
        for i, c in enumerate(ids):
            if c is not None:
                clusters[c].append(i)
        multi = [g for g in clusters.values() if len(g) > 1]
        cross = [g for g in multi if len({outlets[i] for i in g}) > 1]
        out[on] = {"rows in a cluster of copies": sum(len(g) for g in multi),
                   "rows that are copies (not first)": sum(len(g) - 1 for g in multi),
                   "clusters": len(multi), "clusters across outlets": len(cross),
                   "seconds": round(took, 2)}
        if on == "body":
            rng = random.Random(0)
            out["examples"] = [[(outlets[i], html.unescape(rows[i]["title"])[:70]) for i in g[:3]]
                               for g in rng.sample(cross, min(show, len(cross)))]
    return out


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    ap.add_argument("--articles", type=int, default=600, help="source articles (default 600)")
    ap.add_argument("--split", choices=("dev", "test"), default="test")
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=5, help="SaudiNewsNet examples to print")
    ap.add_argument("--json", type=pathlib.Path)
    args = ap.parse_args(list(argv) if argv is not None else None)
    if not (args.corpus / "news" / "ant_dev.jsonl").exists():
        print(f"no corpus at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    articles = load_ant(args.corpus, args.split)
    texts, gold, counts = build_set(articles, min(args.articles, len(articles) // 3), args.seed)
    print(f"## Syndicated variants of ANT articles ({args.split} split)\n")
    print(f"{len(texts):,} rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + "\n")
    print(f"threshold {args.threshold}, num_perm {args.num_perm}, 5-word shingles\n")
    results = evaluate(texts, gold, args.threshold, args.num_perm)
    print("| method | pair P | pair R | pair F1 | ARI | seconds |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        if "skipped" in r:
            print(f"| {r['method']} | — | — | — | — | {r['skipped']} |")
        else:
            print(f"| {r['method']} | {r['precision']:.4f} | {r['recall']:.4f} | {r['f1']:.4f} "
                  f"| {r['ari']:.4f} | {r['seconds']:.2f} |")
    snn = saudinewsnet(args.corpus, args.threshold, args.show)
    print(f"\n## SaudiNewsNet ({snn['rows']:,} real articles, 12 outlets)\n")
    print("| hashed | rows in a cluster | copies (not first) | clusters | across outlets | s |")
    print("|---|---:|---:|---:|---:|---:|")
    for on in ("text", "body"):
        s = snn[on]
        print(f"| {on} | {s['rows in a cluster of copies']:,} | "
              f"{s['rows that are copies (not first)']:,} | {s['clusters']:,} | "
              f"{s['clusters across outlets']:,} | {s['seconds']} |")
    print("\nExamples of clusters across outlets (on=body): outlet, title")
    for g in snn.get("examples", []):
        print("- " + " ‖ ".join(f"{o}: {t}" for o, t in g))
    if args.json:
        args.json.write_text(json.dumps({"counts": counts, "results": results,
                                         "saudinewsnet": snn}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
