"""Split a paragraph into sentences without breaking "U.S.", "Mr.", initials or "1.5"."""

from __future__ import annotations

import re

from .countries import is_country_token
from .names import is_office_word

# A stop (with closing quotes/brackets) and space, then something that can open a sentence.
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_NEXT_WORDS = re.compile(r"[\"“‘(\[]?([\w’'\-]+)(?:\s+([\w’'\-]+))?(?:\s+([\w’'\-]+))?")

# Abbreviations after which a capital letter does not start a new sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col capt cmdr adm sgt maj sen rep gov amb hon rev fr st mt
    jr sr no nos vol art sec fig ft messrs mme mlle h.e jan feb mar apr jun jul aug sep sept
    oct nov dec vs cf approx dept est inc ltd co corp gov't""".split()
)
# Dotted short forms that often end a sentence too ("... against the U.S. The ...").
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_SENTENCE_STARTERS = frozenset(
    """the this that these those he she it they we i both all any as if when while however
    meanwhile moreover furthermore besides in on at for with such there its his her their our
    first second third fourth fifth finally last also during after before since according
    china""".split()
)


def split_sentences(paragraph: str, cue_verbs: frozenset[str] = frozenset()) -> list[str]:
    """Sentences of one paragraph. cue_verbs help decide after "U.S." ("U.S. Blinken said")."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        if _keeps_going(paragraph, start, m, cue_verbs):
            continue
        out.append(paragraph[start : m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _keeps_going(text: str, start: int, m: re.Match[str], cue_verbs: frozenset[str]) -> bool:
    if text[m.start()] != ".":
        return False
    word_start = max(start, text.rfind(" ", start, m.start()) + 1)
    word = text[word_start : m.start()].lstrip("(\"“‘'")
    if not word:
        return False
    word = word.rsplit("-", 1)[-1] or word  # "China-U.S." is "U.S." for this
    lower = word.lower()
    if lower in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    if _DOTTED.match(word + "."):
        return _dotted_keeps_going(word, text, m.end(), cue_verbs)
    return False


def _dotted_keeps_going(word: str, text: str, at: int, cue_verbs: frozenset[str]) -> bool:
    """'U.S.' may end a sentence, initials ('L.P.') never do, 'a.m.' only before a starter."""
    if word[0].isupper() and not is_country_token(word + "."):
        return True
    nxt = _NEXT_WORDS.match(text, at)
    if not nxt:
        return True
    words = [w for w in nxt.groups() if w]
    if words[0].lower() in _SENTENCE_STARTERS:
        return False
    if word[0].islower():
        return True
    # "... with the U.S. Wang Yi said ...": a name (not an office) followed by a reporting verb
    for w in words:
        if w in cue_verbs:
            return False
        if not w[0].isupper() or is_office_word(w):
            return True
    return True
