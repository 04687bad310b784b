"""Proof sheets: `convert proof` draws the first page of each edition side by side, one PNG per article.

- PDF: its first page, through pdftoppm;
- EPUB: its first text chapter (the spine's body-matter document) laid out by WeasyPrint from the
  XHTML and CSS inside the package, as a reading system would show it, on the print edition's page
  (an EPUB has none): the same frame as the other two, so what differs is the EPUB's own style (its
  e-reader type size). Nothing outside the package is read;
- DOCX: converted to PDF by LibreOffice (headless, with a private profile so that it neither needs
  nor disturbs a user's running LibreOffice), then its first page through pdftoppm.

The panels are scaled to one height and labelled, so type size, colour, indent and page proportions
can be compared at a glance.
"""
from __future__ import annotations

import io
import mimetypes
import posixpath
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..builder import find_articles, output_names
from ..errors import ConvertError, UsageError
from ..resources.fonts import system_font
from ..theme import Theme, load_theme
from .consistency import build_editions
from .readback.epub import XHTML, spine_documents

PANEL_HEIGHT = 1100  # pixels; every page is scaled to this height
GAP = 24
LABEL_HEIGHT = 56
TITLE_HEIGHT = 64
BACKGROUND = (228, 228, 228)
LIBREOFFICE_TIMEOUT = 240  # seconds for one batch of conversions (the first start builds a profile)
_EPUB_HOST = "file:///epub-package/"
LABEL_FAMILY = "Noto Sans CJK SC"


@dataclass(frozen=True)
class Proof:
    article: Path
    output: Path | None
    error: str | None = None


def write_proofs(inputs: Iterable[Path | str], outdir: Path | str, style: str = "default", *,
                 offline: bool = False) -> list[Proof]:
    """One PNG per article in `inputs`, named after the article and the theme, in `outdir`."""
    theme = load_theme(style)
    articles = find_articles(inputs)
    if not articles:
        raise UsageError("no articles found")
    _require_tools()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    names = output_names(articles)
    theme_name = theme.name if Path(style).suffix != ".toml" else Path(style).stem
    results: list[Proof] = []
    with tempfile.TemporaryDirectory(prefix="convert-proof-") as work:
        workdir = Path(work)
        built: dict[Path, dict[str, bytes]] = {}
        for article in articles:
            try:
                _doc, editions = build_editions(article, style, offline=offline)
            except ConvertError as exc:
                results.append(Proof(article, None, str(exc)))
                continue
            built[article] = editions
            (workdir / f"{names[article]}.docx").write_bytes(editions["docx"])
        docx_pdfs = docx_to_pdf([workdir / f"{names[a]}.docx" for a in built], workdir / "lo")
        for article, editions in built.items():
            name = names[article]
            try:
                panels = [
                    (f"PDF · page 1 ({theme.page.size})", pdf_page_png(editions["pdf"], workdir / f"{name}-pdf")),
                    (f"EPUB · text chapter, WeasyPrint on {theme.page.size}",
                     pdf_page_png(epub_chapter_pdf(editions["epub"], theme), workdir / f"{name}-epub")),
                    ("DOCX · page 1, LibreOffice",
                     pdf_page_png(docx_pdfs[workdir / f"{name}.docx"].read_bytes(), workdir / f"{name}-docx")),
                ]
            except (KeyError, subprocess.SubprocessError, OSError, ValueError) as exc:
                results.append(Proof(article, None, f"cannot draw the proof: {exc}"))
                continue
            output = outdir / f"{name}-{theme_name}.png"
            compose(panels, _title(article, theme_name, theme)).save(output, optimize=True)
            results.append(Proof(article, output))
    return results


def _title(article: Path, theme_name: str, theme: Theme) -> str:
    return f"{article}  ·  theme {theme_name}  ·  body {theme.text.size_pt:g} pt (EPUB {theme.ereader.size_pt:g} pt)"


def _require_tools() -> None:
    missing = [tool for tool, package in (("pdftoppm", "poppler-utils"), ("soffice", "libreoffice-writer-nogui"))
               if shutil.which(tool) is None]
    if missing:
        raise UsageError(f"proof sheets need {', '.join(missing)} (install poppler-utils and "
                         f"libreoffice-writer-nogui, or run `make setup`)")


# ---------------------------------------------------------------- the three pages


def pdf_page_png(pdf: bytes, stem: Path, page: int = 1) -> bytes:
    """One page of a PDF as PNG bytes, `PANEL_HEIGHT` pixels high."""
    source = stem.with_suffix(".pdf")
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-f", str(page), "-l", str(page), "-singlefile",
                    "-scale-to-x", "-1", "-scale-to-y", str(PANEL_HEIGHT), str(source), str(stem)],
                   check=True, capture_output=True, timeout=120)
    return stem.with_suffix(".png").read_bytes()


def docx_to_pdf(documents: list[Path], outdir: Path) -> dict[Path, Path]:
    """Each DOCX converted to PDF by one headless LibreOffice run with a private profile."""
    if not documents:
        return {}
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "profile"
    command = ["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=LIBREOFFICE_TIMEOUT)
    converted = {document: outdir / f"{document.stem}.pdf" for document in documents}
    missing = [str(document.name) for document, pdf in converted.items() if not pdf.is_file()]
    if missing:
        raise UsageError(f"LibreOffice did not convert {', '.join(missing)}: {done.stderr.strip()[:300]}")
    return converted


def epub_chapter_pdf(epub: bytes, theme: Theme) -> bytes:
    """The EPUB's first text chapter laid out by WeasyPrint on the theme's print page."""
    from ..writers.pdf import font_configuration, import_weasyprint

    import_weasyprint()
    from weasyprint import CSS, HTML

    path, tree = first_text_chapter(epub)
    width, height = theme.page_size_mm()
    top, right, bottom, left = theme.page.margin_mm
    page = CSS(string=f"@page {{ size: {width:g}mm {height:g}mm; margin: {top:g}mm {right:g}mm {bottom:g}mm {left:g}mm; }}")
    from lxml import etree
    html = etree.tostring(tree, encoding="unicode")
    document = HTML(string=html, base_url=_EPUB_HOST + path, url_fetcher=_package_fetcher(epub))
    return document.write_pdf(stylesheets=[page], font_config=font_configuration())


def first_text_chapter(epub: bytes) -> tuple[str, object]:
    """(path, parsed XHTML) of the spine's body-matter document, else of the first with paragraphs."""
    documents = spine_documents(epub)
    bodies = [(path, tree, tree.find(f"{{{XHTML}}}body")) for path, tree, _css in documents]
    for path, tree, body in bodies:
        if body is not None and "bodymatter" in (body.get("{http://www.idpf.org/2007/ops}type") or ""):
            return path, tree
    for path, tree, body in bodies:
        if body is not None and body.find(f".//{{{XHTML}}}p") is not None:
            return path, tree
    raise ValueError("the EPUB has no text chapter")


def _package_fetcher(epub: bytes) -> object:
    """A WeasyPrint URL fetcher serving files from inside the EPUB package and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackageFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.package = zipfile.ZipFile(io.BytesIO(epub))

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if not url.startswith(_EPUB_HOST):
                raise ValueError(f"the proof reads nothing outside the EPUB ({url[:80]})")
            name = posixpath.normpath(url[len(_EPUB_HOST):].split("#", 1)[0])
            media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, self.package.read(name), {"Content-Type": media_type})

    return PackageFetcher()


# ---------------------------------------------------------------- the sheet


def compose(panels: list[tuple[str, bytes]], title: str) -> "Image.Image":  # type: ignore[name-defined]  # noqa: F821
    """The panels side by side at one height, each under its label, the sheet under a title."""
    from PIL import Image, ImageDraw

    images = [Image.open(io.BytesIO(data)).convert("RGB") for _label, data in panels]
    images = [image if image.height == PANEL_HEIGHT else
              image.resize((round(image.width * PANEL_HEIGHT / image.height), PANEL_HEIGHT)) for image in images]
    width = sum(image.width for image in images) + GAP * (len(images) + 1)
    height = TITLE_HEIGHT + LABEL_HEIGHT + PANEL_HEIGHT + GAP
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    draw.text((GAP, 16), title, fill=(40, 40, 40), font=_font(26))
    x = GAP
    for (label, _data), image in zip(panels, images):
        draw.text((x, TITLE_HEIGHT + 12), label, fill=(20, 20, 20), font=_font(30, bold=True))
        sheet.paste(image, (x, TITLE_HEIGHT + LABEL_HEIGHT))
        draw.rectangle((x - 1, TITLE_HEIGHT + LABEL_HEIGHT - 1, x + image.width, TITLE_HEIGHT + LABEL_HEIGHT + image.height),
                       outline=(150, 150, 150))
        x += image.width + GAP
    return sheet


def _font(size: int, bold: bool = False):  # type: ignore[no-untyped-def]
    """A CJK-capable face for the labels (titles may be Chinese), else Pillow's own."""
    from PIL import ImageFont

    face = system_font(LABEL_FAMILY, bold)
    if face is not None:
        try:
            return ImageFont.truetype(face.path, size, index=face.index)
        except OSError:
            pass
    return ImageFont.load_default()
