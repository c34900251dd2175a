"""Results for `str` and list inputs: lazy `Tokens`/`Sentences`/`Strings` and `Article`.

They stay in Rust until read; these tests pin down that, once read, they behave as the lists,
named tuples and records they stand for.
"""

from __future__ import annotations

import collections.abc
import copy
import json
import pickle

import pytest

import khabar
from khabar import Article, Record, Sentence, Sentences, Strings, Token, Tokens

TEXT = "قال: «سنرفع النمو إلى 3.5%». وأضاف د. أحمد"


def expected_tokens(text: str) -> list[Token]:
    """The tokens as a plain list, from the Arrow path (a different conversion)."""
    pa = pytest.importorskip("pyarrow")
    rows = khabar.tokenize(pa.array([text])).to_pylist()[0]
    return [Token(r["text"], r["start"], r["end"], r["kind"]) for r in rows]


def test_tokens_behave_as_a_list_of_token() -> None:
    toks = khabar.tokenize(TEXT)
    assert isinstance(toks, Tokens)
    assert isinstance(toks, collections.abc.Sequence)
    want = expected_tokens(TEXT)
    assert toks == want and want == toks and not (toks != want)
    assert len(toks) == len(want) and bool(toks)
    assert toks[0] == want[0] and toks[-1] == want[-1]
    assert isinstance(toks[0], Token) and toks[0].kind == "arabic"
    assert list(toks) == want and toks.to_list() == want
    assert toks[2:5] == want[2:5] and isinstance(toks[2:5], Tokens)
    assert toks[::2] == want[::2] and toks[::-1] == want[::-1]
    assert toks[5:2] == [] and toks[100:] == []
    assert want[3] in toks and toks.index(want[3]) == 3 and toks.count(want[3]) == 1
    assert Token("x", 0, 1, "latin") not in toks
    assert toks.texts == [t.text for t in want]
    assert toks.starts == [t.start for t in want] and toks.ends == [t.end for t in want]
    assert toks.kinds == [t.kind for t in want]
    assert repr(toks) == repr(want)
    assert toks + [1] == want + [1] and [0] + toks == [0] + want
    with pytest.raises(IndexError):
        toks[len(want)]
    with pytest.raises(TypeError, match="indices must be integers"):
        toks["a"]  # type: ignore[index]
    with pytest.raises(TypeError):
        hash(toks)


def test_tokens_equality_is_by_content() -> None:
    a, b = khabar.tokenize(TEXT), khabar.tokenize(TEXT)
    assert a == b and a is not b
    assert a != khabar.tokenize(TEXT + " نعم")
    assert a != khabar.tokenize(TEXT, offsets=False)
    assert khabar.tokenize("") == [] and not khabar.tokenize("")
    assert (a == 3) is False


def test_strings_and_sentences() -> None:
    words = khabar.tokenize(TEXT, offsets=False)
    assert isinstance(words, Strings)
    assert words == [t.text for t in expected_tokens(TEXT)]
    assert words == tuple(words.to_list())
    with pytest.raises(TypeError, match="offsets=False"):
        words.starts  # noqa: B018
    sents = khabar.sentences("نعم. لا")
    assert isinstance(sents, Sentences)
    assert sents == [Sentence("نعم.", 0, 4), Sentence("لا", 5, 7)]
    assert sents.starts == [0, 5] and sents.texts == ["نعم.", "لا"]
    assert khabar.stem("والمكتبات الجديدة") == ["مكتب", "جديد"]


@pytest.mark.parametrize("make", [
    lambda: khabar.tokenize(TEXT), lambda: khabar.tokenize(TEXT, offsets=False),
    lambda: khabar.sentences(TEXT), lambda: khabar.stem(TEXT),
    lambda: khabar.tokenize(TEXT)[1:4],
])
def test_results_pickle_and_copy(make) -> None:
    r = make()
    back = pickle.loads(pickle.dumps(r))
    assert type(back) is type(r) and back == r and back.to_list() == r.to_list()
    assert copy.copy(r) == r and copy.deepcopy(r) == r


def test_list_rows_share_batches_and_keep_missing() -> None:
    rows = [TEXT, None, "", float("nan"), "نعم"] * 3000
    out = khabar.tokenize(rows)
    assert len(out) == len(rows)
    for r, o in zip(rows, out):
        if r is None or isinstance(r, float):
            assert o is r
        else:
            assert isinstance(o, Tokens)
            assert o == khabar.tokenize(r)
    assert out[2] == []


def test_results_outlive_their_input() -> None:
    rows = [f"كلمة {i} أخرى" for i in range(5000)]
    out = khabar.tokenize(rows)
    del rows
    assert out[4999].texts == ["كلمة", "4999", "أخرى"]


def test_large_single_text_is_fast_to_return() -> None:
    # A text of millions of tokens: the result is one object; items are made when read.
    text = "كلمة عربية، " * 500_000
    toks = khabar.tokenize(text)
    assert len(toks) == 1_500_000
    assert toks[-1] == Token("،", len(text) - 2, len(text) - 1, "punct")


# ------------------------------------------------------------------------ Article

RAW = "عنوان الخبر\n\nالقاهرة (رويترز) - قال الوزير إن النمو جيد.\n\nكتب: أحمد علي"


def test_article_fields_are_records_tuples_and_values() -> None:
    a = khabar.parse(RAW)
    assert isinstance(a, Article) and isinstance(a, Record)
    assert isinstance(a, collections.abc.Mapping)
    assert a.title.text == "عنوان الخبر" and a["title"] == a.title
    assert a.title is a.title  # made once, then kept
    assert isinstance(a.paragraphs, tuple) and isinstance(a.paragraphs[0], Record)
    assert list(a.keys()) == list(a.to_dict().keys()) == list(a)
    assert len(a) == len(a.to_dict())
    assert "title" in a and "headline" not in a
    assert a.get("headline", 7) == 7 and a.get("title") == a.title
    assert dict(a.items())["body_text"] == a.body_text
    for p in a.paragraphs:
        assert RAW[p.start:p.end] == p.text
        for s, e in p.sentences:
            assert p.start <= s < e <= p.end


def test_article_dict_json_pickle_and_equality() -> None:
    a = khabar.parse(RAW)
    d = a.to_dict()
    assert isinstance(d["paragraphs"], list) and isinstance(d["paragraphs"][0], dict)
    assert json.loads(a.to_json()) == d == json.loads(a.to_json(indent=2))
    assert "\n  " in a.to_json(indent=2)
    back = pickle.loads(pickle.dumps(a))
    assert isinstance(back, Article) and back == a and back.to_dict() == d
    assert a == d and d == a
    assert a != khabar.parse(RAW + "\n\nفقرة أخرى.")
    assert Article.from_json(a.to_json()) == a
    with pytest.raises(ValueError, match="not an article"):
        Article.from_json("{}")


def test_article_repr_names_title_authors_paragraphs() -> None:
    a = khabar.parse(RAW)
    assert repr(a) == (f"Article(title={a.title.text!r}, authors={[x.name for x in a.authors]!r}, "
                       f"paragraphs={len(a.paragraphs)})")
    b = khabar.parse("")
    assert repr(b) == "Article(title=None, authors=[], paragraphs=0)"


def test_record_is_an_immutable_mapping() -> None:
    r = Record({"text": "نص", "start": 0, "nested": {"a": [1, {"b": 2}]}})
    assert r.nested.a[1].b == 2 and isinstance(r.nested.a, tuple)
    assert r.to_dict() == {"text": "نص", "start": 0, "nested": {"a": [1, {"b": 2}]}}
    assert r == r.to_dict() and r == Record(r.to_dict())
    assert pickle.loads(pickle.dumps(r)) == r
    assert repr(r).startswith("Record(text='نص', start=0")
    with pytest.raises(AttributeError, match="immutable"):
        r.text = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="no field 'missing'"):
        r.missing  # noqa: B018
    with pytest.raises(KeyError):
        r["missing"]
    with pytest.raises(TypeError, match="expected a mapping"):
        Record([1, 2])  # type: ignore[arg-type]


def test_record_fields_by_any_spelling_of_their_name() -> None:
    # Fields are found by the interned name first; a name built at run time and a field named
    # like a method still behave as a mapping's would, and a key that is not UTF-8 is kept.
    name = "".join(["te", "xt"])
    r = Record({name: "نص", "items": 3, "\ud800": 1})
    assert r.text == "نص" and getattr(r, name) == "نص" and getattr(r, "te" + "xt") == "نص"
    assert callable(r.items) and r["items"] == 3 and dict(r.items())["items"] == 3
    assert len(r) == 3 and list(r)[2] == "\ud800"
    src = "عنوان\n\nفقرة أولى من النص هنا.\n\nفقرة ثانية."
    p = khabar.parse(src).paragraphs[0]
    assert (p.text, p.kind, p.start) == (p["text"], p["kind"], p["start"])
    assert p.text == src[p.start:p.end]
    with pytest.raises(AttributeError, match="no field 'txet'; fields: i, kind, text"):
        p.txet  # noqa: B018


def test_list_parse_gives_lazy_articles_in_row_order() -> None:
    rows = [RAW, None, "", "عنوان\n\nنص."] * 500
    out = khabar.parse(rows)
    assert len(out) == len(rows)
    for r, a in zip(rows, out):
        if r is None:
            assert a is None
        else:
            assert a == khabar.parse(r)


def test_field_records_match_the_plain_form_on_real_articles() -> None:
    # Some fields are built by shortcuts (paragraph texts cut from body_text): every field's
    # records must still say exactly what to_dict() says, keys in the same order.
    from khabar.cli import _sample_files

    texts = [t for _, t in _sample_files()] + [RAW, "", "عنوان\n\nنص.\n\n\u00a0\n\nنص آخر."]
    for text in texts:
        a = khabar.parse(text)
        plain = a.to_dict()
        for name in a.keys():
            value = a[name]
            if isinstance(value, tuple):
                got = [v.to_dict() if isinstance(v, Record) else v for v in value]
                assert got == plain[name], name
                for v, d in zip(value, plain[name]):
                    if isinstance(v, Record):
                        assert list(v.keys()) == list(d.keys()), name
            elif isinstance(value, Record):
                assert value.to_dict() == plain[name] and list(value.keys()) == list(plain[name])
            else:
                assert value == plain[name], name


def test_article_parts_stay_out_of_the_cycle_collector() -> None:
    import gc
    import threading

    a = khabar.parse(RAW)
    p = a.paragraphs
    # Immutable parts holding only numbers, strings and such parts cannot be in a cycle.
    assert not gc.is_tracked(p) and not gc.is_tracked(p[0]) and not gc.is_tracked(p[0].sentences)
    assert not gc.is_tracked(a.input) and not gc.is_tracked(a.stats)
    # A record holding something a caller can fill (a dict or a list) stays tracked.
    assert gc.is_tracked(Record({"nested": {"a": 1}}))
    gc.collect()
    assert p[0].text == RAW[p[0].start:p[0].end] and a.paragraphs is p

    # Fields read from several threads at once are built once and shared.
    b = khabar.parse(RAW)
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(b.paragraphs)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(x is seen[0] for x in seen) and seen[0] == p
