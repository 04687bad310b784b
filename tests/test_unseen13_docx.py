"""Newsroom Word documents (Word, WPS, LibreOffice) whose text pandoc lost, leaked or misplaced: text boxes,
hidden text, placeholders, fields, ruby, a heading style's numbering, tracked changes, a table of contents,
and damaged packages. Each document is built here, its body written as Word writes it."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

import convert
from convert import model as m
from convert.errors import ConvertError, collect_warnings

A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
DATE = "2025-03-14T10:00:00Z"


def r(text: str, properties: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{properties}</w:rPr>" if properties else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def p(content: str, style: str = "", mark: str = "") -> str:
    properties = (f'<w:pStyle w:val="{style}"/>' if style else "") + (f"<w:rPr>{mark}</w:rPr>" if mark else "")
    if not content.startswith("<"):
        content = r(content)
    return f'<w:p>{f"<w:pPr>{properties}</w:pPr>" if properties else ""}{content}</w:p>'


def built(tmp_path: Path, body: str, name: str = "article.docx", styles=None, numbering: str = "") -> Path:
    """A python-docx document whose body is `body`; `styles` edits its styles part, `numbering` replaces
    its numbering definitions."""
    out = io.BytesIO()
    docx.Document().save(out)
    with zipfile.ZipFile(out) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    document = parts["word/document.xml"].decode()
    parts["word/document.xml"] = document.replace("<w:body>", "<w:body>" + body, 1).encode()
    if styles:
        parts["word/styles.xml"] = styles(parts["word/styles.xml"].decode()).encode()
    if numbering:
        head = parts["word/numbering.xml"].decode()
        root = re.match(r"(?s)(.*?<w:numbering\b[^>]*>)", head)[1]
        parts["word/numbering.xml"] = (root + numbering + "</w:numbering>").encode()
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


def texts(path: Path) -> tuple[list[str], list[str]]:
    """The body's paragraph and heading texts, and the warnings reading it gave."""
    with collect_warnings() as warnings:
        doc = convert.read(str(path))
    lines = [m.plain_text(block.content) for block in doc.body if isinstance(block, (m.Paragraph, m.Heading))]
    return [doc.meta.title, *lines], warnings


HEAD = p("丝绸古镇迎来新生", "Title") + p("本报记者 周九")


def text_box(paragraphs: list[str], anchored: bool = True) -> str:
    """A DrawingML text box with its VML fallback, as Word writes one."""
    inner = "".join(p(text) for text in paragraphs)
    frame = ('<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
             'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
             '<wp:positionH relativeFrom="column"><wp:align>right</wp:align></wp:positionH>'
             '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
             '<wp:extent cx="2000000" cy="1500000"/><wp:wrapSquare wrapText="bothSides"/>' if anchored else
             '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="3000000" cy="600000"/>')
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{frame}<wp:docPr id="31" name="box"/>'
            f'<a:graphic {A}><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx>'
            f'<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></{"wp:anchor" if anchored else "wp:inline"}>'
            f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="b" style="width:160pt;height:120pt">'
            f'<v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>')


def test_text_boxes_keep_their_paragraph_and_follow_it(tmp_path: Path) -> None:
    """A paragraph holding an anchored text box before its text lost all its text (pandoc kept the box's),
    a paragraph whose text went on after the box kept only the box, a VML-only box (older Word, WPS)
    and a shape's text were lost."""
    vml = ('<w:r><w:pict><v:shape id="tb9" style="position:absolute;width:160pt;height:120pt"><v:textbox>'
           f'<w:txbxContent>{p("相关链接")}{p("震泽蚕丝被销量连续三年增长。")}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    body = (HEAD + p(text_box(["背景资料", "缂丝起源于汉魏，兴盛于宋代。"]) + r("震泽古镇的丝绸作坊去年接待游客超过200万人次。"))
            + p(r("第二段：文字在前，") + text_box(["第二个文本框内容。"]) + r("文字在后。"))
            + p(vml + r("第三段：这段文字与VML文本框同在一段。"))
            + p(text_box(["链接：记者手记——在工坊的三天"], anchored=False)) + p("第五段：结束。"))
    lines, _ = texts(built(tmp_path, body))
    joined = "\n".join(lines)
    for line in ("震泽古镇的丝绸作坊去年接待游客超过200万人次。", "缂丝起源于汉魏，兴盛于宋代。", "第二段：文字在前，文字在后。",
                 "第二个文本框内容。", "第三段：这段文字与VML文本框同在一段。", "震泽蚕丝被销量连续三年增长。",
                 "链接：记者手记——在工坊的三天", "第五段：结束。"):
        assert line in lines, joined
    assert joined.count("第二个文本框内容。") == 1  # the VML fallback is the same box
    order = [lines.index(x) for x in ("震泽古镇的丝绸作坊去年接待游客超过200万人次。", "缂丝起源于汉魏，兴盛于宋代。",
                                      "第二段：文字在前，文字在后。", "第二个文本框内容。",
                                      "第三段：这段文字与VML文本框同在一段。", "震泽蚕丝被销量连续三年增长。")]
    assert order == sorted(order)


def test_hidden_text_never_reaches_an_edition(tmp_path: Path) -> None:
    """Hidden text (`w:vanish`: an editor's note in the copy) was printed, and so was a hidden paragraph;
    it is left out, with one warning."""
    hidden = "<w:vanish/>"
    body = (HEAD + p(r("这门手艺") + r("【内部备注：隐藏文字不得见报】", hidden) + r("正在吸引年轻人。"))
            + p(r("整段隐藏：仅供内部参考。", hidden), mark=hidden)
            + p(r("可见的") + r("文字", '<w:vanish w:val="0"/>')) + p("（完）"))
    lines, warnings = texts(built(tmp_path, body))
    assert "这门手艺正在吸引年轻人。" in lines and "可见的文字" in lines
    assert not any("隐藏" in line for line in lines), lines
    assert len([w for w in warnings if "hidden text" in w]) == 1


def test_hidden_text_in_a_footnote_is_left_out() -> None:
    """A footnote's hidden note was printed under the article."""
    from lxml import etree

    from convert.readers.docx_text import HIDDEN, corrected

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    root = etree.fromstring(f'<w:footnotes {w}><w:footnote w:id="1">{p(r("依据条例。") + r("[隐藏备注]", "<w:vanish/>"))}'
                            '</w:footnote></w:footnotes>')
    assert corrected(root, set(), set()) == {HIDDEN}
    assert "".join(root.itertext()) == "依据条例。"


def test_a_content_controls_placeholder_is_no_text(tmp_path: Path) -> None:
    """A content control still showing its placeholder printed Word's prompt `单击或点击此处输入文字。`."""
    control = ('<w:sdt><w:sdtPr><w:alias w:val="责任编辑"/><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>'
               + p(r("单击或点击此处输入文字。", '<w:rStyle w:val="PlaceholderText"/>')) + "</w:sdtContent></w:sdt>")
    filled = ('<w:sdt><w:sdtPr><w:alias w:val="发言人"/></w:sdtPr><w:sdtContent>' + r("大会发言人")
              + "</w:sdtContent></w:sdt>")
    lines, _ = texts(built(tmp_path, HEAD + control + p(r("记者会由") + filled + r("主持。"))))
    assert "记者会由大会发言人主持。" in lines
    assert not any("单击" in line for line in lines)


def test_a_simple_fields_result_is_kept(tmp_path: Path) -> None:
    """`w:fldSimple` (a DATE field written in its short form) lost its result: `本条例起公开征求意见`."""
    field = '<w:fldSimple w:instr=" DATE \\@ &quot;yyyy年M月d日&quot; ">' + r("2025年3月14日") + "</w:fldSimple>"
    lines, _ = texts(built(tmp_path, HEAD + p(r("本条例") + field + r("起公开征求意见。"))))
    assert "本条例2025年3月14日起公开征求意见。" in lines


def test_ruby_keeps_its_base(tmp_path: Path) -> None:
    """A ruby (`w:ruby`) lost its base and its reading: `缂(kè)丝` came out `丝`."""
    ruby = ('<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/><w:hps w:val="10"/></w:rubyPr><w:rt>' + r("kè")
            + "</w:rt><w:rubyBase>" + r("缂") + "</w:rubyBase></w:ruby></w:r>")
    lines, _ = texts(built(tmp_path, HEAD + p(r("老艺人说，") + ruby + r("丝的技法需要十年以上功夫。"))))
    assert "老艺人说，缂\uff08kè\uff09丝的技法需要十年以上功夫。" in lines


CHAPTERS = ('<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:pStyle w:val="Heading1"/>'
            '<w:lvlText w:val="第%1章"/><w:suff w:val="space"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:pStyle w:val="Heading2"/>'
            '<w:lvlText w:val="第%2节"/><w:suff w:val="space"/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')


def numbered_headings(styles: str) -> str:
    styles = re.sub(r'(<w:style w:type="paragraph"[^>]*w:styleId="Heading1">.*?<w:pPr>)',
                    r'\1<w:numPr><w:numId w:val="1"/></w:numPr>', styles, count=1, flags=re.S)
    return re.sub(r'(<w:style w:type="paragraph"[^>]*w:styleId="Heading2">.*?<w:pPr>)',
                  r'\1<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>', styles, count=1, flags=re.S)


def test_a_heading_styles_numbering_is_written(tmp_path: Path) -> None:
    """Headings numbered by their style (`w:numPr` in `Heading 1`: `第%1章`) lost their numbers: `总则`
    for `第一章 总则`."""
    body = (HEAD + p("总则", "Heading1") + p("正文一。") + p("适用范围", "Heading2") + p("正文二。")
            + p("法律责任", "Heading1") + p("正文三。"))
    lines, _ = texts(built(tmp_path, body, styles=numbered_headings, numbering=CHAPTERS))
    assert ["第一章 总则", "第一节 适用范围", "第二章 法律责任"] == [x for x in lines if x.startswith("第")]


def test_tracked_changes_are_accepted_as_word_accepts_them(tmp_path: Path) -> None:
    """A row deleted as a tracked change stayed as an empty row; a deleted paragraph mark joined two
    paragraphs with a space in Chinese text (`内的 城市`); pending changes and comments went silently."""
    deleted = f'<w:del w:id="40" w:author="编辑" w:date="{DATE}"><w:r><w:delText>已删除</w:delText></w:r></w:del>'
    table = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/>'
             '<w:gridCol w:w="3000"/></w:tblGrid>'
             f'<w:tr><w:tc>{p("违法行为")}</w:tc><w:tc>{p("罚款金额")}</w:tc></w:tr>'
             f'<w:tr><w:tc>{p("乱扔垃圾")}</w:tc><w:tc>{p("50元")}</w:tc></w:tr>'
             f'<w:tr><w:trPr><w:del w:id="43" w:author="编辑" w:date="{DATE}"/></w:trPr><w:tc><w:p>{deleted}</w:p></w:tc>'
             f'<w:tc><w:p>{deleted}</w:p></w:tc></w:tr>'
             f'<w:tr><w:tc>{p("占道经营")}</w:tc><w:tc>{p("200元")}</w:tc></w:tr></w:tbl>')
    body = (HEAD + p(r("本条例适用于本市行政区域内的"), mark=f'<w:del w:id="42" w:author="编辑" w:date="{DATE}"/>')
            + p('<w:commentRangeStart w:id="0"/>' + r("城市管理活动。") + '<w:commentRangeEnd w:id="0"/>'
                + '<w:r><w:commentReference w:id="0"/></w:r>') + table + p("（完）"))
    path = built(tmp_path, body)
    lines, warnings = texts(path)
    assert "本条例适用于本市行政区域内的城市管理活动。" in lines
    doc = convert.read(str(path))
    tables = [b for b in doc.body if isinstance(b, m.Table)]
    assert len(tables) == 1 and len(tables[0].header) + len(tables[0].body) == 3
    assert len([w for w in warnings if "tracked changes" in w]) == 1
    assert len([w for w in warnings if "comments" in w]) == 1


def test_a_table_of_contents_is_left_out_and_cross_references_are_text(tmp_path: Path) -> None:
    """A TOC field's cached entries (`目录 / 一、会议背景 1`) were printed as article text, with links
    nested in links; a REF field linked to a bookmark no edition has (`No anchor #_Ref100`)."""
    def field(instruction: str, result: str) -> str:
        return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
                f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{r(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')

    entry = '<w:hyperlink w:anchor="_Toc1" w:history="1">' + r("一、会议背景") + "<w:r><w:tab/></w:r>" + field(
        "PAGEREF _Toc1 \\h", "1") + "</w:hyperlink>"
    toc = (p("目录", "TOCHeading")
           + '<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
           '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
           f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{entry}</w:p>'
           + p('<w:hyperlink w:anchor="_Toc2">' + r("二、主要内容") + "<w:r><w:tab/></w:r>" + r("2") + "</w:hyperlink>",
               "TOC1")
           + p('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    body = (HEAD + toc + p('<w:bookmarkStart w:id="1" w:name="_Toc1"/>' + r("会议背景") + '<w:bookmarkEnd w:id="1"/>',
                           "Heading1")
            + p(r("发言人介绍了大会议程。")) + p(r("关于议程，请参阅") + field("REF _Ref100 \\h", "第二部分") + r("。"))
            + p("（完）"))
    path = built(tmp_path, body)
    lines, _ = texts(path)
    assert not any("目录" in x or "会议背景 1" in x or "主要内容" in x for x in lines), lines
    assert "会议背景" in lines and "关于议程，请参阅第二部分。" in lines
    doc = convert.read(str(path))
    links = [node for block in doc.body for node in getattr(block, "content", ()) if isinstance(node, m.Link)]
    assert not any(link.target.startswith("#") for link in links)


def test_a_table_of_contents_control_is_left_out(tmp_path: Path) -> None:
    """Word wraps its table of contents in a content control of the table-of-contents gallery."""
    toc = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
           '</w:docPartObj></w:sdtPr><w:sdtContent>' + p("目录", "TOCHeading") + p("一、会议背景 1", "TOC1")
           + "</w:sdtContent></w:sdt>")
    lines, _ = texts(built(tmp_path, HEAD + toc + p("会议背景", "Heading1") + p("正文。")))
    assert not any("目录" in x or "会议背景 1" in x for x in lines)


def test_a_damaged_package_names_its_part(tmp_path: Path) -> None:
    """A package without `word/document.xml`, or with a broken one, was refused as `pandoc cannot parse
    it: couldn't parse docx file: DocxError`."""
    path = built(tmp_path, HEAD + p("正文。"))
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    missing, broken = tmp_path / "missing.docx", tmp_path / "broken.docx"
    with zipfile.ZipFile(missing, "w") as out:
        for name, data in parts.items():
            if name != "word/document.xml":
                out.writestr(name, data)
    with zipfile.ZipFile(broken, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data.replace(b"</w:body>", b"<w:p><w:r><w:t>x</w:r></w:body>")
                         if name == "word/document.xml" else data)
    with pytest.raises(ConvertError, match=r"word/document\.xml is missing"):
        convert.read(str(missing))
    with pytest.raises(ConvertError, match=r"word/document\.xml: not well-formed XML at line \d+"):
        convert.read(str(broken))


def test_a_floating_pictures_caption_under_its_paragraph_is_its_own(tmp_path: Path) -> None:
    """A floating picture anchored in a paragraph of text was set before that paragraph, its caption
    paragraph (`Caption` style) after it: the picture was captioned from its alt text and the caption
    stayed a body paragraph."""
    from docx.shared import Mm
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "#3a7").save(picture, "PNG")
    document = docx.Document()
    document.add_paragraph("春运首日客流创新高", "Title")
    document.add_paragraph("今天是春运首日，全国铁路预计发送旅客1500万人次。")
    anchored = document.add_paragraph()
    anchored.add_run().add_picture(io.BytesIO(picture.getvalue()), width=Mm(20))
    anchored.add_run("在上海虹桥站，列车员正在为旅客检票。这张图是浮动的环绕图片。")
    document.add_paragraph("图 2 上海虹桥站的列车员。", "Caption")
    document.add_paragraph("铁路部门在各站增开临时列车。")
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts["word/document.xml"].decode()
    xml = re.sub(r"<wp:inline([^>]*)>", r'<wp:anchor\1 distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
                 'relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
                 '<wp:positionH relativeFrom="column"><wp:align>right</wp:align></wp:positionH>'
                 '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>', xml)
    xml = re.sub(r"(<wp:extent [^>]*/>)", r'\1<wp:wrapSquare wrapText="bothSides"/>', xml)
    xml = re.sub(r'(<wp:docPr [^>]*?)(/?>)', r'\1 descr="列车员"\2', xml, count=1).replace("</wp:inline>", "</wp:anchor>")
    parts["word/document.xml"] = xml.encode()
    path = tmp_path / "floating.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    doc = convert.read(str(path))
    figures = [b for b in doc.body if isinstance(b, m.Figure)]
    assert len(figures) == 1 and "上海虹桥站的列车员" in m.plain_text(figures[0].caption)
    assert not any(isinstance(b, m.Paragraph) and "上海虹桥站的列车员" in m.plain_text(b.content) for b in doc.body)
    assert any(isinstance(b, m.Paragraph) and "列车员正在为旅客检票" in m.plain_text(b.content) for b in doc.body)


def test_text_hidden_by_its_style_is_left_out(tmp_path: Path) -> None:
    """Text hidden by a character style, or by a paragraph style based on a hidden one, was printed."""
    def hidden_styles(styles: str) -> str:
        extra = ('<w:style w:type="character" w:customStyle="1" w:styleId="Memo"><w:name w:val="Memo"/>'
                 '<w:rPr><w:vanish/></w:rPr></w:style>'
                 '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Internal"><w:name w:val="Internal"/>'
                 '<w:rPr><w:vanish/></w:rPr></w:style>'
                 '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Internal2"><w:name w:val="Internal 2"/>'
                 '<w:basedOn w:val="Internal"/></w:style>')
        return styles.replace("</w:styles>", extra + "</w:styles>")

    body = (HEAD + p(r("这门手艺") + r("【备注】", '<w:rStyle w:val="Memo"/>') + r("正在吸引年轻人。"))
            + p("仅供内部参考，不得刊发。", "Internal2") + p("（完）"))
    lines, warnings = texts(built(tmp_path, body, styles=hidden_styles))
    assert "这门手艺正在吸引年轻人。" in lines
    assert not any("备注" in x or "内部参考" in x for x in lines)
    assert any("hidden text" in w for w in warnings)


def test_a_heading_style_numbered_in_digits(tmp_path: Path) -> None:
    """A report's `Heading 1` numbered `1`, `2` by its style lost its numbers like `第一章`; Word's tab after
    the number is a space."""
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body = (p("Harbour opens new berths", "Title") + p("Background", "Heading1") + p("The harbour grew.")
            + p("Outlook", "Heading1") + p("More ships come."))
    lines, _ = texts(built(tmp_path, body, styles=numbered_headings, numbering=numbering))
    assert "1 Background" in lines and "2 Outlook" in lines


def test_libreoffices_table_of_contents_heading_goes_with_it(tmp_path: Path) -> None:
    """LibreOffice heads its table of contents with its `Contents Heading` style: `目录` stayed as a heading
    over nothing once the entries were left out."""
    def contents_heading(styles: str) -> str:
        return styles.replace("</w:styles>", '<w:style w:type="paragraph" w:styleId="ContentsHeading">'
                              '<w:name w:val="Contents Heading"/><w:basedOn w:val="Heading1"/></w:style></w:styles>')

    toc = (p("目录", "ContentsHeading")
           + '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" \\h </w:instrText></w:r>'
           '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("会议背景 1") + "</w:p>"
           + p('<w:r><w:fldChar w:fldCharType="end"/></w:r>'))
    lines, _ = texts(built(tmp_path, HEAD + toc + p("会议背景", "Heading1") + p("正文。"), styles=contents_heading))
    assert not any("目录" in x or "会议背景 1" in x for x in lines), lines
    assert "会议背景" in lines


def test_a_content_control_inside_a_text_box_comes_out_with_it(tmp_path: Path) -> None:
    """A text box whose paragraph sits in a content control (a newsroom template's `相关链接` field) lost
    that paragraph when the box's paragraphs were taken out after its anchor."""
    control = ('<w:sdt><w:sdtPr><w:alias w:val="链接"/></w:sdtPr><w:sdtContent>' + p("震泽蚕丝被销量连续三年增长。")
               + "</w:sdtContent></w:sdt>")
    box = text_box([]).replace("<w:txbxContent></w:txbxContent>", f"<w:txbxContent>{p('相关链接')}{control}</w:txbxContent>")
    lines, _ = texts(built(tmp_path, HEAD + p(box + r("第一段：古镇丝绸作坊去年接待游客超过200万人次。")) + p("（完）")))
    assert "震泽蚕丝被销量连续三年增长。" in lines and "第一段：古镇丝绸作坊去年接待游客超过200万人次。" in lines
