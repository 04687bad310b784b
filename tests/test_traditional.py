"""Traditional Chinese: told from its characters, tagged, set in the TC (HK) faces of the theme's families
with Traditional labels in every edition, its news conventions read; `--script` converts between scripts
with Taiwan's and Hong Kong's phrases."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from lxml import etree

import convert
from convert import model as m
from convert.cli import main
from convert.enrich.bylines import byline_fields, lead_dateline
from convert.enrich.captions import split_credit
from convert.errors import UsageError
from convert.scripts import (chinese_tag, detect_region, detect_script, han_script, han_standard,
                             regional_families)
from convert.theme import load_theme
from convert.wording import _WORDS, labels, language_key
from convert.writers.docx.styles import east_asian_lang

from conftest import ROOT

SAMPLE = ROOT / "seeds" / "zh-hant-metro" / "article.md"
HARBOR = ROOT / "seeds" / "zh-news-harbor" / "article.md"

TAIWAN = "臺北市政府捷運工程局今日舉行動土典禮，宣布這條路線預計於2031年全線通車。局長表示，通車後從板橋到士林只需約38分鐘。"
HONG_KONG = "佢哋話今日喺旺角見到好多人，啲記者都嚟咗。政府發言人表示會盡快處理。"
SIMPLIFIED = "东临港集团在港区综合服务中心举行绿色航运发展大会，正式发布三年行动方案。"


# ---------------------------------------------------------------- detection and tags


def test_script_told_from_characters() -> None:
    assert detect_script(TAIWAN) == "hant"
    assert detect_script(HONG_KONG) == "hant"
    assert detect_script(SIMPLIFIED) == "hans"
    assert detect_script("中文") is None  # written alike in both scripts: no evidence
    assert detect_script("Only English here.") is None


@pytest.mark.parametrize("config", ["t2s", "s2t"])
def test_character_tables_convert_every_ideograph_as_the_whole_configuration(config: str) -> None:
    """Script detection loads OpenCC's character tables without the phrase tables (start-up time): for
    a character on its own, every ideograph (BMP, extension A and B) must come out as from the whole one."""
    from convert.scripts import _character_tables, opencc

    ranges = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF))
    chars = "\n".join(chr(c) for low, high in ranges for c in range(low, high + 1))
    assert _character_tables(config) is not opencc(config)  # the lighter converter was built, no fallback
    whole, tables = opencc(config).convert(chars), _character_tables(config).convert(chars)
    assert whole.count("\n") == tables.count("\n") == chars.count("\n")
    differing = [(a, b) for a, b in zip(whole.split("\n"), tables.split("\n")) if a != b]
    assert not differing
    assert whole != chars  # the configuration converts something: the comparison means something


def test_region_told_from_words_and_variants() -> None:
    assert detect_region(TAIWAN) == "TW"
    assert detect_region(HONG_KONG) == "HK"
    assert detect_region("裏面的人着急地說") == "HK"  # Hong Kong's 裏 and 着
    assert detect_region("這是一個中立的句子。") is None


@pytest.mark.parametrize("text, given, host, expected", [
    (TAIWAN, "", "", "zh-TW"),
    (HONG_KONG, "", "", "zh-HK"),
    (SIMPLIFIED, "", "", "zh-CN"),
    (TAIWAN, "zh-CN", "", "zh-TW"),             # a scraped page's wrong tag: the characters win
    (SIMPLIFIED, "zh-TW", "", "zh-CN"),
    (SIMPLIFIED, "zh-SG", "", "zh-SG"),         # a Simplified tag of another region stands
    (SIMPLIFIED, "zh", "", "zh"),
    (TAIWAN, "zh", "", "zh-TW"),
    (TAIWAN, "zh-Hant-TW", "", "zh-Hant-TW"),   # a Traditional tag stands as written
    ("這是一個中立的句子，沒有地名。", "", "news.example.com.hk", "zh-HK"),  # the site's domain
    ("這是一個中立的句子，沒有地名。", "", "", "zh-Hant"),
    ("这是一个中立的句子，没有地名。", "zh-HK", "", "zh-CN"),
])
def test_chinese_tag(text: str, given: str, host: str, expected: str) -> None:
    assert chinese_tag(text, given, host) == expected


@pytest.mark.parametrize("lang, script, standard", [
    ("zh-CN", "hans", "SC"), ("zh", "hans", "SC"), ("zh-Hans-HK", "hans", "SC"), ("zh-TW", "hant", "TC"),
    ("zh-Hant", "hant", "TC"), ("zh-Hant-TW", "hant", "TC"), ("zh-HK", "hant", "HK"), ("zh-MO", "hant", "HK"),
    ("zh_TW", "hant", "TC"), ("en", "hans", "SC"),
])
def test_tags_name_script_and_standard(lang: str, script: str, standard: str) -> None:
    assert han_script(lang) == script
    assert han_standard(lang) == standard


def test_sample_is_read_as_taiwans() -> None:
    doc = convert.read(str(SAMPLE))
    assert doc.meta.lang == "zh-TW"
    assert convert.read(str(HARBOR)).meta.lang == "zh-CN"


# ---------------------------------------------------------------- fonts and words


def test_regional_families() -> None:
    assert regional_families("Noto Serif CJK SC", "TC") == ["Noto Serif CJK TC", "Noto Serif CJK SC"]
    assert regional_families("Noto Sans CJK SC", "HK") == ["Noto Sans CJK HK", "Noto Sans CJK TC", "Noto Sans CJK SC"]
    assert regional_families("Noto Serif", "TC") == ["Noto Serif"]  # a Latin face stands
    assert regional_families("Noto Serif CJK SC", "SC") == ["Noto Serif CJK SC"]


def test_theme_stack_per_script(tmp_path: Path) -> None:
    theme = load_theme("default")
    assert theme.stack("body", "zh-CN") == theme.stack("body")
    assert theme.stack("body", "zh-TW")[0] == "Noto Serif CJK TC"
    assert theme.stack("headings", "zh-HK")[0] == "Noto Sans CJK HK"
    assert theme.stack("mono", "zh-Hant")[0] == "Noto Sans Mono CJK TC"
    assert theme.script_stack("body", False, "zh-TW")[0] == "Noto Serif"  # Latin first for other articles
    own = tmp_path / "mine.toml"
    own.write_text('name = "mine"\nextends = "default"\n[fonts.tc]\nserif = ["cwTeXMing", "Noto Serif"]\n',
                   encoding="utf-8")
    mine = load_theme(own)
    assert mine.stack("body", "zh-TW") == ["cwTeXMing", "Noto Serif"]
    assert mine.stack("headings", "zh-TW")[0] == "Noto Sans CJK TC"  # a role left out is derived
    assert mine.stack("body", "zh-HK")[0] == "cwTeXMing"  # Hong Kong follows [fonts.tc] when no [fonts.hk]


def test_traditional_labels() -> None:
    assert language_key("zh-TW") == language_key("zh-HK") == language_key("zh-Hant") == "zh-Hant"
    assert language_key("zh-CN") == "zh"
    assert set(_WORDS["zh-Hant"]) == set(_WORDS["zh"]) == set(_WORDS["en"])
    words = labels("zh-TW")
    assert (words["editor"], words["figure"], words["source"], words["credit"]) == ("編輯", "圖", "來源", "攝影")
    assert load_theme("default").figure_label(1, "路線圖", "zh-TW") == "圖 1　路線圖"


def test_word_east_asian_language() -> None:
    assert [east_asian_lang(t) for t in ("zh-CN", "zh-TW", "zh-Hant", "zh-Hant-TW", "zh-HK", "zh-SG", "en")] \
        == ["zh-CN", "zh-TW", "zh-TW", "zh-TW", "zh-HK", "zh-SG", "zh-CN"]


# ---------------------------------------------------------------- conventions


@pytest.mark.parametrize("line, expected", [
    ("記者陳怡君／台北報導", {"authors": ("陳怡君",), "reported": True, "place": "台北"}),
    ("〔記者陳怡君／台北報導〕", {"authors": ("陳怡君",), "reported": True, "place": "台北"}),
    ("記者陳怡君、林志豪／綜合報導", {"authors": ("陳怡君", "林志豪"), "reported": True}),
    ("責任編輯：張雅婷", {"editor": "張雅婷"}),
    ("2025年3月12日 下午3:15", {"date": "2025-03-12T15:15"}),
    ("2025-03-12 上午10:05", {"date": "2025-03-12T10:05"}),
    ("中央社記者陳怡君台北12日電", {"authors": ("陳怡君",), "place": "台北", "source_site": "中央社",
                                    "reported": True, "dateline": "中央社記者陳怡君台北12日電"}),
])
def test_traditional_byline_lines(line: str, expected: dict[str, object]) -> None:
    assert byline_fields(line, chinese=True) == expected


def test_traditional_datelines_and_credits() -> None:
    assert lead_dateline("（中央社記者王某、李某華盛頓11日專電）美國政府") == {
        "authors": ("王某", "李某"), "place": "華盛頓", "source_site": "中央社", "reported": True}
    assert lead_dateline("新华社北京11月26日电（记者 王某）北京")["authors"] == ("王某",)  # the wire's form stands
    assert split_credit("（攝影：林志豪）") == ("", "林志豪")
    assert split_credit("圖／林志豪攝") == ("", "林志豪")
    assert split_credit("圖為環狀線（圖／記者林志豪攝）") == ("圖為環狀線", "記者林志豪")
    assert split_credit("照片來源：中央社") == ("", "照片來源：中央社")  # where it is from, as the label says
    assert split_credit("图/文：王某") == ("", "王某")


def test_sample_conventions() -> None:
    doc = convert.read(str(SAMPLE))
    meta = doc.meta
    assert (meta.authors, meta.place, meta.editor, meta.date) == (("陳怡君",), "台北", "張雅婷", "2025-03-12T15:15")
    figure = doc.figures[0]
    assert figure.credit == "林志豪" and m.plain_text(figure.caption).startswith("環狀線第二階段")
    assert "記者" not in m.visible_text(doc) and "編輯" not in m.visible_text(doc)


# ---------------------------------------------------------------- --script

TEXT = """# 软件公司发布新信息

这家软件公司的网络视频服务上线，用户可以用鼠标点击下载。他说："我们的代码开源。"

```python
print("软件信息")  # 代码里的中文不转换
```

[官网](https://example.com/软件)
"""


def test_script_conversion_with_regional_phrases(tmp_path: Path) -> None:
    source = tmp_path / "article.md"
    source.write_text(TEXT, encoding="utf-8")
    taiwan = convert.read(str(source), script="hant")
    assert taiwan.meta.lang == "zh-TW"
    # Taiwan's phrases (軟體, 資訊), but 发布 stays 發布: OpenCC's 釋出 is a software release (新聞釋出會)
    assert taiwan.meta.title == "軟體公司發布新資訊"
    body = m.visible_text(taiwan)
    for word in ("網路", "影片", "滑鼠", "程式碼"):
        assert word in body, word
    assert "「我們的程式碼開源。」" in body  # Taiwan's corner brackets (the default theme's hant style)
    code = next(b for b in taiwan.blocks if isinstance(b, m.CodeBlock))
    assert code.text == 'print("软件信息")  # 代码里的中文不转换'
    link = next(i for b in taiwan.blocks if isinstance(b, m.Paragraph) for i in b.content if isinstance(i, m.Link))
    assert link.url == "https://example.com/软件"
    hong_kong = convert.read(str(source), script="hant-hk")
    assert hong_kong.meta.lang == "zh-HK"
    assert hong_kong.meta.title == "軟件公司發佈新信息"
    back = tmp_path / "back.md"
    back.write_text(f"# {taiwan.meta.title}\n\n{m.plain_text(taiwan.blocks[0].content)}\n", encoding="utf-8")
    mainland = convert.read(str(back), script="hans")
    assert mainland.meta.lang == "zh-CN"
    assert mainland.meta.title == "软件公司发布新信息"
    assert "网络视频" in m.visible_text(mainland) and "“我们的代码开源。”" in m.visible_text(mainland)


def test_script_conversion_of_the_samples() -> None:
    hans = convert.read(str(SAMPLE), script="hans")
    assert hans.meta.lang == "zh-CN" and hans.meta.authors == ("陈怡君",) and hans.meta.editor == "张雅婷"
    assert "软件工程师" in m.visible_text(hans)  # Taiwan's 軟體 as the mainland says it
    assert detect_script(m.visible_text(hans)) == "hans"
    hant = convert.read(str(HARBOR), script="hant")
    assert hant.meta.lang == "zh-TW" and hant.meta.title.startswith("東臨港啟動「零碳碼頭」")
    assert convert.read(str(SAMPLE), script="hant").meta.title == convert.read(str(SAMPLE)).meta.title


def test_bad_script_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UsageError, match="hant-tw"):
        convert.read(str(SAMPLE), script="klingon")
    with pytest.raises(SystemExit):
        main([str(SAMPLE), "--script", "klingon"])
    assert "invalid choice" in capsys.readouterr().err


# ---------------------------------------------------------------- the editions


def test_editions_carry_the_language_faces_and_labels() -> None:
    pdf = pypdf.PdfReader(io.BytesIO(convert.convert(str(SAMPLE), to="pdf", offline=True)))
    assert pdf.trailer["/Root"]["/Lang"] == "zh-TW"
    fonts = {str(font["/BaseFont"]) for page in pdf.pages
             for font in page["/Resources"]["/Font"].values() if "/BaseFont" in font.get_object()}
    assert any("CJK-TC" in name for name in fonts) and not any("CJK-SC" in name for name in fonts), fonts
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "圖 1" in text.replace("\u3000", " ") or "圖1" in text
    assert "第 1 頁" in text and "編輯" in text and "來源" in text
    epub = zipfile.ZipFile(io.BytesIO(convert.convert(str(SAMPLE), to="epub", offline=True)))
    opf = next(epub.read(n).decode() for n in epub.namelist() if n.endswith(".opf"))
    assert "<dc:language>zh-TW</dc:language>" in opf
    page = next(epub.read(n) for n in epub.namelist() if n.endswith("text.xhtml"))
    assert 'xml:lang="zh-TW"' in page.decode() and "攝影：林志豪" in "".join(etree.fromstring(page).itertext())
    css = next(epub.read(n).decode() for n in epub.namelist() if n.endswith(".css"))
    assert re.search(r':lang\(zh-TW\) \{ font-family: "Noto Serif CJK TC"', css)
    docx = zipfile.ZipFile(io.BytesIO(convert.convert(str(SAMPLE), to="docx", offline=True)))
    styles = docx.read("word/styles.xml").decode()
    assert 'w:eastAsia="zh-TW"' in styles and 'w:eastAsia="Noto Serif CJK TC"' in styles
    assert 'w:eastAsia="zh-TW"' in docx.read("word/settings.xml").decode()
    assert "SEQ 圖" in docx.read("word/document.xml").decode()


def test_converted_edition_takes_the_tc_faces() -> None:
    """A Simplified article converted with --script hant is a Taiwan edition in every respect."""
    pdf = pypdf.PdfReader(io.BytesIO(convert.convert(str(HARBOR), to="pdf", offline=True, script="hant")))
    assert pdf.trailer["/Root"]["/Lang"] == "zh-TW"
    fonts = {str(font["/BaseFont"]) for font in pdf.pages[0]["/Resources"]["/Font"].values()}
    assert any("CJK-TC" in name for name in fonts), fonts
    assert "東臨港" in pdf.pages[0].extract_text()


def test_cli_script_flag_makes_a_mainland_edition(tmp_path: Path) -> None:
    assert main([str(SAMPLE), "--script", "hans", "--to", "html", "-o", str(tmp_path), "-q"]) == 0
    page = (tmp_path / "zh-hant-metro.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in page and "北捷环状线“第二阶段”动工" in page and "编辑" in page


def test_script_is_part_of_the_editions_key() -> None:
    from convert.builder import Options
    from convert.builder.manifest import edition_key

    theme = load_theme("default")
    keys = {edition_key("html", theme, Options(script=script), "digest", {}) for script in (None, "hans", "hant")}
    assert len(keys) == 3


@pytest.mark.parametrize("lang, place, expected", [
    ("zh-TW", "台北", "記者：陳怡君／台北報導"),
    ("zh-CN", "北京", "记者：陈怡君\u3000北京报道"),  # the mainland's papers put no slash there (`记者 王某 北京报道`)
    ("zh-TW", "", "記者：陳怡君"),
    ("en", "Riverton", "By 陳怡君, Riverton"),
])
def test_a_reporter_line_keeps_its_role_and_place_in_the_byline(lang: str, place: str, expected: str) -> None:
    """`記者陳怡君／台北報導` is read as the paper's reporter filing from Taipei; the byline says both."""
    from convert.model import Meta
    from convert.wording import byline, byline_text

    names = ("陳怡君",) if lang != "zh-CN" else ("陈怡君",)
    meta = Meta(authors=names, place=place, reported=True, lang=lang)
    assert byline_text(byline(meta)[0], lang) == expected
    assert byline_text(byline(Meta(authors=names, place=place, lang=lang))[0], lang).startswith(("作者", "By"))


def test_the_sample_byline_names_the_reporter_and_place() -> None:
    from convert.wording import byline, byline_text

    doc = convert.read(str(SAMPLE))
    assert byline_text(byline(doc.meta)[0], doc.meta.lang) == "記者：陳怡君／台北報導"


@pytest.mark.parametrize("author, names, place", [
    ("記者林佳蓉／台北報導", ("林佳蓉",), "台北"),
    ("记者 王明 李华 北京报道", ("王明", "李华"), "北京"),
    ("林佳蓉", ("林佳蓉",), ""),  # a name alone is a name
    ("编辑：王强", (), ""),  # the editor
])
def test_a_front_matter_author_written_as_a_byline_line_is_read_like_the_line(
        tmp_path: Path, author: str, names: tuple[str, ...], place: str) -> None:
    # `author: 記者林佳蓉／台北報導` printed `作者：記者林佳蓉／台北報導`; the same line in the text gives
    # the reporter and the place (`記者：林佳蓉／台北報導`)
    source = tmp_path / "a.md"
    source.write_text(f"---\ntitle: 測試標題\nauthor: {author}\n---\n\n立法院今日下午三讀通過修正案。\n", encoding="utf-8")
    meta = convert.read(source).meta
    assert meta.authors == names and meta.place == place
    assert meta.reported == bool(place)
    assert meta.editor == ("王强" if author.startswith("编辑") else "")
