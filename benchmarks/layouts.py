"""Render gold-annotated news records (ANT corpus) into raw scraped-article text.

Each layout mimics a way real sites and scrapers lay articles out. The renderers return the
raw text together with the gold fields, so a parse can be scored field by field. Used by the
sample-corpus builder and by the parse evaluation.

Layouts:
- ``seed``: a stray first line, title, lead and paragraphs separated by lines holding only a
  no-break space, ``Written by <author>`` and related headlines at the end.
- ``header``: title, a date line and a byline on top, paragraphs separated by blank lines.
- ``wire``: title, then a dateline with the agency (``القاهرة (رويترز) -``) opening the first
  paragraph and an agency sign-off closing the last.
- ``boilerplate``: the header layout with an also-read line, a caption, share, tags and
  copyright lines inserted where real sites put them.
"""

from __future__ import annotations

import email.utils
import random
from typing import Any

NBSP = "\u00a0"
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
          "أكتوبر", "نوفمبر", "ديسمبر"]
LEVANT = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول"]
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
AGENCIES = [("رويترز", "Reuters"), ("أ ف ب", "AFP"), ("د ب أ", "dpa"), ("الأناضول", "Anadolu")]
PLACES = ["القاهرة", "بيروت", "دبي", "الرباط", "عمان", "باريس", "لندن"]
AUTHORS = ["أحمد الريدي", "سارة منصور", "محمد العلي", "ليلى حداد", "يوسف بن علي"]


def _date_line(time: str, rng: random.Random) -> tuple[str, str]:
    dt = email.utils.parsedate_to_datetime(time)
    months = MONTHS if rng.random() < 0.6 else LEVANT
    hour = dt.hour % 12 or 12
    ampm = "ص" if dt.hour < 12 else "م"
    line = (f"{WEEKDAYS[dt.weekday()]} {dt.day} {months[dt.month - 1]} {dt.year} - "
            f"{hour:02d}:{dt.minute:02d} {ampm}")
    return line, dt.date().isoformat()


def _paragraphs(rec: dict[str, Any]) -> list[str]:
    paras = [p.strip() for p in rec["body_paragraphs"] if p.strip()]
    lead = rec.get("lead", "").strip()
    return ([lead] if lead and (not paras or lead != paras[0]) else []) + paras


def render(rec: dict[str, Any], layout: str, *, seed: int = 0,
           others: list[str] | None = None) -> dict[str, Any]:
    """Render one record; returns ``{"text", "layout", "gold": {...}}``."""
    rng = random.Random(f"{rec.get('docno')}-{layout}-{seed}")
    title = rec["title"].strip()
    paras = _paragraphs(rec)
    author = rec.get("author", "").strip() or rng.choice(AUTHORS)
    others = others or []
    gold: dict[str, Any] = {"title": title, "paragraphs": list(paras), "author": None,
                            "dateline": None, "published": None, "boilerplate": []}
    if layout == "seed":
        related = rng.sample(others, k=min(2, len(others)))
        sep = f"\n\n{NBSP}\n\n"
        text = ("in\n\n" + title + "\n\n" + sep.join(paras) + "\n\n"
                + f"Written by {author}\n\n" + "\n\n".join(related))
        gold.update(author=author, related=related, boilerplate=["in", f"Written by {author}"])
    elif layout == "header":
        date_line, iso = _date_line(rec["time"], rng)
        byline = f"كتب: {author}"
        text = "\n".join([title, date_line, byline, ""] + [p + "\n" for p in paras]).rstrip() + "\n"
        gold.update(author=author, published=iso, boilerplate=[date_line, byline])
    elif layout == "wire":
        place = rng.choice(PLACES)
        agency, canonical = rng.choice(AGENCIES)
        dateline = f"{place} ({agency}) -"
        first = paras[0]
        body = [f"{dateline} {first}"] + paras[1:]
        body[-1] = body[-1] + f" ({agency})"
        text = title + "\n\n" + "\n\n".join(body) + "\n"
        gold.update(dateline=place, sources=[canonical])
    elif layout == "boilerplate":
        date_line, iso = _date_line(rec["time"], rng)
        byline = f"بقلم: {author}"
        caption = "صورة أرشيفية"
        also = f"اقرأ أيضاً: {rng.choice(others)}" if others else "اقرأ أيضاً: المزيد من الأخبار"
        body = list(paras)
        body.insert(min(2, len(body)), also)
        tags = "الوسوم: " + "، ".join(rng.sample(["اقتصاد", "سياسة", "ثقافة", "مصر", "السعودية"], 3))
        lines = [title, date_line, byline, caption, *body, "شارك المقال", tags,
                 "جميع الحقوق محفوظة © 2018"]
        text = "\n\n".join(lines) + "\n"
        gold.update(author=author, published=iso,
                    boilerplate=[date_line, byline, caption, also, "شارك المقال", tags,
                                 "جميع الحقوق محفوظة © 2018"])
    else:
        raise ValueError(f"unknown layout {layout!r}; layouts: seed, header, wire, boilerplate")
    return {"text": text, "layout": layout, "gold": gold}


LAYOUTS = ("seed", "header", "wire", "boilerplate")
