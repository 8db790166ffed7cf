"""Page furniture and the lead sentence: section, title, dates, medium, people, request."""

from __future__ import annotations

import datetime as dt

import pytest

from readouts.parsing import MEETING, PHONE, VIDEO, ParseError, parse_readout

from .helpers import page, parse, people, speakers

LEAD_DATE = dt.date(2022, 10, 31)
LEAD = (
    "On October 31, 2022, Foreign Minister Wang Yi spoke with Kenyan Foreign "
    "Minister Alfred Mutua on the phone."
)


# --- furniture -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "section"),
    [
        ("Home > China News", "China News"),
        ("HOME > News & Events", "News & Events"),
        ("Home\xa0>\xa0Reports from China", "Reports from China"),
        (" Home > Chinese Diplomatic News", "Chinese Diplomatic News"),
        ("home>news", "news"),
        ("Home > News > Chinese Diplomacy", "Chinese Diplomacy"),
        ("You are here: Home » News from China", "News from China"),
        ("", None),
    ],
)
def test_breadcrumb_section(header, section):
    assert parse(LEAD, header=header).section == section


def test_navigation_lines_above_the_breadcrumb_are_dropped():
    text = "Contact Us Links 中文\n中文 Français Español Русский العربية\n" + page(
        LEAD, title="Real Title"
    )
    r = parse_readout(text)
    assert (r.title, r.section) == ("Real Title", "China News")


def test_site_menu_above_the_breadcrumb_is_not_the_breadcrumb():
    text = "Home | About Us | Embassy News | Consular Services\nContact Us Links 中文\n" + page(
        LEAD, header="\u00a0Home\u00a0>\u00a0News from China", title="Real Title"
    )
    r = parse_readout(text)
    assert (r.title, r.section) == ("Real Title", "News from China")


@pytest.mark.parametrize(
    "switch",
    ["中文 | English", "English | 中文", "English · Français · Español", "ENGLISH / 中文"],
)
def test_a_language_switch_under_a_site_menu_is_navigation(switch):
    # Few characters of other scripts: the share of non-Latin letters alone misses it.
    text = f"Home | Embassy News | Consular Services | Contact Us\n{switch}\n" + page(
        LEAD, header="Home\u00a0>\u00a0Chinese Diplomatic News", title="Real Title"
    )
    r = parse_readout(text)
    assert (r.title, r.section, r.date) == ("Real Title", "Chinese Diplomatic News", LEAD_DATE)


def test_a_site_menu_of_short_items_is_navigation():
    text = "Home · About the Embassy · Bilateral Relations · Visa Services\n" + page(
        LEAD, header="", title="Real Title"
    )
    assert parse_readout(text).title == "Real Title"


@pytest.mark.parametrize(
    "title",
    [
        "Wang Yi Speaks with Mutua on the Phone | Ministry of Foreign Affairs",
        "Wang Yi: China and Kenya | Partners",
        "English Teachers Welcomed",
    ],
)
def test_a_title_with_a_bar_or_a_language_word_stays_the_title(title):
    assert parse(LEAD, header="", title=title).title == title


def test_navigation_lines_without_breadcrumb_are_skipped_for_the_title():
    text = "中文 Français Русский العربية\n" + page(LEAD, header="", title="Real Title")
    assert parse_readout(text).title == "Real Title"


def test_title_is_first_line_without_breadcrumb():
    assert (
        parse(LEAD, header="", title="Wang Yi Speaks with Mutua").title
        == "Wang Yi Speaks with Mutua"
    )


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2022-10-31 17:58", dt.datetime(2022, 10, 31, 17, 58)),
        ("2021/10/17 13:58", dt.datetime(2021, 10, 17, 13, 58)),
        ("2022-11-01", dt.datetime(2022, 11, 1)),
        ("Updated: 2022-11-01 08:05", dt.datetime(2022, 11, 1, 8, 5)),
        ("November 1, 2022", dt.datetime(2022, 11, 1)),
        (None, None),
    ],
)
def test_publication_date_line(stamp, expected):
    assert parse(LEAD, stamp=stamp).published_at == expected


def test_date_line_right_under_the_title_without_blank_line():
    text = "Home > News\nTitle Here\n2022-04-01 22:05\n\n" + LEAD + "\n"
    r = parse_readout(text)
    assert r.published_at == dt.datetime(2022, 4, 1, 22, 5) and r.title == "Title Here"


@pytest.mark.parametrize(
    "footer",
    [
        "<Suggest To A Friend>",
        "<Suggest to a friend>",
        "Suggest To A Friend:",
        "Suggest to a friend:",
        "Suggest To A Friend",
        "Suggset To Friend:",
        "",
    ],
)
def test_footers_are_removed(footer):
    r = parse(LEAD, "Mutua said that Kenya is ready.", footer=footer)
    assert r.statements[-1].text == "Mutua said that Kenya is ready."


def test_text_after_the_footer_is_dropped():
    text = page(LEAD, "Mutua said that Kenya is ready.") + "Print\nClose\n"
    assert parse_readout(text).statements[-1].text == "Mutua said that Kenya is ready."


def test_bom_crlf_and_nbsp_in_the_text():
    text = "\ufeff" + page(LEAD, "Mutua said\xa0that Kenya is ready.").replace("\n", "\r\n")
    r = parse_readout(text)
    assert r.section == "China News" and r.statements[-1].text == "Mutua said that Kenya is ready."


# --- call date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "On October 31, 2022, Wang Yi spoke with Alfred Mutua on the phone.",
            dt.date(2022, 10, 31),
        ),
        (
            "On the evening of May 3, 2021, Wang Yi spoke with Alfred Mutua on the phone.",
            dt.date(2021, 5, 3),
        ),
        (
            "At noon on 5 March 2023, Wang Yi spoke with Alfred Mutua on the phone.",
            dt.date(2023, 3, 5),
        ),
        ("In the afternoon of June 2, 2020, Wang Yi met with Alfred Mutua.", dt.date(2020, 6, 2)),
        ("On 1 April, Wang Yi held a video conference with Alfred Mutua.", dt.date(2022, 4, 1)),
        (
            "On the morning of 9th March (local time), Wang Yi met Alfred Mutua.",
            dt.date(2022, 3, 9),
        ),
        ("Wang Yi spoke with Alfred Mutua on the phone on September 17.", dt.date(2022, 9, 17)),
        ("On September17, Wang Yi spoke with Alfred Mutua on the phone.", dt.date(2022, 9, 17)),
        ("On Oct. 30, Wang Yi spoke with Alfred Mutua on the phone.", dt.date(2022, 10, 30)),
        ("October 30, 2019, Wang Yi spoke with Alfred Mutua on the phone.", dt.date(2019, 10, 30)),
    ],
)
def test_call_date_forms(lead, expected):
    assert parse(lead, stamp="2022-10-31 17:58").date == expected


def test_call_date_comes_from_the_lead_not_the_date_line():
    r = parse(
        "On October 30, 2022, Wang Yi spoke with Alfred Mutua on the phone.",
        stamp="2022-10-31 09:00",
    )
    assert r.date == dt.date(2022, 10, 30) and r.published_at.date() == dt.date(2022, 10, 31)


def test_year_less_date_near_new_year_belongs_to_the_previous_year():
    r = parse(
        "On December 31, Wang Yi spoke with Alfred Mutua on the phone.", stamp="2023-01-01 10:00"
    )
    assert r.date == dt.date(2022, 12, 31)


def test_year_less_date_without_date_line_takes_a_year_printed_in_the_text():
    r = parse(
        "On May 5, Wang Yi spoke with Alfred Mutua on the phone about the 2021 summit.", stamp=None
    )
    assert r.date == dt.date(2021, 5, 5)
    assert r.warnings == ["call date has no year; took the year printed in the text"]


def test_year_less_date_without_any_year_is_an_error():
    with pytest.raises(ParseError, match="no year"):
        parse("On May 5, Wang Yi spoke with Alfred Mutua on the phone.", stamp=None)


def test_weekday_is_counted_back_from_the_date_line():
    r = parse("On Tuesday, Wang Yi spoke with Alfred Mutua on the phone.", stamp="2022-11-03 10:00")
    assert r.date == dt.date(2022, 11, 1)
    assert "weekday" in r.warnings[0]


@pytest.mark.parametrize(
    "text",
    [
        "Home > News\nJust a page\n\nNothing to see here at all.\n",
        "Some notes\n\nThe weather was fine on the phone.\n",
    ],
)
def test_no_lead_sentence_is_an_error(text):
    with pytest.raises(ParseError, match="no lead sentence with a call date"):
        parse_readout(text)


def test_no_participants_is_an_error():
    with pytest.raises(ParseError, match="no participants"):
        parse_readout(
            "Home > News\nnews of the day\n\non october 31, 2022, there was a phone call.\n"
        )


# --- medium --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verb", "medium"),
    [
        ("spoke with {x} on the phone", PHONE),
        ("had a phone conversation with {x}", PHONE),
        ("had a phone call with {x}", PHONE),
        ("held telephone talks with {x}", PHONE),
        ("talked on the phone with {x}", PHONE),
        ("held a telephone conversation with {x}", PHONE),
        ("had a video call with {x}", VIDEO),
        ("held a video meeting with {x}", VIDEO),
        ("held a video conference with {x}", VIDEO),
        ("had a virtual meeting with {x}", VIDEO),
        ("held a video summit with {x}", VIDEO),
        ("hosted the Third Dialogue via video link with {x}", VIDEO),
        ("met with {x}", MEETING),
        ("met {x} in Beijing", MEETING),
        ("held talks with {x} in Nairobi", MEETING),
    ],
)
def test_medium_from_the_contact_verb(verb, medium):
    lead = "On May 5, 2022, Wang Yi " + verb.format(x="Kenyan Foreign Minister Alfred Mutua") + "."
    r = parse(lead)
    assert r.medium == medium
    assert people(r)[1] == ("Alfred Mutua", "Kenyan Foreign Minister", "Kenya")


def test_medium_from_the_title_when_the_lead_has_none():
    r = parse(
        "On May 5, 2022, Wang Yi and Alfred Mutua exchanged views.",
        title="Wang Yi Has a Video Call with Mutua",
    )
    assert r.medium == VIDEO


# --- participants --------------------------------------------------------------------------


def test_long_office_chain_before_the_name():
    r = parse(
        "On October 31, 2022, Member of the Political Bureau of the CPC Central Committee, State "
        "Councilor and Foreign Minister Wang Yi spoke with U.S. Secretary of State "
        "Antony Blinken on the phone."
    )
    assert people(r) == [
        (
            "Wang Yi",
            "Member of the Political Bureau of the CPC Central Committee, State "
            "Councilor and Foreign Minister",
            "China",
        ),
        ("Antony Blinken", "U.S. Secretary of State", "United States"),
    ]


def test_office_after_the_name():
    r = parse(
        "On August 1, 2022, Wang Yi, State Councilor and Foreign Minister, had a phone "
        "conversation with Annalena Baerbock, German Foreign Minister, on the phone."
    )
    assert people(r) == [
        ("Wang Yi", "State Councilor and Foreign Minister", "China"),
        ("Annalena Baerbock", "German Foreign Minister", "Germany"),
    ]


@pytest.mark.parametrize(
    ("counterpart", "expected"),
    [
        (
            "Secretary of State John Kerry of US",
            ("John Kerry", "Secretary of State", "United States"),
        ),
        (
            "Foreign Minister Sergey Lavrov of Russia",
            ("Sergey Lavrov", "Foreign Minister", "Russia"),
        ),
        (
            "Foreign Minister of the Republic of Korea Park Jin",
            ("Park Jin", "Foreign Minister of the Republic of Korea", "South Korea"),
        ),
        (
            "EU High Representative for Foreign Affairs and Security Policy Josep Borrell",
            (
                "Josep Borrell",
                "EU High Representative for Foreign Affairs and Security Policy",
                "European Union",
            ),
        ),
        (
            "UK Foreign Secretary James Cleverly",
            ("James Cleverly", "UK Foreign Secretary", "United Kingdom"),
        ),
        (
            "his Russian counterpart Sergey Lavrov",
            ("Sergey Lavrov", "Russian counterpart", "Russia"),
        ),
        (
            "Prime Minister of Antigua and Barbuda Gaston Browne",
            ("Gaston Browne", "Prime Minister of Antigua and Barbuda", "Antigua and Barbuda"),
        ),
        (
            "Australian Foreign Minister Julie Bishop",
            ("Julie Bishop", "Australian Foreign Minister", "Australia"),
        ),
        (
            "President of the European Commission Ursula von der Leyen",
            ("Ursula von der Leyen", "President of the European Commission", "European Union"),
        ),
        (
            "Saudi Foreign Minister Prince Faisal bin Farhan Al Saud",
            ("Faisal bin Farhan Al Saud", "Saudi Foreign Minister Prince", "Saudi Arabia"),
        ),
        (
            "Indonesian Foreign Minister Retno L.P. Marsudi",
            ("Retno L.P. Marsudi", "Indonesian Foreign Minister", "Indonesia"),
        ),
        (
            "the United States Secretary of the Treasury Janet Yellen",
            ("Janet Yellen", "United States Secretary of the Treasury", "United States"),
        ),
        (
            "Pakistan's Foreign Minister Bilawal Bhutto Zardari",
            ("Bilawal Bhutto Zardari", "Pakistan's Foreign Minister", "Pakistan"),
        ),
        (
            "Spanish Foreign Minister José Manuel Albares",
            ("José Manuel Albares", "Spanish Foreign Minister", "Spain"),
        ),
        (
            "Foreign Minister Kang Kyung-wha of the Republic of Korea",
            ("Kang Kyung-wha", "Foreign Minister", "South Korea"),
        ),
        (
            "President Alassane Ouattara of Côte d'Ivoire",
            ("Alassane Ouattara", "President", "Cote d'Ivoire"),
        ),
        (
            "New Zealand Foreign Minister Nanaia Mahuta",
            ("Nanaia Mahuta", "New Zealand Foreign Minister", "New Zealand"),
        ),
        (
            "H.E. Mr. Subrahmanyam Jaishankar, External Affairs Minister of India,",
            ("Subrahmanyam Jaishankar", "External Affairs Minister of India", "India"),
        ),
        (
            "Indian External Affairs Minister Dr. S. Jaishankar",
            ("S. Jaishankar", "Indian External Affairs Minister", "India"),
        ),
        (
            "newly appointed Foreign Minister Alfred Mutua of Kenya",
            ("Alfred Mutua", "Foreign Minister", "Kenya"),
        ),
        (
            "Josep Borrell, EU High Representative for Foreign Affairs and Security Policy and "
            "Vice-President of the European Commission,",
            (
                "Josep Borrell",
                "EU High Representative for Foreign Affairs and Security Policy and "
                "Vice-President of the European Commission",
                "European Union",
            ),
        ),
    ],
)
def test_counterpart_office_and_country(counterpart, expected):
    r = parse(f"On May 5, 2022, Foreign Minister Wang Yi spoke with {counterpart} on the phone.")
    assert people(r) == [("Wang Yi", "Foreign Minister", "China"), expected]


def test_chinese_subject_has_no_country_word_and_is_china():
    r = parse(
        "On May 5, 2022, Premier Li Keqiang spoke with Japanese Prime Minister Fumio "
        "Kishida on the phone."
    )
    assert people(r)[0] == ("Li Keqiang", "Premier", "China")


def test_lower_case_words_inside_a_subject_office():
    r = parse(
        "On July 5, 2022, Vice Premier and Chinese lead person for the China-U.S. comprehensive "
        "economic dialogue Liu He held a video call with U.S. Treasury Secretary Janet Yellen."
    )
    assert people(r) == [
        (
            "Liu He",
            "Vice Premier and Chinese lead person for the China-U.S. comprehensive "
            "economic dialogue",
            "China",
        ),
        ("Janet Yellen", "U.S. Treasury Secretary", "United States"),
    ]


def test_three_participants_hosted_via_video_link():
    r = parse(
        "On June 3, 2021, State Councilor and Foreign Minister Wang Yi hosted the Fourth "
        "China-Afghanistan-Pakistan Foreign Ministers' Dialogue via video link with Afghan "
        "Foreign Minister Mohammad Haneef Atmar and Pakistani Foreign Minister Shah "
        "Mahmood Qureshi."
    )
    assert people(r) == [
        ("Wang Yi", "State Councilor and Foreign Minister", "China"),
        ("Mohammad Haneef Atmar", "Afghan Foreign Minister", "Afghanistan"),
        ("Shah Mahmood Qureshi", "Pakistani Foreign Minister", "Pakistan"),
    ]


def test_three_participants_as_the_subject():
    r = parse(
        "On May 6, 2023, Foreign Minister Qin Gang, Pakistani Foreign Minister Bilawal Bhutto "
        "Zardari and Afghan Acting Foreign Minister Amir Khan Muttaqi held a trilateral "
        "dialogue in Islamabad."
    )
    assert [p[0] for p in people(r)] == ["Qin Gang", "Bilawal Bhutto Zardari", "Amir Khan Muttaqi"]
    assert [p[2] for p in people(r)] == ["China", "Pakistan", "Afghanistan"]


def test_office_and_name_lists_with_commas():
    r = parse(
        "On the evening of May 3, Vice President Han Zheng met with Antony Blinken, U.S. "
        "Secretary of State, and National Security Adviser Jake Sullivan in Beijing."
    )
    assert people(r) == [
        ("Han Zheng", "Vice President", "China"),
        ("Antony Blinken", "U.S. Secretary of State", "United States"),
        ("Jake Sullivan", "National Security Adviser", "United States"),
    ]


def test_place_after_the_date_is_not_a_person():
    r = parse(
        "On May 5, 2022, in Nairobi, Foreign Minister Wang Yi met with Kenyan Foreign "
        "Minister Alfred Mutua."
    )
    assert [p[0] for p in people(r)] == ["Wang Yi", "Alfred Mutua"]


def test_counterpart_country_from_the_headline():
    r = parse(
        "On May 5, 2022, Wang Yi spoke with Foreign Minister Alfred Mutua on the phone.",
        title="Wang Yi Speaks with Kenyan Foreign Minister Alfred Mutua on the Phone",
    )
    assert people(r)[1] == ("Alfred Mutua", "Foreign Minister", "Kenya")


def test_counterpart_country_from_their_own_words_when_printed_nowhere():
    r = parse(
        "On March 2, 2022, Wang Yi held talks with Minister of Foreign Affairs and International "
        "Cooperation Luigi Di Maio.",
        "Di Maio said that Italy values its ties with China. Italy is ready.",
        title="Wang Yi Holds Talks with Di Maio",
    )
    assert people(r)[1] == (
        "Luigi Di Maio",
        "Minister of Foreign Affairs and International Cooperation",
        "Italy",
    )


def test_people_from_the_headline_when_the_lead_names_nobody():
    r = parse(
        "On May 5, 2022, the two foreign ministers had a phone call.",
        title="Wang Yi Speaks with Kenyan Foreign Minister Alfred Mutua on the Phone",
    )
    assert people(r) == [
        ("Wang Yi", "", "China"),
        ("Alfred Mutua", "Kenyan Foreign Minister", "Kenya"),
    ]


# --- who asked -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tail",
    [
        "at the latter's request",
        "at the latter’s request",
        "at the request of the latter",
        "at request",
        "at his request",
    ],
)
def test_counterpart_asked(tail):
    r = parse(
        f"On May 5, 2022, Wang Yi spoke with Kenyan Foreign Minister Alfred Mutua on "
        f"the phone {tail}."
    )
    assert r.requested_by.name == "Alfred Mutua"


def test_request_in_the_title_only():
    r = parse(
        "On May 5, 2022, Wang Yi spoke with Kenyan Foreign Minister Alfred Mutua on the phone.",
        title="Wang Yi Has a Phone Call with Kenyan Foreign Minister Mutua at Request",
    )
    assert r.requested_by.name == "Alfred Mutua"


def test_request_of_a_named_person():
    r = parse(
        "On May 5, 2022, at the request of Foreign Minister Mutua, Wang Yi spoke with Kenyan "
        "Foreign Minister Alfred Mutua on the phone."
    )
    assert r.requested_by.name == "Alfred Mutua"
    assert [p[0] for p in people(r)] == ["Wang Yi", "Alfred Mutua"]


def test_former_asked():
    r = parse(
        "On May 5, 2022, Wang Yi spoke with Kenyan Foreign Minister Alfred Mutua on "
        "the phone at the former's request."
    )
    assert r.requested_by.name == "Wang Yi"


def test_nobody_asked():
    assert parse(LEAD).requested_by is None


def test_news_agency_dateline_and_weekday_inside_the_subject():
    r = parse(
        "BEIJING, Oct. 31 (Xinhua) -- Chinese State Councilor and Foreign Minister Wang Yi on "
        "Monday spoke with U.S. Secretary of State Antony Blinken on the phone.",
        stamp="2022-11-01 09:00",
    )
    assert r.date == dt.date(2022, 10, 31)
    assert people(r) == [
        ("Wang Yi", "Chinese State Councilor and Foreign Minister", "China"),
        ("Antony Blinken", "U.S. Secretary of State", "United States"),
    ]


def test_weekday_after_the_subject():
    r = parse(
        "Chinese President Xi Jinping on Tuesday evening held a phone call with Russian President "
        "Vladimir Putin.",
        stamp="2022-11-02 09:00",
    )
    assert r.date == dt.date(2022, 11, 1)
    assert [p[0] for p in people(r)] == ["Xi Jinping", "Vladimir Putin"]


def test_visiting_and_delegation_led_by():
    r = parse(
        "On April 12, 2023, Wang Yi met with visiting Brazilian Foreign Minister Mauro Vieira."
    )
    assert people(r)[1] == ("Mauro Vieira", "Brazilian Foreign Minister", "Brazil")
    r = parse(
        "On November 8, 2023, Wang Yi held talks with a delegation led by U.S. Senate Majority "
        "Leader Chuck Schumer."
    )
    assert people(r)[1] == ("Chuck Schumer", "U.S. Senate Majority Leader", "United States")


def test_request_of_the_counterparts_side():
    r = parse(
        "Chinese President Xi Jinping had a phone call with U.S. President Joe Biden "
        "on the evening "
        "of November 14, 2022 at the request of the U.S. side."
    )
    assert r.requested_by.name == "Joe Biden" and r.date == dt.date(2022, 11, 14)


@pytest.mark.parametrize(
    ("lead", "name", "title", "label"),
    [
        (
            "On March 3, 2023, Foreign Minister Qin Gang spoke with Kuwaiti Foreign Minister "
            "Sheikh Salem Abdullah Al-Jaber Al-Sabah on the phone.",
            "Salem Abdullah Al-Jaber Al-Sabah",
            "Kuwaiti Foreign Minister Sheikh",
            "Sheikh Salem",
        ),
        (
            "On June 6, 2024, Foreign Minister Wang Yi spoke with Omani Foreign Minister Sayyid "
            "Badr bin Hamad Al Busaidi on the phone.",
            "Badr bin Hamad Al Busaidi",
            "Omani Foreign Minister Sayyid",
            "Sayyid Badr",
        ),
    ],
)
def test_a_gulf_courtesy_title_belongs_to_the_office_as_prince_does(lead, name, title, label):
    r = parse(lead, f"{label} said that relations are good.")
    assert people(r)[1][:2] == (name, title)
    assert speakers(r)[1][1] == name


@pytest.mark.parametrize(
    ("lead", "name", "title"),
    [
        (
            "On March 1, 2012, Foreign Minister Yang Jiechi spoke with Secretary of State "
            "Hillary Rodham Clinton of the United States on the phone.",
            "Hillary Rodham Clinton",
            "Secretary of State",
        ),
        (
            "On May 9, 2024, Premier Li Qiang spoke with Singaporean Prime Minister Lawrence Wong "
            "Shyun Tsai on the phone.",
            "Lawrence Wong Shyun Tsai",
            "Singaporean Prime Minister",
        ),
    ],
)
def test_a_given_name_shaped_like_an_office_word_stays_in_the_name(lead, name, title):
    assert people(parse(lead))[1][:2] == (name, title)


def test_an_office_after_the_name_goes_on_past_and():
    r = parse(
        "On April 2, 2023, Minister of Commerce Wang Wentao spoke with Todd McClay, Minister for "
        "Trade and Export Growth and Agriculture of New Zealand, on the phone."
    )
    assert people(r)[1:] == [
        (
            "Todd McClay",
            "Minister for Trade and Export Growth and Agriculture of New Zealand",
            "New Zealand",
        )
    ]


@pytest.mark.parametrize(
    "chain",
    [
        "Penny Wong, Foreign Minister, and Richard Marles, Defence Minister of Australia",
        "Penny Wong, Foreign Minister and Deputy Prime Minister Richard Marles of Australia",
    ],
)
def test_another_person_after_an_office_and_and_is_still_a_person(chain):
    r = parse(f"On April 2, 2023, Foreign Minister Qin Gang met with {chain}.")
    assert [p[0] for p in people(r)] == ["Qin Gang", "Penny Wong", "Richard Marles"]


def test_headline_country_before_two_offices_joined_by_and():
    r = parse(
        "On May 5, 2024, Foreign Minister Wang Yi spoke with Deputy Prime Minister and Foreign "
        "Minister Hanke Bruins Slot on the phone at the request of the Foreign Minister of the "
        "Netherlands.",
        title="Wang Yi Speaks with Dutch Deputy Prime Minister and Foreign Minister Hanke Bruins "
        "Slot on the Phone",
    )
    assert people(r)[1] == (
        "Hanke Bruins Slot",
        "Deputy Prime Minister and Foreign Minister",
        "Netherlands",
    )
    assert r.requested_by.name == "Hanke Bruins Slot"


@pytest.mark.parametrize("when", ["on Tuesday", "on February 7, 2023", "on 7 February"])
def test_a_day_after_the_counterparts_name_is_not_part_of_it(when):
    r = parse(
        f"Foreign Minister Wang Yi spoke with Kenyan Foreign Minister Alfred Mutua {when} at the "
        "latter's request.",
        stamp="2023-02-08 10:00",
    )
    assert people(r)[1] == ("Alfred Mutua", "Kenyan Foreign Minister", "Kenya")
    assert r.requested_by.name == "Alfred Mutua"
    assert r.date == dt.date(2023, 2, 7)


def test_an_office_ending_in_abroad_is_no_part_of_the_name():
    r = parse(
        "On March 2, 2024, Foreign Minister Wang Yi spoke with Minister of Foreign Affairs and "
        "National Community Abroad Ahmed Attaf of Algeria on the phone."
    )
    assert people(r)[1] == (
        "Ahmed Attaf",
        "Minister of Foreign Affairs and National Community Abroad",
        "Algeria",
    )


def test_attendees_of_an_event_in_the_sentence_after_the_dated_one():
    r = parse(
        "On June 8, 2022, the Third China-Central Asia Foreign Ministers' Meeting was held in "
        "Nur-Sultan. State Councilor and Foreign Minister Wang Yi, Kyrgyz Foreign Minister "
        "Jeenbek Kulubaev and Turkmen Foreign Minister Rashid Meredov attended the meeting.",
        "Meredov said that Turkmenistan supports the initiative.",
        title="The Third China-Central Asia Foreign Ministers' Meeting Held in Nur-Sultan",
    )
    assert [(p[0], p[2]) for p in people(r)] == [
        ("Wang Yi", "China"),
        ("Jeenbek Kulubaev", "Kyrgyzstan"),
        ("Rashid Meredov", "Turkmenistan"),
    ]
    assert (r.date, r.medium) == (dt.date(2022, 6, 8), MEETING)
    assert speakers(r)[-1][:2] == ("statement", "Rashid Meredov")


@pytest.mark.parametrize(
    ("counterpart", "name", "title"),
    [
        (
            "U.S. Special Envoy for the Horn of Africa Mike Hammer",
            "Mike Hammer",
            "U.S. Special Envoy for the Horn of Africa",
        ),
        (
            "EU Special Representative for the Middle East Peace Process Sven Koopmans",
            "Sven Koopmans",
            "EU Special Representative for the Middle East Peace Process",
        ),
        (
            "British Secretary of State for Foreign, Commonwealth and Development Affairs "
            "James Cleverly",
            "James Cleverly",
            "British Secretary of State for Foreign, Commonwealth and Development Affairs",
        ),
    ],
)
def test_a_place_or_a_comma_inside_the_office_before_the_name(counterpart, name, title):
    r = parse(f"On March 3, 2024, Foreign Minister Wang Yi spoke with {counterpart} on the phone.")
    assert [p[:2] for p in people(r)[1:]] == [(name, title)]


def test_an_office_of_an_organisation_without_a_name_names_nobody():
    r = parse(
        "On March 3, 2024, Foreign Minister Wang Yi spoke with Kaja Kallas and the Vice-President "
        "of the European Commission on the phone."
    )
    assert [p[0] for p in people(r)] == ["Wang Yi", "Kaja Kallas"]


@pytest.mark.parametrize(
    "verb", ["paid a courtesy call on", "paid a visit to", "called on", "met with"]
)
def test_an_ambassador_calling_on_a_host_official(verb):
    r = parse(
        f"On March 3, 2024, Chinese Ambassador to Australia Xiao Qian {verb} Premier of New "
        "South Wales Chris Minns.",
        "Minns said that the state values its trade with China.",
    )
    assert people(r) == [
        ("Xiao Qian", "Chinese Ambassador to Australia", "China"),
        ("Chris Minns", "Premier of New South Wales", "Australia"),  # the ambassador's host
    ]
    assert speakers(r)[1][1] == "Chris Minns"


def test_a_call_on_a_day_is_no_person():
    r = parse(
        "Foreign Minister Wang Yi had a phone call on Tuesday with Kenyan Foreign Minister "
        "Alfred Mutua.",
        stamp="2023-02-08 10:00",
    )
    assert [p[0] for p in people(r)] == ["Wang Yi", "Alfred Mutua"]


def test_a_list_of_portfolios_with_commas_is_one_office():
    r = parse(
        "On March 3, 2024, Foreign Minister Wang Yi spoke with Canadian Minister of Small "
        "Business, Export Promotion and International Trade Mary Ng on the phone at the "
        "latter's request."
    )
    assert people(r)[1:] == [
        (
            "Mary Ng",
            "Canadian Minister of Small Business, Export Promotion and International Trade",
            "Canada",
        )
    ]
    assert r.requested_by.name == "Mary Ng"


def test_the_host_named_only_in_an_invitation_before_the_subject():
    r = parse(
        "On 12 September 2023, at the invitation of Speaker of the Australian House of "
        "Representatives Milton Dick, Chinese Ambassador Xiao Qian visited Parliament House in "
        "Canberra and had a meeting with him.",
        "Speaker Dick welcomed Ambassador Xiao to Parliament House.",
    )
    assert people(r) == [
        ("Xiao Qian", "Chinese Ambassador", "China"),
        ("Milton Dick", "Speaker of the Australian House of Representatives", "Australia"),
    ]
    assert speakers(r)[1][1] == "Milton Dick"


def test_kim_jong_un_is_a_name_and_the_workers_party_of_korea_the_dprk():
    r = parse(
        "On June 20, 2019, General Secretary Xi Jinping held talks with General Secretary of the "
        "Workers' Party of Korea and Chairman of the State Affairs Commission of the DPRK Kim "
        "Jong Un in Pyongyang.",
        "Kim Jong Un said that he was glad to welcome Xi Jinping.",
    )
    assert [(p[0], p[2]) for p in people(r)] == [
        ("Xi Jinping", "China"),
        ("Kim Jong Un", "North Korea"),
    ]
    assert speakers(r)[1][1] == "Kim Jong Un"


@pytest.mark.parametrize(
    "printed", ["Joseph R. Biden, Jr.", "Joseph R. Biden, Jr.,", "Joseph R. Biden Jr."]
)
def test_a_generational_suffix_after_a_comma_is_the_names(printed):
    r = parse(
        f"On November 14, 2022, President Xi Jinping held talks with U.S. President {printed} "
        "in Bali.",
        "Biden said that the United States welcomes the talks.",
    )
    assert people(r) == [
        ("Xi Jinping", "President", "China"),
        ("Joseph R. Biden Jr.", "U.S. President", "United States"),
    ]
    assert speakers(r)[1][1] == "Joseph R. Biden Jr."


def test_an_office_naming_a_dialogue_with_a_dotted_abbreviation_before_the_name():
    r = parse(
        "On May 2, 2019, Vice Premier and Chinese lead negotiator of the China-U.S. "
        "Comprehensive Economic Dialogue Liu He and Minister of Commerce Zhong Shan spoke with "
        "U.S. Trade Representative Robert Lighthizer on the phone."
    )
    assert [p[:2] for p in people(r)] == [
        (
            "Liu He",
            "Vice Premier and Chinese lead negotiator of the China-U.S. Comprehensive Economic "
            "Dialogue",
        ),
        ("Zhong Shan", "Minister of Commerce"),
        ("Robert Lighthizer", "U.S. Trade Representative"),
    ]


def test_together_with_names_counterparts_not_the_chinese_side():
    r = parse(
        "On May 6, 2023, Foreign Minister Qin Gang, together with Pakistani Foreign Minister "
        "Bilawal Bhutto Zardari and Afghan Acting Foreign Minister Amir Khan Muttaqi, held the "
        "Fifth Trilateral Foreign Ministers' Dialogue in Islamabad."
    )
    assert people(r) == [
        ("Qin Gang", "Foreign Minister", "China"),
        ("Bilawal Bhutto Zardari", "Pakistani Foreign Minister", "Pakistan"),
        ("Amir Khan Muttaqi", "Afghan Acting Foreign Minister", "Afghanistan"),
    ]
