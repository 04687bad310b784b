"""Input files to the document model: `read_file` and `read_text` give a `Source`.

Bytes are decoded (`decode`), parsed by pandoc (`pandoc`), cleaned of raw HTML first (`sanitize`),
and pandoc's AST is walked into the model (`walk`). We never parse Markdown ourselves.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .. import model as m
from ..errors import ConvertError, UsageError
from .decode import decode_text
from .pandoc import docx_ast, html_ast, markdown_ast
from .walk import to_document

MAX_INPUT_BYTES = 20 * 1024 * 1024
SUFFIX_FORMATS = {".md": "markdown", ".markdown": "markdown", ".txt": "markdown", ".html": "html",
                  ".htm": "html", ".docx": "docx"}


@dataclass(frozen=True)
class Source:
    """An article read from disk: its document, the folder its resources must stay in, and
    resources carried inside the file itself (images of a .docx)."""

    path: Path
    document: m.Document
    root: Path
    embedded: Mapping[str, bytes] = field(default_factory=dict)
    conventions: bool = True  # front matter `article-conventions: false` turns them off


def read_file(path: Path | str) -> Source:
    """Read an article file into the model; raise ConvertError naming the file on bad input."""
    path = Path(path)
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ConvertError(path, f"unsupported input type {path.suffix or '(no suffix)'}; "
                                 f"expected one of {', '.join(sorted(SUFFIX_FORMATS))}")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:  # refused unread: a huge file must not fill the memory first
            raise ConvertError(path, f"the file is {size // 1048576} MiB; the limit is "
                                     f"{MAX_INPUT_BYTES // 1048576} MiB")
        data = path.read_bytes()
    except OSError as exc:
        raise ConvertError(path, f"cannot read the file ({exc.strerror or exc})") from None
    embedded: dict[str, bytes] = {}
    if fmt == "docx":
        ast = docx_ast(path, data)
        embedded = _docx_media(path, data)
    else:
        text = decode_text(data, path)
        ast = html_ast(path, text) if fmt == "html" else markdown_ast(path, text)
    return _source(path, ast, embedded)


def read_text(text: str, *, name: str = "<string>", root: Path | str = ".", fmt: str = "markdown") -> Source:
    """Read article text given as a string (library use and tests)."""
    if not text.strip():
        raise ConvertError(name, "the text is empty")
    suffix = {"markdown": ".md", "html": ".html"}.get(fmt)
    if suffix is None:
        raise UsageError(f"cannot read text as {fmt!r}; expected 'markdown' or 'html'")
    path = Path(root) / (Path(name).stem + suffix)
    ast = markdown_ast(path, text) if fmt == "markdown" else html_ast(path, text)
    return _source(path, ast, {})


def _source(path: Path, ast: dict, embedded: dict[str, bytes]) -> Source:
    document, conventions = to_document(path, ast)
    return Source(path=path, document=document, root=path.parent.resolve(), embedded=embedded,
                  conventions=conventions)


def _docx_media(path: Path, data: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name.removeprefix("word/"): archive.read(name) for name in archive.namelist()
                    if name.startswith("word/media/")}
    except zipfile.BadZipFile:
        raise ConvertError(path, "not a valid .docx file (not a zip archive)") from None



__all__ = ["MAX_INPUT_BYTES", "SUFFIX_FORMATS", "Source", "read_file", "read_text"]
