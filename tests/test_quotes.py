"""Quotation marks in Chinese text paired as opening and closing, set as the theme asks per script;
Latin text, apostrophes and code left as they are."""
from __future__ import annotations

from pathlib import Path

import pytest

import convert
from convert import model as m
from convert.enrich.quotes import pair_quotes, quote_style_for, requote
from convert.theme import load_theme


@pytest.mark.parametrize("text, curly, corner", [
    # the case, as typed and as pandoc's smart quotes leave it (either side twice)
    ('狂奔的龙湖集团"暗伤"曝露', "狂奔的龙湖集团“暗伤”曝露", "狂奔的龙湖集团「暗伤」曝露"),
    ("狂奔的龙湖集团”暗伤”曝露", "狂奔的龙湖集团“暗伤”曝露", "狂奔的龙湖集团「暗伤」曝露"),
    ("狂奔的龙湖集团“暗伤“曝露", "狂奔的龙湖集团“暗伤”曝露", "狂奔的龙湖集团「暗伤」曝露"),
    # nested, and the sentence's end inside the quote
    ("他说：\"我们'明天'再来。\"然后走了", "他说：“我们‘明天’再来。”然后走了", "他说：「我们『明天』再来。」然后走了"),
    ('"好。"他说，"走吧。"', "“好。”他说，“走吧。”", "「好。」他说，「走吧。」"),
    # apostrophes of English names inside Chinese text
    ("O'Neill表示\"没问题\"", "O'Neill表示“没问题”", "O'Neill表示「没问题」"),
    ("他说\"Tom's book很好\"", "他说“Tom's book很好”", "他说「Tom's book很好」"),
    # a Latin word quoted in Chinese text, with spaces around
    ('他用了 "smart" 这个词', "他用了 “smart” 这个词", "他用了 「smart」 这个词"),
    # odd counts: an unclosed quote opens (a quotation running on into the next paragraph)
    ('文章"未闭合', "文章“未闭合", "文章「未闭合"),
    ('"多段引文第一段', "“多段引文第一段", "「多段引文第一段"),
    # corner brackets already there are kept and count for nesting
    ('「他說"好"」', "「他說“好”」", "「他說『好』」"),
    # a quoted mark (the quoted text is punctuation itself)
    ("（比如“，”“：”）", "（比如“，”“：”）", "（比如「，」「：」）"),
    # an English quote pandoc paired, ending before Han text
    ("而 He said “yes” 仍是英文", "而 He said “yes” 仍是英文", "而 He said “yes” 仍是英文"),
    # English stays English
    ('He said "hi" and left', 'He said "hi" and left', 'He said "hi" and left'),
    ("It’s “fine”, she said.", "It’s “fine”, she said.", "It’s “fine”, she said."),
])
def test_requote(text: str, curly: str, corner: str) -> None:
    assert requote([text])[0] == curly
    assert requote([text], "corner")[0] == corner


@pytest.mark.parametrize("text, by_kind", [
    ("他说：\"我们'明天'再来。\"然后走了", "他说：『我们「明天」再来。』然后走了"),
    ("狂奔的龙湖集团“暗伤”曝露", "狂奔的龙湖集团『暗伤』曝露"),
    ("而 He said “yes” 仍是英文", "而 He said “yes” 仍是英文"),
])
def test_vertical_text_on_the_mainland_sets_quotes_as_corner_brackets_by_kind(text: str, by_kind: str) -> None:
    """GB/T 15834-2011 for vertical text: double quotes become 『』, single ones 「」 (not by nesting
    level, as Taiwan's 「」 outside, 『』 inside)."""
    assert requote([text], "corner-by-kind")[0] == by_kind


def test_quotes_spanning_emphasis_and_code(tmp_path: Path) -> None:
    source = tmp_path / "article.md"
    source.write_text('# 龙湖集团"暗伤"曝露\n\n市场人士称"**暗伤**"已现，代码 `print("x")` 不变，'
                      '而 He said "yes" 仍是英文。\n\n![图](x.png "港口\\"夜景\\"")\n', encoding="utf-8")
    doc = convert.read(str(source))
    assert doc.meta.lang == "zh-CN"
    assert doc.meta.title == "龙湖集团“暗伤”曝露"
    paragraph = next(b for b in doc.blocks if isinstance(b, m.Paragraph))
    text = m.plain_text(paragraph.content)
    assert "市场人士称“暗伤”已现" in text
    assert 'print("x")' in text  # code untouched
    assert "He said “yes”" in text  # pandoc's English quotes stand
    strong = next(i for i in paragraph.content if isinstance(i, m.Strong))
    assert m.plain_text(strong.content) == "暗伤"  # the marks stay outside the emphasis


def test_traditional_article_takes_corner_brackets() -> None:
    theme = load_theme("default")
    marks = theme.quotation_marks
    assert quote_style_for("zh-TW", marks.hans, marks.hant) == "corner"
    assert quote_style_for("zh-CN", marks.hans, marks.hant) == "curly"
    doc = convert.read("seeds/zh-hant-metro/article.md")
    assert doc.meta.title.startswith("北捷環狀線「第二階段」動工")
    assert "真正『轉起來』。」" in m.visible_text(doc)
    heading = [m.plain_text(b.content) for b in doc.blocks if isinstance(b, m.Heading)]
    assert "沿線居民：「期待，但也擔心」" in heading


def test_theme_may_keep_curly_marks_for_traditional(tmp_path: Path) -> None:
    own = tmp_path / "curly.toml"
    own.write_text('name = "curly"\nextends = "default"\n[quotation_marks]\nhant = "curly"\n', encoding="utf-8")
    doc = convert.read("seeds/zh-hant-metro/article.md", theme=str(own))
    assert doc.meta.title.startswith("北捷環狀線“第二階段”動工")
    assert "「我們會把影響降到最低。」" in m.visible_text(doc)  # the text's own corner brackets are kept


def test_captions_credits_and_bylines() -> None:
    doc = m.Document(meta=m.Meta(title='"暗伤"', lang="zh-CN", authors=('王"小"明',)),
                     blocks=(m.Figure("x.png", caption=(m.Text('港口"夜景"'),), alt='港口"夜景"',
                                      credit='新华社"记者"'),))
    paired = pair_quotes(doc)
    figure = paired.blocks[0]
    assert paired.meta.title == "“暗伤”" and paired.meta.authors == ("王“小”明",)
    assert m.plain_text(figure.caption) == "港口“夜景”" and figure.alt == "港口“夜景”"
    assert figure.credit == "新华社“记者”"
