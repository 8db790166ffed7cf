"""What a saved page carries around the readout, and what of it reaches the statements."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from readouts.parsing import parse_readout

from .helpers import page, parse, speakers

LEAD = (
    "On October 31, 2022, Foreign Minister Wang Yi spoke with Kenyan Foreign Minister Alfred "
    "Mutua on the phone at the latter's request."
)
MUTUA = "Mutua said that Kenya values its partnership with China and looks forward to more trade."
WANG = "Wang Yi said that China is ready to work with Kenya on the Belt and Road."


def texts(readout) -> list[str]:
    return [s.text for s in readout.statements]


def test_html_entities_left_by_a_saving_tool_are_decoded():
    text = page(
        LEAD.replace("latter's", "latter&rsquo;s"),
        "Mutua said that Kenya&nbsp;values &ldquo;solidarity &amp; cooperation&rdquo;.",
        header="Home&nbsp;&gt;&nbsp;China News",
        stamp="2022-11-01&nbsp;10:25",
    )
    r = parse_readout(text)
    assert (r.section, r.published_at) == ("China News", dt.datetime(2022, 11, 1, 10, 25))
    assert r.requested_by.name == "Alfred Mutua"
    assert texts(r)[1] == "Mutua said that Kenya values “solidarity & cooperation”."


@pytest.mark.parametrize(
    "debris",
    [
        "Source: Xinhua",
        "Editor: Liu Jin",
        "Responsible editor: Wang Zi",
        "Share: Facebook | Twitter | WeChat",
        "[Print] [Close]",
        "【打印】 【关闭】",
        "1/2",
        "(Photo: Xinhua)",
        "Photo by Xinhua reporter Li Xueren",
        "Wang Yi speaks with Alfred Mutua on the phone, Oct. 31, 2022. (Xinhua/Yin Bogu)",
        "王毅同肯尼亚外长穆图阿通电话",
    ],
)
def test_page_lines_in_the_body_are_no_statement(debris):
    r = parse(LEAD, MUTUA, debris, WANG, debris, footer="")
    assert texts(r)[1:] == [MUTUA, WANG]
    assert [who for _, who, _ in speakers(r)[1:]] == ["Alfred Mutua", "Wang Yi"]


def test_related_headlines_after_the_readout_end_it():
    r = parse(
        LEAD,
        MUTUA,
        WANG,
        "Related News",
        "Wang Yi Speaks with Egyptian Foreign Minister on the Phone",
        "Wang Yi: China Supports Kenya's Development",
        footer="",
    )
    assert texts(r)[1:] == [MUTUA, WANG]


def test_a_menu_item_called_related_news_above_the_readout_ends_nothing():
    text = "Related News\n" + page(LEAD, MUTUA, WANG)
    assert texts(parse_readout(text))[1:] == [MUTUA, WANG]


def test_a_paragraph_a_copy_repeated_is_kept_once():
    r = parse(LEAD, MUTUA, WANG, WANG)
    assert texts(r)[1:] == [MUTUA, WANG]


def test_lines_wrapped_mid_sentence_before_a_capital_are_joined():
    said = (
        "Mutua said that the Kenyan side hopes for an early ceasefire and a political settlement "
        "in the Horn of Africa, and that Kenya supports China's position on Ukraine and on the "
        "Global Development Initiative put forward by President Xi Jinping."
    )
    wrapped = textwrap.fill(said, width=76)
    assert any(line[0].isupper() for line in wrapped.split("\n")[1:])  # "Kenya", "Ukraine"...
    r = parse(LEAD, wrapped, WANG)
    assert texts(r)[1:] == [said, WANG]
    assert speakers(r)[1][1] == "Alfred Mutua"
