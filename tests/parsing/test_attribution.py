"""Who said each sentence, and how sentences group into statements."""

from __future__ import annotations

import pytest

from readouts.parsing import JOINT, NARRATION, STATEMENT

from .helpers import parse, speakers

LEAD = (
    "On May 5, 2022, State Councilor and Foreign Minister Wang Yi spoke with Kenyan Foreign "
    "Minister Alfred Mutua on the phone at the latter's request."
)
WANG, MUTUA = "Wang Yi", "Alfred Mutua"


def who(readout, prefix: str) -> str | None:
    for st in readout.statements:
        if prefix in st.text:
            return st.speaker
    raise AssertionError(f"not found: {prefix}")


@pytest.mark.parametrize(
    "cue",
    [
        "Mutua said that",
        "Mutua said,",
        "Mutua said:",
        "Alfred Mutua stressed that",
        "Foreign Minister Mutua noted that",
        "Mr. Mutua pointed out that",
        "Mutua also expressed",
        "Mutua once again reiterated that",
        "Mutua further emphasized that",
        "Mutua thanked China for",
        "Mutua briefed Wang Yi on",
        "Mutua congratulated Wang Yi on",
        "Mutua underscored that",
        "Mutua recalled that",
        "Mutua recounted that",
        "The Kenyan Foreign Minister said that",
        "The Kenyan side said that",
    ],
)
def test_cues_name_the_counterpart(cue):
    r = parse(LEAD, f"Wang Yi said that China is ready. {cue} Kenya values its ties.")
    assert who(r, "Kenya values") == MUTUA


def test_lead_and_they_sentences_are_narration():
    r = parse(LEAD + " They exchanged views on bilateral ties.", "Mutua said that Kenya is ready.")
    assert r.statements[0].kind == NARRATION and r.statements[0].speaker is None
    assert "They exchanged views" in r.statements[0].text
    assert r.statements[1].kind == STATEMENT


def test_pronouns_continue_the_last_named_speaker():
    r = parse(
        LEAD,
        "Mutua said that Kenya is ready. He hoped that trade grows.",
        "Wang Yi said that China agrees.",
        "He stressed that peace matters. She noted nothing.",
    )
    assert who(r, "He hoped") == MUTUA
    assert who(r, "He stressed") == WANG
    assert r.statements[-1].speaker_label == "He"


def test_floor_carries_over_sentences_and_paragraphs():
    r = parse(
        LEAD,
        "Wang Yi said that China is ready. China supports Kenya.",
        "Trade is growing fast.",
        "Mutua said that Kenya agrees.",
        "Kenya will host the forum.",
    )
    assert [s[1] for s in speakers(r)] == [None, WANG, WANG, MUTUA, MUTUA]
    assert [s.paragraph for s in r.statements] == [0, 1, 2, 3, 4]
    assert r.statements[2].speaker_label == ""


def test_two_speakers_in_one_paragraph_and_either_may_start():
    r = parse(
        LEAD,
        "Mutua said that Kenya is ready. Wang Yi said that China agrees. The two "
        "sides should talk.",
    )
    assert speakers(r)[1:] == [
        (STATEMENT, MUTUA, "Mutua said that"),
        (STATEMENT, WANG, "Wang Yi said"),
    ]


def test_whole_readout_in_one_paragraph():
    r = parse(
        LEAD + " Mutua congratulated Wang Yi on the forum and said that Kenya is ready. "
        "Wang Yi said that China agrees. The two ministers agreed to keep in touch."
    )
    assert speakers(r) == [
        (NARRATION, None, "On May 5,"),
        (STATEMENT, MUTUA, "Mutua congratulated Wang"),
        (STATEMENT, WANG, "Wang Yi said"),
        (JOINT, None, "The two ministers"),
    ]
    assert {s.paragraph for s in r.statements} == {0}


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides agreed to keep in touch.",
        "Both sides agreed to keep in touch.",
        "The two sides also exchanged views on Ukraine.",
        "The two leaders reached consensus.",
        "The two presidents held in-depth talks.",
        "The two heads of state noted the progress.",
        "The two foreign ministers also exchanged views.",
        "Both agreed to keep in touch.",
        "The two ministers further agreed to meet.",
        "Wang Yi and Mutua agreed to meet again.",
    ],
)
def test_joint_cues_with_a_past_verb(sentence):
    r = parse(LEAD, f"Wang Yi said that China is ready. {sentence}")
    st = r.statements[-1]
    assert (st.kind, st.speaker) == (JOINT, None)
    assert st.text == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides should respect each other.",
        "The two sides must deepen trust.",
        "The two sides need to strengthen dialogue.",
        "The two sides will keep in touch.",
        "Both sides should look ahead.",
        "All parties should stay calm.",
    ],
)
def test_joint_sounding_words_inside_a_speakers_floor_stay_with_the_speaker(sentence):
    r = parse(LEAD, f"Wang Yi said that China is ready. {sentence}")
    assert r.statements[-1].speaker == WANG and sentence in r.statements[-1].text


def test_enumerations_mentioning_the_two_sides_stay_with_the_speaker():
    r = parse(
        LEAD,
        "Wang Yi put forward three proposals. First, the two sides should deepen trust. "
        "Second, the two sides should expand trade. Third, both sides need to keep talking.",
    )
    assert speakers(r)[1:] == [(STATEMENT, WANG, "Wang Yi put")]


def test_three_sides():
    r = parse(
        "On June 3, 2021, Wang Yi hosted a dialogue via video link with Afghan Foreign Minister "
        "Mohammad Haneef Atmar and Pakistani Foreign Minister Shah Mahmood Qureshi.",
        "Atmar said that Afghanistan thanks China.",
        "Qureshi noted that Pakistan is ready.",
        "The three sides agreed to strengthen cooperation.",
    )
    assert [s[1] for s in speakers(r)] == [
        None,
        "Mohammad Haneef Atmar",
        "Shah Mahmood Qureshi",
        None,
    ]
    assert r.statements[-1].kind == JOINT


def test_title_and_surname_and_first_name_short_forms():
    r = parse(
        "On July 30, 2020, President Xi Jinping spoke with Indonesian President Joko Widodo "
        "and Foreign Minister Retno Marsudi on the phone.",
        "President Xi said that China is ready.",
        "Retno said that Indonesia agrees.",
        "President Widodo noted the progress.",
    )
    assert [s[1] for s in speakers(r)] == [None, "Xi Jinping", "Retno Marsudi", "Joko Widodo"]
    aliases = {p.name: p.aliases for p in r.participants}
    assert aliases == {
        "Xi Jinping": ["President Xi"],
        "Joko Widodo": ["President Widodo"],
        "Retno Marsudi": ["Retno"],
    }


def test_chinese_surname_first_short_form():
    r = parse(LEAD, "Wang said that China is ready.")
    assert who(r, "Wang said") == WANG
    assert r.participants[0].aliases == ["Wang"]


def test_colon_quotation_and_quote_first_cue():
    r = parse(
        LEAD,
        'Wang Yi said: "China is ready. We will work with Kenya."',
        '"Kenya is grateful," Mutua said. "We look forward to the visit."',
    )
    assert who(r, "We will work") == WANG
    assert who(r, "Kenya is grateful") == MUTUA
    assert who(r, "We look forward") == MUTUA


def test_opening_phrase_before_a_cue():
    r = parse(
        LEAD,
        "Wang Yi said that China is ready. On the Ukraine issue, Mutua stressed that talks matter.",
    )
    assert who(r, "On the Ukraine issue") == MUTUA


def test_counterpart_may_never_speak():
    r = parse(LEAD, "Wang Yi said that China is ready.", "Wang Yi stressed that peace matters.")
    assert {s.speaker for s in r.statements} == {None, WANG}


def test_country_words_are_not_speakers():
    r = parse(
        LEAD, "Mutua said that Kenya is ready. China noted that many times. Germany said nothing."
    )
    assert [s[1] for s in speakers(r)] == [None, MUTUA]


def test_narration_about_the_call_itself():
    r = parse(LEAD, "Mutua said that Kenya is ready.", "The call lasted one hour.")
    assert r.statements[-1].kind == NARRATION


def test_curly_apostrophes_and_glued_sentences_in_the_body():
    r = parse(LEAD, "Mutua said that Kenya’s ties with China are strong.He hoped for more trade.")
    assert [s.text for s in r.statements[1:]] == [
        "Mutua said that Kenya’s ties with China are strong. He hoped for more trade."
    ]


def test_truncated_text_without_footer():
    r = parse(
        LEAD,
        "Mutua said that Kenya is ready. Wang Yi pointed out that the international comm",
        footer="",
    )
    assert r.statements[-1].text.endswith("international comm") and r.statements[-1].speaker == WANG


def test_positions_are_consecutive():
    r = parse(LEAD, "Mutua said that Kenya is ready.", "Wang Yi said so.", "The two sides agreed.")
    assert [s.position for s in r.statements] == list(range(len(r.statements)))


@pytest.mark.parametrize(
    "sentence",
    [
        "China and Kenya agreed to hold the next round of consultations.",
        "The six sides agreed to meet regularly.",
        "The leaders of the two countries agreed to keep in touch.",
        "The heads of state of both countries witnessed the signing.",
    ],
)
def test_joint_sentences_inside_a_speakers_turn(sentence):
    r = parse(LEAD, f"Wang Yi said that China values Kenya. {sentence} China is ready.")
    assert who(r, sentence[:20]) is None
    assert who(r, "China is ready") is None


def test_a_country_pair_that_is_not_the_participants_is_not_joint():
    r = parse(LEAD, "Mutua said that Kenya is ready. Russia and Ukraine agreed to talk.")
    assert who(r, "Russia and Ukraine") == MUTUA


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Noting that the two countries are old friends, Mutua said that Kenya is grateful.",
            MUTUA,
        ),
        ("Recalling the history of friendship, he thanked China.", WANG),
        ("Referring to the long and rich history, culture and ties, Mutua noted this.", MUTUA),
    ],
)
def test_participle_opening_before_the_cue(sentence, speaker):
    r = parse(LEAD, f"Wang Yi said that China values Kenya. {sentence}")
    assert who(r, sentence[:15]) == speaker


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Before the talks, Wang Yi held a welcoming ceremony for Mutua.", NARRATION),
        ("Wang Yi also visited the Kenyan pavilion.", NARRATION),
        ("Wang Yi held that the two sides should talk.", STATEMENT),
        ("Wang Yi held the view that dialogue is the only way.", STATEMENT),
    ],
)
def test_acts_are_narration_words_are_statements(sentence, kind):
    r = parse(LEAD, "Mutua said that Kenya is ready.", sentence)
    assert r.statements[-1].kind == kind


def test_capitalised_name_particle_opens_a_cue():
    lead = (
        "On April 1, 2022, Premier Li Keqiang held a video summit with President of the "
        "European Commission Ursula von der Leyen."
    )
    r = parse(lead, "Li Keqiang said that China is ready. Von der Leyen said that the EU hopes.")
    assert who(r, "Von der Leyen said") == "Ursula von der Leyen"


def test_chinese_surname_he_is_not_a_pronoun():
    lead = (
        "On November 30, 2023, Vice Premier He Lifeng held a video call with U.S. Treasury "
        "Secretary Janet Yellen."
    )
    r = parse(lead, "Yellen said that the U.S. is ready. He Lifeng said that China is ready.")
    assert who(r, "He Lifeng said") == "He Lifeng"
    r = parse(lead, "Yellen said so. He Lifeng said that China is ready. He added nothing.")
    assert who(r, "He added") == "He Lifeng"


@pytest.mark.parametrize("aside", ["for his part", "for her part", "on his part"])
def test_for_his_part_between_name_and_verb(aside):
    r = parse(LEAD, f"Wang Yi said that China is ready. Mutua, {aside}, said that Kenya agrees.")
    assert who(r, "Kenya agrees") == MUTUA


@pytest.mark.parametrize(
    "sentence",
    [
        "The two general secretaries agreed to deepen party exchanges.",
        "The two foreign ministers agreed to meet.",
        "Both Wang Yi and Mutua agreed to stay in touch.",
    ],
)
def test_more_joint_labels(sentence):
    r = parse(LEAD, f"Mutua said that Kenya is ready. {sentence}")
    assert who(r, sentence[:20]) is None


def test_a_single_side_is_not_joint():
    r = parse(LEAD, "Wang Yi said that China is ready. The Kenyan side welcomed this.")
    assert who(r, "The Kenyan side") == MUTUA


def test_quotation_then_said_and_name():
    r = parse(LEAD, "Mutua said that Kenya is ready. “China is ready,” said Wang Yi.")
    assert who(r, "“China is ready") == WANG


def test_two_sides_named_by_their_countries_are_joint():
    r = parse(LEAD, "Mutua said that Kenya is ready. The Chinese and Kenyan sides agreed to meet.")
    assert who(r, "The Chinese and Kenyan sides") is None


def test_exchanging_views_is_an_act():
    r = parse(LEAD, "Mutua said that Kenya is ready.", "Wang Yi exchanged views with Mutua.")
    assert r.statements[-1].kind == NARRATION


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenyan Foreign Minister Mutua said so.",
        "Mutua, on behalf of President William Ruto, extended greetings.",
        "According to Mutua, Kenya is ready.",
    ],
)
def test_more_ways_to_name_the_speaker(sentence):
    r = parse(LEAD, f"Wang Yi said that China is ready. {sentence}")
    assert who(r, sentence) == MUTUA


@pytest.mark.parametrize(
    "attendance",
    [
        "Cai Qi and Wang Yi were present at the meeting.",
        "Ding Xuexiang, Wang Yi and others attended the talks.",
        "Officials of the two foreign ministries were also present.",
        "Ambassador Zhou Pingjian attended the meeting.",
    ],
)
def test_who_else_was_there_is_said_by_nobody(attendance):
    r = parse(LEAD, "Mutua said that Kenya values China's support.", attendance)
    assert who(r, "Mutua said that") == MUTUA
    assert who(r, attendance[:20]) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya was present at every stage of the negotiations in Nairobi.",
        "He said that many ministers were present.",
    ],
)
def test_presence_within_what_a_speaker_says_stays_theirs(sentence):
    r = parse(LEAD, f"Mutua said that Kenya values China's support. {sentence}")
    assert who(r, sentence[:20]) == MUTUA


def test_a_cue_closing_an_unquoted_sentence():
    r = parse(
        LEAD,
        "Wang Yi said that China values Kenya. Kenya stands ready to deepen cooperation with "
        "China, Alfred Mutua said. He thanked China for its support.",
    )
    assert who(r, "Kenya stands ready") == MUTUA
    assert who(r, "He thanked China") == MUTUA
