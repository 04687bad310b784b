"""A third round of inputs nothing before had (`tests/data/unseen3/`): saved pages of other shapes (a page
whose article is only in its JSON-LD, a Japanese page in Shift_JIS and a Korean one in EUC-KR declared
only in their meta tags, a Windows-1252 page whose `<title>` differs from its `<h1>`, a 404 page with no
article at all), Markdown a wire desk writes (front matter with a list as title, TeX, definition lists,
raw HTML, comments, emoji sequences, nested quotes, a footnote in a table), a 300-row table, hostile
images, and articles in Persian, Thai, Hindi, Vietnamese (decomposed marks), Russian with Greek.

What they showed was wrong is tested at the step that now reads it right."""
from __future__ import annotations

import functools
import io
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

import convert
from convert import model as m
from convert.errors import ConvertError
from convert.readers.web import is_whole_page, read_page
from convert.readers.web.meta import parse

from conftest import ROOT, block_texts as blocks, every_edition, invalid_editions

UNSEEN = ROOT / "tests" / "data" / "unseen3"


def read(name: str) -> m.Document:
    return convert.read(str(UNSEEN / name))


# ---------------------------------------------------------------- web pages


def test_page_whose_article_is_only_in_its_json_ld() -> None:
    """A script-rendered page: the article text is in `articleBody` alone; the page shows only its menu
    and footer. Before, the extraction found nothing and kept the page whole: menu and footer were the
    article."""
    doc = read("jsonld-only.html")
    assert (doc.meta.title, doc.meta.authors, doc.meta.date) == \
        ("Bridge repairs to close Harbour Road for six weeks", ("Dana Whitfield",), "2025-02-10T08:30-05:00")
    assert blocks(doc) == [
        ("Paragraph", "Harbour Road will close to traffic from Monday while crews replace the bridge deck."),
        ("Paragraph", "The city said detours would add about ten minutes to most trips."),
        ("Paragraph", "Buses on routes 4 and 7 will use Mill Street instead."),
    ]


def test_page_without_an_article_is_a_clear_error(tmp_path: Path) -> None:
    """A 404 page: one line saying so, exit status 1 and nothing written (it was converted: a PDF of a
    menu and a footer, titled `404`)."""
    with pytest.raises(ConvertError, match="found no article in the page"):
        read("no-article.html")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "convert", "--to", "html", str(UNSEEN / "no-article.html"),
                          "-o", str(out), "--offline", "-q"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert "found no article in the page" in run.stderr
    assert not [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
    # kept whole on purpose, it still converts
    assert read_page((UNSEEN / "no-article.html").read_text(), extract=False).extracted is False


def test_page_with_chrome_named_only_by_class_is_a_whole_page() -> None:
    """`<ul class="gnb">`, `<div class="footer">`, `<div class="popular">`: a Korean portal's menu, footer
    and most-read list had no `<nav>`/`<footer>`; the page was read whole, chrome and all."""
    doc = read("kr-nightbus-euckr.html")
    text = m.visible_text(doc)
    for chrome in ("로그인", "정치", "광고", "많이 본 뉴스", "오늘의 날씨", "무단전재"):
        assert chrome not in text, chrome
    # the headline the article opens with, not the <title>'s shorter line with the site's name
    assert doc.meta.title == "서울시, 심야 올빼미버스 14개 노선으로 확대"
    assert ("Heading", doc.meta.title) not in blocks(doc)  # and it is not printed twice
    # `입력 2025.01.15 10:32 | 김민준 기자` above the text, `김민준 기자 mj@hangang.example` below it: the
    # reporter's name (it had none), the time, and the line not left in the body to show twice
    assert (doc.meta.authors, doc.meta.date) == (("김민준",), "2025-01-15T10:32")
    assert "입력" not in text and "mj@hangang.example" not in text
    # `<br><br>` separates paragraphs on such portals: three paragraphs, not one with blank lines
    paragraphs = [t for kind, t in blocks(doc) if kind == "Paragraph"]
    assert paragraphs[-3:] == [
        "서울시는 다음 달부터 심야 올빼미버스를 현재 9개 노선에서 14개 노선으로 확대한다고 15일 밝혔다.",
        "새로 생기는 노선은 강남과 강북을 잇는 N13번 등 5개다. 시는 심야 시간대 택시 승차난을 줄이기 위해 이번 확대를 결정했다고 설명했다.",
        "시 관계자는 “시민들의 귀갓길이 한결 편해질 것”이라고 말했다.",
    ]


def test_a_single_line_break_stays_a_line_break() -> None:
    page = read_page("<html><body><nav><a href='/'>Home</a><a href='/n'>News</a></nav><article><h1>Quay</h1>"
                     "<p>The first line of a long enough paragraph about the quay,<br>and its second line, which "
                     "goes on.<br><br>A second paragraph about the quay and the boats moored there.</p>"
                     "<p>A third paragraph, long enough to be kept by the extraction as article text.</p>"
                     "</article><footer><a href='/a'>About</a><a href='/p'>Privacy</a></footer></body></html>")
    tree = parse(page.html)
    assert [len(p.findall("br")) for p in tree.iter("p")] == [1, 0, 0]


def test_byline_opening_with_its_date() -> None:
    """`2025年3月19日 14時05分　文：佐藤美咲`: the whole line was taken for the author's name, the page got no
    date, and the line stayed in the body too."""
    doc = read("jp-sakura-sjis.html")
    assert (doc.meta.title, doc.meta.authors, doc.meta.date, doc.meta.lang) == \
        ("東京で桜が開花\u3000平年より5日早く", ("佐藤美咲",), "2025-03-19T14:05", "ja")
    text = m.visible_text(doc)
    assert "文：佐藤美咲" not in text and text.count("気象庁は19日") == 1
    for chrome in ("ログイン", "シェアする", "関連記事", "大阪でも開花間近", "無断転載"):
        assert chrome not in text, chrome
    from convert.dates import split_leading_date

    assert split_leading_date("2025年3月19日 14時05分\u3000文：佐藤美咲") == ("文：佐藤美咲", "2025-03-19T14:05")
    assert split_leading_date("By Jane Ortiz") == ("By Jane Ortiz", "")


def test_windows_1252_page_whose_title_differs_from_its_headline() -> None:
    doc = read("cafe-fees-1252.html")
    assert (doc.meta.title, doc.meta.authors, doc.meta.date) == \
        ("Café owners win fight over sidewalk seating fees", ("Renée O’Brien",), "2025-03-04")
    text = m.visible_text(doc)
    assert "“We’re relieved,” said Zoë Müller" in text and "€400 to €200" in text and "voted 5–2" in text
    assert "Most read" not in text and "Privacy" not in text and "Council approves budget" not in text


def test_amp_page_keeps_its_pictures() -> None:
    """An AMP page sets its pictures as `<amp-img>`: the lead picture was dropped with the page's scripts."""
    doc = read("amp-page.html")
    assert (doc.meta.title, doc.meta.authors, doc.meta.source_site) == \
        ("Ferry fares frozen for 2025", ("Liam Byrne",), "Island Post")
    assert [(f.src, f.alt) for f in doc.figures] == \
        [("https://islandpost.example/img/ferry.jpg", "The morning ferry leaving the harbour")]
    text = m.visible_text(doc)
    assert "Privacy" not in text and "By Liam Byrne" not in text and text.count("The ferry operator") == 1


def test_time_shown_under_the_headline_inside_the_article() -> None:
    """`2025-06-02 18:30　来源：滨海日报　作者：王𠮷` under the headline, inside the article's own element: the
    time was looked for above the article only, and the date came without it (a GB18030 page declared in
    its meta tag alone, with a character beyond the BMP in the author's name)."""
    doc = read("cn-rail-gb18030.html")
    assert (doc.meta.title, doc.meta.authors, doc.meta.date, doc.meta.source_site) == \
        ("端午假期全国铁路发送旅客创新高", ("王𠮷",), "2025-06-02T18:30", "滨海日报")
    assert "“𠮷野家”" in m.visible_text(doc) and "分享到" not in m.visible_text(doc)


def test_medium_like_page() -> None:
    doc = read("medium-like.html")
    text = m.visible_text(doc)
    assert (doc.meta.title, doc.meta.authors) == ("What the tide gauges told us", ("Ana Ruiz",))
    for chrome in ("Sign in", "min read", "Listen", "1.2K", "More from", "Recommended from", "Help"):
        assert chrome not in text, chrome
    assert [m.plain_text(f.caption) for f in doc.figures] == ["The gauge at Port Ellis."]


def test_clean_fragment_is_still_not_a_whole_page() -> None:
    """The class-named chrome counts outside an article only: an article's own `class="author"` or a
    `menu` inside it does not make a fragment a page."""
    tree = parse("<html><body><article><div class='menu'>Jump to</div><p class='footer-note'>A note</p>"
                 "<p>Text of the article.</p></article></body></html>")
    assert not is_whole_page(tree)


# ---------------------------------------------------------------- Markdown


def test_front_matter_title_given_as_a_list() -> None:
    """`title: [Storm closes ports, "Ferries cancelled"]`: the front matter's title was dropped (a list is
    no string) and the first heading taken instead."""
    doc = read("wire-markdown.md")
    assert (doc.meta.title, doc.meta.subtitle, doc.meta.authors, doc.meta.date) == \
        ("Storm closes ports", "Ferries cancelled", ("Maria Lopez", "Kenji Watanabe"), "2025-03-12")
    assert blocks(doc)[0] == ("Heading", "Storm surge expected")  # the first heading stays the body's


def test_raw_html_scripts_and_comments_never_reach_the_text() -> None:
    doc = read("wire-markdown.md")
    text = m.visible_text(doc)
    assert "LEAKED-SCRIPT" not in text and "555-0199" not in text and "evil.example" not in text
    assert "A boxed note from the CMS." in text
    assert "👩\u200d👩\u200d👧\u200d👦" in text and "🏳️\u200d🌈" in text  # ZWJ sequences kept whole


def test_definition_list_is_a_glossary_not_headings_and_quotes() -> None:
    """A term on its own bold line was made a section heading (bold lines are headings) and its definition
    a block quote: the PDF's bookmarks listed `Surge` and `Set-up` as sections."""
    doc = read("wire-markdown.md")
    assert ("Paragraph", "Surge: Water pushed ashore by the wind.") in blocks(doc)
    assert ("Paragraph", "Set-up: The rise of mean water level by breaking waves.") in blocks(doc)
    headings = [text for kind, text in blocks(doc) if kind == "Heading"]
    assert headings == ["Storm surge expected", "What changes"]
    term = next(b for b in doc.body if isinstance(b, m.Paragraph) and m.plain_text(b.content).startswith("Surge"))
    assert isinstance(term.content[0], m.Strong) and m.plain_text(term.content[0].content) == "Surge"
    glossary = convert.read_text("Term:\n:   Said once.\n\nOther\n:   First.\n\n    Second.\n")
    assert [m.plain_text(b.content) for b in glossary.document.blocks] == ["Term: Said once.", "Other: First.", "Second."]


# ---------------------------------------------------------------- text the browsers and Pango break


def test_thai_is_left_to_its_line_breaker_and_no_cut_splits_a_character() -> None:
    """Thai has no spaces between words: a sentence was taken for a 'long unbroken run' (a hostile word)
    and given a break every 20 characters, some before a tone mark (`น<wbr />้ำ`), which the PDF then drew
    on a dotted circle, detached from its letter."""
    from convert.writers.html import breakable

    sentence = "ผู้ว่าราชการกรุงเทพมหานครกล่าวว่าสำนักการระบายน้ำได้เร่งสูบน้ำออกจากพื้นที่ลุ่มต่ำตลอดทั้งคืน"
    assert breakable(sentence) == sentence
    html = convert.convert(UNSEEN / "th-bangkok-flood.md", to="html", offline=True)
    assert b"<wbr" not in html  # type: ignore[operator]
    # a hostile run of other letters is still cut, but never before a combining mark or inside an emoji
    for run in ("n\u0303" * 40, "\U0001f469\u200d\U0001f467" * 20, "\U0001f44d\U0001f3fd" * 30, "क्षि" * 20):
        pieces = breakable(run).split("<wbr />")
        assert len(pieces) > 1 and "".join(pieces) == run
        for piece in pieces:
            assert not unicodedata.category(piece[0]).startswith("M") and piece[0] != "\u200d", piece
            assert piece[-1] != "\u200d" and not "\U0001f3fb" <= piece[0] <= "\U0001f3ff", piece


# ---------------------------------------------------------------- other languages


@pytest.mark.parametrize("name, lang, line, label", [
    ("fa-tehran-metro.md", "fa", "نویسنده: مریم احمدی", "شکل 1"),
    ("hi-monsoon.md", "hi", "लेखक: राहुल शर्मा, प्रिया वर्मा · 29 जून 2025", "चित्र 1"),
    ("ru-el-mixed.md", "ru", "Автор: Анна Петрова · 2 апреля 2025", ""),
])
def test_persian_hindi_and_russian_are_worded_in_their_languages(name: str, lang: str, line: str, label: str) -> None:
    """They had English words (`By …`, `29 June 2025`, `Figure 1`, `Page 1 of 1`), and a Persian article's
    own `نویسنده: …` line was left in its body instead of read as its byline."""
    doc = read(name)
    assert doc.meta.lang == lang and doc.meta.authors
    assert not any(m.plain_text(getattr(b, "content", ())).startswith("نویسنده") for b in doc.body)
    html = convert.convert(UNSEEN / name, to="html", offline=True).decode()  # type: ignore[union-attr]
    shown = " ".join(re.sub(r"<[^>]+>", " ", html[html.index("<body"):]).split())
    assert line in shown and label in shown
    for english in ("By ", "Figure", "June", "April"):
        assert english not in shown, english


def test_russian_pdf_pages_are_numbered_in_russian(tmp_path: Path) -> None:
    pdf = tmp_path / "ru.pdf"
    pdf.write_bytes(convert.convert(UNSEEN / "ru-el-mixed.md", to="pdf", offline=True))  # type: ignore[arg-type]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Страница 1 из 1" in text and "Автор: Анна Петрова" in text


@pytest.mark.parametrize("name, body, heading", [
    ("th-bangkok-flood.md", "Noto-Serif-Thai", "Noto-Sans-Thai-Bold"),
    ("hi-monsoon.md", "Noto-Serif-Devanagari", "Noto-Sans-Devanagari-Bold"),
])
def test_thai_and_hindi_are_set_in_their_own_faces_at_the_themes_line_height(tmp_path: Path, name: str, body: str,
                                                                             heading: str) -> None:
    """The stacks named no Thai or Devanagari face: fontconfig set both in Noto Sans, in the serif body
    too. Named after the Latin face, their taller letters opened the PDF's lines to 1.88 and 1.91 (the
    theme's is 1.75): like Arabic, an article in these scripts puts its script's face first, in every
    edition (the DOCX names it as Word's complex-script face)."""
    from convert.checks.readback.pdf import read_pdf
    from convert.theme import load_theme

    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(convert.convert(UNSEEN / name, to="pdf", offline=True))  # type: ignore[arg-type]
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    faces = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]}
    assert body in faces and heading in faces, faces
    assert not any(face in faces for face in ("Noto-Sans-Thai", "Noto-Sans-Devanagari", "DejaVuSans"))
    theme = load_theme("default")
    doc = read(name)
    reading = read_pdf(pdf.read_bytes(), doc, theme.stack("body", doc.meta.lang))
    assert reading.line_height == pytest.approx(theme.text.line_height, abs=0.05)
    docx = zipfile.ZipFile(io.BytesIO(convert.convert(UNSEEN / name, to="docx", offline=True))).read("word/styles.xml")
    assert f'w:cs="{body.replace("-", " ")}"'.encode() in docx


# ---------------------------------------------------------------- a Word document from the desk


def test_docx_with_tracked_changes_comments_notes_table_and_picture() -> None:
    doc = read("water-rates.docx")
    text = m.visible_text(doc)
    assert (doc.meta.title, doc.meta.authors) == ("Water rates to rise 8 percent", ("Priya Nair",))
    assert "Work starts in May." in text  # an insertion is accepted
    assert "DELETED-DRAFT-SENTENCE" not in text and "divorce" not in text  # a deletion is gone
    assert "EDITOR-COMMENT" not in text and "clerk" not in text  # a comment is no text
    assert [m.plain_text(f.caption) for f in doc.figures] == ["Reservoir levels in March"]
    assert len(doc.footnotes) == 1 and sum(isinstance(b, m.Table) for b in doc.body) == 1


# ---------------------------------------------------------------- every edition, validated


NAMES = ("jsonld-only.html", "kr-nightbus-euckr.html", "jp-sakura-sjis.html", "wire-markdown.md",
         "th-bangkok-flood.md", "water-rates.docx", "fa-tehran-metro.md")
EDITIONS = [("pdf", "print"), ("epub", "horizontal"), ("docx", "horizontal")]


@functools.lru_cache(maxsize=None)
def built(name: str, fmt: str, edition: str = "horizontal") -> bytes:
    return convert.convert(UNSEEN / name, to=fmt, offline=True)  # type: ignore[return-value]


def test_every_edition_is_valid(tmp_path: Path) -> None:
    assert invalid_editions(every_edition(tmp_path, NAMES, EDITIONS, built)) == {}
