"""Render gold-annotated news records (ANT corpus) into raw scraped-article text.

Each layout mimics a way real sites and scrapers lay articles out. A renderer returns the raw
text together with the gold fields *as the renderer put them in*, with code-point spans for
every piece, so a parse can be scored field by field. Used by the sample-corpus builder
(``make_sample.py``), the parser's layout goldens (``make_parse_goldens.py``) and the parse
evaluation (``eval_parse.py``).

Layouts:

- ``seed``: a stray first line, title, lead and paragraphs separated by lines holding only a
  no-break space, ``Written by <author>`` and two related headlines at the end.
- ``header``: title, a date line and a byline on top (several regional date and byline forms),
  paragraphs separated by blank lines.
- ``wire``: wire copy: title, a dateline with the agency (``القاهرة (رويترز) -``) opening the
  first paragraph, an agency sign-off (``(رويترز)``, ``ي.أ/ ع.غ (د ب أ)``) closing the last.
- ``boilerplate``: the header layout with the lines real sites add: a photo caption under the
  header, an also-read line and an ad between paragraphs, then share, tags, a related-articles
  block and a copyright line after the body.
- ``seed_boilerplate`` and ``wire_boilerplate``: the seed and wire layouts with the same kinds
  of lines where those sites put them (the wire one also with a source line and an end mark).

Gold conventions:

- ``paragraphs``: what the body should be: the standfirst (``lead``, when it is not already the
  first body paragraph) and the body paragraphs, minus the dateline and the sign-off. ANT's
  CNN articles carry their own dateline (``دبي، الإمارات العربية المتحدة (CNN) --``) in the
  first body paragraph or, under an editor's note, the second or third: it is gold dateline,
  not body. ANT also keeps among the paragraphs BBC's separator rules (``-----``) and links to
  other stories (``اقرأ أيضا: ...``, ``للمزيد: ...``): they are rendered where they are, as
  gold boilerplate.
- ``author``: the name exactly as written in the byline (ANT's ``author`` is sometimes an
  outlet, ``فرانس 24``: written in a byline it is the byline's name all the same); None when
  the layout has no byline.
- ``dateline``: the place of the dateline ("" for a bare ``(CNN) --``), else the place of a
  byline that names one (``بيروت - كتب: ...``), else None.
- ``published``: the ISO date of the date line, None when the layout has none.
- ``boilerplate``: ``(kind, start, end)`` of every line or piece that is not article text
  (date line, byline, captions, also-read, ads, share, tags, copyright, related header,
  dateline, sign-off, source line, end mark, and the source's own rules and links); none of
  it may end up in a paragraph. Related headlines are gold ``related``.
"""

from __future__ import annotations

import email.utils
import json
import pathlib
import random
import re
from typing import Any

NBSP = "\u00a0"
SPACES = " \t\n\r\x0b\x0c\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x2010)) + \
    "\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
          "أكتوبر", "نوفمبر", "ديسمبر"]
LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول"]
MAGHREB = ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر",
           "أكتوبر", "نوفمبر", "ديسمبر"]
MOROCCO = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر",
           "أكتوبر", "نونبر", "دجنبر"]
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
AGENCIES = [("رويترز", "Reuters"), ("أ ف ب", "AFP"), ("د ب أ", "dpa"), ("الأناضول", "Anadolu"),
            ("فرانس برس", "AFP"), ("واس", "SPA"), ("أ ش أ", "MENA")]
PLACES = ["القاهرة", "بيروت", "دبي", "الرباط", "عمان", "باريس", "لندن", "الرياض", "تونس",
          "الجزائر", "واشنطن", "رام الله", "الدار البيضاء"]
AUTHORS = ["أحمد الريدي", "سارة منصور", "محمد العلي", "ليلى حداد", "يوسف بن علي"]
TAGS = ["اقتصاد", "سياسة", "ثقافة", "مصر", "السعودية", "رياضة", "تكنولوجيا", "الخليج", "لبنان"]
CREDITS = ["رويترز", "أ ف ب", "أرشيف", "غيتي", "الأناضول"]

# Lines ANT keeps among the paragraphs that are not article text: BBC's separator rules
# (`-----`, `_____`) and in-text links to other stories (`اقرأ أيضا: ...`, CNN's `اقرأ: ...`,
# France24's `للمزيد: ...`).
SOURCE_ALSO_READ = re.compile(
    r"^(?:[إا]قر[أا]\s+[أا]يض[اًا]+|(?:للمزيد|[إا]قر[أا]|شاهد)[\s\u00a0]*:)")


def source_boilerplate(paragraph: str) -> str | None:
    """The kind of an ANT paragraph that is boilerplate in the source itself, else None."""
    if not any(c.isalnum() for c in paragraph):
        return "source_rule"
    if SOURCE_ALSO_READ.match(paragraph):
        return "source_also_read"
    return None


# A dateline ANT articles carry in their first body paragraph: `PLACE[، COUNTRY] (CNN) --`,
# also `PLACE - (CNN)` and the typo `(CNC)`.
CNN_DATELINE = re.compile(
    r"^[\s\u200b-\u200f\u202a-\u202e]*(?P<place>[^\s()\-–—][^()\-–—]{0,60}?)?\s*(?:[-–—]+\s*)?"
    r"\((?P<agency>CN[NC][A-Za-z ]{0,12})\)\s*[-–—]*\s*")


def strip(s: str) -> str:
    """Trim the characters the parser treats as spaces (``tokenize::chars::is_space``)."""
    return s.strip(SPACES)


def split_dateline(paragraph: str) -> tuple[str, str, str] | None:
    """``(dateline text, place, rest)`` when ``paragraph`` opens with a CNN-style dateline."""
    m = CNN_DATELINE.match(paragraph)
    rest = paragraph[m.end():] if m else ""
    if m is None or not strip(rest):
        return None
    place = strip(re.sub("[\u202a-\u202e]", "", m.group("place") or "")).rstrip("،, ")
    return strip(paragraph[:m.end()]), place, rest


def _date_line(time: str, rng: random.Random) -> tuple[str, str]:
    """A visible date in one of the regional forms news sites use, and its ISO date."""
    dt = email.utils.parsedate_to_datetime(time)
    hour, minute = dt.hour % 12 or 12, dt.minute
    ampm = "ص" if dt.hour < 12 else "م"
    wd, d, m, y = WEEKDAYS[dt.weekday()], dt.day, dt.month, dt.year
    form = rng.randrange(8)
    if form == 0:
        line = f"{wd} {d} {MONTHS[m - 1]} {y} - {hour:02d}:{minute:02d} {ampm}"
    elif form == 1:
        line = f"{wd} {d} {LEVANT[m - 1]} {y} - {hour:02d}:{minute:02d} {ampm}"
    elif form == 2:
        line = f"نشر في: {d} {LEVANT[m - 1]}/{MONTHS[m - 1]} {y}"
    elif form == 3:
        line = f"{wd} {d} {MAGHREB[m - 1]} {y}"
    elif form == 4:
        line = f"{wd}، {d} {MOROCCO[m - 1]} {y} - {dt.hour:02d}:{minute:02d}"
    elif form == 5:
        line = f"آخر تحديث: {y}-{m:02d}-{d:02d} {dt.hour:02d}:{minute:02d}"
    elif form == 6:
        line = f"{d:02d}/{m:02d}/{y}"
    else:
        line = f"{wd} {d} {MONTHS[m - 1]} {y}م".translate(EASTERN)
    return line, dt.date().isoformat()


def _byline(author: str, rng: random.Random) -> tuple[str, str | None]:
    """A byline for ``author`` and the place it names, if any."""
    form = rng.randrange(6)
    if form == 0:
        return f"كتب: {author}", None
    if form == 1:
        return f"بقلم: {author}", None
    if form == 2:
        place = rng.choice(PLACES)
        return f"{place} - كتب: {author}", place
    if form == 3:
        return f"By {author}", None
    if form == 4:
        return f"إعداد: {author}", None
    return f"بقلم {author}", None


def _paragraphs(rec: dict[str, Any], *,
                lead: bool = True) -> tuple[list[str], tuple[int, str, str] | None]:
    """The article's paragraphs (standfirst first when it is not the first body paragraph) and
    the dateline ``(paragraph index, text, place)`` cut from the paragraph that opens with it."""
    paras = [strip(p) for p in rec["body_paragraphs"] if strip(p)]
    dateline = None
    # The dateline opens the first paragraph, or a later one under notes (`نشر هذا المقال
    # بالتعاون مع ...`, `هذا المقال بقلم ...، والآراء الواردة أدناه ...`).
    for i in range(min(3, len(paras))):
        split = split_dateline(paras[i])
        if split is not None:
            text, place, rest = split
            paras[i] = strip(rest)
            dateline = (i, text, place)
            break
    standfirst = strip(rec.get("lead", ""))
    if lead and standfirst and (not paras or standfirst != paras[0]):
        paras = [standfirst] + paras
        if dateline is not None:
            dateline = (dateline[0] + 1, dateline[1], dateline[2])
    return paras, dateline


class _Text:
    """Raw text built piece by piece, remembering where each piece went (code points)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[tuple[str, int, int]] = []

    def add(self, text: str, kind: str | None = None) -> None:
        if kind is not None:
            self.spans.append((kind, self.pos, self.pos + len(text)))
        self.parts.append(text)
        self.pos += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def render(rec: dict[str, Any], layout: str, *, seed: int = 0,
           others: list[str] | None = None) -> dict[str, Any]:
    """Render one record; returns ``{"text", "layout", "gold": {...}}`` (see the module doc)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; layouts: {', '.join(LAYOUTS)}")
    rng = random.Random(f"{rec.get('docno')}-{layout}-{seed}")
    title = strip(rec["title"])
    author = strip(rec.get("author", "")) or rng.choice(AUTHORS)
    others = [strip(o) for o in (others or []) if strip(o) and strip(o) != title]
    extra = layout.endswith("_boilerplate") or layout == "boilerplate"
    base = "header" if layout == "boilerplate" else layout.removesuffix("_boilerplate")
    paras, dateline = _paragraphs(rec, lead=base != "wire")
    kinds = [source_boilerplate(p) or "paragraph" for p in paras]
    if "paragraph" not in kinds:
        paras, kinds = paras + [title + "."], kinds + ["paragraph"]
    real = [i for i, k in enumerate(kinds) if k == "paragraph"]
    gold: dict[str, Any] = {"title": title, "paragraphs": [paras[i] for i in real],
                            "author": None,
                            "dateline": None, "published": None, "related": [], "sources": []}
    t = _Text()
    # The text of a paragraph and the boilerplate inserted after paragraph i.
    inserts: dict[int, list[tuple[str, str]]] = {}
    sep = "\n\n"
    if extra:
        k = min(2, len(paras) - 1)
        also = f"اقرأ أيضاً: {rng.choice(others)}" if others else "اقرأ أيضاً: المزيد من الأخبار"
        inserts.setdefault(k, []).append(("also_read", also))
        if len(paras) > 4:
            inserts.setdefault(4, []).append(("ad", "إعلان"))
    caption = None
    if extra:
        caption = rng.choice([
            "صورة أرشيفية",
            f"{' '.join(title.split()[:6])} (صورة أرشيفية)",
            f"صورة: {rng.choice(CREDITS)}",
            f"الصورة: {rng.choice(CREDITS)}",
        ])

    if base == "seed":
        sep = f"\n\n{NBSP}\n\n"
        t.add("in", "junk")
        t.add("\n\n")
        t.add(title, "title")
        t.add("\n\n")
        if caption:
            t.add(caption, "caption")
            t.add("\n\n")
    elif base == "header":
        date_line, iso = _date_line(rec["time"], rng)
        byline, byline_place = _byline(author, rng)
        t.add(title, "title")
        t.add("\n")
        t.add(date_line, "date_line")
        t.add("\n")
        t.add(byline, "byline")
        t.add("\n\n")
        # A byline's place is the dateline when the body has none of its own.
        gold.update(author=author, published=iso, dateline=byline_place)
        if caption:
            t.add(caption, "caption")
            t.add("\n\n")
    else:  # wire
        t.add(title, "title")
        t.add("\n\n")
        if caption:
            t.add(caption, "caption")
            t.add("\n\n")

    agency = rng.choice(AGENCIES)
    for i, p in enumerate(paras):
        if dateline is not None and i == dateline[0]:
            _, text, place = dateline
            t.add(text, "dateline")
            t.add(" ")
            gold["dateline"] = place
        elif i == real[0] and base == "wire" and dateline is None:
            place = rng.choice(PLACES)
            dash = rng.choice(["-", "–", "-"])
            t.add(f"{place} ({agency[0]}) {dash}", "dateline")
            t.add(" ")
            gold["dateline"] = place
            gold["sources"].append(agency[1])
        t.add(p, kinds[i])
        if i == real[-1] and base == "wire":
            signoff = rng.choice([f"({agency[0]})", f"({agency[0]})", "ي.أ/ ع.غ (د ب أ)"])
            t.add(" ")
            t.add(signoff, "signoff")
        for kind, line in inserts.get(i, []):
            t.add(sep)
            t.add(line, kind)
        if i < len(paras) - 1:
            t.add(sep)

    related = rng.sample(others, k=min(2 if base == "seed" else 3, len(others)))
    tail: list[tuple[str, str]] = []
    if base == "seed":
        tail.append(("byline", f"Written by {author}"))
        gold["author"] = author
        if extra:
            tail.append(("tags", "الوسوم: " + "، ".join(rng.sample(TAGS, 3))))
            tail.append(("share", rng.choice(["شارك هذا المقال", "شارك", "شارك على فيسبوك"])))
        tail += [("related", r) for r in related]
        if extra:
            tail.append(("copyright", "جميع الحقوق محفوظة © 2018"))
    elif base == "header" and extra:
        tail.append(("share", rng.choice(["شارك المقال", "شارك هذا المقال", "تابعونا على تويتر"])))
        tail.append(("tags", "الوسوم: " + "، ".join(rng.sample(TAGS, 3))))
        tail.append(("related_header", rng.choice(["مقالات ذات صلة", "أخبار ذات صلة",
                                                   "الأكثر قراءة"])))
        tail += [("related", r) for r in related]
        tail.append(("copyright", "جميع الحقوق محفوظة © 2018"))
    elif base == "wire" and extra:
        tail.append(("source_line", f"المصدر: {agency[0]}"))
        tail.append(("end_mark", "// انتهى //"))
        tail.append(("share", "شارك الخبر"))
        tail.append(("tags", "كلمات مفتاحية: " + "، ".join(rng.sample(TAGS, 3))))
        tail += [("related", r) for r in related]
    if tail:
        t.add("\n\n" if base != "seed" else sep)
        for n, (kind, line) in enumerate(tail):
            if n:
                t.add("\n\n")
            t.add(line, kind)
            if kind == "related":
                gold["related"].append(line)
    t.add("\n")
    gold["boilerplate"] = [(k, s, e) for k, s, e in t.spans
                           if k not in ("title", "paragraph", "related")]
    gold["paragraph_spans"] = [(s, e) for k, s, e in t.spans if k == "paragraph"]
    return {"text": t.text(), "layout": layout, "gold": gold}


LAYOUTS = ("seed", "header", "wire", "boilerplate", "seed_boilerplate", "wire_boilerplate")


def load_picks(ant: pathlib.Path, picks: list[str],
               n_titles: int = 50) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The ANT records named in ``picks`` (by docno), and the titles of the first ``n_titles``
    other records (what :func:`render` draws related headlines and also-read links from)."""
    records: dict[str, dict[str, Any]] = {}
    titles: list[str] = []
    with open(ant, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["docno"] in picks:
                records[r["docno"]] = r
            elif len(titles) < n_titles:
                titles.append(r["title"])
    return records, titles
