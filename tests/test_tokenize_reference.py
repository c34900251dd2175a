"""khabar's stemmers and sentence segmenter against their references, on the real corpora in
../shared (skipped when it is absent).

- light10 against Lucene's algorithm written out here from the published prefix and suffix
  lists (Larkey et al. 2007; Lucene's ArabicNormalizer and ArabicStemmer);
- ISRI against NLTK's ``ISRIStemmer`` itself;
- the sentence segmenter against the seed article's expected parse (15 sentences) and the
  sentence-stress example, both parser goldens in tests/data/parse (always there).

Every distinct Arabic word khabar's tokenizer finds in ../shared/corpus/news goes through both
stemmers: agreement must be 100%, or the difference must be listed (and explained) below.
"""

from __future__ import annotations

import json
import pathlib

import pytest

import khabar

# Lucene's ArabicNormalizer: hamza/madda alef -> alef, alef maksura -> yeh, teh marbuta -> heh,
# tatweel and the harakat U+064B-U+0652 removed.
LUCENE_NORMALIZE = str.maketrans(
    {"آ": "ا", "أ": "ا", "إ": "ا", "ى": "ي", "ة": "ه", "ـ": None,
     **{chr(c): None for c in range(0x064B, 0x0653)}})
# Larkey's light10 lists, in Lucene's order.
PREFIXES = ["ال", "وال", "بال", "كال", "فال", "لل", "و"]
SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"]


def light10_reference(word: str) -> str:
    w = word.translate(LUCENE_NORMALIZE)
    n = len(w.encode("utf-16-le")) // 2  # Java counts UTF-16 code units
    for p in PREFIXES:  # the first prefix that fits is removed
        if (n >= 4 if len(p) == 1 else n >= len(p) + 2) and w.startswith(p):
            w, n = w[len(p):], n - len(p)
            break
    for s in SUFFIXES:  # every suffix that fits, in order
        if n >= len(s) + 2 and w.endswith(s):
            w, n = w[: -len(s)], n - len(s)
    return w


# Words where khabar differs from the reference on purpose: word -> why. (None so far.)
DOCUMENTED_LIGHT10: dict[str, str] = {}
DOCUMENTED_ISRI: dict[str, str] = {}


def _texts(shared: pathlib.Path) -> list[str]:
    texts: list[str] = []
    with open(shared / "corpus/news/saudinewsnet_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts += [d.get("title") or "", d.get("content") or ""]
    with open(shared / "corpus/news/ant_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts += [d.get("title") or "", d.get("lead") or "", *(d.get("body_paragraphs") or [])]
    return texts


@pytest.fixture(scope="module")
def corpus_words(shared: pathlib.Path) -> list[str]:
    pa = pytest.importorskip("pyarrow")
    pc = pytest.importorskip("pyarrow.compute")
    toks = khabar.tokenize(pa.array(_texts(shared), type=pa.large_string()))
    flat = pc.list_flatten(toks)
    arabic = pc.equal(pc.cast(flat.field("kind"), pa.string()), "arabic")
    words = sorted(set(pc.filter(flat.field("text"), arabic).to_pylist()))
    assert len(words) > 100_000
    return words


def test_light10_agrees_with_lucene_algorithm(corpus_words: list[str]) -> None:
    ours = khabar.stem_words(corpus_words)
    diffs = {w: (o, light10_reference(w)) for w, o in zip(corpus_words, ours)
             if o != light10_reference(w) and w not in DOCUMENTED_LIGHT10}
    print(f"light10: {len(corpus_words) - len(diffs):,} / {len(corpus_words):,} words agree")
    assert not diffs, list(diffs.items())[:20]


def test_isri_agrees_with_nltk(corpus_words: list[str]) -> None:
    isri = pytest.importorskip("nltk.stem.isri")
    stemmer = isri.ISRIStemmer()
    ours = khabar.stem_words(corpus_words, algorithm="isri")
    diffs = {}
    for w, o in zip(corpus_words, ours):
        ref = stemmer.stem(w)
        if o != ref and w not in DOCUMENTED_ISRI:
            diffs[w] = (o, ref)
    print(f"ISRI: {len(corpus_words) - len(diffs):,} / {len(corpus_words):,} words agree")
    assert not diffs, list(diffs.items())[:20]


def test_isri_agrees_with_nltk_on_marked_and_odd_words() -> None:
    isri = pytest.importorskip("nltk.stem.isri")
    stemmer = isri.ISRIStemmer()
    words = ["الْمَكْتَبَاتُ", "وَوَعَدَ", "أَسْتَخْدِمُ", "إستخدام", "آمال", "مستشفيات", "تفاعيل",
             "والذي", "كتــاب", "ا", "اب", "abc", "😀الكتاب", "ووو", "انكسار", "افعوعل", "متدحرج"]
    assert khabar.stem_words(words, algorithm="isri") == [stemmer.stem(w) for w in words]


def test_seed_article_has_15_sentences(parse_data: pathlib.Path) -> None:
    with open(parse_data / "seed.txt", encoding="utf-8", newline="") as f:
        raw = f.read()
    expected = json.loads((parse_data / "seed.expected.json").read_text("utf-8"))
    got = []
    for p in expected["paragraphs"]:
        body = raw[p["start"]:p["end"]]
        got += [[p["start"] + s.start, p["start"] + s.end] for s in khabar.sentences(body)]
    assert got == [s for p in expected["paragraphs"] for s in p["sentences"]]
    assert len(got) == expected["stats"]["sentences"] == 15


def test_sentence_stress_example(parse_data: pathlib.Path) -> None:
    # T05: 1.1.2020 ., م. أحمد ؟, «لن نتراجع.», ص.ب. 1234 and a URL in one paragraph set.
    ex = parse_data
    with open(ex / "T05_sentence_stress.txt", encoding="utf-8", newline="") as f:
        raw = f.read()
    expected = json.loads((ex / "T05_sentence_stress.expected.json").read_text("utf-8"))
    for p in expected["paragraphs"]:
        body = raw[p["start"]:p["end"]]
        got = [[p["start"] + s.start, p["start"] + s.end] for s in khabar.sentences(body)]
        assert got == p["sentences"], p["text"]
