"""A font's file is read for the PDF only where it is needed, never copied whole for every document
(writers/pdf/fontdata.py)."""
from __future__ import annotations

import io

import pypdf

import convert
from convert.writers.pdf.fontdata import deferred_data, deferring


def _pdf(markdown: str, tmp_path) -> bytes:  # type: ignore[no-untyped-def]
    source = tmp_path / "article.md"
    source.write_text(markdown, encoding="utf-8")
    return convert.convert(source, to="pdf", offline=True)  # type: ignore[return-value]


def _embedded_fonts(pdf: bytes) -> list[bytes]:
    found = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                if key in descriptor:
                    found.append(descriptor[key].get_object().get_data())
    return found


def test_a_chinese_article_never_copies_a_whole_cjk_face(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # WeasyPrint copied each Noto CJK face (19-26 MB) for every document; only the subsets are read now.
    import weasyprint.pdf.fonts

    read = weasyprint.pdf.fonts.get_hb_object_data
    sizes = []

    def counting(hb_object, ot_color=None, glyph=None):  # type: ignore[no-untyped-def]
        data = read(hb_object, ot_color, glyph)
        sizes.append(len(data or b""))
        return data

    monkeypatch.setattr(weasyprint.pdf.fonts, "get_hb_object_data", counting)
    pdf = _pdf("---\ntitle: 港口集团发布绿色航运方案\nlang: zh-CN\n---\n\n## 岸电覆盖\n\n业内人士认为，数字化改造正在成为传统产业焕发新生的重要驱动力。\n",
               tmp_path)
    assert sizes, "the subsets are read"
    assert max(sizes) < 5_000_000, sizes
    assert all(len(font) < 5_000_000 for font in _embedded_fonts(pdf))


def test_a_font_whose_subset_is_not_taken_is_embedded_whole(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import weasyprint.pdf.fonts

    from convert.resources.fonts import system_font

    monkeypatch.setattr(weasyprint.pdf.fonts.Font, "subset", lambda self, to_unicode, hinting: None)
    pdf = _pdf("---\ntitle: Ports\nlang: en\n---\n\nThe port group published a plan.\n", tmp_path)
    fonts = _embedded_fonts(pdf)
    assert fonts
    files = {path: open(path, "rb").read() for path in {face.path for face in
             (system_font(family) for family in ("Noto Serif", "Noto Sans", "DejaVu Serif", "DejaVu Sans")) if face}}
    assert any(font in files.values() for font in fonts), [len(font) for font in fonts]


def test_the_file_is_read_once_on_first_use_and_a_subset_replaces_it() -> None:
    reads = []

    def read(face, ot_color=None, glyph=None):  # type: ignore[no-untyped-def]
        reads.append((face, ot_color))
        return b"the whole " + face

    get = deferring(read)

    class Font:  # WeasyPrint's Font, as far as its file goes
        def __init__(self, face: bytes) -> None:
            self.hb_face = face
            self.file_content = get(face)

    font = deferred_data(Font, read)(b"face")
    assert reads == []
    assert font.file_content == b"the whole face" and font.file_content == b"the whole face"
    assert reads == [(b"face", None)]
    font.file_content = b"subset"
    assert font.file_content == b"subset"
    assert get(b"other") == b"the whole other", "outside a font's making, WeasyPrint's own reading"
    assert get(b"face", "png", 3) == b"the whole face"
    assert Font(b"plain").file_content == b"the whole plain"
