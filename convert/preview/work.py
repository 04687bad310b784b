"""One build of one view, run in a child process (see `builds`): the edition's bytes, made ready to show.

- html: the page as the writer makes it;
- pdf:  the PDF's pages as PNG images (pypdfium2, in this process);
- epub: the package itself (the server shows its documents from the zip, in memory);
- docx: the DOCX converted to PDF by LibreOffice (headless, a private profile), then its pages as PNGs.

A failure becomes the one line the CLI prints for it (`convert: error: PATH: problem`), never an exception.
"""
from __future__ import annotations

import io
import posixpath
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..builder.single import Options, one_line_failure
from ..errors import ConvertError, UsageError, collect_warnings
from .target import Target

EDITIONS = ("html", "pdf", "epub", "docx")
PAGE_SCALE = 1.5  # pixels per PDF point: 108 dpi, an A4 page ~900 px wide
LIBREOFFICE_TIMEOUT = 180


@dataclass(frozen=True)
class Request:
    """What to build: the target, the edition, the theme and, for a collection's HTML edition (the HTML
    writer makes no issue), which article."""

    target: Target
    edition: str
    theme: str
    article: int = 0
    offline: bool = False
    publication: str = ""
    config: Path | None = None


@dataclass
class Result:
    """A built view: `pages` (PNG images, pdf and docx), `data` (html page or epub package), or
    `error` (the CLI's one-line message; `data`/`pages` may still hold what could be made)."""

    edition: str
    data: bytes = b""
    pages: list[bytes] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    chapters: list[tuple[str, str]] = field(default_factory=list)  # epub: (path in the package, title), spine order
    chapter: str = ""  # epub: the first text chapter, shown first

    @property
    def ok(self) -> bool:
        return self.error is None


def build(request: Request) -> Result:
    """Build the requested view; never raises."""
    with collect_warnings() as warnings:
        try:
            result = _issue(request) if request.target.collection and request.edition != "html" else _single(request)
        except Exception as exc:  # a bug must show on the page, not kill the preview
            result = Result(request.edition, error=f"convert: error: {one_line_failure('internal error', exc)}")
    result.warnings = list(dict.fromkeys(warnings + result.warnings))
    return result


def _single(request: Request) -> Result:
    from ..builder.single import convert

    article = request.target.articles[request.article]
    fmt = "docx" if request.edition == "docx" else request.edition
    options = Options(theme=request.theme, offline=request.offline, publication=request.publication)
    try:
        data = convert(article, to=fmt, options=options)
    except ConvertError as exc:
        return Result(request.edition, error=f"convert: error: {article}: {exc.problem}")
    except UsageError as exc:
        return Result(request.edition, error=f"convert: error: {exc}")
    assert isinstance(data, bytes)
    return _shown(request.edition, data)


def _issue(request: Request) -> Result:
    from ..builder.collection import collect

    target = request.target
    with tempfile.TemporaryDirectory(prefix="convert-preview-") as work:
        try:
            collected = collect(list(target.inputs), [request.edition], work, title=target.title,
                                theme=request.theme, config=request.config, offline=request.offline)
        except UsageError as exc:
            return Result(request.edition, error=f"convert collect: error: {exc}")
        problems = [f"convert collect: error: {a.source}: {a.error} (left out)" for a in collected.articles if not a.ok]
        problems += [f"convert collect: error: {e.format}: {e.error}" for e in collected.editions if not e.ok]
        made = [e.output for e in collected.editions if e.ok and e.output is not None]
        result = _shown(request.edition, made[0].read_bytes()) if made else Result(request.edition)
        if problems:
            result.error = problems[0]  # the first line the CLI prints; the rest are warnings below it
            result.warnings += problems[1:]
        return result


def _shown(edition: str, data: bytes) -> Result:
    if edition == "pdf":
        return Result(edition, pages=pdf_pages(data))
    if edition == "docx":
        return docx_pages(data)
    if edition == "epub":
        return epub_chapters(data)
    return Result(edition, data=data)


def epub_chapters(epub: bytes) -> Result:
    """The package with its spine's documents named, and the first text chapter (as `convert proof` picks it)."""
    from ..checks.proof import first_text_chapter
    from ..checks.readback.epub import XHTML, spine_documents

    chapters = [(path, " ".join((tree.findtext(f".//{{{XHTML}}}title") or "").split()) or posixpath.basename(path))
                for path, tree, _css in spine_documents(epub)]
    try:
        first = first_text_chapter(epub)[0]
    except ValueError:
        first = chapters[0][0] if chapters else ""
    return Result("epub", data=epub, chapters=chapters, chapter=first)


def pdf_pages(pdf: bytes, scale: float = PAGE_SCALE) -> list[bytes]:
    """Each page of a PDF as PNG bytes."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for index in range(len(document)):
            image = document[index].render(scale=scale).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", compress_level=1)  # speed over size: it stays local
            pages.append(buffer.getvalue())
        return pages
    finally:
        document.close()


def docx_pages(docx: bytes) -> Result:
    """The DOCX as LibreOffice lays it out, page by page; a clear message when LibreOffice is missing."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return Result("docx", error="convert: error: DOCX pages need LibreOffice (soffice) to lay them out, and it "
                                    "is not installed here: install libreoffice-writer-nogui (or run `make setup`)")
    with tempfile.TemporaryDirectory(prefix="convert-preview-docx-") as work:
        folder = Path(work)
        source = folder / "edition.docx"
        source.write_bytes(docx)
        profile = folder / "profile"  # private: neither needs nor disturbs a running LibreOffice
        done = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                               "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                              capture_output=True, text=True, timeout=LIBREOFFICE_TIMEOUT)
        pdf = folder / "edition.pdf"
        if not pdf.is_file():
            return Result("docx", error="convert: error: LibreOffice did not lay out the DOCX edition: "
                                        + " ".join((done.stderr or done.stdout).split())[:300])
        return Result("docx", pages=pdf_pages(pdf.read_bytes()))
