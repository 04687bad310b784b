"""Writes the DOCX inputs of `tests/data/unseen5/` as Chinese Word and WPS save them (run it from anywhere).

- `wps-newsroom.docx`: heading styles whose names are localized (`标题 1`, `标题 2`, ids `1`, `2`, as WPS
  and a Chinese Word write them, with `w:outlineLvl`), the title in a style named `标题`, East Asian fonts
  set per run, an inline and a floating (anchored) picture, a table, a text box, a footnote and a list
  numbered `一、二、` (`chineseCounting`).
- `bold-title.docx`: no styles at all: the headline is a big bold first paragraph (二号, 22 pt), section
  heads are bold lines, `图：` caption under a picture.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
     'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
     'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
     'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
     'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
     'xmlns:v="urn:schemas-microsoft-com:vml" '
     'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" mc:Ignorable="wp14"')
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
      '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
      '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
      '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
             '</Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
            '<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>'
            '<Relationship Id="rId11" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image2.jpeg"/>'
            '</Relationships>')


def style(sid: str, name: str, *, outline: int | None = None, size: int | None = None, bold: bool = False) -> str:
    ppr = f'<w:pPr><w:keepNext/><w:outlineLvl w:val="{outline}"/></w:pPr>' if outline is not None else ""
    rpr = ("<w:rPr>" + ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "") + "</w:rPr>")
    return (f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="a"/><w:qFormat/>{ppr}{rpr}</w:style>')


STYLES_WPS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              f'<w:styles {W}>'
              '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/>'
              '<w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="正文"/><w:qFormat/></w:style>'
              + style("1", "标题 1", outline=0, size=32, bold=True)
              + style("2", "标题 2", outline=1, size=28, bold=True)
              + style("a3", "标题", size=44, bold=True)
              + style("a5", "图片说明", size=18)
              + '<w:style w:type="character" w:styleId="a7"><w:name w:val="脚注引用"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
              '<w:style w:type="table" w:styleId="a9"><w:name w:val="网格型"/><w:tblPr><w:tblBorders>'
              '<w:top w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/>'
              '</w:tblBorders></w:tblPr></w:style>'
              '</w:styles>')
STYLES_NONE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               f'<w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>')
NUMBERING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             f'<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
             '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
FOOTNOTES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             f'<w:footnotes {W}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="a7"/></w:rPr><w:footnoteRef/></w:r>'
             '<w:r><w:t xml:space="preserve"> 数据来源：市交通运输局2024年统计公报。</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>')


def run(text: str, *, font: str | None = "宋体", bold: bool = False, size: int | None = None) -> str:
    props = ""
    if font:
        props += f'<w:rFonts w:ascii="Times New Roman" w:eastAsia="{font}" w:hAnsi="Times New Roman" w:hint="eastAsia"/>'
    if bold:
        props += "<w:b/><w:bCs/>"
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, style: str | None = None, extra: str = "") -> str:
    ppr = (f'<w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>' if style else (f"<w:pPr>{extra}</w:pPr>" if extra else ""))
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def graphic(rid: str, ident: int, name: str, descr: str, cx: int, cy: int) -> str:
    return (f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{ident}" name="{name}" descr="{descr}"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{ident}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>')


def inline_picture(rid: str, ident: int, descr: str) -> str:
    return f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">{graphic(rid, ident, "图片 " + str(ident), descr, 3600000, 2700000)}</wp:inline></w:drawing></w:r>'


def anchored_picture(rid: str, ident: int, descr: str) -> str:
    head = ('<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="2" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>3200000</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>')
    body = graphic(rid, ident, "图片 " + str(ident), descr, 2160000, 1620000)
    body = body.replace('<wp:docPr', '<wp:wrapSquare wrapText="bothSides"/><wp:docPr', 1)
    return f"<w:r><w:drawing>{head}{body}</wp:anchor></w:drawing></w:r>"


def text_box(text: str) -> str:
    content = f'<w:txbxContent>{para(run(text, font="黑体", bold=True))}</w:txbxContent>'
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="3" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="5400000" cy="720000"/><wp:wrapTopAndBottom/><wp:docPr id="20" name="文本框 20"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>')


def numbered(text: str) -> str:
    return para(run(text), extra='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>')


def cell(text: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{para(run(text))}</w:tc>'


def pictures() -> tuple[bytes, bytes]:
    png = Image.new("RGB", (480, 360), "#f4f1e8")
    ImageDraw.Draw(png).rectangle([0, 0, 480, 45], fill="#1f3a5f")
    ImageDraw.Draw(png).polygon([(240, 80), (120, 200), (360, 200)], fill="#c0392b")
    jpeg = Image.new("RGB", (320, 240), "#e8f0fa")
    ImageDraw.Draw(jpeg).rectangle([0, 0, 320, 30], fill="#1f3a5f")
    ImageDraw.Draw(jpeg).ellipse([110, 80, 210, 180], fill="#27ae60")
    out_png, out_jpeg = io.BytesIO(), io.BytesIO()
    png.save(out_png, "PNG")
    jpeg.save(out_jpeg, "JPEG", quality=85)
    return out_png.getvalue(), out_jpeg.getvalue()


def document(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}'
            '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" '
            'w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>')


def wps_newsroom() -> str:
    return document("".join([
        para(run("城市轨道交通客流创新高 早高峰运力再提升", font="方正小标宋简体"), style="a3"),
        para(run("本报记者 刘洋 通讯员 孙丽")),
        para(run("2024年，全市轨道交通日均客流达到486万人次"), '<w:r><w:rPr><w:rStyle w:val="a7"/></w:rPr><w:footnoteReference w:id="1"/></w:r>',
             run("，比上年增长12.3%。为缓解早高峰拥挤，市地铁集团宣布三项措施。")),
        para(run("客流分布", font="黑体"), style="1"),
        para(run("早高峰客流最集中的三条线路如下表。")),
        f'<w:tbl><w:tblPr><w:tblStyle w:val="a9"/><w:tblW w:w="8000" w:type="dxa"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>'
        f'<w:tr>{cell("线路")}{cell("早高峰满载率")}</w:tr><w:tr>{cell("2号线")}{cell("128%")}</w:tr>'
        f'<w:tr>{cell("5号线")}{cell("121%")}</w:tr></w:tbl>',
        para(run("三项措施", font="黑体"), style="1"),
        numbered("增开早高峰加班列车"),
        numbered("缩短行车间隔至2分钟"),
        numbered("试点错峰出行优惠"),
        para(inline_picture("rId10", 1, "早高峰的地铁站台")),
        para(run("图：早高峰时段，乘客在站台有序候车。"), style="a5"),
        para(run("车站改造", font="楷体"), style="2"),
        para(anchored_picture("rId11", 2, "改造后的换乘通道"),
             run("今年还将完成12座车站的换乘通道改造，新增自动扶梯36部，进一步缩短换乘时间。")),
        para(text_box("延伸阅读：地铁错峰出行优惠如何申领？")),
        para(run("（责任编辑：陈静）")),
    ]))


def bold_title() -> str:
    return document("".join([
        para(run("老旧小区加装电梯 今年再完成200台", font="黑体", bold=True, size=44), extra='<w:jc w:val="center"/>'),
        para(run("记者 周敏")),
        para(run("记者从市住建局获悉，今年全市计划在老旧小区加装电梯200台，覆盖居民约1.2万户。")),
        para(run("审批时间缩短一半", bold=True)),
        para(run("今年起，加装电梯的审批由原来的40个工作日缩短到20个工作日。")),
        para(inline_picture("rId10", 1, "")),
        para(run("图：施工人员在安装电梯井架。（摄影：王强）")),
        para(run("补贴标准提高", bold=True)),
        para(run("每台电梯的财政补贴由20万元提高到25万元。")),
    ]))


def write(name: str, body: str, styles: str) -> None:
    png, jpeg = pictures()
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in [("[Content_Types].xml", CT), ("_rels/.rels", ROOT_RELS), ("word/_rels/document.xml.rels", DOC_RELS),
                           ("word/document.xml", body), ("word/styles.xml", styles), ("word/numbering.xml", NUMBERING),
                           ("word/footnotes.xml", FOOTNOTES), ("word/media/image1.png", png),
                           ("word/media/image2.jpeg", jpeg)]:
            info = zipfile.ZipInfo(part, date_time=(2025, 3, 14, 9, 0, 0))
            archive.writestr(info, data, zipfile.ZIP_DEFLATED)


def main() -> None:
    write("wps-newsroom.docx", wps_newsroom(), STYLES_WPS)
    write("bold-title.docx", bold_title(), STYLES_NONE)


if __name__ == "__main__":
    main()
