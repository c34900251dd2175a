"""khabar.parse_html: pages as str and bytes, columns of them, offsets into ``text``."""

from __future__ import annotations

import pathlib

import pytest

import khabar

P1 = "قال وزير المالية في بيان، اليوم الأحد، إن الحكومة ستعرض مشروع الموازنة على البرلمان الأسبوع المقبل."
P2 = "وأضاف أن الإصلاحات، ومنها خفض الدعم على الوقود، ستبدأ في العام المقبل بعد موافقة النواب عليها."
PAGE = (
    "<html><head><meta charset='utf-8'><title>الحكومة تعرض الموازنة | الأخبار</title>"
    "<meta property='og:site_name' content='الأخبار'>"
    "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": \"2024-03-10T09:30:00+03:00\","
    " \"author\": {\"@type\": \"Person\", \"name\": \"سارة الأحمد\"}}</script></head><body>"
    "<nav><a href='/'>الرئيسية</a> <a href='/eco'>اقتصاد</a></nav>"
    f"<article><h1>الحكومة تعرض الموازنة</h1><p>{P1}</p><p>{P2}</p></article>"
    "<aside class='sidebar'><a href='/x'>الأكثر قراءة</a></aside></body></html>"
)
REAL = pathlib.Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "html"


def spans_slice_back(a: khabar.Article) -> None:
    text = a.text
    assert isinstance(text, str)
    for s in [a.title, *a.paragraphs, *a.boilerplate, *a.captions, *a.tags]:
        if s is not None and s.start != s.end:
            assert text[s.start:s.end] == s.text
    for x in a.authors:
        assert x.where == "metadata" or text[x.start:x.end] == x.name


def test_one_page_as_str_and_bytes() -> None:
    a = khabar.parse_html(PAGE, url="https://alakhbar.example/eco/1")
    spans_slice_back(a)
    assert a.title.text == "الحكومة تعرض الموازنة"
    assert [p.text for p in a.paragraphs] == [P1, P2]
    assert [x.name for x in a.authors] == ["سارة الأحمد"]
    assert a.published.value == "2024-03-10T09:30" and a.published.zone == "+03:00"
    assert a.published.where == "json_ld"
    assert a.site_name == "الأخبار"
    assert {b.kind for b in a.boilerplate} >= {"navigation", "sidebar"}
    assert a.input.format == "html"
    b = khabar.parse_html(PAGE.encode("utf-8"))
    assert b.input.encoding == "utf-8"
    assert [p.text for p in b.paragraphs] == [P1, P2]


def test_windows_1256_bytes_are_detected() -> None:
    page = PAGE.replace("<meta charset='utf-8'>", "")
    a = khabar.parse_html(page.encode("cp1256"), url="http://www.example.com.sa/a")
    assert a.input.encoding == "windows-1256"
    assert [p.text for p in a.paragraphs] == [P1, P2]
    a = khabar.parse_html(page.encode("cp1256"), encoding="windows-1256")
    assert a.title.text == "الحكومة تعرض الموازنة"


def test_rows_keep_missing_and_mix_str_and_bytes() -> None:
    out = khabar.parse_html([PAGE, None, PAGE.encode("utf-8")])
    assert out[1] is None
    assert out[0].title.text == out[2].title.text == "الحكومة تعرض الموازنة"
    with pytest.raises(TypeError, match="row 0"):
        khabar.parse_html([3])


def test_columns_become_tables() -> None:
    pd = pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    s = pd.Series([PAGE, None], index=[7, 9])
    df = khabar.parse_html(s)
    assert list(df.index) == [7, 9]
    assert tuple(df.columns) == khabar.article.HTML_COLUMNS
    assert df["title"][7] == "الحكومة تعرض الموازنة"
    assert df["site_name"][7] == "الأخبار"
    t = khabar.parse_html(pa.array([PAGE.encode("utf-8")], pa.binary()))
    assert t.column("title").to_pylist() == ["الحكومة تعرض الموازنة"]
    df2 = s.khabar.parse_html() if hasattr(s, "khabar") else None
    if df2 is not None:
        assert df2["title"][7] == "الحكومة تعرض الموازنة"


def test_bad_input_never_raises() -> None:
    for x in [b"", b"\x00\x01binary\xff", "", "no tags at all", "<<<", "<p>" * 10_000]:
        a = khabar.parse_html(x)
        spans_slice_back(a)
    assert "not_html" in khabar.parse_html(b"\x00\x01binary").warnings


def test_json_round_trip() -> None:
    a = khabar.parse_html(PAGE)
    assert khabar.Article.from_json(a.to_json()) == a


@pytest.mark.skipif(not REAL.is_dir(), reason="the shared corpus is not here")
def test_real_assabah_page() -> None:
    page = (REAL / "assabah" / "assabah.com.tn.article.html").read_bytes()
    a = khabar.parse_html(page)
    spans_slice_back(a)
    assert a.published.value.startswith("2019-02-08")
    assert [x.name for x in a.authors] == ["آسيا العتروس"]
    for must in ["منذ بدء", "كل المجالات", "وماذا عن حقيقة"]:
        assert must in a.body_text
    for never in ["كورونا يقتل", "غائم جزئيا", "إضافة تعليق جديد"]:
        assert never not in a.body_text


def _warc(pages: list[tuple[str, bytes]]) -> bytes:
    out = b""
    for uri, page in pages:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\n"
                f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
                f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
        out += head.encode() + http + b"\r\n\r\n"
    return out


def test_corpora_of_pages(tmp_path: pathlib.Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import gzip

    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, encoding="utf-8")
    (folder / "b.htm").write_bytes(PAGE.replace("<meta charset='utf-8'>", "").encode("cp1256"))
    s = khabar.process_corpus(folder, tmp_path / "out.parquet", task="parse_html")
    assert (s.rows_in, s.rows_out, s.rows_with_errors) == (2, 2, 0)
    t = pa.parquet.read_table(tmp_path / "out.parquet") if hasattr(pa, "parquet") else None
    if t is None:
        import pyarrow.parquet as pq
        t = pq.read_table(tmp_path / "out.parquet")
    assert t.column("title").to_pylist() == ["الحكومة تعرض الموازنة"] * 2
    assert "text" in t.column_names and "site_name" in t.column_names
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(gzip.compress(_warc([("http://x.sa/1", PAGE.encode()), ("http://x.sa/2", PAGE.encode())])))
    rows = khabar.read_corpus(warc, html="raw")
    assert rows.column("id").to_pylist() == ["http://x.sa/1", "http://x.sa/2"]
    s = khabar.process_corpus(warc, tmp_path / "w.jsonl", task="parse_html")
    assert s.rows_out == 2
    first = (tmp_path / "w.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert '"title":"الحكومة تعرض الموازنة"' in first


def test_command_line_parses_pages(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    from khabar.cli import main

    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    assert main(["parse", str(page)]) == 0
    out = capsys.readouterr().out
    assert '"title": {"text": "الحكومة تعرض الموازنة"' in out
