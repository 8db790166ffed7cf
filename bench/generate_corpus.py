"""A deterministic synthetic corpus of readout-shaped text files for the benchmarks.

    python bench/generate_corpus.py --size 100k --out var/bench/corpus-100k

Files look like the seed readouts (breadcrumb, title, date line, a lead sentence with date,
participants, offices, medium and who asked, then attributed paragraphs with "X said that",
pronoun continuations and joint sentences) and go through the real import path. The same size
always gives the same bytes: one seeded random generator, no clock, no hash randomisation.

Besides the files the generator writes `manifest.json`: how many readouts and statements it
meant to write, the speaker it meant for every statement of a sample of files (to check the
parser against), and the query words the search benchmark uses, picked by how many statements
contain them (a common word in about half, a rare word in a few dozen).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1M": 1_000_000}
SEED = 20260101
FILES_PER_DIR = 1000
# The manifest keeps the intended speakers of every file up to 10k statements, then of one in 50.
FULL_SAMPLE_UP_TO = 10_000
SAMPLE_EVERY = 50

# (country, adjective as printed before an office)
COUNTRIES = [
    ("Argentina", "Argentine"), ("Australia", "Australian"), ("Austria", "Austrian"),
    ("Bangladesh", "Bangladeshi"), ("Belgium", "Belgian"), ("Brazil", "Brazilian"),
    ("Cambodia", "Cambodian"), ("Canada", "Canadian"), ("Chile", "Chilean"),
    ("Colombia", "Colombian"), ("Croatia", "Croatian"), ("Cuba", "Cuban"),
    ("Denmark", "Danish"), ("Egypt", "Egyptian"), ("Ethiopia", "Ethiopian"),
    ("Finland", "Finnish"), ("France", "French"), ("Germany", "German"), ("Ghana", "Ghanaian"),
    ("Greece", "Greek"), ("Hungary", "Hungarian"), ("India", "Indian"),
    ("Indonesia", "Indonesian"), ("Iran", "Iranian"), ("Ireland", "Irish"),
    ("Italy", "Italian"), ("Japan", "Japanese"), ("Kazakhstan", "Kazakh"), ("Kenya", "Kenyan"),
    ("Laos", "Lao"), ("Malaysia", "Malaysian"), ("Mexico", "Mexican"),
    ("Mongolia", "Mongolian"), ("Morocco", "Moroccan"), ("Nepal", "Nepali"),
    ("Netherlands", "Dutch"), ("Nigeria", "Nigerian"), ("Norway", "Norwegian"),
    ("Pakistan", "Pakistani"), ("Peru", "Peruvian"), ("Poland", "Polish"),
    ("Portugal", "Portuguese"), ("Qatar", "Qatari"), ("Russia", "Russian"),
    ("Saudi Arabia", "Saudi"), ("Senegal", "Senegalese"), ("Serbia", "Serbian"),
    ("Singapore", "Singaporean"), ("South Africa", "South African"), ("Spain", "Spanish"),
    ("Sri Lanka", "Sri Lankan"), ("Sweden", "Swedish"), ("Switzerland", "Swiss"),
    ("Tanzania", "Tanzanian"), ("Thailand", "Thai"), ("Turkey", "Turkish"),
    ("Uganda", "Ugandan"), ("Ukraine", "Ukrainian"), ("United Kingdom", "British"),
    ("United States", "U.S."), ("Uruguay", "Uruguayan"), ("Uzbekistan", "Uzbek"),
    ("Vietnam", "Vietnamese"), ("Zambia", "Zambian"),
]  # fmt: skip
OFFICES = ["Foreign Minister", "President", "Prime Minister", "Defense Minister", "Vice President"]
HOME_OFFICES = [
    "State Councilor and Foreign Minister", "Premier", "President", "Vice President",
    "Vice Foreign Minister", "Member of the Political Bureau of the CPC Central Committee and "
    "Director of the Office of the Central Commission for Foreign Affairs",
]  # fmt: skip
# Syllables for names; words made of them are capitalised and never office or country words.
GIVEN = """Ana Ari Bela Cal Dana Eli Emil Fen Gia Hana Ilan Ines Jana Kai Kiri Lea Lior Mai
Mara Nadia Nika Omar Pia Rafi Rina Sami Sara Tali Tomas Una Vera Yara Zane Beno Cora Dario
Edda Farid Goran Hedi Ivo Jorun Kemal Lina Milo Noor Otto Petra Rui Sven Tove Uri Vito Wim Yusuf
Zora Anouk Bram Celia Dag Eero Fatou Gerd Hugo Ingrid Joao Kofi Lars Mette Nils Olga Pedro Ragna
Sanna Thiago Ulla Viggo""".split()
SURNAME_A = "Al Ber Cor Dal Fen Gor Hal Ker Lun Mor Nor Pel Ros Sal Tor Val Wen Zel Bran".split()
SURNAME_B = "ano ardt eda enko ides ilov ini ovic sen son stad uzzi veld wick yk zade".split()
HOME_GIVEN = "Wei Yi Ming Jun Hong Lei Ping Qiang Tao Xin Yong Jian".split()
HOME_FAMILY = "Zhao Qian Sun Zhou Feng Chen Han Yang Zhu Qin Xu Wu Lu Shi Zhang Kong".split()
MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
SECTIONS = ["China News", "Reports from China", "News", "Diplomatic Activities"]
FOOTERS = ["<Suggest To A Friend>", "Suggest To A Friend:", ""]

# Content words ranked by frequency; the Zipf tail beyond them is made-up words.
DOMAIN = """development relations trade cooperation security peace economic countries
international stability partnership investment dialogue mutual regional exchanges climate
bilateral energy people world communication respect infrastructure interests principle
multilateral agriculture health sovereignty technology support progress prosperity education
finance connectivity innovation crisis consensus solidarity friendship tourism culture
integrity recovery growth transition commitment framework mechanism initiative resilience
vaccines pandemic sanctions supply chains digital green maritime navigation fisheries
counterterrorism humanitarian reconstruction refugees borders water food manufacturing
investment railway ports aviation satellites space research universities youth women
governance reform justice transparency coordination consultation negotiation agreement
declaration roadmap summit visit anniversary celebration friendship talks strategy""".split()
SYLLABLES = "ka lo mi ne ru ta vi so pe du fa ri zo ba ne ki mo la tu se".split()
FUNCTION = "the of and to in for with on that a by as at from its their this".split()
PHRASE = "win-win cooperation"  # a fixed phrase the benchmark searches for
VERBS = ["said", "stressed", "noted", "pointed out", "expressed hope", "emphasized", "added"]


@dataclass
class Person:
    name: str
    surname: str  # how cues print the name
    country: str
    adjective: str
    office: str
    she: bool


@dataclass
class Written:
    readouts: int = 0
    statements: int = 0
    sample: dict[str, list[str | None]] = field(default_factory=dict)
    df: Counter = field(default_factory=Counter)  # statements containing each word


def build_people(rng: random.Random) -> tuple[list[Person], list[Person]]:
    seen: set[str] = set()
    home = []
    for i, family in enumerate(HOME_FAMILY * 2):
        given = HOME_GIVEN[i % len(HOME_GIVEN)] + ("" if i < len(HOME_FAMILY) else "lin")
        name = f"{family} {given}"
        if name not in seen:
            seen.add(name)
            office = HOME_OFFICES[i % len(HOME_OFFICES)]
            home.append(Person(name, name, "China", "", office, rng.random() < 0.3))
    abroad = []
    for country, adjective in COUNTRIES:
        for k in range(5):
            while True:
                given = rng.choice(GIVEN)
                surname = rng.choice(SURNAME_A) + rng.choice(SURNAME_B)
                if f"{given} {surname}" not in seen:
                    break
            seen.add(f"{given} {surname}")
            office = OFFICES[k % len(OFFICES)]
            person = Person(f"{given} {surname}", surname, country, adjective, office, k % 2 == 1)
            abroad.append(person)
    return home, abroad


def build_vocabulary(rng: random.Random, size: int) -> list[str]:
    words = list(dict.fromkeys(DOMAIN))
    made: set[str] = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))
        if word not in made and not word.endswith(("ed", "ly")):
            made.add(word)
            words.append(word)
    return words


class Corpus:
    def __init__(self, statements: int) -> None:
        self.rng = random.Random(SEED)
        self.target = statements
        self.home, self.abroad = build_people(self.rng)
        self.vocab = build_vocabulary(self.rng, 30_000)
        # Zipf, s = 1.1, over content words; ranks shifted so the top word is not in everything.
        weights = [1 / (rank + 4) ** 1.1 for rank in range(len(self.vocab))]
        self.cum = list(accumulate(weights))

    def words(self, n: int) -> list[str]:
        picks = self.rng.choices(self.vocab, cum_weights=self.cum, k=n)
        out = []
        for word in picks:
            out.append(word)
            if self.rng.random() < 0.35:
                out.append(self.rng.choice(FUNCTION))
        return out

    def clause(self) -> str:
        words = self.words(self.rng.randint(8, 18))
        if self.rng.random() < 0.05:
            words.insert(self.rng.randrange(len(words) + 1), PHRASE)
        return " ".join(words)

    def sentence(self, opener: str) -> str:
        return f"{opener} {self.clause()}."

    def openers(self, speaker: Person) -> str:
        country = "China" if speaker.country == "China" else speaker.country
        return self.rng.choice(
            [
                f"{country} is ready to work for",
                "It is important to deepen",
                "The two countries should strengthen",
                "This year marks",
                "There is great potential in",
                "Both economies can benefit from",
            ]
        )

    # -- one readout -----------------------------------------------------------------------

    def readout(self, day: dt.date) -> tuple[str, list[str | None], list[str]]:
        rng = self.rng
        home = rng.choice(self.home)
        others = [rng.choice(self.abroad)]
        if rng.random() < 0.06:
            second = rng.choice(self.abroad)
            if second.country != others[0].country and second.surname != others[0].surname:
                others.append(second)
        people = [home, *others]
        medium = rng.choices(["phone", "video", "meeting"], weights=[6, 2, 2])[0]
        requested = rng.random() < 0.35 and len(others) == 1

        def printed(p: Person) -> str:
            return f"{p.adjective} {p.office} {p.name}"

        counterparts = " and ".join(printed(p) for p in others)
        date_text = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        request = " at the latter's request" if requested else ""
        opening = f"On {date_text}, {home.office} {home.name}"
        if medium == "phone":
            lead = f"{opening} spoke with {counterparts} on the phone{request}."
            title = f"{home.name} Speaks with {printed(others[0])} on the Phone"
        elif medium == "video":
            lead = f"{opening} held a video call with {counterparts}{request}."
            title = f"{home.name} Holds Video Call with {printed(others[0])}"
        else:
            lead = f"{opening} met with {counterparts}."
            title = f"{home.name} Meets with {printed(others[0])}"
        lead += f" They exchanged views on {self.clause()}."

        speakers: list[str | None] = [None]
        paragraphs = [lead]
        texts = [lead]
        body_paragraphs = rng.randint(4, 10)
        order = others + [home] if requested else [home, *others]
        for k in range(body_paragraphs):
            if k == body_paragraphs - 1 and rng.random() < 0.7:
                sides = "The two sides" if len(people) == 2 else "The three sides"
                paragraphs.append(f"{sides} agreed to {self.clause()}.")
                texts.append(paragraphs[-1])
                speakers.append(None)
                continue
            parts = []
            for speaker in self._turns(order, k):
                label = speaker.name if speaker is home or rng.random() < 0.3 else speaker.surname
                verb = rng.choice(VERBS)
                sentences = [f"{label} {verb} that {self.clause()}."]
                for _ in range(rng.choices([0, 1, 2, 3], weights=[3, 4, 2, 1])[0]):
                    if rng.random() < 0.4:
                        pronoun = "She" if speaker.she else "He"
                        sentences.append(f"{pronoun} {rng.choice(VERBS)} that {self.clause()}.")
                    else:
                        sentences.append(self.sentence(self.openers(speaker)))
                parts.append(" ".join(sentences))
                texts.append(parts[-1])
                speakers.append(speaker.name)
            paragraphs.append(" ".join(parts))

        head = [f"Home > {rng.choice(SECTIONS)}", title, ""]
        if rng.random() < 0.75:
            published = dt.datetime.combine(day, dt.time(rng.randint(8, 22), rng.randint(0, 59)))
            head += [published.strftime("%Y-%m-%d %H:%M"), ""]
        text = "\n".join(head) + "\n" + "\n\n".join(paragraphs) + "\n\n" + rng.choice(FOOTERS)
        return text.rstrip() + "\n", speakers, texts

    def _turns(self, order: list[Person], k: int) -> list[Person]:
        """One speaker a paragraph as a rule; sometimes a reply in the same paragraph."""
        first = order[k % len(order)]
        if self.rng.random() < 0.2:
            return [first, order[(k + 1) % len(order)]]
        return [first]

    # -- the whole corpus ------------------------------------------------------------------

    def write(self, out: Path) -> Written:
        written = Written()
        start = dt.date(2000, 1, 1).toordinal()
        span = dt.date(2026, 10, 31).toordinal() - start
        while written.statements < self.target:
            day = dt.date.fromordinal(start + self.rng.randrange(span + 1))
            text, speakers, texts = self.readout(day)
            n = written.readouts
            name = f"r{n:07d}.txt"
            folder = out / f"{n // FILES_PER_DIR:04d}"
            if n % FILES_PER_DIR == 0:
                folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
            if self.target <= FULL_SAMPLE_UP_TO or n % SAMPLE_EVERY == 0:
                written.sample[name] = speakers
            written.readouts += 1
            written.statements += len(speakers)
            for statement in texts:
                written.df.update(set(statement.replace(".", " ").lower().split()))
        return written


def pick_queries(df: Counter, statements: int, vocab: list[str]) -> dict[str, str]:
    """Query words by how many statements contain them: common ~ half, rare ~ a few dozen."""

    def closest(share: float, among: list[str]) -> str:
        return min(among, key=lambda w: (abs(df[w] / statements - share), w))

    content = [w for w in vocab if df[w]]
    made_up = [w for w in content if w not in DOMAIN]
    common = closest(0.5, content)
    rare = min(made_up, key=lambda w: (abs(df[w] - 30), w))
    medium = closest(0.05, [w for w in content if w != common])
    medium2 = closest(0.04, [w for w in content if w not in (common, medium)])
    prefix_word = closest(0.02, [w for w in made_up if len(w) >= 7])
    return {
        "common": common,
        "rare": rare,
        "two_words": f"{common} {medium}",
        "or": f"{medium} OR {medium2}",
        "phrase": f'"{PHRASE}"',
        "prefix": prefix_word[:5] + "*",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="100k", help="statements to write")
    parser.add_argument("--out", type=Path, required=True, help="directory (must be empty)")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(SIZES[args.size])
    written = corpus.write(args.out / "files")
    manifest = {
        "size": args.size,
        "seed": SEED,
        "readouts": written.readouts,
        "statements": written.statements,
        "people": len(corpus.home) + len(corpus.abroad),
        "countries": len(COUNTRIES) + 1,
        "queries": pick_queries(written.df, written.statements, corpus.vocab),
        "frequencies": {w: written.df[w] for w in corpus.vocab[:40]},
        "speakers": written.sample,
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    print(
        f"{written.readouts} readouts, {written.statements} statements in {args.out / 'files'}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
