"""Every span ``khabar.parse`` reports slices back out of the input exactly as given.

A leading byte-order mark is part of the input (``open(path, encoding="utf-8").read()`` keeps
it), so every offset counts it: for a ``str``, for a list, for the Arrow table of a column and
for ``khabar parse FILE``. The property tests run the parser on the shared wide text strategy
and on texts assembled from real layout pieces, so that every rule fires.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any, Iterator

import pytest

import khabar

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from strategies import wide_text  # noqa: E402

#: One article in which every field with offsets fires (the same text as the Rust test
#: ``offsets_count_a_leading_bom``).
EVERY_FIELD = (
    "in\nعنوان الخبر الرئيسي\nالأربعاء 15 كانون الثاني 2020\n"
    "جملة تمهيدية واحدة عن الخبر.\nبيروت (رويترز) - أعلن الوزير اليوم خطة جديدة. وقال إنها جاهزة.\n"
    "صورة: رويترز\nفقرة ثانية عن الخطة.\nفقرة ثالثة. (أ ف ب)\nبقلم: ليلى حسن\n"
    "ليلى حسن صحفية مستقلة. إقرأ المزيد\nالوسوم: اقتصاد، نفط\nعنوان خبر ذي صلة\n"
)
#: The issue's example.
ISSUE = "\ufeffعنوان الخبر\n\nنص الخبر هنا."


def every_span(a: khabar.Article) -> Iterator[tuple[str, int, int, str]]:
    """``(field, start, end, text)`` of every span of ``a``: what each one must slice back to.

    A sentence must slice back to its part of its paragraph's text, an author's ``line`` to the
    byline boilerplate entry that starts where it starts.
    """
    for name in ("title", "lead", "author_bio", "dateline", "published", "modified"):
        v = getattr(a, name)
        if v is not None:
            yield name, v.start, v.end, v.text
    for name in ("tags", "captions", "related", "sources", "boilerplate"):
        for v in getattr(a, name):
            yield name, v.start, v.end, v.text
    bylines = {b.start: b.text for b in a.boilerplate if b.kind == "byline"}
    for au in a.authors:
        yield "authors", au.start, au.end, au.name
        yield "authors.line", au.line.start, au.line.end, bylines.get(au.line.start, "")
    for p in a.paragraphs:
        yield "paragraphs", p.start, p.end, p.text
        for s, e in p.sentences:
            assert p.start <= s < e <= p.end, (s, e, p.start, p.end)
            yield "sentences", s, e, p.text[s - p.start:e - p.start]


def assert_spans_slice_back(raw: str, a: khabar.Article) -> int:
    """Asserts every span of ``a`` slices back out of ``raw``; returns how many there are."""
    n = 0
    for field, start, end, text in every_span(a):
        assert 0 <= start <= end <= len(raw), (field, start, end, len(raw))
        assert raw[start:end] == text, (field, start, end, text, raw[start:end])
        n += 1
    assert a.input.length == len(raw)
    assert a.input.bom_stripped == raw.startswith("\ufeff")
    return n


# ------------------------------------------------------------------ issue 15: a leading BOM
VARIANTS = {
    f"{boms} BOM{'s' * (boms != 1)}{', CRLF' * crlf}":
        "\ufeff" * boms + (EVERY_FIELD.replace("\n", "\r\n") if crlf else EVERY_FIELD)
    for boms in (0, 1, 2) for crlf in (False, True)
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_field_slices_back_after_a_bom(name: str) -> None:
    raw = VARIANTS[name]
    a = khabar.parse(raw)
    assert a.title.start == raw.index("عنوان") and a.title.text == "عنوان الخبر الرئيسي"
    assert a.lead and a.author_bio and a.dateline and a.published
    assert len(a.sources) == 2 and len(a.tags) == 2 and a.captions and a.related
    assert assert_spans_slice_back(raw, a) >= 25


def test_the_issue_example() -> None:
    a = khabar.parse(ISSUE)
    assert (a.title.text, a.title.start, a.title.end) == ("عنوان الخبر", 1, 12)
    assert ISSUE[a.title.start:a.title.end] == a.title.text
    assert [(p.start, p.end) for p in a.paragraphs] == [(14, 27)]
    two = "\ufeff" + ISSUE
    b = khabar.parse(two)
    assert (b.title.start, b.title.end) == (2, 13)
    assert_spans_slice_back(two, b)


@pytest.mark.parametrize("raw", ["\ufeff", "\ufeff\ufeff", "\ufeff\r\n", "\ufeff\u00a0\n ",
                                 "\ufeff\n\n"])
def test_a_bom_and_nothing_else(raw: str) -> None:
    a = khabar.parse(raw)
    assert a.input.length == len(raw) and a.input.bom_stripped
    assert "empty_input" in a.warnings
    assert list(every_span(a)) == []


def test_lists_count_the_bom() -> None:
    texts = list(VARIANTS.values()) + [ISSUE, None]
    for raw, a in zip(texts, khabar.parse(texts)):
        if raw is None:
            assert a is None
        else:
            assert_spans_slice_back(raw, a)


def test_arrow_table_counts_the_bom() -> None:
    pa = pytest.importorskip("pyarrow")
    texts = list(VARIANTS.values()) + [ISSUE]
    for column in (pa.array(texts), pa.array(texts, type=pa.large_string())):
        rows = khabar.parse(column).to_pylist()
        for raw, row in zip(texts, rows):
            checked = 0
            for p in row["paragraphs"]:
                assert raw[p["start"]:p["end"]] == p["text"]
                for s in p["sentences"]:
                    assert p["start"] <= s["start"] < s["end"] <= p["end"]
                checked += 1
            for name in ("authors", "sources", "boilerplate"):
                for v in row[name]:
                    assert raw[v["start"]:v["end"]] == v.get("text", v.get("name"))
                    checked += 1
            for name in ("dateline", "published"):
                if row[name] is not None:
                    assert raw[row[name]["start"]:row[name]["end"]] == row[name]["text"]
                    checked += 1
            assert checked >= 1
    # The table holds the same offsets as a single parse.
    a = khabar.parse(texts[1])
    row = khabar.parse(pa.array(texts[1:2])).to_pylist()[0]
    assert [(p["start"], p["end"]) for p in row["paragraphs"]] == [
        (p.start, p.end) for p in a.paragraphs]


def test_pandas_and_polars_count_the_bom() -> None:
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    raw = VARIANTS["1 BOM"]
    want = [(p.start, p.end) for p in khabar.parse(raw).paragraphs]
    df = khabar.parse(pd.Series([raw]))
    assert [(p["start"], p["end"]) for p in df.loc[0, "paragraphs"]] == want
    out = khabar.parse(pl.Series([raw]))
    assert [(p["start"], p["end"]) for p in out["paragraphs"].to_list()[0]] == want


def test_cli_output_counts_the_bom(tmp_path) -> None:
    paths = []
    for n, (name, raw) in enumerate(VARIANTS.items()):
        p = tmp_path / f"{n}.txt"
        p.write_bytes(raw.encode("utf-8"))
        paths.append(p)
    r = subprocess.run([sys.executable, "-m", "khabar", "parse", *map(str, paths)],
                       capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == len(paths)
    for p, row in zip(paths, rows):
        raw = p.read_bytes().decode("utf-8")  # the BOM stays, as open(p, encoding="utf-8")
        a = khabar.parse(raw)
        assert row.pop("file") == str(p)
        assert row == a.to_dict()
        assert assert_spans_slice_back(raw, a) >= 25


# ------------------------------------------------------------------ property tests
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wide_text(120))
def test_spans_slice_back_on_wide_text(raw: str) -> None:
    assert_spans_slice_back(raw, khabar.parse(raw))


#: Real layout pieces: the lines and fragments the rules look for, and noise around them.
TITLES = ["وزير المالية: العجز سينخفض العام المقبل", "ماكرون يدعو إلى رفع الحصار عن اليمن",
          "ارتفاع أسعار الذهب إلى مستوى قياسي..", "عنوان"]
BYLINES = ["بقلم: ليلى حسن", "بقلم سامي علي", "كتب: أحمد الريدي", "كتبت: ريما الخوري",
           "Written by نور الدين", "By سارة الأحمد", "بيروت - كتبت: ريما الخوري",
           "القاهرة ـ كتب: سامي علي", "حوار: آسيا العتروس", "إعداد: منى سالم", "كتب: فرانس 24",
           "عين اليوم – عمّان"]
DATES = ["الأربعاء ١٥ كانون الثاني ٢٠٢٠ - ٢٠ جمادى الأولى ١٤٤١ هـ", "الجمعة 8 فيفري 2019",
         "نشر في: 1 تموز/يوليو 2020 - 10:30 م", "الاثنين 1 رمضان 1445 هـ", "٠٨/٠٢/٢٠١٩",
         "آخر تحديث: 2018-02-09 14:05", "الخميس، 3 يوليوز 2019 - 12:05", "28 ذو الحجة 1445 هـ"]
DATELINES = ["القاهرة (رويترز) - ", "باريس (أ ف ب) – ", "لندن ـ «القدس العربي»: ",
             "دبي، الإمارات العربية المتحدة (CNN)-- ", "(CNN)— ", "الجزائر - ", "الرياض (واس) - ",
             "ياسر العتيبي- سبق- الباحة: ", "سان فرانسيسكو 20 يوليو تموز (رويترز) - "]
SENTENCES = ["أعلن الوزير اليوم خطة جديدة للنقل العام.", "وقال إن الخطة جاهزة منذ عام 2014.",
             "قال د. أحمد إن النمو بلغ 3.5% في 1.1.2020 .", "وأضاف: «لن نتراجع.»",
             "هل ستنجح الخطة؟", "وللتواصل: ص.ب. 1234 عمان."]
SIGNOFFS = [" (رويترز)", " ي.أ/ ع.غ (د ب أ، رويترز)", " (واس)", " (أ ف ب)"]
LINES = ["اقرأ أيضاً: الأمم المتحدة تحذر من مجاعة", "إعلان", "صورة أرشيفية", "صورة: رويترز",
         "المصدر: وكالة الأنباء الجزائرية (واج)", "(رويترز)", "شارك هذا المقال",
         "تابعونا على فيسبوك وتويتر", "الوسوم: اقتصاد، نفط | طاقة", "أضف تعليقك",
         "جميع الحقوق محفوظة © 2024", "مقالات ذات صلة", "// انتهى //", "-----",
         "ليلى حسن صحفية مستقلة. إقرأ المزيد", "رابط الخبر بصحيفة الوئام: عنوان آخر",
         "عنوان فرعي", "in", "AR | EN", "Next Previous", "نشر في 5 مارس 2024"]
FRAGMENTS = [" تصوير: غازي مهدي - \"الاقتصادية\"", " [email\u00a0protected] /* */",
             " سمات تبوك جامعة", " -انتهى- ", " (تصوير: عبدالله)"]
#: A footer byline and the author's bio (ending in a read-more link, or opening with the name).
FOOTERS = [["بقلم: ليلى حسن", "ليلى حسن صحفية مستقلة تكتب عن الاقتصاد. إقرأ المزيد"],
           ["Written by نور الدين", "نور الدين كاتب مهتم بقضايا الدفاع والسياسة الخارجية."],
           ["كتب: أحمد الريدي", "صحفي في القسم الاقتصادي. اقرأ المزيد »"]]
SEPARATORS = ["\n", "\n\n", "\r\n", "\r\n\r\n", "\n\u00a0\n", "\u2028", "\r"]


@st.composite
def layout_text(draw: Any) -> str:
    """An article assembled from real layout pieces, in any order, with wide-text noise."""
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["in", "AR | EN", "12"])))
    header = [draw(st.sampled_from(TITLES))]
    header += draw(st.lists(st.sampled_from(BYLINES + DATES), max_size=3))
    lines += draw(st.permutations(header))
    for i in range(draw(st.integers(1, 5))):
        paragraph = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
        if i == 0 and draw(st.booleans()):
            paragraph = draw(st.sampled_from(DATELINES)) + paragraph
        if draw(st.integers(0, 5)) == 0:
            paragraph += draw(st.sampled_from(FRAGMENTS))
        lines.append(paragraph)
        lines += draw(st.lists(st.sampled_from(LINES), max_size=2))
    lines[-1] += draw(st.sampled_from([""] + SIGNOFFS))
    if draw(st.booleans()):
        lines += draw(st.sampled_from(FOOTERS))
    lines += draw(st.lists(st.sampled_from(BYLINES + LINES + TITLES + DATES), max_size=5))
    noise = draw(st.lists(st.tuples(st.integers(0, len(lines)), wide_text(20)), max_size=2))
    for at, text in sorted(noise, reverse=True):
        lines.insert(at, text)
    sep = draw(st.sampled_from(SEPARATORS))
    bom = draw(st.sampled_from(["", "", "\ufeff", "\ufeff\ufeff"]))
    return bom + sep.join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout_text())
def test_spans_slice_back_on_layouts(raw: str) -> None:
    assert_spans_slice_back(raw, khabar.parse(raw))


def test_layout_pieces_make_the_rules_fire() -> None:
    """The layout strategy reaches every field with offsets, so the property above tests them."""
    seen: set[str] = set()

    @settings(max_examples=300, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(layout_text())
    def collect(raw: str) -> None:
        seen.update(field for field, *_ in every_span(khabar.parse(raw)))

    collect()
    assert seen >= {"title", "lead", "author_bio", "dateline", "published", "tags", "captions",
                    "related", "sources", "boilerplate", "authors", "authors.line",
                    "paragraphs", "sentences"}
