"""The user's search syntax, parsed once into a small tree that each backend compiles.

    words            all required          trade tariffs
    "exact phrase"   words in this order   "foreign ministers"
    a OR b           either (binds tighter than the implicit AND, as in web search engines)
    -word, -"a b"    excluded
    negot*           prefix (at least two letters before the *)

Parsing is tolerant: a stray operator, an unbalanced quote or punctuation gets the reading a
person would expect. What cannot be searched raises QueryError with a message for the user.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_LENGTH = 500
MAX_TERMS = 32
MAX_WORD = 100
MIN_PREFIX = 2

# PostgreSQL's english.stop (the Snowball list), so that both databases drop the same words.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which who
    whom this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now""".split()
)

_WORD = re.compile(r"[^\W_]+")
# A quoted phrase (closed or running to the end), or a run of anything else but space.
_TOKEN = re.compile(r'(-?)"([^"]*)("?)|(-?)([^\s"]+)')


class QueryError(ValueError):
    """A query that cannot be searched; str(error) is a message for the user."""


@dataclass(frozen=True)
class Term:
    """One thing to find: a word, or words next to each other in this order.

    `text` is what the user typed for it (without quotes, minus and star): each backend hands
    it to its own tokenizer, so "U.S." or "foreign-policy" read as the indexed text does.
    `words` is the same text split into letters and digits, casefolded and accent-folded.
    """

    text: str
    words: tuple[str, ...]
    prefix: bool = False
    quoted: bool = False

    @property
    def only_stop_words(self) -> bool:
        return not self.prefix and all(w in STOP_WORDS for w in self.words)


@dataclass(frozen=True)
class Query:
    """Every group is required; a group matches when any of its terms does."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()
    truncated: bool = field(default=False, compare=False)

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for group in self.groups for t in group) + self.excluded


def fold(word: str) -> str:
    """Lower case without accents, as both indexes store words."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_QUOTES = str.maketrans({ch: '"' for ch in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"})


def _clean(q: str) -> str:
    # Phones and word processors type curly quotes; they mean the same as straight ones.
    q = unicodedata.normalize("NFKC", q).translate(_QUOTES)
    # Control characters, NUL (PostgreSQL refuses it), lone surrogates, and our own sentinels.
    q = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") else ch for ch in q)
    return q[:MAX_LENGTH]


def _term(text: str, prefix: bool, quoted: bool) -> Term | None:
    words = tuple(fold(w)[:MAX_WORD] for w in _WORD.findall(text))
    if not words:
        return None
    if prefix and len(words[-1]) < MIN_PREFIX:
        raise QueryError(
            f"Put at least {MIN_PREFIX} letters before * (as in negot*), or leave out the *."
        )
    return Term(text.rstrip("*").strip(), words, prefix, quoted)


def _tokens(q: str):
    """(negated, term) for each term, and (False, "OR") for the OR operator."""
    for m in _TOKEN.finditer(q):
        if m.group(2) is not None:
            if not m.group(3):
                raise QueryError(_unclosed(m.group(2)))
            negated, text, quoted = bool(m.group(1)), m.group(2), True
            prefix = q[m.end() : m.end() + 1] == "*"
        else:
            negated, text = bool(m.group(4)), m.group(5)
            if text == "OR" and not negated:
                yield False, "OR"
                continue
            text = text.lstrip("-")
            prefix, quoted = text.endswith("*"), False
        term = _term(text, prefix, quoted)
        if term is not None:
            yield negated, term


def parse_query(q: str) -> Query:
    """Parse what the user typed; raise QueryError (with a message for them) if it cannot be
    searched."""
    if not isinstance(q, str):
        raise QueryError("Type some words to search for.")
    cleaned = _clean(q)
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    stop_words: list[str] = []
    count, truncated, pending_or = 0, len(q) > MAX_LENGTH, False
    for negated, term in _tokens(cleaned):
        if term == "OR":
            pending_or = bool(groups)  # a leading or doubled OR is just ignored
            continue
        if count >= MAX_TERMS:
            truncated = True
            break
        count += 1
        if term.only_stop_words:
            stop_words.append(term.text)
            pending_or = False
            continue
        if negated:
            excluded.append(term)
            pending_or = False
        elif pending_or:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if not groups:
        raise QueryError(_why_nothing(cleaned, excluded, stop_words))
    return Query(tuple(tuple(g) for g in groups), tuple(excluded), truncated)


def _unclosed(phrase: str) -> str:
    words = " ".join(phrase.split()[:8])
    if not words:
        return "A quote mark is not closed: remove it, or put a phrase between two quote marks."
    return (
        f'A quote mark is not closed: write "{words}" to search for that phrase, '
        "or remove the quote mark."
    )


def _why_nothing(cleaned: str, excluded: list[Term], stop_words: list[str]) -> str:
    if excluded:
        return "Only excluded words: add at least one word to search for."
    if stop_words:
        shown = ", ".join(f"“{w}”" for w in stop_words[:5])
        return f"{shown}: too common to search for. Add a more specific word."
    if cleaned.strip():
        return "No words to search for: type some letters or digits."
    return "Type some words to search for."
