"""A seventh round of inputs nothing before had: a wire story (新华社…电), a WeChat account's post, a
government notice; and what they showed was wrong, tested at the step that now reads it right."""
from __future__ import annotations

import pytest

import convert
from convert import model as m
from convert.enrich.widths import dashes_and_ellipses
from convert.readers import read_text


def _applied(text: str) -> str:
    replaced = dashes_and_ellipses(text)
    return "".join(replaced.get(i, c) for i, c in enumerate(text))


@pytest.mark.parametrize("text", [
    "该船已开通上海—济州—福冈、上海—长崎等6条航线",  # a route: a chain of names
    "京—港—澳高速",
    "第二届中国—东盟博览会",  # a place and a body's abbreviation
    "沪—昆高铁全线贯通",
    "深圳—香港两地",
    "北京—雄安城际铁路",  # jieba does not know 雄安 for a place: what follows says it is one
    "記者自臺北—高雄航線獲悉",  # Traditional, read through Simplified
])
def test_a_dash_that_joins_names_stays_one_em(text: str) -> None:
    """GB/T 15834 §4.13: the one-em dash joins places and bodies; before, every lone dash beside Chinese
    text became the two-em dash of a sentence (`上海——济州——福冈`)."""
    assert _applied(text) == text


def test_an_en_dash_that_joins_names_becomes_the_one_em_dash() -> None:
    assert _applied("武汉–孝感城际") == "武汉—孝感城际"


@pytest.mark.parametrize("text, expected", [
    ("他说—我们会继续努力", "他说——我们会继续努力"),
    ("港珠澳大桥—连接三地的纽带", "港珠澳大桥——连接三地的纽带"),  # a name, then a phrase about it
    ("东临港—零碳码头的样板", "东临港——零碳码头的样板"),
    ("他的家乡—一个小山村—如今已通公路", "他的家乡——一个小山村——如今已通公路"),  # an aside: a long phrase
    ("球在门线—经裁判确认", "球在门线——经裁判确认"),
])
def test_a_lone_dash_of_a_sentence_still_takes_two_ems(text: str, expected: str) -> None:
    assert _applied(text) == expected


def test_the_route_reaches_every_edition_with_one_em_dashes() -> None:
    doc = convert.prepare(read_text("# 邮轮\n\n该船已开通上海—济州—福冈、上海—长崎等6条航线，中国—东盟合作持续深化。\n"))
    assert m.plain_text(doc.body[0].content) == "该船已开通上海—济州—福冈、上海—长崎等6条航线，中国—东盟合作持续深化。"  # type: ignore[attr-defined]
