"""A third round of inputs nothing before had (`tests/data/unseen3/`): saved pages of other shapes (a page
whose article is only in its JSON-LD, a Japanese page in Shift_JIS and a Korean one in EUC-KR declared
only in their meta tags, a Windows-1252 page whose `<title>` differs from its `<h1>`, a 404 page with no
article at all), Markdown a wire desk writes (front matter with a list as title, TeX, definition lists,
raw HTML, comments, emoji sequences, nested quotes, a footnote in a table), a 300-row table, hostile
images, and articles in Persian, Thai, Hindi, Vietnamese (decomposed marks), Russian with Greek.

What they showed was wrong is tested at the step that now reads it right."""
from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import pytest

import convert
from convert import model as m
from convert.errors import ConvertError
from convert.readers.web import is_whole_page, read_page
from convert.readers.web.meta import parse

from conftest import ROOT, every_edition, invalid_editions

UNSEEN = ROOT / "tests" / "data" / "unseen3"


def read(name: str) -> m.Document:
    return convert.read(str(UNSEEN / name))


def blocks(doc: m.Document) -> list[tuple[str, str]]:
    return [(type(b).__name__, m.plain_text(getattr(b, "content", ()))) for b in doc.body]


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
        ("東京で桜が開花 平年より5日早く", ("佐藤美咲",), "2025-03-19T14:05", "ja")
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


# ---------------------------------------------------------------- every edition, validated


NAMES = ("jsonld-only.html", "kr-nightbus-euckr.html", "jp-sakura-sjis.html", "wire-markdown.md")
EDITIONS = [("pdf", "print"), ("epub", "horizontal"), ("docx", "horizontal")]


@functools.lru_cache(maxsize=None)
def built(name: str, fmt: str, edition: str = "horizontal") -> bytes:
    return convert.convert(UNSEEN / name, to=fmt, offline=True)  # type: ignore[return-value]


def test_every_edition_is_valid(tmp_path: Path) -> None:
    assert invalid_editions(every_edition(tmp_path, NAMES, EDITIONS, built)) == {}
