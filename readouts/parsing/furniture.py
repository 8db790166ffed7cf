"""Page furniture: navigation, breadcrumb, title, date line, footer -> what is left is the body."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .text import MONTHS, clean_text

_BREADCRUMB = re.compile(
    r"^(?:[^>›»]{0,40}?:\s*)?(?:home|homepage|home page|首页)"
    r"\s*(?:>|›|»|&gt;|/|\|)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_CRUMB_SEP = re.compile(r"\s*(?:>|›|»|&gt;|/|\|)\s*")
_MAX_NAV_LINES = 12
_MAX_CRUMB_LINE = 200

_NUMERIC_DATE = re.compile(
    r"^(?:[A-Za-z ]{0,20}:\s*)?"
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?"
    r"(?:\s*(?:T|,)?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?)?\s*$"
)
_NUMERIC_DATE_INSIDE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"
    r"(?:\s*(?:T|,)?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?)?"
)
_MAX_HEADER_LINE = 80
_WORDY_DATE = re.compile(
    rf"^(?:[A-Za-z ]{{0,20}}:\s*)?"
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{MONTHS})|(?P<m2>{MONTHS})\s+(?P<d2>\d{{1,2}}))"
    r",?\s+(?P<y>\d{4})(?:,?\s*(?P<H>\d{1,2}):(?P<M>\d{2}))?\s*$",
    re.IGNORECASE,
)
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTHS.split("|"), start=1)}

# "<Suggest To A Friend>", "Suggest to a friend:", "Suggset To Friend:" ...
_FOOTER = re.compile(
    r"<?\s*\b(?:sugg?[a-z]{2,4}t)\s+to\s+(?:a\s+)?friends?\b\s*>?\s*:?\s*$", re.IGNORECASE
)
# "[Print]", "Close window", "【打印】": one of the page's own links
_PAGE_LINK = r"[\[【<(]?\s*(?:print|close|close window|top|back to top|打印|关闭)\s*[\]】>)]?"
_JUNK_TAIL = re.compile(rf"^{_PAGE_LINK}$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^\(?\s*(?:source|from)\s*:.*$", re.IGNORECASE)
# Lines of the page, not of the readout, wherever they stand in the body: who edited it,
# sharing and printing links, page numbers, a photo's caption or credit.
_DEBRIS = re.compile(
    r"^\(?\s*(?:source|(?:responsible\s+)?editors?|share(?:\s+(?:to|this|on))?)\s*[:：].*$"
    rf"|^(?:{_PAGE_LINK}\s*)+$"
    r"|^\d{1,3}\s*/\s*\d{1,3}$"
    r"|^\(?\s*photo\b.{0,120}$"
    r"|\((?:photo\b|xinhua\b)[^()]{0,80}\)\s*$",
    re.IGNORECASE,
)
# "Related News", "Related Articles": a list of other pages' headlines follows, to the end.
_RELATED = re.compile(
    r"^(?:related|more|recommended)\s+(?:news|articles|stories|reading|links|coverage)\s*:?$"
    r"|^(?:相关新闻|相关链接|相关文章)",
    re.IGNORECASE,
)
_PARAGRAPH_CHARS = 100  # a line this long is text: a "Related News" after it ends the readout
# A line this long that stops mid-sentence was wrapped: the next line goes on with it.
_WRAPPED_LINE = 60
_NON_LATIN = re.compile(r"[^\x00-\u024f\u2000-\u206f]")
# A site menu: three or more short items between bars or dots ("Home | About Us | News").
_MENU_SEP = re.compile(r"\s*[|·•]\s*")
_MENU_ITEM_WORDS = 4
# A language switch ("中文 | English", "English Français"): language names alone, each in
# its own script, so the share of other scripts can be small.
_LANGUAGE_NAMES = frozenset(
    "english 中文 简体中文 繁體中文 繁体中文 français francais español espanol русский العربية"
    " عربي deutsch português portugues 日本語 한국어 italiano türkçe tiếng việt bahasa indonesia"
    " melayu ภาษาไทย हिन्दी kiswahili فارسی polski nederlands".split()
)
_LANGUAGE_SEP = re.compile(r"[\s|·•/,]+")


@dataclass
class Page:
    title: str
    section: str | None
    published_at: dt.datetime | None
    paragraphs: list[str] = field(default_factory=list)


def split_page(text: str) -> Page:
    lines = [line.strip() for line in clean_text(text).split("\n")]
    start, section = _find_breadcrumb(lines)
    lines = _drop_footer(lines[start:])
    title = ""
    published: dt.datetime | None = None
    body: list[str] = []
    for line in lines:
        if not line:
            body.append("")
            continue
        if title and _is_debris(line):
            continue
        if not body or not any(body):
            stamp = parse_date_line(line)
            if stamp is not None and published is None:
                published = stamp
                continue
            if _SOURCE_LINE.match(line):
                continue
            if not title:
                if section is None and _looks_like_navigation(line):
                    continue
                title = line
                continue
        body.append(line)
    return Page(title, section, published, _once(_paragraphs(body)))


def _find_breadcrumb(lines: list[str]) -> tuple[int, str | None]:
    """Index of the first line after the breadcrumb, and its last part.

    A site menu above it ("Home | About Us | News") looks like a breadcrumb too: the last
    such line before the title wins.
    """
    seen = 0
    found: tuple[int, str | None] = (0, None)
    for i, line in enumerate(lines):
        if not line:
            continue
        m = _BREADCRUMB.match(line) if len(line) < _MAX_CRUMB_LINE else None
        if m:
            parts = [p for p in _CRUMB_SEP.split(m.group("rest")) if p.strip()]
            found = i + 1, (parts[-1].strip() if parts else None)
        elif found[0] and not _looks_like_navigation(line):
            break  # the title: the breadcrumb is behind us
        seen += 1
        if seen >= _MAX_NAV_LINES:
            break
    return found


def _looks_like_navigation(line: str) -> bool:
    """Menu lines and lines of language names, seen above the title."""
    if "contact us" in line.lower():
        return True
    items = [item for item in _MENU_SEP.split(line) if item]
    if len(items) >= 3 and all(len(item.split()) <= _MENU_ITEM_WORDS for item in items):
        return True
    words = [word for word in _LANGUAGE_SEP.split(line.casefold()) if word]
    if words and all(word in _LANGUAGE_NAMES for word in words):
        return True
    return _other_script_share(line) > 1 / 3


def _is_debris(line: str) -> bool:
    """A line of the page around the readout (_DEBRIS), or of another language (a bilingual
    page's Chinese original)."""
    return bool(_DEBRIS.search(line)) or _other_script_share(line) > 1 / 2


def _other_script_share(line: str) -> float:
    """The share of a line's characters (spaces aside) in scripts other than Latin."""
    letters = len(line) - line.count(" ")
    return len(_NON_LATIN.findall(line)) / letters if letters else 0.0


def _once(paragraphs: list[str]) -> list[str]:
    """A paragraph a copy repeated word for word, kept once."""
    seen: set[str] = set()
    kept = []
    for para in paragraphs:
        if len(para) >= 40 and para in seen:
            continue
        seen.add(para)
        kept.append(para)
    return kept


def _drop_footer(lines: list[str]) -> list[str]:
    text_seen = False
    for i, line in enumerate(lines):
        if text_seen and _RELATED.match(line):
            lines = lines[:i]
            break
        text_seen = text_seen or len(line) >= _PARAGRAPH_CHARS
    for i, line in enumerate(lines):
        m = _FOOTER.search(line) if "riend" in line.lower() else None
        if m:
            head = line[: m.start()].strip()
            return lines[:i] + ([head] if head else [])
    while lines and (not lines[-1] or _JUNK_TAIL.match(lines[-1])):
        lines = lines[:-1]
    return lines


def parse_date_line(line: str) -> dt.datetime | None:
    """'2022-10-31 17:58', '2021/10/17 13:58', '2022-10-31', 'October 31, 2022' -> datetime.

    A short header line that carries a date among other words ("Source: MFA 2022-10-31") counts.
    """
    m = _NUMERIC_DATE.match(line)
    if not m and len(line) < _MAX_HEADER_LINE:
        m = _NUMERIC_DATE_INSIDE.search(line)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    else:
        m = _WORDY_DATE.match(line)
        if not m:
            return None
        y = int(m["y"])
        mo = _MONTH_NUMBER[(m["m1"] or m["m2"]).lower()]
        d = int(m["d1"] or m["d2"])
    hour, minute = (int(m["H"]), int(m["M"])) if m["H"] else (0, 0)
    try:
        return dt.datetime(y, mo, d, hour, minute)
    except ValueError:
        return None


def _paragraphs(lines: list[str]) -> list[str]:
    """Non-empty lines are paragraphs; a hard-wrapped line is joined to its continuation."""
    paras: list[str] = []
    joinable = False
    previous = ""
    for line in lines:
        if not line:
            joinable = False
            continue
        if joinable and paras and (line[0].islower() or len(previous) >= _WRAPPED_LINE):
            paras[-1] += " " + line
        else:
            paras.append(line)
        joinable = not line.endswith((".", "!", "?", '"', "”", "’", ":"))
        previous = line
    return paras
