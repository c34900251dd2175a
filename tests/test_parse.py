"""khabar.parse on the seed article, the spec examples and the shipped sample, end to end."""

from __future__ import annotations

import json
import pathlib
import pickle

import pytest

import khabar
from khabar import Article

#: The parser goldens (tests/data/parse/README.md); the ``parse_data`` fixture is the same.
PARSE_DATA = pathlib.Path(__file__).parent / "data" / "parse"

SEED_TITLE = ("حفتر يلتقي بمدير المخابرات العسكرية المصرية في مقر قيادة الجيش الوطني الليبي "
              "لمواجهة التحركات القطرية التركية")


def spans(article: Article):
    """Every span-like record of the article, as (start, end, text)."""
    for name in ("title", "lead", "author_bio", "dateline", "published"):
        v = getattr(article, name)
        if v is not None and "start" in v:
            yield v.start, v.end, v.text
    for name in ("authors", "paragraphs", "related", "captions", "boilerplate", "sources", "tags"):
        for v in getattr(article, name):
            if isinstance(v, khabar.Record) and "start" in v:
                yield v.start, v.end, v.name if name == "authors" else v.text


def test_seed_fields(seed_text: str, parse_data: pathlib.Path) -> None:
    a = khabar.parse(seed_text)
    expected = json.loads((parse_data / "seed.expected.json").read_text("utf-8"))
    assert a.title.text == SEED_TITLE
    assert [x.name for x in a.authors] == ["نور الدين"]
    assert [r.text for r in a.related] == [r["text"] for r in expected["related"]]
    assert {b.text for b in a.boilerplate} >= {"in", "إقرأ المزيد"}
    for field in ("title", "lead", "author_bio"):
        got, want = getattr(a, field), expected[field]
        assert (got.start, got.end, got.text) == (want["start"], want["end"], want["text"])
    assert [(x.start, x.end) for x in a.authors] == [(2484, 2493)]
    assert [(r.start, r.end) for r in a.related] == [(r["start"], r["end"]) for r in expected["related"]]
    assert [(b.start, b.end, b.kind) for b in a.boilerplate] == [
        (b["start"], b["end"], b["kind"]) for b in expected["boilerplate"]]
    assert a.published is None
    assert a.stats.sentences == 15 and a.stats.paragraphs == 9


def test_spans_slice_back_to_their_text(seed_text: str) -> None:
    a = khabar.parse(seed_text)
    for start, end, text in spans(a):
        assert seed_text[start:end] == text
    for p in a.paragraphs:
        for start, end in p.sentences:
            assert p.start <= start < end <= p.end


#: The spec examples kept as goldens (the HTML ones are not: see tests/data/parse/README.md).
SPEC_EXAMPLES = ["T01_levant_hijri_byline", "T02_maghreb_source_line",
                 "T03_wire_signoff_alsoread", "T04_no_title_ad_subheading",
                 "T05_sentence_stress", "T06_footer_variants", "T07_by_caption_tatweel",
                 "T10_bom_crlf_hijri"]
#: The layout goldens: four ANT articles in each of the six layouts.
LAYOUT_GOLDENS = sorted(p.name.removesuffix(".txt")
                        for p in (PARSE_DATA / "layouts").glob("*.txt"))
GOLDENS = ["seed", *SPEC_EXAMPLES, *(f"layouts/{name}" for name in LAYOUT_GOLDENS)]


def test_goldens_are_all_there() -> None:
    assert len(LAYOUT_GOLDENS) == 24
    for name in GOLDENS:
        assert (PARSE_DATA / f"{name}.txt").is_file(), name
        assert (PARSE_DATA / f"{name}.expected.json").is_file(), name


@pytest.mark.parametrize("name", GOLDENS)
def test_goldens_match_exactly(parse_data: pathlib.Path, name: str) -> None:
    raw = (parse_data / f"{name}.txt").read_bytes().decode("utf-8")
    expected = json.loads((parse_data / f"{name}.expected.json").read_text("utf-8"))
    got = khabar.parse(raw).to_dict()
    assert got["stats"].pop("arabic_letter_ratio") == pytest.approx(
        expected["stats"].pop("arabic_letter_ratio"), abs=1e-3)
    assert got == expected


@pytest.mark.parametrize("name", ["T01_levant_hijri_byline", "T03_wire_signoff_alsoread",
                                  "T06_footer_variants", "T07_by_caption_tatweel"])
def test_spec_examples_main_fields(parse_data: pathlib.Path, name: str) -> None:
    raw = (parse_data / f"{name}.txt").read_bytes().decode("utf-8-sig")
    expected = json.loads((parse_data / f"{name}.expected.json").read_text("utf-8"))
    a = khabar.parse(raw)
    assert (a.title.text if a.title else None) == (expected["title"] or {}).get("text")
    assert [x.name for x in a.authors] == [x["name"] for x in expected["authors"]]
    assert [p.text for p in a.paragraphs] == [p["text"] for p in expected["paragraphs"]]


def test_sample_corpus_parses() -> None:
    from khabar.cli import _sample_files

    files = _sample_files()
    assert len(files) == 5
    articles = khabar.parse([text for _, text in files])
    for (name, text), a in zip(files, articles):
        assert a.title is not None, name
        assert a.paragraphs, name
        assert a.language == "ar"
        for start, end, span_text in spans(a):
            assert text[start:end] == span_text, (name, start, end)


def test_article_object_api(seed_text: str) -> None:
    a = khabar.parse(seed_text)
    assert a["title"] == a.title
    with pytest.raises(AttributeError, match="immutable"):
        a.title = None  # type: ignore[misc]
    with pytest.raises(AttributeError, match="no field 'headline'"):
        a.headline  # noqa: B018
    d = json.loads(a.to_json())
    assert d["title"]["text"] == SEED_TITLE
    assert pickle.loads(pickle.dumps(a)) == a
    assert a.to_dict()["authors"][0]["name"] == "نور الدين"
    assert json.loads(a.to_json(indent=2)) == a.to_dict()
    assert "نور الدين" in a.to_json()  # Arabic unescaped
    html = a._repr_html_()
    assert 'dir="rtl"' in html and "حفتر" in html and "color:#999" in html
    assert "نور الدين" in html and "<h3>" in html
    assert html.count("<p") >= len(a.paragraphs)
    assert "Article(title=" in repr(a)


def test_batch_parse_list_keeps_none() -> None:
    out = khabar.parse(["عنوان\n\nنص الخبر.", None, ""])
    assert len(out) == 3 and out[1] is None
    assert out[0].title.text == "عنوان"
    assert out[2].paragraphs == ()


def test_batch_parse_pandas_gives_dataframe_on_index(seed_text: str) -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series([seed_text, None, "عنوان\n\nنص."], index=["a", "b", "c"])
    df = khabar.parse(s)
    assert list(df.index) == ["a", "b", "c"]
    assert df.loc["a", "title"] == SEED_TITLE
    assert [x["name"] for x in df.loc["a", "authors"]] == ["نور الدين"]
    assert df.loc["b"].isna().all()
    assert list(df.columns) == list(khabar.article.ROW_COLUMNS)


def test_batch_parse_pyarrow_and_polars(seed_text: str) -> None:
    pa = pytest.importorskip("pyarrow")
    t = khabar.parse(pa.array([seed_text, None]))
    assert isinstance(t, pa.Table) and t.num_rows == 2
    assert t.column("title").to_pylist() == [SEED_TITLE, None]
    pl = pytest.importorskip("polars")
    df = khabar.parse(pl.Series([seed_text]))
    assert df["title"].to_list() == [SEED_TITLE]


@pytest.mark.parametrize("text", ["", "   \n\t ", "no arabic at all, just words.",
                                  "\ufeffعنوان\r\n\r\nنص.\r\n", "\ufffd\ufffd\x00\x01 ؟؟",
                                  "\u00a0\n\u00a0\n", "ا" * 200_000,
                                  "كلمة عربية، " * 1_000_000])
def test_bad_input_gives_an_article(text: str) -> None:
    a = khabar.parse(text)
    assert isinstance(a, Article)
    assert a.input.length == len(text)
    if not text.strip():
        assert "empty_input" in a.warnings
    if "\ufffd" in text:
        assert "replacement_characters" in a.warnings
    for p in a.paragraphs:
        assert text[p.start:p.end] == p.text
