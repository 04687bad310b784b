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


# ---------------------------------------------------------------- an opening mark starting a headline's line

QUOTED_HEADLINE = DATA / "breaks" / "quote-headline.md"


def test_the_default_theme_trims_an_opening_mark_starting_a_heading_not_a_paragraph() -> None:
    theme = load_theme()
    assert theme.cjk.heading_line_start_opening == "half" and theme.cjk.line_start_opening == "full"
    setting = typesetting(convert.read(str(QUOTED_HEADLINE)), theme, check_fonts=False)
    html = typeset("<h1>“十五五”规划</h1><h2> （一）外贸</h2><p>“我们看到了。”他说。</p>", setting)
    assert '<span class="pc">“</span>十五五' in html and '<span class="pc">（</span>一' in html
    assert '<p>“我们' in html and html.count('class="pc"') == 2 + 1  # and the 。 of 。”  # a paragraph's first line keeps its mark whole, after its indent


def test_pdf_headline_ink_starts_at_the_margin(tmp_path: Path) -> None:
    lines = pdf_lines(convert.convert(QUOTED_HEADLINE, to="pdf", offline=True))  # type: ignore[arg-type]
    headline, second, heading = lines[0], lines[1], lines[2]
    assert headline.text.startswith("“") and heading.text.startswith("（")
    margin = second.chars[0]["x0"]  # the headline's second line starts with a Han character
    size = headline.chars[0]["size"]
    # the mark's ink is its right half: set half width, its advance starts half an em left of the margin
    assert headline.chars[0]["x0"] == pytest.approx(margin - size / 2, abs=0.6)
    assert heading.chars[0]["x0"] == pytest.approx(margin - heading.chars[0]["size"] / 2, abs=0.6)
    assert headline.chars[1]["x0"] == pytest.approx(margin + size / 2, abs=0.6)  # after half an em of mark
    # a later line of a headline that starts with an opening mark: trimmed by the layout hook (`justify`);
    # the Taiwan sample's own headline now breaks between its clauses (`在野黨團稱「這是…`), so a headline
    # whose second clause (after `：`) starts with the quotation is set instead
    turned = tmp_path / "tw-turned.md"
    turned.write_text(TAIWAN.read_text(encoding="utf-8").replace(
        "title: 「國會改革」三讀通過　在野黨團稱「這是『還權於民』的第一步」",
        "title: 國民黨團總召今日在立法院表示：「這是『還權於民』的第一步」"), encoding="utf-8")
    taiwan = pdf_lines(convert.convert(turned, to="pdf", offline=True))  # type: ignore[arg-type]
    assert [line.text for line in taiwan[:2]] == ["國民黨團總召今日在立法院表示：", "「這是『還權於民』的第一步」"]
    assert taiwan[1].chars[0]["x0"] == pytest.approx(margin - taiwan[1].chars[0]["size"] / 2, abs=0.6)


def test_epub_and_docx_trim_heading_line_starts() -> None:
    epub = zipfile.ZipFile(io.BytesIO(convert.convert(QUOTED_HEADLINE, to="epub", offline=True)))  # type: ignore[arg-type]
    css = "".join(epub.read(name).decode() for name in epub.namelist() if name.endswith(".css"))
    assert "article:lang(zh) h1" in css and "text-spacing-trim: trim-start" in css
    assert "text-spacing-trim: normal" in css  # the body keeps its marks whole at every line start
    assert "text-spacing-trim: space-first" not in css  # which trimmed them after the first line
    text = "".join(epub.read(name).decode() for name in epub.namelist() if name.endswith(".xhtml"))
    assert '<span class="pc">“</span>十五五' in text
    docx = zipfile.ZipFile(io.BytesIO(convert.convert(QUOTED_HEADLINE, to="docx", offline=True)))  # type: ignore[arg-type]
    styles = docx.read("word/styles.xml").decode()
    for style in ("Title", "Heading1"):
        block = styles[styles.index(f'w:styleId="{style}"'):]
        block = block[:block.index("</w:style>")]
        assert "<w:topLinePunct/>" in block, style


# ---------------------------------------------------------------- text shown whole: no break hints

HINTS = ("\u2060", "\u200b", "\u200d", "\u00ad")


def test_pdf_bookmarks_carry_no_break_hints() -> None:
    import pypdf

    korean = DATA / "breaks" / "ko-transit.md"  # its headings hold a word joiner between each two syllables
    for article in (korean, TAIWAN, QUOTED_HEADLINE):  # the Korean one's outline had `서\u2060울\u2060시`
        reader = pypdf.PdfReader(io.BytesIO(convert.convert(article, to="pdf", offline=True)))  # type: ignore[arg-type]
        titles = [item.title for item in reader.outline if not isinstance(item, list)]
        assert titles and not [title for title in titles if any(hint in title for hint in HINTS)], titles
        assert not any(hint in str(value) for value in (reader.metadata or {}).values() for hint in HINTS)


def test_docx_running_header_carries_no_joiners() -> None:
    sports = DATA / "unseen2" / "sports-derby.md"  # 第89分钟, 3:1: numbers the body joins to their units
    package = zipfile.ZipFile(io.BytesIO(convert.convert(sports, to="docx", offline=True)))  # type: ignore[arg-type]
    header = "".join(package.read(name).decode() for name in package.namelist() if "word/header" in name)
    assert "89" in header and not any(hint in header for hint in HINTS)
    assert "\u200d" in package.read("word/document.xml").decode()  # the body keeps them


# ---------------------------------------------------------------- headings: names of offices whole


def test_an_office_name_jieba_does_not_know_is_one_heading_word() -> None:
    from convert.scripts import heading_words

    def words(text: str) -> list[str]:
        return [text[a:b] for a, b in heading_words(text)]

    assert "物流局" in words("九巴申請加價4.8% 運輸及物流局：會「審慎考慮」市民負擔")  # was `物流` / `局`
    assert "运输署" in words("运输署宣布新措施") and "交通部" in words("交通部发布通知")
    assert words("他们在处理问题") == ["他们", "处理", "问题"]  # 处 of a word is no suffix


# ---------------------------------------------------------------- the cover's text (EPUB cover image, issue cover)


def test_cover_lines_follow_the_taiwan_rule_and_trim_a_line_starting_mark() -> None:
    from convert.writers.textlines import line_runs

    def halved(line: str, centred: bool, trim: bool = False) -> str:
        return "".join(text for text, half, _ in line_runs(line, (0.25, True, centred, trim)) if half)

    # Taiwan's faces centre `：，。`: the bracket beside one gives up the half (`：「` halves `「`, `」，` `」`)
    assert halved("週報：「國會改革」，三讀", centred=True) == "「」"
    assert halved("周报：“零碳码头”，启动", centred=False) == "：”"
    # an opening mark starting a cover line is trimmed as a headline's is (`heading_line_start_opening`)
    assert halved("「國會改革」三讀", centred=True, trim=True) == "「"
    assert halved("「國會改革」三讀", centred=True) == ""


def test_the_covers_set_a_taiwan_title_by_the_taiwan_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from convert.model import Meta
    from convert.writers.epub import cover
    from convert.writers.pdf.issue import cover_html
    from convert import model as m

    drawn: dict[str, set[str]] = {}
    real = cover._runs

    def runs(line, cjk, **kwargs):  # type: ignore[no-untyped-def]
        found = real(line, cjk, **kwargs)
        drawn.setdefault(line, set()).update(text for text, half, _ in found if half)
        return found

    monkeypatch.setattr(cover, "_runs", runs)
    theme = load_theme()
    # Taiwan: `：「` halves `「`, the mainland `：`; the closing `」` ends the line, half width in both
    for lang, halved in (("zh-TW", {"「", "」"}), ("zh-CN", {"：", "」"})):
        drawn.clear()
        cover.cover_png(Meta(title="國會：「三讀」", lang=lang), theme)
        assert drawn["國會：「三讀」"] == halved, lang
    # the issue PDF's cover sets its title by the same rule
    issue = m.Collection(meta=m.Meta(title="台北週報：「國會改革」三讀通過", lang="zh-TW"),
                         articles=(convert.read(str(TAIWAN)),), keys=("a",))
    html = cover_html(issue, theme)
    assert '<span class="pc">「</span>' in html and '<span class="pc">：</span>' not in html
