"""Words, clitics, sentences, stems and stopwords: tricky cases as tables, invariants as
properties, every input shape of the batch convention, and bad input."""

from __future__ import annotations

import pickle
import unicodedata

import pytest

import khabar
from khabar import Sentence, Token

# ---------------------------------------------------------------------------------------------
# Words: (input, [(text, kind), ...])

WORD_CASES = [
    ("", []),
    (" \n\t\u00a0", []),
    # words carrying marks, tatweel, ZWNJ never split
    ("الْكِتَابُ", [("الْكِتَابُ", "arabic")]),
    ("كتــــاب", [("كتــــاب", "arabic")]),
    ("می\u200cخواهم", [("می\u200cخواهم", "arabic")]),
    ("مُحَمَّدٌ رَسُولُ", [("مُحَمَّدٌ", "arabic"), ("رَسُولُ", "arabic")]),
    # decimals, thousands, dates never split (camel-tools and PyArabic give 3 . 14)
    ("3.14", [("3.14", "number")]),
    ("٣٫١٤", [("٣٫١٤", "number")]),
    ("۳.۱۴", [("۳.۱۴", "number")]),
    ("1,000 و١٬٠٠٠", [("1,000", "number"), ("و", "arabic"), ("١٬٠٠٠", "number")]),
    ("1.1.2020", [("1.1.2020", "number")]),
    ("في ١٢/٣/٢٠٢٠.", [("في", "arabic"), ("١٢/٣/٢٠٢٠", "number"), (".", "punct")]),
    ("الساعة 10:30", [("الساعة", "arabic"), ("10:30", "number")]),
    ("12.5%", [("12.5", "number"), ("%", "punct")]),
    ("عام 2020م", [("عام", "arabic"), ("2020", "number"), ("م", "arabic")]),
    # Arabic punctuation forms its own tokens (anltk drops the comma)
    ("أولا، ثانيا؛ لماذا؟", [("أولا", "arabic"), ("،", "punct"), ("ثانيا", "arabic"),
                              ("؛", "punct"), ("لماذا", "arabic"), ("؟", "punct")]),
    ("«نعم»", [("«", "punct"), ("نعم", "arabic"), ("»", "punct")]),
    ("حقا؟! نعم...", [("حقا", "arabic"), ("؟", "punct"), ("!", "punct"), ("نعم", "arabic"),
                      ("...", "punct")]),
    # URLs and emails
    ("انظر https://www.spa.gov.sa/ar/news?id=12.", [("انظر", "arabic"),
                                                    ("https://www.spa.gov.sa/ar/news?id=12", "url"),
                                                    (".", "punct")]),
    ("موقع www.alarabiya.net، ثم", [("موقع", "arabic"), ("www.alarabiya.net", "url"),
                                    ("،", "punct"), ("ثم", "arabic")]),
    ("sabq.org/abc", [("sabq.org/abc", "url")]),
    ("راسلنا news@alwatan.com.sa", [("راسلنا", "arabic"), ("news@alwatan.com.sa", "email")]),
    # social media
    ("@SPAregions #السعودية #رؤية_2030", [("@SPAregions", "mention"), ("#السعودية", "hashtag"),
                                          ("#رؤية_2030", "hashtag")]),
    ("رائع 👍🏽👍", [("رائع", "arabic"), ("👍🏽", "emoji"), ("👍", "emoji")]),
    ("🇸🇦 ❤️", [("🇸🇦", "emoji"), ("❤️", "emoji")]),
    # Latin, mixed, other scripts, symbols
    ("COVID-19 G20", [("COVID", "latin"), ("-", "punct"), ("19", "number"), ("G20", "latin")]),
    ("iPhoneالجديد", [("iPhone", "latin"), ("الجديد", "arabic")]),
    ("Москва", [("Москва", "other")]),
    ("$5 + ©", [("$", "symbol"), ("5", "number"), ("+", "symbol"), ("©", "symbol")]),
    ("لندن ـ «القدس»", [("لندن", "arabic"), ("ـ", "punct"), ("«", "punct"), ("القدس", "arabic"),
                        ("»", "punct")]),
    # invisible characters are gaps
    ("\ufeffكلمة\u200f\u200bأخرى", [("كلمة", "arabic"), ("أخرى", "arabic")]),
]


@pytest.mark.parametrize(("text", "expected"), WORD_CASES)
def test_word_cases(text: str, expected: list[tuple[str, str]]) -> None:
    toks = khabar.tokenize(text)
    assert [(t.text, t.kind) for t in toks] == expected
    for t in toks:
        assert text[t.start:t.end] == t.text
    assert khabar.tokenize(text, offsets=False) == [e[0] for e in expected]


def test_tokens_are_named_tuples_with_code_point_offsets() -> None:
    text = "😀 قال: نعم"
    toks = khabar.tokenize(text)
    assert toks[1] == Token("قال", 2, 5, "arabic")
    assert toks[1] == ("قال", 2, 5, "arabic")
    text_, start, end, kind = toks[1]
    assert (text_, start, end, kind) == ("قال", 2, 5, "arabic")
    assert toks[1]._asdict()["kind"] == "arabic"
    assert pickle.loads(pickle.dumps(toks)) == toks


def test_normalizer_changes_text_not_offsets() -> None:
    text = "إِلَى الْمَدْرَسَــةِ ً"
    toks = khabar.tokenize(text, normalizer="basic")
    assert [t.text for t in toks] == ["الي", "المدرسه"]  # the lone mark normalizes away
    assert [text[t.start:t.end] for t in toks] == ["إِلَى", "الْمَدْرَسَــةِ"]
    n = khabar.Normalizer("basic")
    assert khabar.tokenize(text, normalizer=n) == toks
    assert khabar.tokenize(text, normalizer=None) == khabar.tokenize(text)
    with pytest.raises(ValueError, match="unknown preset"):
        khabar.tokenize(text, normalizer="nope")
    with pytest.raises(TypeError, match="normalizer"):
        khabar.tokenize(text, normalizer=3)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Clitics

CLITIC_CASES = [
    ("والحكومة", ["و", "ال", "حكومة"]),
    ("وبالتالي", ["و", "ب", "ال", "تالي"]),
    ("فبالتالي", ["ف", "ب", "ال", "تالي"]),
    ("للحكومة", ["ل", "ل", "حكومة"]),
    ("فللمرة", ["ف", "ل", "ل", "مرة"]),
    ("كالعادة", ["ك", "ال", "عادة"]),
    ("وفي", ["و", "في"]),
    ("بذلك", ["ب", "ذلك"]),
    ("وَالْحُكُومَةُ", ["وَ", "الْ", "حُكُومَةُ"]),
    # conservative: these stay whole
    ("وزير", ["وزير"]),
    ("وقال", ["وقال"]),
    ("فلسطين", ["فلسطين"]),
    ("بمصر", ["بمصر"]),
    ("لبنان", ["لبنان"]),
    ("الذي", ["الذي"]),
    ("الله", ["الله"]),
    ("التزام", ["التزام"]),
    ("كما", ["كما"]),
    ("وكالات", ["وكالات"]),
    ("بالغ", ["بالغ"]),
]


@pytest.mark.parametrize(("word", "pieces"), CLITIC_CASES)
def test_clitic_cases(word: str, pieces: list[str]) -> None:
    toks = khabar.tokenize(word, clitics=True)
    assert [t.text for t in toks] == pieces
    assert [t.kind for t in toks[:-1]] == ["clitic"] * (len(pieces) - 1)
    assert toks[-1].kind == "arabic"
    # pieces tile the word
    assert toks[0].start == 0 and toks[-1].end == len(word)
    assert all(a.end == b.start for a, b in zip(toks, toks[1:]))


def test_clitics_are_off_by_default_and_drop_stopwords() -> None:
    text = "وبالتالي فإن الحكومة وفي"
    assert khabar.tokenize(text, offsets=False) == ["وبالتالي", "فإن", "الحكومة", "وفي"]
    assert khabar.tokenize(text, offsets=False, drop_stopwords=True) == ["وبالتالي", "الحكومة"]
    assert khabar.tokenize(text, offsets=False, clitics=True, drop_stopwords=True) == [
        "تالي", "حكومة"]


# ---------------------------------------------------------------------------------------------
# Sentences (SPEC C5)

SENTENCE_CASES = [
    ("", []),
    ("جملة واحدة", ["جملة واحدة"]),
    ("قال د. أحمد إن النمو بلغ 3.5%. وأضاف: «لن نتراجع.» انتهى",
     ["قال د. أحمد إن النمو بلغ 3.5%.", "وأضاف: «لن نتراجع.»", "انتهى"]),
    ("في 1.1.2020 . وأضاف", ["في 1.1.2020 .", "وأضاف"]),
    ("وأضاف م. أحمد ؟ نعم!", ["وأضاف م. أحمد ؟", "نعم!"]),
    ("ص.ب. 1234 عمان. ثم", ["ص.ب. 1234 عمان.", "ثم"]),
    ("قال أ.د. محمد. ثم", ["قال أ.د. محمد.", "ثم"]),
    ("جمهورية ج.م.ع. الرسمية. ثم", ["جمهورية ج.م.ع. الرسمية.", "ثم"]),
    ("أولا، ثانيا؛ ثالثا: رابعا", ["أولا، ثانيا؛ ثالثا: رابعا"]),
    ("بلغ ٣٫٥ بالمئة. ثم", ["بلغ ٣٫٥ بالمئة.", "ثم"]),
    ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),
    ("حقا؟! نعم... ربما… لا", ["حقا؟!", "نعم...", "ربما…", "لا"]),
    ("عبر www.example.com. انتهى", ["عبر www.example.com.", "انتهى"]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES)
def test_sentence_cases(text: str, expected: list[str]) -> None:
    got = khabar.sentences(text)
    assert [s.text for s in got] == expected
    assert all(text[s.start:s.end] == s.text for s in got)
    assert khabar.sentences(text, offsets=False) == expected


def test_more_than_32_sentences() -> None:
    # PyArabic's sentence_tokenize stops at 32.
    text = " ".join(f"الجملة رقم {i}." for i in range(100))
    assert len(khabar.sentences(text)) == 100


def test_sentence_is_a_named_tuple() -> None:
    s = khabar.sentences("نعم. لا")[1]
    assert s == Sentence("لا", 5, 7) and isinstance(s, tuple)


# ---------------------------------------------------------------------------------------------
# Stems and stopwords

def test_stem_text_and_words() -> None:
    assert khabar.stem("والمكتبات الجديدة، في 2020 مع iPhone!") == [
        "مكتب", "جديد", "في", "2020", "مع", "iPhone"]
    assert khabar.stem("والمكتبات في", drop_stopwords=True) == ["مكتب"]
    assert khabar.stem("المكتبات يستخدمون", algorithm="isri") == ["كتب", "خدم"]
    assert khabar.stem(["المكتبات", None, ""]) == [["مكتب"], None, []]
    assert khabar.stem_words("والمكتبات") == "مكتب"
    assert khabar.stem_words(("المكتبات", None), algorithm="isri") == ["كتب", None]
    with pytest.raises(ValueError, match="unknown stemming algorithm"):
        khabar.stem("x", algorithm="porter")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown stemming algorithm"):
        khabar.stem_words("x", algorithm="porter")  # type: ignore[arg-type]


@pytest.mark.parametrize(("word", "stem"), [
    # Lucene's TestArabicStemFilter expectations
    ("الحسن", "حسن"), ("والحسن", "حسن"), ("بالحسن", "حسن"), ("كالحسن", "حسن"),
    ("فالحسن", "حسن"), ("للاخر", "اخر"), ("وحسن", "حسن"), ("زوجها", "زوج"),
    ("ساهدان", "ساهد"), ("ساهدات", "ساهد"), ("ساهدون", "ساهد"), ("ساهدين", "ساهد"),
    ("ساهديه", "ساهد"), ("ساهدية", "ساهد"), ("ساهده", "ساهد"), ("ساهدة", "ساهد"),
    ("ساهدي", "ساهد"), ("وساهدون", "ساهد"), ("ساهدهات", "ساهد"), ("الو", "الو"),
    ("وحد", "وحد"), ("الوحد", "وحد"), ("مستحيل", "مستحيل"), ("كتــــــابي", "كتاب"),
])
def test_light10_lucene_expectations(word: str, stem: str) -> None:
    assert khabar.stem_words(word) == stem


def test_stopwords() -> None:
    assert khabar.is_stopword("في") is True
    assert khabar.is_stopword("إِلَى") and khabar.is_stopword("الى")
    assert khabar.is_stopword("وفي") and khabar.is_stopword("فإن")
    assert not khabar.is_stopword("علي") and not khabar.is_stopword("كتاب")
    assert khabar.is_stopword(["على", None, "عمل"]) == [True, None, False]
    words = khabar.stopwords()
    assert len(words) == len(set(words)) > 250
    assert all(khabar.is_stopword(w) for w in words)


# ---------------------------------------------------------------------------------------------
# The batch convention

TEXTS = ["قال د. أحمد: نعم.", None, "", "3.14 ٣٫١٤", "plain text"]


def test_list_tuple_generator() -> None:
    expected = [khabar.tokenize(t) if t is not None else None for t in TEXTS]
    assert khabar.tokenize(TEXTS) == expected
    assert khabar.tokenize(tuple(TEXTS)) == expected
    assert khabar.tokenize(t for t in TEXTS) == expected
    assert khabar.tokenize([]) == []
    assert khabar.sentences(TEXTS, offsets=False)[0] == ["قال د. أحمد: نعم."]


def test_bad_row_and_argument_types() -> None:
    with pytest.raises(TypeError, match=r"row 1: expected str or None, got int") as e:
        khabar.tokenize(["a", 3])
    assert e.value.row == 1
    for fn in (khabar.tokenize, khabar.sentences, khabar.stem, khabar.stem_words,
               khabar.is_stopword):
        with pytest.raises(TypeError, match="expected str, a sequence of str"):
            fn(b"bytes")


@pytest.mark.parametrize("typ", ["string", "large_string", "string_view"])
def test_pyarrow_types(typ: str) -> None:
    pa = pytest.importorskip("pyarrow")
    arr = pa.array(TEXTS, type=getattr(pa, typ)())
    out = khabar.tokenize(arr)
    assert isinstance(out, pa.Array) and out.null_count == 1
    text_type = pa.large_string() if typ == "large_string" else pa.string()
    item = out.type.value_type
    assert [item.field(i).name for i in range(item.num_fields)] == ["text", "start", "end", "kind"]
    assert item.field("text").type == text_type and item.field("start").type == pa.int32()
    assert item.field("kind").type == pa.dictionary(pa.int8(), pa.string())
    assert out.to_pylist() == [
        None if r is None else [t._asdict() for t in r] for r in khabar.tokenize(TEXTS)]
    texts = khabar.tokenize(arr, offsets=False)
    assert texts.type == pa.list_(pa.field("item", text_type, nullable=False))
    assert texts.to_pylist() == khabar.tokenize(TEXTS, offsets=False)
    sents = khabar.sentences(arr)
    assert [f.name for f in sents.type.value_type] == ["text", "start", "end"]
    assert khabar.stem(arr).to_pylist() == khabar.stem(TEXTS)
    assert khabar.stem_words(arr).to_pylist() == khabar.stem_words(TEXTS)
    assert khabar.is_stopword(arr).to_pylist() == [False, None, False, False, False]


def test_pyarrow_chunked_sliced_and_null_columns() -> None:
    pa = pytest.importorskip("pyarrow")
    arr = pa.array(TEXTS * 50)
    expected = khabar.tokenize(TEXTS * 50, offsets=False)
    assert khabar.tokenize(arr.slice(3, 11), offsets=False).to_pylist() == expected[3:14]
    chunked = pa.chunked_array([arr, arr.slice(2)])
    out = khabar.tokenize(chunked)
    assert isinstance(out, pa.ChunkedArray) and len(out) == len(chunked)
    assert khabar.tokenize(chunked, offsets=False).to_pylist() == expected + expected[2:]
    assert len(khabar.tokenize(pa.chunked_array([], type=pa.string()))) == 0
    assert khabar.tokenize(pa.array([None, None], type=pa.string())).to_pylist() == [None, None]
    with pytest.raises(TypeError, match="expected an Arrow string column"):
        khabar.tokenize(pa.array([1, 2]))


def test_big_column_runs_in_parallel_and_keeps_rows() -> None:
    pa = pytest.importorskip("pyarrow")
    rows = [f"سطر {i}: مَدْرَسَــةٌ، 3.5%." if i % 7 else None for i in range(20_000)]
    out = khabar.tokenize(pa.array(rows), offsets=False).to_pylist()
    assert out == [None if r is None else khabar.tokenize(r, offsets=False) for r in rows]
    assert khabar.tokenize(rows, offsets=False) == out


def test_pandas_series() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    s = pd.Series(TEXTS, index=[10, 20, 30, 40, 50], name="body", dtype="string[pyarrow]")
    out = khabar.tokenize(s)
    assert list(out.index) == [10, 20, 30, 40, 50] and out.name == "body"
    assert isinstance(out.dtype, pd.ArrowDtype)
    assert out.isna().tolist() == [False, True, False, False, False]
    assert out.iloc[0][0]["text"] == "قال"
    obj = pd.Series(TEXTS, index=list("abcde"), name="t", dtype=object)
    out = khabar.tokenize(obj)
    assert out.dtype == object and list(out.index) == list("abcde")
    assert out["a"][0] == Token("قال", 0, 3, "arabic") and out["b"] is None
    flags = khabar.is_stopword(pd.Series(["في", "كتاب"], index=[1, 2]))
    assert flags.tolist() == [True, False] and list(flags.index) == [1, 2]
    with pytest.raises(TypeError, match=r"row 1.*index label 'y'"):
        khabar.tokenize(pd.Series(["a", 5], index=["x", "y"], dtype=object))


def test_polars_series() -> None:
    pl = pytest.importorskip("polars")
    s = pl.Series("body", TEXTS)
    out = khabar.tokenize(s)
    assert isinstance(out, pl.Series) and out.name == "body"
    assert out.null_count() == 1
    assert out[0][0]["text"] == "قال" and out[0][0]["kind"] == "arabic"
    assert khabar.stem(s).to_list() == khabar.stem(TEXTS)


# ---------------------------------------------------------------------------------------------
# Bad input: valid results, never a crash

@pytest.mark.parametrize("text", ["", " ", "\n\n\t ", "\u200f\u200b\ufeff",
                                  "plain English only.", "1234", "\u064e\u064e", "ـــ",
                                  "\x00\x01", "a" * 10_000, "@" * 1000, "#" * 1000,
                                  "." * 10_000])
def test_odd_strings(text: str) -> None:
    for t in khabar.tokenize(text, clitics=True):
        assert text[t.start:t.end] == t.text
    for s in khabar.sentences(text):
        assert text[s.start:s.end] == s.text
    khabar.stem(text)
    khabar.stem(text, algorithm="isri")


def test_lone_surrogate_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="surrogate"):
        khabar.tokenize("a\ud800b")


def test_100_mb_single_string() -> None:
    pa = pytest.importorskip("pyarrow")
    unit = "قال د. أحمد إن النمو بلغ 3.5% في 1.1.2020، انظر www.example.com.\n"
    text = unit * (100_000_000 // len(unit.encode()))
    col = pa.array([text], type=pa.large_string())
    del text
    lines = 100_000_000 // len(unit.encode())
    toks = khabar.tokenize(col, offsets=False)
    assert toks.value_lengths()[0].as_py() == 15 * lines
    del toks
    sents = khabar.sentences(col)
    assert sents.value_lengths()[0].as_py() == lines
    del sents, col
    no_space = "ب" * 50_000_000
    assert khabar.tokenize(no_space, offsets=False) == [no_space]


def test_docstring_examples_run() -> None:
    import doctest

    import khabar._tokens

    result = doctest.testmod(khabar._tokens, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 10
