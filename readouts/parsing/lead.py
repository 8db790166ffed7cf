"""The lead sentence: who took part (name, office, country), how, and at whose request."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .countries import canonical_country, country_ending_at, find_country
from .names import (
    CHAIN_CONNECTORS,
    LOWER_OFFICE,
    NAME_PARTICLES,
    fold,
    is_office_word,
    looks_like_office,
)
from .types import MEETING, PHONE, VIDEO

_TOKEN = re.compile(r"[,;]|[^\s,;]+")
_DOTTED_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b[A-Z]\.$")
_OPENER = re.compile(
    r"^\s*(?:On|At|In|During|Late|Early|Around|Shortly|Upon|Amid|After|Before|Ahead|This|Last|Earlier)\b"
)
_AFTER_DATE = re.compile(
    r"\s*(?:\((?:local|[A-Z][\w ]{0,20}) time\)|(?:local|[A-Z]\w+) time"
    r"|morning|afternoon|evening|night)?"
    r"\s*(?:\((?:local|[A-Z][\w ]{0,20}) time\))?\s*,?\s*"
    r"(?:(?:in|at|via|through|by|during)\s[^,]{1,60},\s*"  # "..., in Beijing, Wang Yi met ..."
    r"|(?:at|upon|on)\s+the\s+invitation\s+of\s[^,]{1,160},\s*)?"
)
_OPENER_PHRASE = re.compile(r"^[^,]{0,160},\s*")
# Lower-case words that may open a counterpart's chain ("visiting Brazilian Foreign Minister").
_LOWER_PREFIX = frozenset(
    """visiting new newly newly-appointed newly-elected appointed elected re-elected reelected
    incoming outgoing then""".split()
)
_LEADING_JUNK = (
    frozenset({"the", "his", "her", "their", "its", "and", ",", "of", "for", "to", "on", "&"})
    | _LOWER_PREFIX
)
_DIRECT_OBJECT_VERBS = frozenset(
    {"met", "meets", "received", "receives", "phoned", "phones", "called", "calls", "telephoned"}
)
_INVITED = ["invitation", "of"]
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# "paid a courtesy call on", "paid a visit to": the person called on follows
_CALL_ON = frozenset({"call", "visit"})
# Words of event names ("the Fourth ... Foreign Ministers' Dialogue"), never of a person's name.
_EVENT_WORDS = frozenset(
    """dialogue summit meeting meetings forum conference talks consultation consultations session
    ceremony banquet mechanism round expo games olympics festival symposium seminar""".split()
)
_INTRODUCERS = frozenset({"with", "between"})
_HONORIFICS = frozenset(
    "h.e mr mrs ms miss dr madam madame mme sir excellency hon honourable honorable".split()
)
# Lower-case words after which capitalised words are an office or body, not a person.
_BEFORE_NO_NAME = frozenset({"the", "of", "for", "on", "to"})
# An elided particle printed in lower case: "Côte d'Ivoire", "Massimo D'Alema" as "d'Alema".
_ELIDED = re.compile(r"^[a-z]['’][A-Z]")
# Verbs that end the subject of a lead sentence ("... Wang Yi spoke with ...").
_LEAD_VERBS = frozenset(
    """spoke speaks talked talks had has held holds met meets hosted hosts co-hosted co-hosts
    co-chaired co-chairs chaired chairs conducted conducts exchanged exchanges received receives
    called calls phoned phones telephoned telephones attended attends joined joins paid pays
    jointly participated made makes took takes was were is are will visited visits""".split()
)
_MAX_SUBJECT_WORDS = 60
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday the january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec noon""".split()
)
# News-agency dateline: "BEIJING, Oct. 31 (Xinhua) -- "
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]+,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\([^)]{1,30}\)\s*(?:--|—|–|-)\s*"
)
_TITLE_TAIL = re.compile(
    r"\s+(?:on|over|by|via|through|in)\s+(?:the\s+|a\s+)?(?:phone|telephone|video\b|video\s*link|"
    r"virtual|online)\b.*$",
    re.IGNORECASE,
)
_TITLE_REQUEST = re.compile(r"\s+at\s+(?:the\s+)?request\b", re.IGNORECASE)

_VIDEO = re.compile(
    r"\bvideo[\s-]?(?:call|link|conference|conferencing|meeting|summit|talks?|chat|conversation|dialogue)\b"
    r"|\bvideoconference\b|\bvirtual(?:ly)?\b|\bvia video\b|\bby video\b"
    r"|\bonline (?:meeting|summit|talks)\b"
    r"|\bcloud (?:meeting|talks)\b",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"\b(?:tele)?phon(?:e|ed|es)\b|\btelephone\b|\bcall(?:ed)? by phone\b", re.IGNORECASE
)
_MEETING = re.compile(
    r"\b(?:met|meets?|meeting|in person|held talks|holds talks|talks in|received|receives|visit)\b",
    re.IGNORECASE,
)
_REQUEST_LATTER = re.compile(
    r"\bat (?:the )?(?:latter|other side)['’]s request\b|\bat the request of the latter\b"
    r"|\bat (?:his|her|their) request\b|\b(?:at|upon|on) request\b",
    re.IGNORECASE,
)
_REQUEST_FORMER = re.compile(
    r"\bat (?:the )?former['’]s request\b|\bat the request of the former\b", re.I
)
_REQUEST_OF = re.compile(
    r"\b(?:at|upon) the request of (?P<who>[^,;]+?)(?=\s+(?:on|to|and|via|by|in|at)\b|[,;]|\.?$)",
    re.I,
)


@dataclass
class LeadPerson:
    name: str
    title: str
    country: str | None
    subject: bool  # named before the contact verb (the publishing side, as a rule)


def find_medium(*texts: str) -> str | None:
    """VIDEO, PHONE or MEETING from the first text that names a way of talking."""
    for text in texts:
        low = text.lower()  # cheap substring checks before each regex
        if (
            "video" in low or "virtual" in low or "online" in low or "cloud" in low
        ) and _VIDEO.search(low):
            return VIDEO
        if "phon" in low and _PHONE.search(low):
            return PHONE
        if _MEETING.search(low):
            return MEETING
    return None


def request_cue(sentence: str) -> tuple[str, str | None] | None:
    """('latter', None), ('former', None), ('of', 'Secretary Blinken') or None."""
    if "request" not in sentence.lower():
        return None
    if _REQUEST_LATTER.search(sentence):
        return "latter", None
    if _REQUEST_FORMER.search(sentence):
        return "former", None
    m = _REQUEST_OF.search(sentence)
    if m:
        return "of", m["who"].strip()
    return None


def title_persons(title: str) -> list[LeadPerson]:
    """The people of a headline ("X Speaks with Y on the Phone"), for a lead that names nobody."""
    return lead_persons(_TITLE_TAIL.sub("", _TITLE_REQUEST.sub("", title)), None)


def lead_persons(sentence: str, date_span: tuple[int, int] | None) -> list[LeadPerson]:
    """Everyone the lead sentence names, subject side first."""
    sentence = _strip_final_stop(sentence)
    dateline = _DATELINE.match(sentence)
    if dateline:  # keep offsets: blank the dateline out instead of cutting it
        sentence = " " * dateline.end() + sentence[dateline.end() :]
        date_span = None
    toks = _Tokens(sentence)
    start = _subject_start(sentence, date_span)
    i = bisect.bisect_left(toks.starts, start)
    end = _subject_end(toks, i)
    people = [LeadPerson(*p, subject=True) for p in _people(toks, i, end)]
    for j in _object_starts(toks, end):
        found = _people(toks, j, _scan_chain(toks, j))
        if found:
            people += [LeadPerson(*p, subject=False) for p in found]
            break
    else:  # "At the invitation of Speaker Milton Dick, Ambassador X ... met with him"
        j = next((k + 2 for k in range(len(toks.lows) - 2) if toks.lows[k : k + 2] == _INVITED), 0)
        found = _people(toks, j, _scan_chain(toks, j)) if j else []
        named = {q.name for q in people}
        people += [LeadPerson(*p, subject=False) for p in found if p[0] not in named]
    return people


class _Tokens:
    """Words of a sentence with their offsets (commas are words of their own)."""

    def __init__(self, sentence: str):
        matches = list(_TOKEN.finditer(sentence))
        self.text = sentence
        self.words = [m.group(0) for m in matches]
        self.lows = [fold(w) for w in self.words]
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.starts[i], self.ends[j - 1]


def _strip_final_stop(sentence: str) -> str:
    s = sentence.rstrip()
    if s.endswith(".") and not _DOTTED_END.search(s[-12:]):
        s = s[:-1]
    return s


def _subject_start(sentence: str, date_span: tuple[int, int] | None) -> int:
    opener = _OPENER.match(sentence)
    if date_span and ((opener and date_span[0] < 60) or date_span[0] <= 2):
        return _AFTER_DATE.match(sentence, date_span[1]).end()
    if not opener:
        return 0
    m = _OPENER_PHRASE.match(sentence)
    return m.end() if m else 0


def _subject_end(toks: _Tokens, i: int) -> int:
    """The subject runs up to the contact verb; its offices may hold lower-case words
    ("Chinese lead person for the China-U.S. comprehensive economic dialogue Liu He")."""
    lows = toks.lows
    for k in range(i, min(len(lows), i + _MAX_SUBJECT_WORDS)):
        if lows[k] in _LEAD_VERBS:
            return k
        if lows[k] == "together" and k + 1 < len(lows) and lows[k + 1] == "with":
            return k  # "Qin Gang, together with Foreign Minister Dar of Pakistan, held ..."
        if _day_after(toks, k, the_too=True):
            return k  # "Wang Yi on Monday spoke ...": a time phrase ends the subject
    return _scan_chain(toks, i)


def _day_after(toks: _Tokens, k: int, the_too: bool = False) -> bool:
    """'on Tuesday', 'on February 11', 'on 11 February', 'at noon': a day or time, not more of
    an office ('Special Envoy on the Horn of Africa' goes on). `the_too`: 'on the evening
    of' as well, for the subject, which ends at its verb anyway."""
    lows = toks.lows
    if lows[k] not in {"on", "in", "at"} or k + 1 >= len(lows):
        return False
    following = lows[k + 1].rstrip(".,")
    if following == "the":
        return the_too
    return following in _TIME_WORDS or (following.isdigit() and not the_too)


def _scan_chain(toks: _Tokens, i: int) -> int:
    """End of the run of office/name words starting at word i (connectors only inside)."""
    good = i
    for j in range(i, len(toks.words)):
        word, low = toks.words[j], toks.lows[j]
        if _day_after(toks, j):
            break  # "... Christopher Luxon on Tuesday at the latter's request"
        if word[0].isupper() or word[0].isdigit() or low in LOWER_OFFICE or _ELIDED.match(word):
            good = j + 1
        elif not (
            word in {",", ";"}
            or low in CHAIN_CONNECTORS
            or low in NAME_PARTICLES
            or low in _LOWER_PREFIX
        ):
            break
    return good


def _object_starts(toks: _Tokens, end: int):
    """Where the counterparts' chain may begin: right after 'met', after 'with', or after
    'a (courtesy) call on', 'a visit to'."""
    if end < len(toks.lows) and toks.lows[end] in _DIRECT_OBJECT_VERBS:
        yield end + 1
    for k in range(end, len(toks.lows)):
        low = toks.lows[k]
        if low in _INTRODUCERS or (low == "by" and toks.lows[k - 1] in {"led", "headed"}):
            yield k + 1
        elif low in {"on", "to"} and toks.lows[k - 1] in _CALL_ON and not _day_after(toks, k):
            yield k + 1


@dataclass
class _Draft:
    name: str
    title: tuple[int, int] | None
    country: str | None
    name_first: bool  # printed as "Name, Office": following offices belong to it


def _people(toks: _Tokens, i: int, j: int) -> list[tuple[str, str, str | None]]:
    """(name, title, country) for each person in the chain of offices and names words[i:j]."""
    out: list[_Draft] = []
    pending: tuple[int, int] | None = None  # offices waiting for the name that follows
    for a, b in _segments(toks, i, j):
        end = b
        a, b, name_at, suffix_country = _split_segment(toks, a, b)
        if out and b - a == 1 and toks.lows[a].rstrip(".") in _NAME_SUFFIXES:
            # "Joseph R. Biden, Jr.": the suffix is the name's ("Joseph R. Biden Jr."), no person
            out[-1].name = f"{out[-1].name} {toks.words[a]}"
            continue
        if _continues_office(toks, a, end, i, out):
            # "Damien O'Connor, Minister for Trade and Export Growth of New Zealand"
            out[-1].title = _join(out[-1].title, toks.span(a, end))
            out[-1].country = out[-1].country or suffix_country
            continue
        if (
            pending
            and name_at == a
            and end < j
            and toks.lows[end] in {"and", "&"}
            and any(looks_like_office(word) for word in toks.words[a:b])
        ):
            # "Minister of Small Business, Export Promotion and International Trade Mary Ng":
            # words shaped like an office between its comma and its 'and' are more of it
            pending = _join(pending, toks.span(a, end))
            continue
        t_end = name_at  # "External Affairs Minister Dr. S. Jaishankar": no "Dr." in the office
        while t_end > a + 1 and toks.lows[t_end - 1].rstrip(".") in _HONORIFICS:
            t_end -= 1
        span = toks.span(a, t_end) if t_end > a else None
        if name_at < b and not _is_event(toks.lows[name_at:b]):
            name = toks.text[toks.starts[name_at] : toks.ends[b - 1]]
            title = _join(pending, span)
            out.append(_Draft(name, title, suffix_country, name_first=title is None))
            pending = None
        elif span and out and out[-1].name_first:
            out[-1].title = _join(out[-1].title, span)
        elif span:
            pending = _join(pending, span)
    if pending and out and out[-1].title is None:
        out[-1].title = pending
    people = []
    for d in out:
        title = toks.text[d.title[0] : d.title[1]] if d.title else ""
        people.append((d.name, title, d.country or find_country(title)))
    return people


def _continues_office(toks: _Tokens, a: int, b: int, start: int, out: list[_Draft]) -> bool:
    """Whether words[a:b] go on with the office of the person before them: printed as "Name,
    Office and Words" (an 'and' straight after an office word, no comma), and none of the
    words an office word, as the start of another person's office and name would hold
    ("Name, Office and Deputy Prime Minister Other Name")."""
    if not (out and out[-1].name_first and out[-1].title is not None and start + 2 <= a < b):
        return False
    if toks.lows[a - 1] not in {"and", "&"} or not is_office_word(toks.words[a - 2]):
        return False
    return not any(is_office_word(word) for word in toks.words[a:b])


def _is_event(lows: list[str]) -> bool:
    return any(w in _EVENT_WORDS or w.endswith("'") for w in lows)


def _join(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), max(a[1], b[1]))


def _segments(toks: _Tokens, i: int, j: int):
    """Split a chain at commas and 'and' (not the 'and' of 'Antigua and Barbuda')."""
    a = i
    for k in range(i, j):
        low = toks.lows[k]
        if low in {",", ";"} or (low in {"and", "&"} and not _inside_country(toks.words, k, j)):
            if k > a:
                yield a, k
            a = k + 1
    if j > a:
        yield a, j


def _inside_country(words: list[str], k: int, j: int) -> bool:
    # "Antigua and Barbuda", "Saint Vincent and the Grenadines"
    return any(country_ending_at(words, e) > e - k for e in (k + 2, k + 3) if e <= j)


def _split_segment(toks: _Tokens, a: int, b: int) -> tuple[int, int, int, str | None]:
    """Trimmed bounds, where the name starts, and an 'of Country' that follows the name."""
    lows = toks.lows
    # "visiting", "new" only as printed in lower case: "New Zealand" is a country
    while (
        a < b
        and lows[a] in _LEADING_JUNK
        and (lows[a] not in _LOWER_PREFIX or toks.words[a].islower())
    ):
        a += 1
    while b > a and (lows[b - 1] in CHAIN_CONNECTORS or lows[b - 1] in NAME_PARTICLES):
        b -= 1
    # "H.E. Mr. Jaishankar, External Affairs Minister": a courtesy is no office
    while a < b - 1 and lows[a].rstrip(".") in _HONORIFICS:
        a += 1
    if a >= b:
        return a, b, b, None
    words = toks.words[a:b]
    suffix_country = None
    # "Kang Kyung-wha of the Republic of Korea": the first "of" after a name word
    for k in range(1, len(words) - 1):
        if lows[a + k] == "of" and _is_name_word(words, k):
            rest = words[k + 1 :]
            if rest and fold(rest[0]) == "the":
                rest = rest[1:]
            suffix_country = canonical_country(" ".join(rest)) if rest else None
            if suffix_country:
                b, words = a + k, words[:k]
            break
    return a, b, a + _name_start(words), suffix_country


def _is_name_word(words: list[str], end: int) -> bool:
    """Is words[end - 1] a name word (not office, not country)?"""
    w = words[end - 1]
    return w[:1].isupper() and not is_office_word(w) and country_ending_at(words, end) == 0


def _name_start(words: list[str]) -> int:
    e = len(words)
    i = e
    # "Foreign Minister Julie Bishop": an office-looking last word after a name word is a surname
    if (
        e >= 2
        and words[-1][:1].isupper()
        and is_office_word(words[-1])
        and _is_name_word(words, e - 1)
    ):
        i = e - 1
    while i > 0:
        # "... of the China-U.S. Comprehensive Economic Dialogue Liu He": an event's word
        # ends the name's run
        if _is_name_word(words, i) and fold(words[i - 1]) not in _EVENT_WORDS:
            i -= 1
            continue
        # particles inside a name ("Ursula von der Leyen") need a name word before them
        k = i
        while k > 0 and fold(words[k - 1]) in NAME_PARTICLES:
            k -= 1
        if k < i < e and k > 0 and _is_name_word(words, k):
            i = k
        else:
            break
    # "Minister of Agriculture and Fisheries Joe Bloggs": office-shaped words lead the run
    while e - i > 2 and looks_like_office(words[i]):
        i += 1
    while i < e and fold(words[i]) in NAME_PARTICLES:
        i += 1
    # "Vice-President of the European Commission": a name never follows "of the"; but a run
    # of three or more such words ends in one ("Envoy for the Horn of Africa Mike Hammer")
    if 0 < i < e and fold(words[i - 1]) in _BEFORE_NO_NAME:
        return e - 2 if e - i >= 3 else e
    return i
