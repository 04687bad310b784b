"""A fifth round of inputs nothing before had (`tests/data/unseen5/`): the pictures a Chinese newsroom's
articles carry and DOCX files as newsrooms send them. The pictures and the DOCX files are made by
`make_inputs.py` and `make_docx.py` there: a 750×9000 long infographic (长图), phone photos with EXIF
Orientation 6 and 8, CMYK, progressive, 16-bit, palette, animated, WebP, AVIF, TIFF, BMP and ICO files, a
tracking pixel and a banner, files whose suffix lies, an empty and a truncated one, SVGs sized in em or
by a viewBox; pictures side by side, in a link, a table cell and a list; a WPS document whose styles are
named `标题 1`, with a floating picture, a text box, a footnote, a table and a `一、` list, and a
document with no styles whose headline is a big bold line.

What they showed was wrong is tested at the step that now reads it right."""
from __future__ import annotations

import functools
import http.server
import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image as PILImage

import convert
from convert import model as m
from convert.errors import collect_warnings
from convert.resources import Image, Placeholder, ResourceGate, images

from conftest import ROOT, Quiet, block_texts as blocks, every_edition, invalid_editions, serving

UNSEEN = ROOT / "tests" / "data" / "unseen5"
PICS = UNSEEN / "pics"


def read(name: str) -> m.Document:
    return convert.read(str(UNSEEN / name))


@functools.lru_cache(maxsize=None)
def built(name: str, fmt: str, edition: str = "horizontal") -> bytes:
    return convert.convert(UNSEEN / name, to=fmt, offline=True)  # type: ignore[return-value]


# ---------------------------------------------------------------- long pictures (长图)


def test_a_long_picture_keeps_its_width() -> None:
    """Scaled by its long edge to 2400 px, the 750×9000 infographic became 200 px wide: its text was
    unreadable in every edition whatever the layout did. A wide banner is still scaled to 2400 px."""
    long = ResourceGate(UNSEEN).image("pics/changtu.png")
    assert isinstance(long, Image) and (long.width, long.height) == (750, 9000)
    out = io.BytesIO()
    PILImage.new("RGB", (1000, 4000), "white").save(out, "PNG")
    tall = images.prepare_image(out.getvalue())  # its width kept: under LONG_PICTURE_WIDTH and 8 MP
    assert (tall.width, tall.height) == (1000, 4000)
    out = io.BytesIO()
    PILImage.new("RGB", (1500, 20000), "white").save(out, "PNG")
    huge = images.prepare_image(out.getvalue())  # 30 MP: scaled to 8 MP, not to 180×2400
    scale = (images.MAX_KEPT_PIXELS / (1500 * 20000)) ** 0.5
    assert (huge.width, huge.height) == (round(1500 * scale), round(20000 * scale))
    banner = ResourceGate(UNSEEN).image("pics/banner.png")
    assert isinstance(banner, Image) and (banner.width, banner.height) == (2400, 80)


def test_long_picture_pieces_stack_back_into_the_picture() -> None:
    whole = ResourceGate(UNSEEN).image("pics/changtu.png")
    assert isinstance(whole, Image)
    pieces = images.pieces(whole, 0.8)
    assert len(pieces) == -(-9000 // int(750 * 0.8 / 2))
    assert {p.width for p in pieces} == {750} and sum(p.height for p in pieces) == 9000
    assert all(p.height <= 750 * 0.8 / 2 + 1 for p in pieces)
    original = PILImage.open(PICS / "changtu.png").convert("RGB")
    top = 0
    for piece in pieces:  # nothing lost, nothing doubled at the cuts
        picture = PILImage.open(io.BytesIO(piece.data)).convert("RGB")
        assert picture.tobytes() == original.crop((0, top, 750, top + piece.height)).tobytes()
        top += piece.height
    for size in ((3024, 4032), (1080, 2400), (600, 1500)):  # a portrait photo, a phone's screenshot: whole
        out = io.BytesIO()
        PILImage.new("RGB", size, "white").save(out, "JPEG")
        ordinary = images.prepare_image(out.getvalue())
        for ratio in (110 / 170, 0.3, 0.95):  # the default theme's A4 page, a wide page, an e-reader's screen
            assert images.pieces(ordinary, ratio) == (ordinary,), (size, ratio)


def _pdf_images(data: bytes) -> list[tuple[int, int, int, float]]:
    """(page, width, height, width shown in points) of every picture the PDF draws, in drawing order."""
    import pikepdf

    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            resources = page.obj.get("/Resources", {}).get("/XObject", {})
            shown = 0.0
            for operands, operator in pikepdf.parse_content_stream(page, "cm Do q Q"):
                if str(operator) == "cm":
                    shown = float(operands[0])
                elif str(operator) == "Do" and str(operands[0]) in resources:
                    image = resources[str(operands[0])]
                    if image.get("/Subtype") == "/Image":
                        found.append((number, int(image.Width), int(image.Height), shown))
    return found


def test_the_long_picture_runs_over_pages_at_the_text_width() -> None:
    """Scaled whole to the figure height, the infographic was a strip 2 cm wide on one page. Now it is
    cut into pieces shown at the text width, over several pages, its caption after the last piece."""
    pdf = built("changtu.md", "pdf")
    drawn = _pdf_images(pdf)
    assert len(drawn) > 10 and {w for _, w, _, _ in drawn} == {750} and sum(h for _, _, h, _ in drawn) == 9000
    assert len({page for page, _, _, _ in drawn}) >= 4
    text_width = (210 - 2 * 20) * 72 / 25.4  # A4 less the default theme's margins, in points
    assert min(shown for _, _, _, shown in drawn) > text_width * 0.75  # near the text width, not 2 cm

    with zipfile.ZipFile(io.BytesIO(built("changtu.md", "epub"))) as book:
        chapter = next(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml") and "figure" in
                       book.read(n).decode())
    figure = re.search(r'<figure[^>]*class="long-picture"[^>]*>(.*?)</figure>', chapter, re.S)
    assert figure is not None
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', figure.group(1))
    assert len(alts) > 1 and alts[0] and not any(alts[1:])  # described once, the rest decorative

    page = built("changtu.md", "html").decode()  # the web page too: 110 mm tall and 9 mm wide before
    assert len(re.findall(r"<img ", re.search(r'<figure[^>]*class="long-picture".*?</figure>', page, re.S).group(0))) > 10

    with zipfile.ZipFile(io.BytesIO(built("changtu.md", "docx"))) as word:
        body = word.read("word/document.xml").decode()
    assert body.count("<pic:pic") > 10 and body.count("adec:decorative") == body.count("<pic:pic") - 1


# ---------------------------------------------------------------- pictures in the text


def test_pictures_alone_in_a_paragraph_or_in_a_link_are_figures() -> None:
    """Two photos in one paragraph and a picture linked to its large self were set inline at their pixel
    size, unnumbered, the `图：` line under them a paragraph."""
    doc = read("figure-places.md")
    kinds = blocks(doc)
    assert ("Paragraph", "图：北街改造前（左）与改造后（右）。") not in kinds
    assert [(f.src, f.number) for f in doc.figures] == [
        ("pics/progressive.jpg", 1), ("pics/photo.webp", 2), ("pics/cmyk.jpg", 3), ("pics/chart.bmp", 4),
        ("pics/phone-6.jpg", 5)]
    assert m.plain_text(doc.figures[1].caption) == "北街改造前（左）与改造后（右）。"
    assert doc.figures[2].alt == "点击查看大图：南门广场"
    assert doc.figures[4].credit == "赵亮"
    # a picture beside words stays in its line
    lists = [b for b in doc.body if isinstance(b, m.ListBlock)]
    assert isinstance(lists[0].items[0][0].content[-1], m.InlineImage)


def test_a_picture_in_a_line_of_text_fits_the_page(tmp_path: Path) -> None:
    """A picture inside a sentence had no size limit: the long picture ran off the page's foot, cut
    off (a figure's picture was limited, an inline one not)."""
    (tmp_path / "changtu.png").write_bytes((PICS / "changtu.png").read_bytes())
    article = tmp_path / "inline.md"
    article.write_text("# 行内长图\n\n正文说明，见下图 ![长图](changtu.png) 的内容。\n", encoding="utf-8")
    pdf = convert.convert(article, to="pdf", offline=True)
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        page_height = max(float(page.mediabox[3]) for page in document.pages)
        heights = [abs(float(operands[3])) for page in document.pages
                   for operands, operator in pikepdf.parse_content_stream(page, "cm")
                   if abs(float(operands[0])) > 1 and abs(float(operands[3])) > 1]
    assert heights and max(heights) < page_height * 0.7


def test_figures_are_numbered_alike_in_every_edition() -> None:
    pdf_text = _pdf_text(built("figure-places.md", "pdf"))
    assert re.findall(r"^图\s*(\d)", pdf_text, re.M) == ["1", "2", "3", "4", "5"]
    with zipfile.ZipFile(io.BytesIO(built("figure-places.md", "docx"))) as word:
        body = word.read("word/document.xml").decode()
    assert re.findall(r"SEQ 图[^<]*</w:instrText>.*?<w:t[^>]*>(\d+)</w:t>", body, re.S) == ["1", "2", "3", "4", "5"]
    with zipfile.ZipFile(io.BytesIO(built("figure-places.md", "epub"))) as book:
        text = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
    assert len(re.findall(r'<figure id="fig-\d"', text)) == 5


def _pdf_text(data: bytes) -> str:
    import subprocess

    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode()


# ---------------------------------------------------------------- pictures that are no pictures


@pytest.mark.parametrize(("src", "reason"), [
    ("pics/not-found.png", "a web page (an error page?), not an image"),
    ("pics/empty.png", "an empty file, not an image"),
    ("pics/truncated.jpg", "truncated or damaged"),
])
def test_a_picture_that_is_none_says_what_it_is(src: str, reason: str) -> None:
    with collect_warnings() as warnings:
        result = ResourceGate(UNSEEN).image(src)
    assert isinstance(result, Placeholder) and reason in result.reason
    assert len(warnings) == 1 and src in warnings[0] and reason in warnings[0]


def _placeable_wmf() -> bytes:
    """The smallest placeable Windows metafile: its header, an empty record list."""
    import struct

    header = struct.pack("<IHhhhhHI", 0x9AC6CDD7, 0, 0, 0, 1000, 800, 1440, 0)
    checksum = 0
    for word in struct.unpack("<10H", header):
        checksum ^= word
    return header + struct.pack("<H", checksum) + struct.pack("<HHHIHIH", 1, 9, 0x300, 12, 0, 3, 0) + struct.pack("<IH", 3, 0)


_WMF = _placeable_wmf()


@pytest.mark.parametrize(("head", "reason"), [
    (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "a HEIC/HEIF photo"),  # an iPhone's photo, as Pillow sees it
    (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic", "a HEIC/HEIF photo"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document, not an image"),
    (_WMF, "a Windows metafile (WMF"),  # a chart pasted into Word: was "truncated or damaged (OSError)"
])
def test_a_photo_pillow_cannot_read_is_named(tmp_path: Path, head: bytes, reason: str) -> None:
    """`not an image (or of a format Pillow cannot read)` told an editor nothing: HEIC is what phones
    save (Pillow reads it only with a plug-in this project does not install)."""
    (tmp_path / "IMG_0001.HEIC").write_bytes(head + bytes(200))
    result = ResourceGate(tmp_path).image("IMG_0001.HEIC")
    assert isinstance(result, Placeholder) and result.reason.startswith(reason)


@pytest.mark.parametrize("src", ["pics/phone-6.jpg", "pics/phone-8.jpg"])
def test_phone_photos_are_upright(src: str) -> None:
    """The arrow points up, its dark band on top, whichever way the phone stored it."""
    result = ResourceGate(UNSEEN).image(src)
    assert isinstance(result, Image) and (result.width, result.height) == (400, 300)
    picture = PILImage.open(io.BytesIO(result.data)).convert("L")
    assert picture.getpixel((200, 10)) < 100 and picture.getpixel((200, 290)) > 200


class _ErrorPageAsOk(Quiet, http.server.BaseHTTPRequestHandler):
    """A server that first answers an image's address with its error page and `200 OK`, then with the image."""

    asked = 0

    def do_GET(self) -> None:  # noqa: N802
        type(self).asked += 1
        body = (b"<html><body><h1>404 Not Found</h1></body></html>" if type(self).asked == 1
                else (PICS / "progressive.jpg").read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if type(self).asked == 1 else "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_an_error_page_served_as_a_picture_is_not_kept_in_the_cache(tmp_path: Path) -> None:
    """The gate cached whatever a server sent: an error page sent with `200 OK` was the picture for good,
    on every later build, online or not."""
    with serving(_ErrorPageAsOk) as base:
        url = base + "/photo.jpg"
        first = ResourceGate(tmp_path, allow_private=True, cache=tmp_path / "cache")
        assert isinstance(first.image(url), Placeholder) and url in first.remote_failures
        second = ResourceGate(tmp_path, allow_private=True, cache=tmp_path / "cache")
        assert isinstance(second.image(url), Image)
    assert isinstance(ResourceGate(tmp_path, offline=True, cache=tmp_path / "cache").image(url), Image)


# ---------------------------------------------------------------- DOCX as newsrooms send it


def test_wps_headings_named_in_chinese_are_headings() -> None:
    """Pandoc finds headings by the English style names; `标题 1`, `标题 2` were plain paragraphs."""
    doc = read("wps-newsroom.docx")
    assert doc.meta.title == "城市轨道交通客流创新高 早高峰运力再提升"
    heads = [(b.level, m.plain_text(b.content)) for b in doc.body if isinstance(b, m.Heading)]
    levels = sorted({level for level, _ in heads})
    assert [text for _, text in heads] == ["客流分布", "三项措施", "车站改造"] and len(levels) == 2
    assert [level for level, _ in heads] == [levels[0], levels[0], levels[1]]
    assert len(doc.footnotes) == 1 and ("Paragraph", "延伸阅读：地铁错峰出行优惠如何申领？") in blocks(doc)


def test_a_floating_picture_is_a_figure_before_its_paragraph() -> None:
    """An anchored picture was set inline at the start of the paragraph it floats beside."""
    doc = read("wps-newsroom.docx")
    kinds = [kind for kind, _ in blocks(doc)]
    after = kinds.index("Heading", kinds.index("Figure"))
    assert kinds[after:after + 3] == ["Heading", "Figure", "Paragraph"]
    assert [f.alt for f in doc.figures] == ["早高峰的地铁站台", "改造后的换乘通道"]
    assert not any(isinstance(node, m.InlineImage) for b in doc.body for node in m.block_inlines(b))


def test_a_word_table_without_a_header_row_takes_its_first_row() -> None:
    """Without a header row the PDF's table had no /TH (pdfua UA-15-003)."""
    table = next(b for b in read("wps-newsroom.docx").body if isinstance(b, m.Table))
    assert [m.plain_text(c.content[0].content) for c in table.header[0]] == ["线路", "早高峰满载率"]
    assert len(table.body) == 2


@pytest.mark.parametrize(("name", "outline", "english"), [
    ("标题 1", None, "heading 1"), ("標題 2", None, "heading 2"), ("見出し 3", None, "heading 3"),
    ("제목 1", None, "heading 1"), ("标题", None, "Title"), ("副标题", None, "Subtitle"),
    ("一级标题", 0, "heading 1"), ("正文", 9, None), ("heading 1", 0, None), ("Title", None, None), ("正文", None, None),
])
def test_localized_style_names(name: str, outline: int | None, english: str | None) -> None:
    from convert.readers.docx_shapes import heading_name

    assert heading_name(name, outline) == english


def test_a_document_without_styles_whose_headline_is_a_big_bold_line() -> None:
    doc = read("bold-title.docx")
    assert doc.meta.title == "老旧小区加装电梯 今年再完成200台" and doc.meta.authors == ("周敏",)
    assert [m.plain_text(b.content) for b in doc.body if isinstance(b, m.Heading)] == ["审批时间缩短一半", "补贴标准提高"]
    assert [(f.number, m.plain_text(f.caption), f.credit) for f in doc.figures] == [(1, "施工人员在安装电梯井架。", "王强")]


# ---------------------------------------------------------------- every edition


NAMES = ("changtu.md", "phone-photos.md", "broken-images.md", "figure-places.md", "wps-newsroom.docx", "bold-title.docx")
EDITIONS = [("pdf", "print"), ("epub", "horizontal"), ("docx", "horizontal")]


def test_every_edition_is_valid(tmp_path: Path) -> None:
    assert invalid_editions(every_edition(tmp_path, NAMES, EDITIONS, built)) == {}
