"""Who said each sentence: cues ("Blinken said that", "He stressed", "The two sides agreed")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .countries import canonical_country
from .names import CHAIN_CONNECTORS, NAME_PARTICLES, OFFICE_WORDS, Resolver, fold
from .types import JOINT, NARRATION, STATEMENT

_PAST = """said stressed noted pointed expressed emphasized emphasised underscored underlined
reiterated urged briefed stated added hoped thanked congratulated highlighted agreed welcomed
introduced called appreciated believed held indicated proposed suggested affirmed conveyed
extended recalled wished asked explained elaborated observed remarked commended praised
acknowledged recognized recognised voiced shared spoke told informed mentioned maintained
insisted declared announced assured pledged promised vowed reaffirmed confirmed asserted
argued warned cautioned condemned deplored regretted lamented requested invited offered
supported opposed rejected responded replied answered continued concluded outlined presented
put raised sent looked expected made gave felt considered thought described hailed lauded
applauded valued reviewed analyzed analysed summarized summarised detailed updated advised
encouraged recommended demanded appealed wrote underscored restated reassured clarified
expounded articulated elucidated set laid spelled noticed accepted admitted approved
cherished emphasised lauded referred stood""".split()
_PRESENT_EXTRA = {
    "says",
    "said",
    "holds",
    "thinks",
    "feels",
    "gives",
    "makes",
    "puts",
    "sets",
    "tells",
}


def _present_forms(past: list[str]) -> set[str]:
    out = set()
    for v in past:
        if v.endswith("ied"):
            out.add(v[:-3] + "ies")
        elif v.endswith("ed"):
            out.update({v[:-1] + "s", v[:-2] + "s", v[:-2] + "es"})
    return out


CUE_VERBS = frozenset(_PAST) | frozenset(_present_forms(_PAST)) | frozenset(_PRESENT_EXTRA)
_IRREGULAR_PAST = frozenset(
    """said held spoke told made gave felt thought put sent set laid spelt met saw took went came
    led wrote shared reached had kept sought understood undertook began became knew""".split()
)
_ADVERBS = frozenset(
    """also further then again once in turn additionally particularly specially specifically
    briefly repeatedly firmly solemnly sincerely warmly highly fully strongly clearly
    positively earnestly frankly candidly especially first finally likewise similarly
    respectively meanwhile both all""".split()
)
_NUMBERS = "two|three|four|five|six|seven|eight|nine|ten"
_JOINT_LABEL = re.compile(
    rf"(?:the|both|all)\s+(?:(?:{_NUMBERS}|several|both|the)\s+)?"
    r"(?:sides?|parties|countries|nations|heads\s+of\s+(?:state|government)"
    # a plural office, perhaps with words before it: "the two general secretaries"
    r"|(?:[A-Za-z-]+\s+){0,2}?(?:presidents|leaders|ministers|premiers|delegations|chancellors"
    r"|secretaries|secretaries-general|officials|counterparts|diplomats|envoys|representatives"
    r"|chairmen|chairs|co-chairs|governments|heads))\b"
    # "The leaders of the two countries agreed"
    rf"(?:\s+of\s+(?:the\s+)?(?:{_NUMBERS}|both)\s+(?:countries|sides|nations|parties))?"
    rf"|both\b|the\s+(?:{_NUMBERS})\b",
    re.IGNORECASE,
)
_NARRATION = re.compile(
    r"^(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:phone\s+|telephone\s+|video\s+)?(?:call|meeting|talks|"
    r"conversation|dialogue|summit|conference|exchange)\s+(?:was|were|lasted|took|came|is|ended|"
    r"also|has)\b|^(?:Also\s+)?(?:[Pp]resent|[Aa]ttending|[Tt]hose\s+present)\b"
)
# Who else was there, in any order: "Cai Qi and Wang Yi were present at the meeting", "Ding
# Xuexiang, Wang Yi and others attended the talks". A sentence of its own, said by nobody.
_ATTENDANCE = re.compile(
    r"(?:\b(?:was|were)\s+(?:also\s+)?present|\battended\s+the\s+{events})"
    r"(?:\s+at\s+the\s+{events})?[\s.]*$"
    r"|\b(?:and|among)\s+others\s+(?:also\s+)?(?:attended|were\s+present)\b".format(
        events="(?:meeting|talks|call|event|ceremony|banquet|signing|luncheon|dinner|reception)"
    )
)
_MAX_ATTENDANCE_CHARS = 240
# A short opening phrase before a cue: "On the Ukraine issue, Wang Yi stressed ..."
_INTRO_WORDS = (
    "On In During As Regarding Concerning With For At Meanwhile Moreover Also Besides Furthermore "
    "Additionally Referring Speaking When While After Before Turning Talking Commenting Responding "
    "According Finally Lastly Then Later Separately Likewise Similarly Notably Specifically Still "
    "Again Earlier Upon Answering Replying Touching"
).split()
_INTRO_SET = frozenset(_INTRO_WORDS)
_NARRATION_STARTS = frozenset("The This That Also Present Attending Those".split())
_JOINT_STARTS = frozenset({"the", "both", "all"})
_INTRO = re.compile(rf"^(?:{'|'.join(_INTRO_WORDS)})\b[^,\"“]{{0,80}},\s*")
# First words that can open a cue, besides the participants' own name and office words.
_CUE_STARTS = frozenset(
    _INTRO_WORDS
    + "The Both All He She They This That Present Attending Those".split()
    + "Mr. Ms. Mrs. Dr. H.E. Madam Chinese".split()
    + [w.capitalize() for w in OFFICE_WORDS]
)
_TRAILING_CUE = re.compile(
    r"[,\"”’]\s+(?P<label>(?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w.'’\-]*|he|she)\s+"
    r"(?P<verb>said|added|noted|stressed|stated|emphasized|continued|told)\b"
    # '"China is ready," said Wang Yi.'
    r"|[,\"”’]\s+(?:said|added|noted|stressed|stated|emphasized|continued)\s+"
    r"(?P<label2>(?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w.'’\-]*)\W*$"
)
# The same cue closing an unquoted sentence: "... with China, Dang Thi Ngoc Thinh said."
_TRAILING_SAID = re.compile(
    r",\s+(?:(?:[A-Z][\w.'’\-]*\s+){0,4}[A-Z][\w.'’\-]*|he|she)\s+"
    r"(?:said|added|noted|stressed|stated|emphasized)\W*$"
)
_MAX_LABEL_WORDS = 8
_ASIDE = re.compile(r"(?P<label>[^,;:\"“]{1,60}),\s+[^,;:\"“]{1,60},\s+(?P<rest>.{1,60})")
_ACCORDING = re.compile(r"According to (?P<label>[^,;:]{1,60}),")
_POSSESSIVE = (["his"], ["her"], ["their"], ["its"])
_MAX_PARTICIPLE_COMMAS = 3
_MAX_PARTICIPLE_CHARS = 260
# Past tenses that report an act, not words: "Wang Yi held a welcoming ceremony", "... visited".
_EVENT_VERBS = frozenset(
    """held hosted attended visited witnessed accompanied inspected toured presided chaired
    co-chaired met received arrived signed greeted exchanged""".split()
)
_HELD_VIEW = re.compile(r"\bheld (?:that|the view|views? that|the belief|the position)\b")


@dataclass
class Cue:
    kind: str
    speaker: str | None
    label: str
    pronoun: bool = False


# Words ending in "-ed" that are not past tenses.
_NOT_PAST = frozenset(
    """need indeed proceed exceed succeed feed heed speed seed embed shed bleed breed hundred
    sacred naked wicked rugged beloved red bed wed bred""".split()
)


def is_past(verb: str) -> bool:
    return verb in _IRREGULAR_PAST or (
        verb.endswith("ed") and len(verb) > 3 and verb not in _NOT_PAST
    )


class Attributor:
    """Finds cues sentence by sentence and keeps track of who has the floor."""

    def __init__(self, resolver: Resolver, default_speaker: str | None, words: set[str]):
        """words: the participants' name and office words, as printed."""
        self.resolver = resolver
        self.last_named = default_speaker
        # "Von der Leyen said": a name particle opens the sentence capitalised
        self.starts = _CUE_STARTS | words | {w[:1].upper() + w[1:] for w in words}
        # "China and the EU agreed ...": the participants' countries may open a joint cue
        self.countries = {c for c in resolver.countries if c}
        self.starts |= {w for c in self.countries for w in c.split()}

    def cue(self, sentence: str) -> Cue | None:
        found = self._cue(sentence)
        if (
            found is None
            and len(sentence) <= _MAX_ATTENDANCE_CHARS
            and _ATTENDANCE.search(sentence)
        ):
            return Cue(NARRATION, None, "")
        return found

    def _cue(self, sentence: str) -> Cue | None:
        first = sentence[:40].split(None, 1)[0].rstrip(",;:") if sentence else ""
        participle = first.endswith("ing") and first[:1].isupper()
        if first not in self.starts and first[:1] not in "\"“‘'" and not participle:
            return None  # most sentences ("China will ...") cannot open a cue
        found = self._cue_at(sentence, 0, intro=False)
        if found is None and first in _INTRO_SET:
            m = _INTRO.match(sentence)
            if m:
                found = self._cue_at(sentence, m.end(), intro=True)
            m = _ACCORDING.match(sentence) if found is None and first == "According" else None
            speaker = self.resolver.resolve(m["label"]) if m else None
            if speaker:  # "According to Blinken, the U.S. ..."
                found = Cue(STATEMENT, speaker, m["label"])
        if found is None and participle:
            # "Noting that ..., Wang Yi said ...": try the cue after each of the first commas
            at = 0
            for _ in range(_MAX_PARTICIPLE_COMMAS):
                at = sentence.find(", ", at, _MAX_PARTICIPLE_CHARS) + 2
                if at < 2:
                    break
                found = self._cue_at(sentence, at, intro=True)
                if found:
                    break
        if found is None and (sentence[:1] in "\"“‘'" or _TRAILING_SAID.search(sentence)):
            found = self._trailing_cue(sentence)  # '"...," Wang Yi said.', '..., Wang Yi said.'
        if found and found.kind == STATEMENT and not found.pronoun:
            self.last_named = found.speaker
        return found

    def _cue_at(self, sentence: str, pos: int, intro: bool) -> Cue | None:
        words = (
            sentence[pos : pos + 120].replace(",", " ").replace(";", " ").replace(":", " ").split()
        )
        if not words:
            return None
        first = words[0]
        if not intro and first in _NARRATION_STARTS and _NARRATION.match(sentence):
            return Cue(NARRATION, None, "")
        if first.lower() in _JOINT_STARTS:
            joint = _JOINT_LABEL.match(sentence, pos)
            if joint and _verb_after(words, len(joint.group(0).split()), past_only=True):
                return Cue(JOINT, None, joint.group(0))
        if first in {"They", "they"} and _verb_after(words, 1, past_only=True):
            return Cue(NARRATION, None, first)
        if first in {"He", "She", "he", "she"} and (intro or first[0].isupper()):
            verb = _verb_after(words, 1, past_only=False)
            if verb and (verb in CUE_VERBS or is_past(verb)):
                return Cue(STATEMENT, self.last_named, first, pronoun=True)
            if len(words) < 2 or not words[1][:1].isupper():
                return None  # "He Lifeng said": a surname, read on as a name
        n = _label_length(words)
        if not n:
            return None
        label = " ".join(words[:n])
        side = n < len(words) and words[n] == "sides"  # "The Chinese and Brazilian sides"
        verb = _verb_after(words, n + side, past_only=False)
        if not intro and not (verb and (verb in CUE_VERBS or is_past(verb))):
            # "Blinken, on behalf of President Biden, extended greetings"
            aside = _ASIDE.match(sentence, pos) if sentence.startswith(label + ",", pos) else None
            if aside and aside["label"].split() == words[:n]:
                words = aside["rest"].split()
                n, verb = 0, _verb_after(aside["rest"][:60].split(), 0, past_only=False)
        if not verb or not (verb in CUE_VERBS or is_past(verb)):
            return None
        return self._named(label, verb, " ".join(words[n : n + 6]), side)

    def _named(self, label: str, verb: str, after: str, side: bool = False) -> Cue | None:
        speaker = self.resolver.resolve(label)
        if speaker:
            if verb in _EVENT_VERBS and not (verb == "held" and _HELD_VIEW.search(after)):
                return Cue(NARRATION, None, label)  # "Wang Yi held a welcoming ceremony"
            return Cue(STATEMENT, speaker, label)
        parts = re.split(r"\s+(?:and|&)\s+", re.sub(r"^Both\s+", "", label))
        if side and len(parts) > 1:  # "The Chinese and Brazilian sides agreed"
            parts = [p + " side" for p in parts]
        if len(parts) > 1 and is_past(verb):
            who = {self.resolver.resolve(p) for p in parts}
            if None not in who and len(who) > 1:
                return Cue(JOINT, None, label)
            # "China and the EU agreed": the participants' own countries
            lands = {canonical_country(p) for p in parts}
            if len(lands) == len(parts) and lands <= self.countries:
                return Cue(JOINT, None, label)
        return None

    def _trailing_cue(self, sentence: str) -> Cue | None:
        """'"China is ready," Wang Yi said.' -> Wang Yi."""
        m = _TRAILING_CUE.search(sentence)
        if not m:
            return None
        label = m["label"] or m["label2"]
        if fold(label) in {"he", "she"}:
            return Cue(STATEMENT, self.last_named, label, pronoun=True)
        speaker = self.resolver.resolve(label)
        return Cue(STATEMENT, speaker, label) if speaker else None


def _label_length(words: list[str]) -> int:
    """How many leading words form a name/office label ("President Xi", "The U.S. side")."""
    n = 0
    last_good = 0
    for w in words[:_MAX_LABEL_WORDS]:
        low = w.lower()
        if w[:1].isupper():
            n += 1
            last_good = n
        elif low == "side" and n:
            return n + 1
        elif low in CHAIN_CONNECTORS or low in NAME_PARTICLES:
            n += 1
        else:
            break
    return last_good


def _verb_after(words: list[str], i: int, past_only: bool) -> str | None:
    """The first word after optional adverbs ("also", "once again", "firmly")."""
    while i < len(words):
        w = words[i]
        low = w.lower()
        if low in _ADVERBS or (
            low.endswith("ly") and low not in {"fly", "reply", "apply", "supply", "rely"}
        ):
            i += 1
            continue
        # "Yellen, for her part, said"
        if (
            low in {"for", "on"}
            and words[i + 1 : i + 2] in _POSSESSIVE
            and words[i + 2 : i + 3] == ["part"]
        ):
            i += 3
            continue
        if not w.isalpha() or not w.islower():
            return None
        if past_only and not (is_past(low) or low in CUE_VERBS and low.endswith("ed")):
            return None
        return low
    return None
