"""convert: news articles (Markdown, text, HTML, DOCX) to print, e-reader and editable editions.

Library use::

    import convert
    convert.convert("seeds/zh-news-harbor/article.md", to="pdf", output="harbor.pdf")
    pdf_bytes = convert.convert("article.md", to="pdf", theme="modern")
    outcomes = convert.build(["seeds"], ["all"], "dist")
"""
from __future__ import annotations

from .build import Options, Outcome, build, convert, find_articles
from .errors import ConvertError, UsageError
from .model import Document
from .reader import read_file, read_text
from .theme import load_theme
from .transforms import prepare

__version__ = "0.1.0"


def read(source: str) -> Document:
    """Read and enrich one article file into the document model, as every writer sees it."""
    return prepare(read_file(source))


__all__ = ["ConvertError", "Document", "Options", "Outcome", "UsageError", "build", "convert",
           "find_articles", "load_theme", "prepare", "read", "read_file", "read_text", "__version__"]
