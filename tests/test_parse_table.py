"""khabar.parse on a column: one Arrow table built in Rust, as pyarrow, pandas or polars."""

from __future__ import annotations

import pytest

import khabar
from khabar.article import ROW_COLUMNS

pa = pytest.importorskip("pyarrow")

WIRE = ("ماكرون يدعو إلى رفع الحصار عن اليمن\n"
        "باريس (أ ف ب) - دعا الرئيس الفرنسي إلى رفع الحصار «كاملا» عن اليمن.\n"
        "اقرأ أيضاً: الأمم المتحدة تحذر من مجاعة في اليمن\n"
        "وقال ماكرون في مؤتمر صحفي إن الوضع الإنساني «هو الأخطر في العالم».\n"
        "ولم يصدر أي تعليق فوري من الرياض. (رويترز)\n")
HEADER = ("وزير المالية: العجز سينخفض العام المقبل\n"
          "بيروت - كتبت: ريما الخوري\n"
          "الأربعاء ١٥ كانون الثاني ٢٠٢٠\n"
          "قال وزير المالية إن العجز سينخفض. وأضاف: «لن نفرض ضرائب جديدة».\n"
          "وأشار إلى أن الحكومة ستعرض الموازنة على مجلس النواب الأسبوع المقبل.\n"
          "الوسوم: اقتصاد، لبنان\n")
TEXTS = [WIRE, None, HEADER, "", "\u00a0\n"]


def test_pyarrow_table_schema_has_nested_columns() -> None:
    t = khabar.parse(pa.array(TEXTS))
    assert isinstance(t, pa.Table)
    assert t.num_rows == len(TEXTS)
    assert tuple(t.column_names) == ROW_COLUMNS
    s = t.schema
    assert s.field("title").type == pa.string()
    assert s.field("body_text").type == pa.string()
    para = s.field("paragraphs").type
    assert pa.types.is_list(para) and pa.types.is_struct(para.value_type)
    assert [f.name for f in para.value_type] == ["kind", "text", "start", "end", "sentences"]
    assert pa.types.is_list(para.value_type.field("sentences").type)
    assert [f.name for f in s.field("authors").type.value_type] == ["name", "role", "start", "end"]
    assert pa.types.is_struct(s.field("dateline").type)
    assert pa.types.is_struct(s.field("published").type)
    assert pa.types.is_struct(s.field("stats").type)
    src = s.field("sources").type.value_type
    assert pa.types.is_list(src.field("canonical").type)
    for name in ("related", "tags", "captions", "warnings"):
        assert s.field(name).type == pa.list_(pa.field("item", pa.string()))


def test_rows_hold_the_same_article_as_a_single_parse() -> None:
    rows = khabar.parse(pa.array(TEXTS)).to_pylist()
    for text, row in zip(TEXTS, rows):
        if text is None:
            assert all(v is None for v in row.values())
            continue
        a = khabar.parse(text)
        assert row["title"] == (a.title.text if a.title else None)
        assert row["body_text"] == a.body_text
        assert [(p["kind"], p["text"], p["start"], p["end"]) for p in row["paragraphs"]] == [
            (p.kind, p.text, p.start, p.end) for p in a.paragraphs]
        assert [[(s["start"], s["end"]) for s in p["sentences"]] for p in row["paragraphs"]] == [
            [tuple(s) for s in p.sentences] for p in a.paragraphs]
        assert [b["kind"] for b in row["boilerplate"]] == [b.kind for b in a.boilerplate]
        assert row["warnings"] == list(a.warnings)
        assert row["stats"]["paragraphs"] == a.stats.paragraphs
        assert row["language"] == a.language
        for p in row["paragraphs"]:
            assert text[p["start"]:p["end"]] == p["text"]


def test_wire_and_header_fields_in_the_table() -> None:
    wire, _, header = khabar.parse(pa.array(TEXTS)).to_pylist()[:3]
    assert wire["dateline"]["place"] == "باريس"
    assert [s["canonical"] for s in wire["sources"]] == [["AFP"], ["Reuters"]]
    assert header["authors"][0]["name"] == "ريما الخوري"
    assert header["authors"][0]["role"] == "author"
    assert header["published"]["value"] == "2020-01-15"
    assert header["published"]["calendar"] == "gregorian"
    assert header["tags"] == ["اقتصاد", "لبنان"]


def test_pandas_dataframe_keeps_the_series_index() -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series(TEXTS, index=pd.Index([10, 20, 30, 40, 50], name="doc"), name="raw")
    df = khabar.parse(s)
    assert isinstance(df, pd.DataFrame)
    assert list(df.index) == [10, 20, 30, 40, 50] and df.index.name == "doc"
    assert tuple(df.columns) == ROW_COLUMNS
    assert df.loc[10, "title"] == "ماكرون يدعو إلى رفع الحصار عن اليمن"
    assert [p["kind"] for p in df.loc[10, "paragraphs"]] == ["body", "body", "body"]
    assert df.loc[30, "authors"][0]["name"] == "ريما الخوري"
    assert df.loc[10, "dateline"]["place"] == "باريس"
    assert df.loc[20].isna().all()  # the missing row: nulls in every column
    assert df.loc[40, "warnings"] == ["empty_input"]
    # Arrow-backed columns keep exact types: offsets and counts stay integers.
    assert isinstance(df["title"].dtype, pd.ArrowDtype)
    assert df.loc[10, "stats"]["paragraphs"] == 3 and isinstance(df.loc[10, "stats"]["words"], int)
    assert df["title"].str.len().tolist()[:2] == [len("ماكرون يدعو إلى رفع الحصار عن اليمن"), pd.NA]


def test_pandas_missing_markers_and_arrow_backed_series() -> None:
    pd = pytest.importorskip("pandas")
    df = khabar.parse(pd.Series([WIRE, float("nan"), pd.NA, None], index=list("abcd")))
    assert df.loc["a", "dateline"]["place"] == "باريس"
    assert df.loc[["b", "c", "d"]].isna().all().all()
    s = pd.Series([HEADER, None], dtype="string[pyarrow]", index=["x", "y"])
    df = khabar.parse(s)
    assert list(df.index) == ["x", "y"]
    assert df.loc["x", "authors"][0]["name"] == "ريما الخوري"
    assert df.loc["y"].isna().all()


def test_pandas_bad_row_names_the_index_label() -> None:
    pd = pytest.importorskip("pandas")
    with pytest.raises(khabar.KhabarTypeError, match=r"row 1.*index label 'b'"):
        khabar.parse(pd.Series([WIRE, 5], index=["a", "b"], dtype=object))


def test_polars_dataframe() -> None:
    pl = pytest.importorskip("polars")
    df = khabar.parse(pl.Series("raw", TEXTS))
    assert isinstance(df, pl.DataFrame)
    assert df.height == len(TEXTS) and tuple(df.columns) == ROW_COLUMNS
    assert df.schema["paragraphs"] == pl.List(pl.Struct)  # type: ignore[comparison-overlap]
    assert df["title"][0] == "ماكرون يدعو إلى رفع الحصار عن اليمن"
    assert df["title"][1] is None and df["paragraphs"][1] is None
    assert df["dateline"].struct.field("place")[0] == "باريس"


@pytest.mark.parametrize("kind", ["string", "large_string", "string_view"])
def test_arrow_string_kinds_and_chunks(kind: str) -> None:
    typ = getattr(pa, kind)()
    chunked = pa.chunked_array([pa.array(TEXTS[:2], type=typ), pa.array(TEXTS[2:], type=typ)])
    t = khabar.parse(chunked)
    assert t.num_rows == len(TEXTS)
    assert t.column("title").to_pylist()[:3] == [
        "ماكرون يدعو إلى رفع الحصار عن اليمن", None, "وزير المالية: العجز سينخفض العام المقبل"]


def test_many_rows_keep_their_order() -> None:
    texts = [f"عنوان رقم {i}\n\nنص الخبر رقم {i}." if i % 7 else None for i in range(3000)]
    t = khabar.parse(pa.array(texts))
    titles = t.column("title").to_pylist()
    assert titles == [None if x is None else f"عنوان رقم {i}" for i, x in enumerate(texts)]


def test_empty_column_gives_an_empty_table_with_the_schema() -> None:
    t = khabar.parse(pa.array([], type=pa.string()))
    assert t.num_rows == 0 and tuple(t.column_names) == ROW_COLUMNS
    assert pa.types.is_list(t.schema.field("paragraphs").type)


def test_lists_and_iterables_still_give_articles() -> None:
    out = khabar.parse(iter([WIRE, None]))
    assert isinstance(out, list) and isinstance(out[0], khabar.Article) and out[1] is None
