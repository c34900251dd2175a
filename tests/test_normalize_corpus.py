"""Normalization on real diacritized text (../shared/corpus/diacritized): exact agreement."""

from __future__ import annotations

import csv
import unicodedata

import khabar

MARKS = dict(preset="none", strip_harakat=True, strip_dagger_alef=True, strip_tatweel=True)


def test_tanzil_stripped_equals_clean(shared) -> None:
    d = shared / "corpus/diacritized/tanzil"
    dia = [l.rstrip("\n").split("|", 2) for l in open(d / "simple.txt", encoding="utf-8") if l.count("|") >= 2]
    clean = [l.rstrip("\n").split("|", 2) for l in open(d / "simple-clean.txt", encoding="utf-8") if l.count("|") >= 2]
    assert len(dia) == len(clean) == 6236
    out = khabar.normalize([v[2] for v in dia], **MARKS)
    mismatches = [(a[:2], o, c[2]) for a, c, o in zip(dia, clean, out) if o != c[2]]
    # The clean text keeps U+06E9 (place of sajdah) exactly where the diacritized one has it.
    sajdah = [a[:2] for a in dia if "\u06e9" in a[2]]
    assert len(sajdah) == 15
    assert mismatches == []


def test_wikinewsmax_every_token(shared) -> None:
    path = shared / "corpus/diacritized/wikinewsmax/WikiNewsMax.tsv"
    rows = [r for r in csv.reader(open(path, encoding="utf-8"), delimiter="\t")][1:]
    rows = [r for r in rows if len(r) >= 2 and r[0].strip()]
    assert len(rows) > 16_000
    out = khabar.normalize([r[1] for r in rows], preset="ml_clean")
    wrong = [(r[1], o, r[0]) for r, o in zip(rows, out) if o != r[0]]
    assert wrong == [], wrong[:10]


def test_darimi_diacritized_to_plain(shared) -> None:
    d = shared / "corpus/diacritized/darimi"
    dia = list(csv.reader(open(d / "darimi_diacritized.csv", encoding="utf-8")))
    plain = list(csv.reader(open(d / "darimi_plain.csv", encoding="utf-8")))
    assert len(dia) == len(plain) == 3367
    # marks, RLM (invisible characters) and whitespace: all in ml_clean
    out = khabar.normalize([r[1] for r in dia], preset="ml_clean")
    wrong = [(a[0], o, p[1].strip()) for a, p, o in zip(dia, plain, out) if o != p[1].strip()]
    assert wrong == [], wrong[:3]


def test_saudinewsnet_ml_clean_is_idempotent_and_keeps_letters(shared) -> None:
    import json

    rows = [json.loads(l)["content"] for l, _ in zip(open(shared / "corpus/news/saudinewsnet_dev.jsonl", encoding="utf-8"), range(2000))]
    once = khabar.normalize(rows)
    assert khabar.normalize(once) == once
    letters = set("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأؤإئةى")
    for raw, out in zip(rows, once):
        # presentation forms become letters, so count letters in the NFKC form of the input
        kept_symbols = "\ufdfa\ufdfb\ufdfc"  # ﷺ ﷻ ﷼ stay symbols in ml_clean
        expected = unicodedata.normalize("NFKC", "".join(c for c in raw if c not in kept_symbols))
        assert sum(c in letters for c in expected) == sum(c in letters for c in out)


def test_block_scanner_agrees_with_the_scalar_path(shared) -> None:
    """The fast path (block scanner, no offsets) and the offsets path give the same text."""
    import json

    rows = [json.loads(l)["content"] for l, _ in zip(open(shared / "corpus/news/saudinewsnet_dev.jsonl", encoding="utf-8"), range(1500))]
    for preset in khabar.presets():
        fast = khabar.normalize(rows, preset=preset)
        slow = [t for t, _ in khabar.normalize(rows, preset=preset, return_offsets=True)]
        assert fast == slow, preset
