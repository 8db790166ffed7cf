"""Office words vs. name words, and resolving a short form ("President Xi") to a participant."""

from __future__ import annotations

import re
from functools import lru_cache

from .countries import canonical_country, is_country_token

# Words of office chains: a capitalised token in this set is title, not name.
OFFICE_WORDS = frozenset(
    """president presidents vice prime minister ministers premier chancellor secretary state
    councilor councillor councilors foreign affairs member members political bureau politburo
    central committee commission commissioner director office general high representative
    special envoy ambassador chairman chairwoman chair chairperson head chief deputy first
    executive leader speaker king queen emir sultan crown prince princess majesty highness
    sheikh sheikha shaikh sayyid
    excellency governor mayor senator congressman congresswoman adviser advisor assistant
    undersecretary under permanent international cooperation development trade commerce finance
    economy economic energy health interior justice europe federal republic kingdom union
    council assembly parliament parliamentary people's peoples congress standing party
    communist cpc department ministry government administration agency organization
    organisation nations policy planning relations integration expatriates emigrants investment
    industry climate change environment military armed forces staff joint army navy marshal
    admiral colonel lieutenant commander president-elect elect designate acting interim caretaker
    transitional supreme grand duke duchess pope cardinal archbishop patriarch reverend mr mrs
    ms miss dr prof professor h.e madam madame mme sir lord lady dame hon honourable honorable
    rt right delegation senior official spokesperson spokesman spokeswoman counselor counsellor
    attorney judge treasury treasurer homeland intelligence public social education science
    technology information communications culture tourism agriculture rural water resources
    natural land labour labor employment transport transportation infrastructure housing urban
    sports youth women family welfare veterans human rights humanitarian global regional asia
    asian pacific arab gulf caribbean latin america ocean islands affairs national security
    defense defence his her secretary-general director-general vice-president vice-premier
    vice-chairman deputy-secretary under-secretary co-chair co-chairman federation
    confederation principality emirates sultanate democratic socialist islamic plurinational
    bolivarian cooperative independent sovereign former ex cabinet chamber house lords commons
    senate court bank fund monetary reserve world association secretariat strategic mechanism
    peninsula eurasian counterpart counterparts fisheries overseas diaspora consul
    consul-general minister-counselor charge d'affaires chargé fellow vice-chair taoiseach
    tanaiste tánaiste chief-of-staff provincial province region regional autonomous city
    municipal capital emissary plenipotentiary dignitary judiciary governance alliance
    insurance compliance conference presence independence excellence coexistence abroad
    community communities nationals commonwealth""".split()
)
# Lower-case words that may sit inside an office chain ("Secretary of State").
CHAIN_CONNECTORS = frozenset({"of", "the", "for", "and", "to", "on", "&"})
# Lower-case particles inside names ("Ursula von der Leyen", "Faisal bin Farhan").
NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "da",
        "do",
        "dos",
        "das",
        "di",
        "du",
        "del",
        "della",
        "la",
        "le",
        "bin",
        "bint",
        "ibn",
        "al",
        "el",
        "ben",
        "y",
        "zu",
        "ter",
        "ten",
        "af",
    }
)
# Lower-case office words printed in some translations ("his Russian counterpart").
LOWER_OFFICE = frozenset(
    {
        "counterpart",
        "counterparts",
        "foreign",
        "minister",
        "president",
        "prime",
        "premier",
        "secretary",
        "chancellor",
        "vice",
        "deputy",
        "councilor",
        "councillor",
        "special",
        "envoy",
        "representative",
        "ambassador",
        "leader",
        "chairman",
        "chief",
        "head",
        "high",
        "state",
        "general",
        "his",
        "her",
        "their",
        "its",
    }
)
# Not -ary, -ance, -ence: given names end so too (Hillary, Gary, Lawrence, Constance); the
# offices among such words are listed above.
_OFFICE_SUFFIX = re.compile(r"(?:tion|ment|ity|ics|ism|ship|ness|ies|ure)$")
_APOSTROPHE = str.maketrans({"’": "'", "‘": "'"})
_HONORIFIC_DOTS = re.compile(r"\.$")


def fold(token: str) -> str:
    """Compare tokens case-insensitively and with straight apostrophes."""
    token = token.lower()
    return token.translate(_APOSTROPHE) if "’" in token or "‘" in token else token


@lru_cache(maxsize=16384)  # the same few hundred words recur in every readout
def is_office_word(token: str) -> bool:
    word = fold(token).rstrip(".,")
    if word.endswith("'s"):
        word = word[:-2]
    if word in OFFICE_WORDS:
        return True
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        return bool(parts) and all(p in OFFICE_WORDS for p in parts)
    return False


def looks_like_office(token: str) -> bool:
    """Office words plus words shaped like them ("Fisheries", "Cooperation")."""
    return is_office_word(token) or bool(_OFFICE_SUFFIX.search(fold(token).rstrip(".,")))


def name_tokens(name: str) -> list[str]:
    return [fold(t).strip(".,") for t in name.split()]


class Resolver:
    """Maps a cue label as printed to one participant's full name."""

    def __init__(
        self, names: list[str], titles: list[str], countries: list[str], chinese: list[bool]
    ):
        self.names = names
        self.tokens = [name_tokens(n) for n in names]
        self.titles = [fold(t) for t in titles]
        self.countries = countries
        # surname position: first token for Chinese names, last otherwise
        self.surnames = [
            (tok[0] if is_cn else tok[-1]) if tok else ""
            for tok, is_cn in zip(self.tokens, chinese, strict=True)
        ]
        self._cache: dict[str, str | None] = {}

    def resolve(self, label: str) -> str | None:
        if label in self._cache:
            return self._cache[label]
        hit = self._resolve(label)
        self._cache[label] = hit
        return hit

    def _resolve(self, label: str) -> str | None:
        words = label.split()
        if words and fold(words[0]) == "the":
            words = words[1:]
        if not words:
            return None
        if fold(words[-1]) == "side":
            country = canonical_country(" ".join(words[:-1]))
            return self._unique(i for i, c in enumerate(self.countries) if c == country)
        rest = [
            fold(w).strip(".,")
            for w in words
            if not is_office_word(w) and not is_country_token(w) and w not in CHAIN_CONNECTORS
        ]
        if not rest:
            return self._by_title(words)
        found = [i for i, tok in enumerate(self.tokens) if _contains(tok, rest)]
        if len(found) > 1:
            found = [i for i in found if self.surnames[i] in rest] or found
        return self.names[found[0]] if len(found) == 1 else None

    def _by_title(self, words: list[str]) -> str | None:
        """'The Secretary', 'the German Foreign Minister' -> the one participant holding it."""
        country = None
        office = []
        for w in words:
            c = canonical_country(w) if is_country_token(w) else None
            if c:
                country = c
            elif w not in CHAIN_CONNECTORS:
                office.append(fold(w).strip(".,"))
        if not office:
            return None
        hits = (
            i
            for i, t in enumerate(self.titles)
            if all(re.search(rf"\b{re.escape(o)}\b", t) for o in office)
            and (country is None or self.countries[i] == country)
        )
        return self._unique(hits)

    def _unique(self, hits) -> str | None:
        found = list(hits)
        return self.names[found[0]] if len(found) == 1 else None


def _contains(tokens: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(tokens[i : i + n] == part for i in range(len(tokens) - n + 1))
