"""The article's header as Chinese papers set it: the kicker (引题) above the headline and the subtitle (副题)
under it, read from the lines around the body's headline and shown in that order above the byline, and the
editor's note (编者按) set apart at the body's head, in every edition."""
from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as Word

from convert.builder.single import Options, convert, load

REPORT = """坚持创新驱动 服务乡村振兴

# 科技小院扎根田间地头

——中国农业大学师生助力乡村振兴纪实

本报记者 张三

初冬时节，走进河北曲周县的科技小院，几名研究生正在田间查看小麦出苗情况。

科技小院是中国农业大学在2009年首创的农业技术推广模式，至今已在全国建立了1,200多个。
"""


def _write(tmp_path: Path, text: str, name: str = "article.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _first_paragraph(doc) -> str:  # type: ignore[no-untyped-def]
    from convert import model as m

    return m.plain_text(m.block_inlines(doc.body[0]))


def test_kicker_subtitle_and_byline_around_the_headline(tmp_path: Path) -> None:
    _, doc = load(_write(tmp_path, REPORT))
    assert doc.meta.kicker == "坚持创新驱动 服务乡村振兴"
    assert doc.meta.title == "科技小院扎根田间地头"
    assert doc.meta.subtitle == "——中国农业大学师生助力乡村振兴纪实"
    assert doc.meta.authors == ("张三",) and doc.meta.reported  # the byline under the subtitle is read too
    assert _first_paragraph(doc).startswith("初冬时节")  # none of them is left in the body


def test_bold_kicker_above_a_notice_is_no_section_heading(tmp_path: Path) -> None:
    _, doc = load(_write(tmp_path, "**重要通知**\n\n# 关于2025年春节放假安排的通知\n\n各部门：\n\n"
                                   "根据国务院办公厅通知精神，现将2025年春节放假安排通知如下。\n"))
    assert doc.meta.kicker == "重要通知"
    assert doc.meta.title == "关于2025年春节放假安排的通知"
    assert _first_paragraph(doc) == "各部门："


def test_lower_heading_with_the_byline_under_it_is_the_subtitle(tmp_path: Path) -> None:
    _, doc = load(_write(tmp_path, "# 科技小院扎根田间地头\n## 中国农业大学师生助力乡村振兴纪实\n\n**本报记者 张三**\n\n"
                                   "初冬时节，走进科技小院。\n\n## 一、从田间来\n\n研究生们常年住在村里。\n"))
    assert doc.meta.subtitle == "中国农业大学师生助力乡村振兴纪实"
    assert doc.meta.authors == ("张三",)
    assert _first_paragraph(doc) == "初冬时节，走进科技小院。"


def test_a_section_heading_under_the_title_stays_a_heading(tmp_path: Path) -> None:
    """Without a byline under it, a heading after the title opens the first section."""
    _, doc = load(_write(tmp_path, "# Harbour budget\n\n## Introduction\n\nThe council met on Monday.\n"))
    assert doc.meta.subtitle == "" and doc.meta.kicker == ""
    assert _first_paragraph(doc) == "Introduction"


def test_a_sentence_above_the_title_is_no_kicker(tmp_path: Path) -> None:
    _, doc = load(_write(tmp_path, "本文转载自新华社。\n\n# 科技小院扎根田间地头\n\n初冬时节，走进科技小院。\n"))
    assert doc.meta.kicker == ""
    assert doc.meta.title == "科技小院扎根田间地头"
    assert _first_paragraph(doc) == "本文转载自新华社。"


def test_front_matter_kicker_wins(tmp_path: Path) -> None:
    _, doc = load(_write(tmp_path, "---\nkicker: 独家\n---\n\n深度报道\n\n# 科技小院扎根田间地头\n\n初冬时节。\n"))
    assert doc.meta.kicker == "独家"
    assert _first_paragraph(doc) == "深度报道"  # the line is the body's: the front matter named the kicker


def test_script_conversion_reaches_the_kicker(tmp_path: Path) -> None:
    _, doc = load(_write(tmp_path, REPORT), Options(script="hant"))
    assert doc.meta.kicker == "堅持創新驅動 服務鄉村振興"
    assert doc.meta.subtitle.startswith("——中國農業大學")


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("kicker")
    source = _write(folder, REPORT)
    return {fmt: Path(convert(source, to=fmt, output=folder / f"article.{fmt}", offline=True))
            for fmt in ("pdf", "epub", "docx")}


ORDER = ["坚持创新驱动", "科技小院扎根田间地头", "——中国农业大学", "张三", "初冬时节"]


def _in_order(text: str) -> list[int]:
    return [text.find(piece) for piece in ORDER]


def test_pdf_sets_kicker_title_subtitle_byline_in_order(editions: dict[str, Path]) -> None:
    text = subprocess.run(["pdftotext", "-raw", str(editions["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    places = _in_order(text)
    assert -1 not in places and places == sorted(places), places
    assert text.count("坚持创新驱动") == 1 and text.count("中国农业大学师生") == 1


def test_epub_header_holds_the_kicker_before_the_h1(editions: dict[str, Path]) -> None:
    with zipfile.ZipFile(editions["epub"]) as epub:
        chapters = [epub.read(name).decode() for name in epub.namelist() if name.endswith(".xhtml")]
    chapter = next(text for text in chapters if 'class="kicker"' in text)
    header = chapter[chapter.index('<header class="article-header">'):chapter.index("</header>")]
    assert header.index('class="kicker"') < header.index("<h1") < header.index('class="subtitle"')
    assert "坚持创新驱动" not in chapter[chapter.index("</header>"):]


def test_docx_kicker_paragraph_above_the_title(editions: dict[str, Path]) -> None:
    paragraphs = [(p.style.name, p.text) for p in Word(str(editions["docx"])).paragraphs if p.text.strip()]
    assert paragraphs[0] == ("Kicker", "坚持创新驱动 服务乡村振兴")
    assert paragraphs[1][0] == "Title" and paragraphs[2][0] == "Subtitle"
    assert paragraphs[0][1] not in [text for _, text in paragraphs[1:]]


NOTE_FIRST = """# 一座小城的“文旅突围”

编者按：今年以来，多地文旅“出圈”。本报推出系列报道，记录基层干部群众的探索与实践。

本报记者 王五

11月的淳安，千岛湖畔游人如织。
"""


@pytest.mark.parametrize("opening", ["编者按：", "【编者按】", "編者按：", "Editor's note: "])
def test_editor_note_opens_the_body_as_a_notice(tmp_path: Path, opening: str) -> None:
    """The editor's note is set apart at the body's head, and the byline under it is still read."""
    from convert import model as m

    _, doc = load(_write(tmp_path, NOTE_FIRST.replace("编者按：", opening)))
    assert isinstance(doc.body[0], m.Notice) and doc.body[0].kind == "editor-note"
    assert m.plain_text(doc.body[0].content).replace("’", "'").startswith(opening.strip())
    assert doc.meta.authors == ("王五",)
    assert _first_paragraph(doc) != "本报记者 王五" and m.plain_text(m.block_inlines(doc.body[1])).startswith("11月")


def test_editor_note_does_not_hide_the_lead_dateline(tmp_path: Path) -> None:
    _, doc = load(_write(tmp_path, "# 一座小城\n\n编者按：本报推出系列报道。\n\n"
                                   "新华社杭州11月20日电（记者 王五）11月的淳安，千岛湖畔游人如织。\n"))
    assert doc.meta.authors == ("王五",) and doc.meta.place == "杭州"


def test_a_paragraph_quoting_an_editor_note_stays_text(tmp_path: Path) -> None:
    from convert import model as m

    _, doc = load(_write(tmp_path, "# 一座小城\n\n他说，编者按：这种写法很常见。\n"))
    assert not any(isinstance(block, m.Notice) for block in doc.body)


def test_editor_note_in_every_edition(tmp_path: Path) -> None:
    source = _write(tmp_path, NOTE_FIRST)
    epub = Path(convert(source, to="epub", output=tmp_path / "a.epub", offline=True))
    with zipfile.ZipFile(epub) as book:
        chapter = next(text for name in book.namelist() if name.endswith(".xhtml")
                       and 'class="article-body"' in (text := book.read(name).decode()))
    body = chapter[chapter.index('class="article-body"'):]
    assert body.index('notice-editor-note') < body.index("编者按") < body.index("淳安")
    docx = Path(convert(source, to="docx", output=tmp_path / "a.docx", offline=True))
    styles = [(p.style.name, p.text) for p in Word(str(docx)).paragraphs if p.text.strip()]
    note = next(i for i, (style, text) in enumerate(styles) if text.startswith("编者按"))
    assert styles[note][0] == "Editor's Note"
    assert note < next(i for i, (_, text) in enumerate(styles) if "淳安" in text)
    pdf = Path(convert(source, to="pdf", output=tmp_path / "a.pdf", offline=True))
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.index("记者：王五") < text.index("编者按") < text.index("的淳安")


def test_a_heading_typed_above_the_headline_stays_a_heading(tmp_path: Path) -> None:
    from convert import model as m

    _, doc = load(_write(tmp_path, "## 要闻\n\n# 科技小院扎根田间地头\n\n初冬时节，走进科技小院。\n"))
    assert doc.meta.kicker == ""
    assert any(isinstance(b, m.Heading) and m.plain_text(b.content) == "要闻" for b in doc.body)


def test_check_style_reads_the_page_of_an_article_with_a_kicker(tmp_path: Path) -> None:
    """The top margin is read from the title's box; under a kicker that box is lower, so the margin is
    only bounded above by it (a kicker is no margin mismatch)."""
    from convert.checks import consistency

    body = "".join(f"\n第{n}段：科技小院是中国农业大学在2009年首创的农业技术推广模式，研究生常年住在村里，"
                   "与农民同吃同住同劳动，把论文写在大地上，至今已在全国建立了1,200多个，覆盖主要农业产区。\n"
                   for n in range(1, 7))
    reports = consistency.check_style([_write(tmp_path, REPORT + body)], ["default"], offline=True, show=None)
    assert reports and all(report.ok for report in reports)


def test_editor_note_label_on_its_own_line(tmp_path: Path) -> None:
    from convert import model as m

    _, doc = load(_write(tmp_path, "# 一座小城\n\n【编者按】\n\n今年以来，多地文旅“出圈”。\n\n本报记者 王五\n\n11月的淳安，游人如织。\n"))
    assert isinstance(doc.body[0], m.Notice)
    assert m.plain_text(doc.body[0].content) == "【编者按】今年以来，多地文旅“出圈”。"
    assert doc.meta.authors == ("王五",) and len(doc.body) == 2


@pytest.mark.parametrize("line", ["[链接](http://example.com/a)", "**[专题](http://example.com/a)**", "——", "2024"])
def test_links_and_rules_above_the_headline_are_no_kicker(tmp_path: Path, line: str) -> None:
    _, doc = load(_write(tmp_path, f"{line}\n\n# 科技小院扎根田间地头\n\n初冬时节，走进科技小院。\n"))
    assert doc.meta.kicker == ""


def test_an_editor_note_closing_the_article_stays_in_place(tmp_path: Path) -> None:
    from convert import model as m

    _, doc = load(_write(tmp_path, "# 静夜思\n\n李白的这首诗写于开元十四年。\n\n床前明月光，疑是地上霜。\n\n"
                                   "编者按：本文选自中学语文课本的课外阅读材料。\n"))
    assert isinstance(doc.body[-1], m.Notice) or m.plain_text(m.block_inlines(doc.body[-1])).startswith("编者按")
    assert not isinstance(doc.body[0], m.Notice)
