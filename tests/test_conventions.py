"""News-article conventions on the user's seed and the team's samples."""
from __future__ import annotations

from pathlib import Path

import convert
from convert import model as m
from convert.enrich.conventions import is_junk_alt, iso_date

from conftest import SEEDS


def test_user_seed_model(user_seed: Path) -> None:
    doc = convert.read(str(user_seed))
    meta = doc.meta
    assert meta.title == "马上消费上榜“2023年中国互联网综合实力前百家企业”"
    assert meta.editor == "许楠楠"
    assert meta.date == "2023-10-30T10:57"
    assert meta.source_url == "https://finance.caijing.com.cn/20231030/4968026.shtml"
    assert meta.lang == "zh-CN"
    figures = doc.figures
    assert [f.number for f in figures] == [1]
    assert m.plain_text(figures[0].caption) == "马上消费上榜“2023年中国互联网综合实力前百家企业”"
    headings = [m.plain_text(b.content) for b in doc.blocks if isinstance(b, m.Heading)]
    assert headings == ["自研大模型，释放数据价值", "聚焦数字化建设，做科技创新实践者"]
    notices = [b for b in doc.blocks if isinstance(b, m.Notice)]
    assert len(notices) == 1 and "本文系企业供稿" in m.plain_text(notices[0].content)
    text = m.visible_text(doc)
    assert "1698661773964" not in text
    assert "编辑：许楠楠" not in text and "(编辑：许楠楠)" not in text  # byline and closing line left the body
    assert "关键字" not in text
    assert meta.keywords == ()
    # the caption line was consumed, not left as a paragraph
    assert "（图：" not in text


def test_chinese_sample_conventions() -> None:
    doc = convert.read(str(SEEDS / "zh-news-harbor" / "article.md"))
    assert doc.meta.editor == "王晓明" and doc.meta.keywords == ("港口", "绿色航运", "岸电")
    assert doc.meta.date.startswith("2024-11-18T")
    assert [f.number for f in doc.figures] == [1, 2]
    assert all(m.plain_text(f.caption) and not is_junk_alt(m.plain_text(f.caption)) for f in doc.figures)
    assert not any("logo" in f.src for f in doc.figures)  # trailing site logo is decoration
    assert sum(isinstance(b, m.Heading) for b in doc.blocks) >= 2
    assert any(isinstance(b, m.Notice) for b in doc.blocks)


def test_front_matter_wins_and_english_caption_line() -> None:
    doc = convert.read(str(SEEDS / "en-budget-report" / "article.md"))
    assert doc.meta.lang == "en" and len(doc.meta.authors) == 2
    assert doc.meta.keywords and doc.meta.description
    figure = doc.figures[0]
    caption = m.plain_text(figure.caption)
    assert caption and not caption.startswith(("(", "Photo:"))
    assert len(doc.footnotes) >= 3
    assert any(isinstance(b, m.Table) and b.header and b.caption for b in doc.blocks)


def test_mixed_sample_author_and_bare_caption_line() -> None:
    doc = convert.read(str(SEEDS / "mixed-dev-notes" / "article.md"))
    assert doc.meta.authors and all("（" not in a or "）" in a for a in doc.meta.authors)
    assert doc.meta.lang == "zh-CN"
    assert m.plain_text(doc.figures[0].caption)
    assert any(isinstance(b, m.CodeBlock) for b in doc.blocks)


def test_front_matter_can_turn_conventions_off(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Given\narticle-conventions: false\n---\n\n**编辑：某人**\n\n正文。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.title == "Given" and doc.meta.editor == ""
    assert "编辑：某人" in m.visible_text(doc)


def test_front_matter_wins_over_inferred_values(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: 前言标题\neditor: 甲\ndate: 2024-01-02\n---\n\n# 正文标题\n\n**编辑：乙**\n\n"
                    "**2023-10-30 10:57**\n\n正文第一段。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert (doc.meta.title, doc.meta.editor, doc.meta.date) == ("前言标题", "甲", "2024-01-02")
    assert "编辑：乙" not in m.visible_text(doc)


def test_byline_variants(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# T\n\n记者：王晓明 李华\n\n来源：新华网\n\n2024年3月5日 08:30\n\n正文。\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == ("王晓明", "李华")
    assert doc.meta.source_site == "新华网" and doc.meta.date == "2024-03-05T08:30"
    path.write_text("# Title\n\nBy Ann Lee and Bob Ray\n\nhttps://example.org/story\n\nBody text here.\n", encoding="utf-8")
    doc = convert.read(str(path))
    assert doc.meta.authors == ("Ann Lee", "Bob Ray") and doc.meta.source_url == "https://example.org/story"
    assert doc.meta.lang == "en"


def test_caption_line_variants(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    body = "# 标题\n\n正文。\n\n![123456](a.png)\n\n（图：甲）\n\n![IMG_2041.jpg](b.png)\n\n(图：乙)\n\n" \
           "![](c.png)\n\n图：丙\n\n![d](d.png)\n\n(Photo: Reuters)\n\n结尾。\n"
    path.write_text(body, encoding="utf-8")
    doc = convert.read(str(path))
    assert [m.plain_text(f.caption) for f in doc.figures] == ["甲", "乙", "丙", "Reuters"]
    assert [f.number for f in doc.figures] == [1, 2, 3, 4]


def test_junk_alt_text() -> None:
    for junk in ("1698661773964", "IMG_2041.JPG", "d41d8cd98f00b204e9800998ecf8427e", "image", "图片1"):
        assert is_junk_alt(junk), junk
    for real in ("港口夜景", "A bus at dusk"):
        assert not is_junk_alt(real), real


def test_iso_dates() -> None:
    assert iso_date("2023-10-30 10:57") == "2023-10-30T10:57"
    assert iso_date("2023/1/5") == "2023-01-05"
    assert iso_date("2023年10月30日") == "2023-10-30"
    assert iso_date("发布时间：2023-10-30 10:57:08") == "2023-10-30T10:57:08"
    assert iso_date("2023-13-40") == ""
    assert iso_date("not a date") == ""


def test_lead_sentences_that_start_like_bylines_stay_in_the_body(tmp_path: Path) -> None:
    """`编辑部…`, `Editorial…` and `By Tuesday, …` begin sentences; only a separator or capitalised names make a byline."""
    path = tmp_path / "a.md"
    for lead in ("编辑部认为，这是一个好消息。", "Editorial boards agree on little.", "By Tuesday, all flights had resumed."):
        path.write_text(f"# T\n\n{lead}\n\nBody text.\n", encoding="utf-8")
        doc = convert.read(str(path))
        assert (doc.meta.editor, doc.meta.authors) == ("", ()), lead
        assert lead in m.visible_text(doc)
    for line, editor in (("编辑 张三", "张三"), ("编辑张三", "张三"), ("Edited by John Smith", "John Smith")):
        path.write_text(f"# T\n\n{line}\n\nBody text.\n", encoding="utf-8")
        assert convert.read(str(path)).meta.editor == editor, line
    path.write_text("# T\n\nBy Ludwig van Beethoven\n\nBody text.\n", encoding="utf-8")
    assert convert.read(str(path)).meta.authors == ("Ludwig van Beethoven",)
