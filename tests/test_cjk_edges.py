"""Chinese typesetting at the edges the body rules do not reach: Traditional text's centred marks next
to brackets, an opening mark that starts a headline's line, and the text of running heads, bookmarks
and headers, which carries no break hints."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import convert
from convert.checks.typography import mark_pairs, pdf_lines
from convert.scripts import compressed_marks
from convert.theme import load_theme
from convert.writers.cjk import typeset, typesetting

DATA = Path(__file__).parent / "data"
TAIWAN = DATA / "breaks" / "tw-legislature.md"


# ---------------------------------------------------------------- Traditional: centred marks


def test_a_bracket_gives_up_its_blank_next_to_a_centred_mark() -> None:
    text = "總召表示：「這是『還權於民』的第一步。」法案「程序粗糙」，將聲請釋憲。"
    pairs = {text[i:i + 2]: i for i in range(len(text) - 1)}
    halved = set(compressed_marks(text, centred=True))
    assert pairs["：「"] + 1 in halved and pairs["：「"] not in halved  # the bracket, not the colon
    assert pairs["。」"] + 1 in halved and pairs["。」"] not in halved
    assert pairs["」，"] in halved and pairs["」，"] + 1 not in halved
    assert pairs["『還"] - 1 not in halved  # 「 before 『: not next to a centred mark, as in Simplified text
    # Simplified text keeps the rule of the mark facing the other: the colon and the period give it up
    plain = set(compressed_marks(text))
    assert pairs["：「"] in plain and pairs["。」"] in plain
    assert compressed_marks("什麼？！", centred=True) == []  # two centred marks keep their em each


def test_a_taiwan_article_halves_the_bracket_not_the_colon() -> None:
    doc = convert.read(str(TAIWAN))
    setting = typesetting(doc, load_theme(), check_fonts=False)
    assert setting.centred
    html = typeset("<p>國民黨團總召表示：「這是第一步。」</p>", setting)
    assert '：<span class="pc">「</span>' in html and '<span class="pc">：</span>' not in html
    assert '。<span class="pc">」</span>' in html
    mainland = typesetting(convert.read(str(DATA / "unseen" / "cn-quarterly.md")), load_theme(), check_fonts=False)
    assert not mainland.centred


def test_taiwan_pdf_compresses_its_pairs() -> None:
    pairs = mark_pairs(pdf_lines(convert.convert(TAIWAN, to="pdf", offline=True)))  # type: ignore[arg-type]
    assert pairs.pairs >= 10 and pairs.share >= 0.95, pairs.missed
