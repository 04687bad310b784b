"""Shapes of pasted Chinese news copy read into their places: a wire caption (ending in its credit) under a
picture whose alt text already made a caption, the line naming the paper and the day a reprint appeared, the
Central News Agency's closing line, Xinhua's feature dateline, magazines' barred byline fields, caption lines that
point at their picture (`▲`), bracketed section labels (`【记者观察】`), and a table's numbered caption over it and
its notes under it."""
from __future__ import annotations

from pathlib import Path

import pytest

from convert import model as m
from convert.builder.single import load


def _load(tmp_path: Path, text: str) -> m.Document:
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    return load(path)[1]


def test_wire_caption_under_a_picture_outranks_its_alt_text(tmp_path: Path) -> None:
    doc = _load(tmp_path, "# 外贸数据\n\n海关总署25日发布数据。\n\n![海关工作人员查验进口货物。](pic.png)\n\n"
                          "图为海关工作人员在青岛港查验进口货物。新华社记者 李紫恒 摄\n\n民营企业进出口增长。\n")
    figure = next(b for b in doc.body if isinstance(b, m.Figure))
    assert m.plain_text(figure.caption) == "图为海关工作人员在青岛港查验进口货物。"
    assert figure.credit == "新华社记者 李紫恒"
    assert not any("李紫恒" in m.plain_text(m.block_inlines(b)) for b in doc.body if isinstance(b, m.Paragraph))


def test_a_paragraph_under_a_picture_without_a_credit_stays_text(tmp_path: Path) -> None:
    doc = _load(tmp_path, "# 外贸数据\n\n![青岛港](pic.png)\n\n海关工作人员在青岛港查验进口货物。\n")
    figure = next(b for b in doc.body if isinstance(b, m.Figure))
    assert m.plain_text(figure.caption) == "青岛港"
    assert m.plain_text(m.block_inlines(doc.body[-1])) == "海关工作人员在青岛港查验进口货物。"


@pytest.mark.parametrize("line", ["《 人民日报 》（ 2024年11月26日 第 01 版）", "《人民日报》（2024年11月26日第1版）",
                                  "来源：《人民日报》（2024年11月26日）", "《人民日报》（2024年11月26日　01版）"])
def test_printed_in_line_gives_the_paper_and_the_day(tmp_path: Path, line: str) -> None:
    doc = _load(tmp_path, f"# 外贸数据\n\n海关总署25日发布数据。\n\n民营企业进出口增长。\n\n{line}\n")
    assert doc.meta.source_site == "人民日报" and doc.meta.date == "2024-11-26"
    assert "人民日报" not in m.visible_text(m.Document(blocks=doc.body))


def test_a_book_title_in_brackets_closing_the_text_stays(tmp_path: Path) -> None:
    doc = _load(tmp_path, "# 书评\n\n这部小说值得一读。\n\n《长日将尽》（石黑一雄著）\n")
    assert doc.meta.source_site == ""
    assert "长日将尽" in m.plain_text(m.block_inlines(doc.body[-1]))


def test_cna_closing_editor_line_with_its_minguo_day(tmp_path: Path) -> None:
    doc = _load(tmp_path, "# 立法院三讀通過\n\n（中央社記者陳家倫台北26日電）立法院今天三讀通過相關條例。\n\n"
                          "行政院表示將於3個月內施行。\n\n（編輯：張均懋）1131126\n")
    assert doc.meta.editor == "張均懋" and doc.meta.date == "2024-11-26"
    assert "1131126" not in m.visible_text(m.Document(blocks=doc.body))


def test_a_closing_editor_line_with_another_number_stays(tmp_path: Path) -> None:
    doc = _load(tmp_path, "# 立法院三讀通過\n\n立法院今天三讀通過相關條例。\n\n（編輯：張均懋）1139999\n")
    assert "1139999" in m.visible_text(m.Document(blocks=doc.body))


def test_xinhua_feature_dateline_with_its_title(tmp_path: Path) -> None:
    doc = _load(tmp_path, "# 科技小院扎根田间地头\n\n新华社北京11月26日电 题：科技小院扎根田间地头\n\n"
                          "新华社记者 王五 李六\n\n初冬时节，走进河北曲周县的科技小院。\n")
    assert doc.meta.dateline == "新华社北京11月26日电" and doc.meta.place == "北京"
    assert doc.meta.authors == ("王五", "李六")
    assert m.plain_text(m.block_inlines(doc.body[0])) == "初冬时节，走进河北曲周县的科技小院。"


def test_magazine_bars_and_an_outlets_editor(tmp_path: Path) -> None:
    doc = _load(tmp_path, "# 一家县城咖啡馆的生意经\n\n文｜王小二\n\n界面新闻编辑 | 李四\n\n来源｜36氪（ID：wow36kr）\n\n"
                          "封面来源｜IC photo\n\n在县城开咖啡馆，曾被认为是一门生意。\n")
    assert doc.meta.authors == ("王小二",) and doc.meta.editor == "李四" and doc.meta.source_site == "36氪"
    assert [m.plain_text(m.block_inlines(b)) for b in doc.body] == ["在县城开咖啡馆，曾被认为是一门生意。"]


@pytest.mark.parametrize("line", ["编辑部认为这是好事。", "新闻编辑室的故事", "题图背后的故事很长"])
def test_sentences_that_start_like_labels_stay(tmp_path: Path, line: str) -> None:
    doc = _load(tmp_path, f"# 标题\n\n{line}\n\n正文第二段。\n")
    assert m.plain_text(m.block_inlines(doc.body[0])) == line


@pytest.mark.parametrize("mark", ["▲", "↑", "△ "])
def test_a_line_pointing_at_the_picture_is_its_caption(tmp_path: Path, mark: str) -> None:
    doc = _load(tmp_path, f"# 青岛港\n\n![](pic.png)\n\n{mark}11月25日，青岛港前湾集装箱码头一派繁忙。\n\n前10个月，吞吐量增长。\n")
    figure = next(b for b in doc.body if isinstance(b, m.Figure))
    assert m.plain_text(figure.caption) == "11月25日，青岛港前湾集装箱码头一派繁忙。"
    assert len(doc.body) == 2


def test_a_pointer_line_away_from_a_picture_stays_text(tmp_path: Path) -> None:
    doc = _load(tmp_path, "# 青岛港\n\n前10个月，吞吐量增长。\n\n▲ 航线网络持续加密\n")
    assert m.plain_text(m.block_inlines(doc.body[-1])) == "▲ 航线网络持续加密"


def test_a_bracketed_label_alone_is_a_section_title(tmp_path: Path) -> None:
    doc = _load(tmp_path, "# 青岛港\n\n前10个月，吞吐量增长。\n\n【记者观察】\n\n港口服务不断优化。\n\n【完】\n")
    assert isinstance(doc.body[1], m.Heading) and m.plain_text(doc.body[1].content) == "【记者观察】"
    assert not any("【完】" in m.plain_text(m.block_inlines(b)) for b in doc.body)


def test_a_bracketed_sentence_or_button_is_no_section_title(tmp_path: Path) -> None:
    doc = _load(tmp_path, "# 青岛港\n\n前10个月，吞吐量增长。\n\n【港口服务不断优化，效率提升。】\n\n更多内容。\n")
    assert not any(isinstance(b, m.Heading) for b in doc.body)


TABLE = "| 省份 | GDP（亿元） |\n|---|---:|\n| 广东 | 102,316 |\n| 江苏 | 99,938 |\n"


@pytest.mark.parametrize("line", ["表1　主要省份GDP", "表 1：主要省份GDP", "表一 主要省份GDP", "Table 1. 主要省份GDP"])
def test_a_numbered_line_over_a_table_is_its_caption(tmp_path: Path, line: str) -> None:
    doc = _load(tmp_path, f"# 前三季度GDP\n\n国家统计局公布数据。\n\n{line}\n\n{TABLE}\n后文。\n")
    table = next(b for b in doc.body if isinstance(b, m.Table))
    assert m.plain_text(table.caption) == "主要省份GDP" and table.number == 1
    assert "表1" not in m.visible_text(m.Document(blocks=doc.body)).replace(" ", "")


@pytest.mark.parametrize("over, under", [("表：主要省份GDP", ""), ("", "表：主要省份GDP"), ("", "（表：主要省份GDP）"),
                                         ("", "表2　主要省份GDP"), ("表1　主要省份GDP", "表：另一行说明")])
def test_a_caption_line_beside_a_table_is_its_caption(tmp_path: Path, over: str, under: str) -> None:
    """Scraped news gives a table its caption unnumbered (`表：…`), and often under it; one over it wins."""
    doc = _load(tmp_path, f"# 前三季度GDP\n\n国家统计局公布数据。\n\n{over}\n\n{TABLE}\n{under}\n\n后文。\n")
    table = next(b for b in doc.body if isinstance(b, m.Table))
    assert m.plain_text(table.caption) == "主要省份GDP" and table.number == 1
    shown = m.visible_text(m.Document(blocks=doc.body))
    assert "表：主要" not in shown and "表2" not in shown
    assert ("表：另一行说明" in shown) == (under == "表：另一行说明")  # a table has one caption


def test_a_sentence_after_a_table_is_no_caption(tmp_path: Path) -> None:
    doc = _load(tmp_path, f"# 前三季度GDP\n\n{TABLE}\n表现最好的是广东。\n")
    table = next(b for b in doc.body if isinstance(b, m.Table))
    assert not table.caption and "表现最好的是广东。" in m.visible_text(m.Document(blocks=doc.body))


def test_notes_and_source_under_a_table_are_its_notes(tmp_path: Path) -> None:
    doc = _load(tmp_path, f"# 前三季度GDP\n\n注：这一段不在表格下。\n\n{TABLE}\n注：增速按不变价格计算。\n\n"
                          "数据来源：国家统计局\n\n后文说明了原因。\n")
    roles = [(b.role, m.plain_text(b.content)[:4]) for b in doc.body if isinstance(b, m.Paragraph)]
    assert roles == [("", "注：这一"), ("table-note", "注：增速"), ("table-note", "数据来源"), ("", "后文说明")]


def test_table_notes_in_every_edition(tmp_path: Path) -> None:
    import zipfile

    from docx import Document as Word

    from convert.builder.single import convert

    source = tmp_path / "article.md"
    source.write_text(f"# 前三季度GDP\n\n国家统计局公布数据。\n\n表1　主要省份GDP\n\n{TABLE}\n注：增速按不变价格计算。\n", encoding="utf-8")
    docx = Path(convert(source, to="docx", output=tmp_path / "a.docx", offline=True))
    styles = {p.text[:4]: p.style.name for p in Word(str(docx)).paragraphs}
    assert styles.get("注：增速") == "Table Note"
    epub = Path(convert(source, to="epub", output=tmp_path / "a.epub", offline=True))
    with zipfile.ZipFile(epub) as book:
        chapter = next(text for name in book.namelist() if name.endswith(".xhtml")
                       and "<table" in (text := book.read(name).decode()))
    assert chapter.index("</table>") < chapter.index('<p class="table-note"') < chapter.index("按不变价格")


def test_a_reporters_line_under_the_lead_is_the_byline(tmp_path: Path) -> None:
    """Hong Kong's papers open with `【明報專訊】…` and name the reporter under that lead."""
    lead = "【明報專訊】港鐵將軍澳綫今早發生信號故障，逾1.2萬名乘客受影響。"
    doc = _load(tmp_path, f"# 港鐵故障\n\n{lead}\n\n記者 陳嘉欣 香港報道\n\n據了解，事發時正值繁忙時間。\n")
    assert (doc.meta.authors, doc.meta.place, doc.meta.reported) == (("陳嘉欣",), "香港", True)
    assert "記者 陳嘉欣" not in m.visible_text(m.Document(blocks=doc.body))
    # not further down (short of the report's end, where it signs it), not when the top named the
    # author, and not a sentence that mentions a reporter
    more = "".join(f"第{n}段，事發時正值繁忙時間。\n\n" for n in range(3))
    later = _load(tmp_path, f"# 港鐵故障\n\n{lead}\n\n據了解，事發時正值繁忙時間。\n\n記者 陳嘉欣 香港報道\n\n{more}")
    assert later.meta.authors == () and "記者 陳嘉欣" in m.visible_text(m.Document(blocks=later.body))
    top = _load(tmp_path, f"# 港鐵故障\n\n記者 李明\n\n{lead}\n\n記者 陳嘉欣 香港報道\n")
    assert top.meta.authors == ("李明",)
    said = _load(tmp_path, f"# 港鐵故障\n\n{lead}\n\n記者向港鐵查詢，港鐵未有回應。\n")
    assert said.meta.authors == ()
