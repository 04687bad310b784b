"""A sixth round of inputs nothing before had (`tests/data/unseen6/`), and what probe 5 left: a
`一、二、三、` list, a chart's credit (`制图：`), a tracking pixel among the photos, an article that is one
line or a table only.

What they showed was wrong is tested at the step that now reads it right."""
from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

from PIL import Image as PILImage

import convert
from convert import model as m
from convert.errors import collect_warnings

from conftest import ROOT

UNSEEN = ROOT / "tests" / "data" / "unseen6"


def _picture(path: Path, size: tuple[int, int], colour: str = "steelblue") -> None:
    PILImage.new("RGB", size, colour).save(path)


def _pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


# ---------------------------------------------------------------- pictures that show nothing


def _tracked(tmp_path: Path) -> Path:
    _picture(tmp_path / "photo.jpg", (400, 300))
    _picture(tmp_path / "pixel.png", (1, 1), "white")
    _picture(tmp_path / "spacer.gif", (600, 1), "white")
    article = tmp_path / "tracked.md"
    article.write_text("# 新区公园开放\n\n![游客在湖边散步](photo.jpg)\n\n![](pixel.png)\n\n![跟踪](spacer.gif)\n\n"
                       "公园面积约120公顷。![](pixel.png)\n\n![夜景灯光](photo.jpg)\n", encoding="utf-8")
    return article


def test_a_tracking_pixel_is_no_figure(tmp_path: Path) -> None:
    """A web page's 1×1 tracking pixel and a 600×1 spacer were numbered figures over nothing (`图 2`,
    `图 3`), and the photo after them `图 4`."""
    article = _tracked(tmp_path)
    with collect_warnings() as warnings:
        pdf = convert.convert(article, to="pdf", offline=True)
    assert re.findall(r"^图\s*(\d)", _pdf_text(pdf), re.M) == ["1", "2"]
    assert sum("tracking pixel" in w for w in warnings) == 2  # said once per picture
    with zipfile.ZipFile(io.BytesIO(convert.convert(article, to="docx", offline=True))) as word:  # type: ignore[arg-type]
        body = word.read("word/document.xml").decode()
    assert body.count("<pic:pic") == 2
    assert re.findall(r"SEQ 图[^<]*</w:instrText>.*?<w:t[^>]*>(\d+)</w:t>", body, re.S) == ["1", "2"]
    with zipfile.ZipFile(io.BytesIO(convert.convert(article, to="epub", offline=True))) as book:  # type: ignore[arg-type]
        text = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert re.findall(r'<figure id="(fig-\d)"', text) == ["fig-1", "fig-2"] and text.count("<img") == 2


# ---------------------------------------------------------------- a chart's credit


def test_a_charts_maker_is_its_credit(tmp_path: Path) -> None:
    """`（制图：张三）` stayed in the caption, and `制图/王五` lost `制` to a credit `图/王五` (`王五`, shown
    as `摄影：王五`): a chart is drawn, not photographed; its credit keeps its own role."""
    _picture(tmp_path / "chart.png", (600, 400))
    article = tmp_path / "charts.md"
    article.write_text("# 今冬供暖面积再扩大\n\n全市供暖面积达到3.2亿平方米。\n\n![供暖示意图（制图：张三）](chart.png)\n\n"
                       "![全市管网分布 制图/王五](chart.png)\n\n![各区供暖面积](chart.png)\n\n（新华社发 王琪 制图）\n\n"
                       "![面積](chart.png)\n\n製圖：陳大文\n\n![港口夜景（新华社记者 李明 摄）](chart.png)\n", encoding="utf-8")
    doc = convert.read(str(article))
    assert [(m.plain_text(f.caption), f.credit) for f in doc.figures] == [
        ("供暖示意图", "制图：张三"), ("全市管网分布", "制图：王五"), ("各区供暖面积", "制图：新华社发 王琪"),
        ("面積", "製圖：陳大文"), ("港口夜景", "新华社记者 李明")]
    text = _pdf_text(convert.convert(article, to="pdf", offline=True))  # type: ignore[arg-type]
    assert "制图：张三" in text and "摄影：新华社记者 李明" in text and "摄影：制图" not in text
    assert "制图：新华社发 王琪" in text and "摄影：张三" not in text


# ---------------------------------------------------------------- an article with no headline


def test_a_chinese_article_without_a_headline_is_titled_by_its_first_sentence(tmp_path: Path) -> None:
    """A one-line notice or a table alone was titled after its file name: `News 0412`, `Table`, an
    English name on a Chinese article's cover, contents and running header."""
    cases = {
        "news-0412.md": ("今天上午，市气象台发布暴雨橙色预警信号，预计未来三小时全市大部分地区将出现50毫米以上降水，"
                         "请市民注意防范。\n", "今天上午，市气象台发布暴雨橙色预警信号"),
        "tz.md": ("明日停水。\n", "明日停水"),
        "table.md": ("| 城市 | GDP（亿元） | 增速 |\n|---|---|---|\n| 北京 | 43760 | 5.2% |\n", "城市、GDP（亿元）、增速"),
        "市政府通知.md": ("明日停水。\n", "市政府通知"),  # a Chinese file name is the writer's own title
    }
    for name, (text, title) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        doc = convert.read(str(tmp_path / name))
        assert doc.meta.title == title, name
        assert len(doc.body) == 1, name  # the sentence, or the table, stays in the body
    english = tmp_path / "storm.md"
    english.write_text("Schools were closed on Friday as a storm brought heavy snow.\n", encoding="utf-8")
    assert convert.read(str(english)).meta.title == "Storm"
