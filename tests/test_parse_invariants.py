"""The parser's invariants (SPEC B, I1-I5) on bad input, on every spec example and as property
tests over generated article layouts.

I1 every span slices back to its text; I2 every non-space character belongs to exactly one of
title, dateline, byline, paragraphs, author bio, related, captions, boilerplate; I3 sentences
are ordered, disjoint and inside their paragraph; I4 ``body_text`` is the joined paragraphs;
I5 nothing raises: bad input gives an Article with warnings.
"""

from __future__ import annotations

import pathlib
import random
from typing import Any

import pytest

import khabar

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

#: What the parser treats as space (``text::is_space``).
SPACES = set(" \t\n\r\x0b\x0c\x85\u00a0\u1680\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
             + "".join(chr(c) for c in range(0x2000, 0x2010)))


def check_invariants(raw: str, a: khabar.Article) -> None:
    src = raw  # offsets count a leading BOM: they point into the input as given
    assert a.input.length == len(src)
    assert a.input.bom_stripped == raw.startswith("\ufeff")

    # I1: every record with start/end and text (or an author's name) slices back to it.
    def walk(v: Any) -> None:
        if isinstance(v, khabar.Record):
            text = v.get("text", v.get("name"))
            if isinstance(text, str) and "start" in v and "end" in v:
                assert src[v.start:v.end] == text, (v.start, v.end, text)
            for x in v.values():
                walk(x)
        elif isinstance(v, tuple):
            for x in v:
                walk(x)
    walk(a)

    # I2: every non-space character in exactly one zone; a byline's place is in the byline.
    owners = [0] * len(src)

    def claim(v: Any) -> None:
        for i in range(v.start, v.end):
            owners[i] += 1
    for zone in (a.paragraphs, a.related, a.captions, a.boilerplate):
        for v in zone:
            claim(v)
    for v in (a.title, a.author_bio):
        if v is not None:
            claim(v)
    if a.dateline is not None and not any(
            b.kind == "byline" and b.start <= a.dateline.start and a.dateline.end <= b.end
            for b in a.boilerplate):
        claim(a.dateline)
    for i, c in enumerate(src):
        if c not in SPACES:
            assert owners[i] == 1, (i, c, owners[i], src[max(0, i - 20):i + 20])

    # I3: sentences ordered, disjoint, inside their paragraph.
    for p in a.paragraphs:
        at = p.start
        for s, e in p.sentences:
            assert at <= s < e <= p.end
            at = e
        assert p.text
    # I4
    assert a.body_text == "\n\n".join(p.text for p in a.paragraphs)
    assert a.stats.paragraphs == len(a.paragraphs)


# ------------------------------------------------------------------ bad input (I5)
GARBAGE = bytes(random.Random(7).randrange(256) for _ in range(20_000)).decode(
    "utf-8", errors="replace")
BAD = {
    "empty": ("", ["empty_input"]),
    "whitespace only": (" \t\n\u00a0\r\n  \u200b\n", ["empty_input"]),
    "no arabic at all": ("Breaking news\n\nThe minister said on Monday that prices would "
                         "rise. Nothing else was announced.\n", ["not_arabic"]),
    "binary garbage": (GARBAGE, ["replacement_characters"]),
    "crlf": ("عنوان الخبر\r\n\r\nالقاهرة - أعلن الوزير اليوم خطة جديدة.\r\n\r\n"
             "وقال إن الخطة جاهزة.\r\n", []),
    "bom": ("\ufeffعنوان الخبر\n\nنص الخبر هنا.\n", []),
    "lone cr and nbsp lines": ("عنوان\r\u00a0\rنص الخبر.\r\u00a0\r", []),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_gives_an_article_with_warnings(name: str) -> None:
    text, warnings = BAD[name]
    a = khabar.parse(text)
    assert isinstance(a, khabar.Article)
    for w in warnings:
        assert w in a.warnings, (name, a.warnings)
    check_invariants(text, a)


def test_crlf_and_bom_offsets() -> None:
    text, _ = BAD["crlf"]
    a = khabar.parse(text)
    assert a.title.text == "عنوان الخبر" and a.dateline.place == "القاهرة"
    assert [p.text for p in a.paragraphs] == ["أعلن الوزير اليوم خطة جديدة.", "وقال إن الخطة جاهزة."]
    a = khabar.parse(BAD["bom"][0])
    assert a.input.bom_stripped and a.title.start == 1 and a.title.text == "عنوان الخبر"


def test_ten_megabyte_single_line() -> None:
    line = "قال الوزير إن الحكومة ستعرض الموازنة، وأضاف أن العجز سينخفض. " * 170_000
    assert len(line.encode()) > 10_000_000 and "\n" not in line
    a = khabar.parse(line)
    assert len(a.paragraphs) == 1 and a.stats.sentences == 170_000
    assert a.body_text == line.strip()
    b = khabar.parse("x" * 10_000_000)
    assert "not_arabic" in b.warnings and len(b.paragraphs) == 1


def test_bad_inputs_in_a_column() -> None:
    pa = pytest.importorskip("pyarrow")
    texts = [t for t, _ in BAD.values()]
    t = khabar.parse(pa.array(texts))
    assert t.num_rows == len(texts)
    assert t.column("warnings").to_pylist()[0] == ["empty_input"]
    assert khabar.parse(texts)[0].warnings == ("empty_input",)


# ------------------------------------------------------------------ spec examples
EXAMPLES = ["T01_levant_hijri_byline", "T02_maghreb_source_line", "T03_wire_signoff_alsoread",
            "T04_no_title_ad_subheading", "T05_sentence_stress", "T06_footer_variants",
            "T07_by_caption_tatweel", "T10_bom_crlf_hijri"]


@pytest.mark.parametrize("name", EXAMPLES + ["seed"])
def test_invariants_on_spec_examples(parse_data: pathlib.Path, name: str) -> None:
    raw = (parse_data / f"{name}.txt").read_bytes().decode("utf-8")
    check_invariants(raw, khabar.parse(raw))


def test_invariants_on_layout_goldens(parse_data: pathlib.Path) -> None:
    paths = sorted((parse_data / "layouts").glob("*.txt"))
    assert len(paths) == 24
    for path in paths:
        raw = path.read_bytes().decode("utf-8")
        check_invariants(raw, khabar.parse(raw))


# ------------------------------------------------------------------ generated layouts
WORDS = ["الحكومة", "الوزير", "أعلن", "اليوم", "المشروع", "الجديد", "في", "مدينة", "الرياض",
         "القاهرة", "بيروت", "الاقتصاد", "النفط", "الأسعار", "ارتفعت", "قال", "إن", "مليون",
         "دولار", "3.5%", "١٥", "«الإصلاحات»", "د.", "ص.ب.", "2020", "المتحدة", "الأمم"]
NAMES = ["ريما الخوري", "أحمد الريدي", "سارة منصور", "فرانس 24", "نور الدين"]
PLACES = ["القاهرة", "بيروت", "الرياض", "دبي، الإمارات العربية المتحدة", "رام الله"]
AGENCIES = ["رويترز", "أ ف ب", "واس", "د ب أ", "CNN"]

words = st.lists(st.sampled_from(WORDS), min_size=3, max_size=12).map(" ".join)
sentence = words.map(lambda w: w + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
# A headline has words: a line of numbers and signs only (`3.5% 2020`) is junk, rightly.
title = words.filter(lambda w: not w.endswith(".") and any(c.isalpha() for c in w))
seps = st.sampled_from(["\n", "\n\n", "\n\u00a0\n", "\r\n\r\n", "\n \n"])
boilerplate_line = st.sampled_from([
    "اقرأ أيضاً: الأمم المتحدة تحذر من مجاعة", "إعلان", "صورة أرشيفية", "صورة: رويترز",
    "شارك هذا المقال", "الوسوم: اقتصاد، نفط", "جميع الحقوق محفوظة © 2020", "// انتهى //",
    "-----", "مقالات ذات صلة", "تابعونا على تويتر"])


@st.composite
def article(draw: Any) -> tuple[str, dict[str, Any]]:
    """A raw article in one of the layouts, with what must be recovered from it."""
    t = draw(title)
    paras = draw(st.lists(paragraph, min_size=2, max_size=6))
    sep = draw(seps)
    lines = [t]
    author = None
    if draw(st.booleans()):
        author = draw(st.sampled_from(NAMES))
        lines.append(draw(st.sampled_from(["كتب: {}", "بقلم: {}", "By {}"])).format(author))
    if draw(st.booleans()):
        lines.append("الأربعاء 15 كانون الثاني 2020")
    body = list(paras)
    place = None
    if draw(st.booleans()):
        place = draw(st.sampled_from(PLACES))
        body[0] = f"{place} ({draw(st.sampled_from(AGENCIES))}) - {body[0]}"
    noise = draw(st.lists(st.tuples(st.integers(0, len(body)), boilerplate_line), max_size=3))
    for at, line in sorted(noise, reverse=True):
        body.insert(at, line)
    text = sep.join(lines + body) + draw(st.sampled_from(["", "\n", "\n\n"]))
    return text, {"title": t, "paragraphs": paras, "author": author, "place": place,
                  "noise": [line for _, line in noise]}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_generated_layouts_keep_invariants(case: tuple[str, dict[str, Any]]) -> None:
    text, gold = case
    a = khabar.parse(text)
    check_invariants(text, a)
    assert a.title is not None and a.title.text == gold["title"]
    if gold["author"]:
        assert [x.name for x in a.authors] == [gold["author"]]
    if gold["place"] and not gold["noise"]:
        assert a.dateline is not None and a.dateline.place == gold["place"]
    body = "\n".join(p.text for p in a.paragraphs)
    for line in gold["noise"]:
        if line not in ("-----",):
            assert line not in body, line


PIECES = list("ابتثجحخد هـ.:-–(),،؟!«»\n\r\u00a0\ufeff\ufffd0123٤") + [
    "كتب: ", "By ", "واس", "رويترز", "(CNN)", "سبق", "// انتهى //", "سمات ", "رابط الخبر: ",
    "[email protected] /* */", "تصوير: ", "Next Previous ", "الوسوم: ", "شارك", "-----",
    "القاهرة - ", "الرياض (واس) - ", "إقرأ المزيد", "\u202b", "بقلم "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_any_text_keeps_invariants(text: str) -> None:
    check_invariants(text, khabar.parse(text))
