"""Render the layout goldens of the parser tests (tests/data/parse/layouts/).

    python benchmarks/make_parse_goldens.py [../shared/corpus] [--write-expected]

Renders four ANT articles (Apache-2.0: one CNN article with its own dateline, one BBC article
with a separator rule among its paragraphs, two France24 articles, one signed by a person and
one by the outlet) in every layout of ``layouts.py`` and writes, per article and layout,
``LAYOUT_DOCNO.txt`` (the input) and ``LAYOUT_DOCNO.gold.json`` (the fields the renderer put in:
title, author, dateline place, date, paragraphs, related headlines, agencies, and the span of
every boilerplate piece). It then parses each input and prints, field by field, where the
parse differs from the gold.

``--write-expected`` also writes ``LAYOUT_DOCNO.expected.json``, the parse as it is now: the
exact output the tests hold the parser to. Write it only after reading the comparison above,
and review the diff of every changed file: the tests check the expected files against the
gold too, but not every field has gold.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from layouts import LAYOUTS, SPACES, load_picks, render  # noqa: E402

PICKS = ["CN-economy-8-20180209", "BB-internationalNews-627-20180609",
         "FR-internationalNews-2000-20180625", "FR-culture-94-20180613"]
OUT = pathlib.Path(__file__).resolve().parent.parent / "tests/data/parse/layouts"


def squash(s: str | None) -> str | None:
    return None if s is None else " ".join(s.translate({ord(c): " " for c in SPACES}).split())


def differences(text: str, gold: dict, got: dict) -> list[str]:
    """Where a parse (``Article.to_dict()``) differs from the renderer's gold."""
    out = []
    title = (got["title"] or {}).get("text")
    if title != gold["title"]:
        out.append(f"title {title!r} != {gold['title']!r}")
    authors = [a["name"] for a in got["authors"]]
    if authors != ([gold["author"]] if gold["author"] else []):
        out.append(f"authors {authors} != {gold['author']!r}")
    place = (got["dateline"] or {}).get("place")
    if squash(place) != squash(gold["dateline"]):
        out.append(f"dateline {place!r} != {gold['dateline']!r}")
    date = (got["published"] or {}).get("value", "")[:10] or None
    if date != gold["published"]:
        out.append(f"published {date} != {gold['published']}")
    paragraphs = [p["text"] for p in got["paragraphs"]]
    if paragraphs != gold["paragraphs"]:
        out.append(f"paragraphs: {len(paragraphs)} parsed, {len(gold['paragraphs'])} in the gold, "
                   "not the same")
    related = [r["text"] for r in got["related"]]
    if related != gold["related"]:
        out.append(f"related {related} != {gold['related']}")
    agencies = {c for s in got["sources"] for c in s["canonical"]}
    if not set(gold["sources"]) <= agencies:
        out.append(f"sources {sorted(agencies)} lack {gold['sources']}")
    in_paragraph = bytearray(len(text))
    for p in got["paragraphs"]:
        in_paragraph[p["start"]:p["end"]] = b"\x01" * (p["end"] - p["start"])
    for kind, s, e in gold["boilerplate"]:
        if any(in_paragraph[i] and text[i] not in SPACES for i in range(s, e)):
            out.append(f"{kind} {text[s:e]!r} left in a paragraph")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default="../shared/corpus")
    ap.add_argument("--write-expected", action="store_true")
    args = ap.parse_args()
    records, titles = load_picks(pathlib.Path(args.corpus) / "news/ant_dev.jsonl", PICKS)
    OUT.mkdir(parents=True, exist_ok=True)
    import khabar

    for docno in PICKS:
        for layout in LAYOUTS:
            doc = render(records[docno], layout, others=titles)
            stem = OUT / f"{layout}_{docno}"
            gold = {k: doc["gold"][k] for k in ("title", "author", "dateline", "published",
                                                 "paragraphs", "related", "sources",
                                                 "boilerplate")}
            stem.with_suffix(".txt").write_text(doc["text"], encoding="utf-8")
            stem.with_suffix(".gold.json").write_text(
                json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            got = khabar.parse(doc["text"]).to_dict()
            diffs = differences(doc["text"], gold, got)
            print(f"{stem.name}: " + ("agrees with the gold" if not diffs else "; ".join(diffs)))
            if args.write_expected:
                stem.with_suffix(".expected.json").write_text(
                    json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
