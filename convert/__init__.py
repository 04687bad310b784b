"""convert: news articles (Markdown, text, HTML, DOCX) to print, e-reader and editable editions.

Library use::

    import convert
    convert.convert("seeds/zh-news-harbor/article.md", to="pdf", output="harbor.pdf")
    pdf_bytes = convert.convert("article.md", to="pdf", theme="modern")
    outcomes = convert.build(["seeds"], ["all"], "dist")
    issue = convert.collect(["seeds"], ["pdf", "epub"], "dist", title="This week")  # one edition of many
    document = convert.read("article.md")   # the model every writer sees
    convert.convert("https://example.org/news/123.html", to="pdf", output="123.pdf")   # a web page's article
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("convert")  # written once, in pyproject.toml
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"

from .builder import Collected, Options, Outcome, build, collect, convert, find_articles, load  # noqa: E402
from .config import Profile, load_profile  # noqa: E402
from .enrich import prepare  # noqa: E402
from .errors import ConvertError, UsageError  # noqa: E402
from .model import Collection, Document  # noqa: E402
from .readers import read_file, read_text  # noqa: E402
from .theme import load_theme  # noqa: E402


def read(source: str, **option_values: object) -> Document:
    """Read and enrich one article (a file, or a web page's address) into the document model, as every
    writer sees it; `extract=False`, `offline=True`, ... as for `convert`."""
    return load(source, Options().with_values(**option_values))[1]


__all__ = ["Collected", "Collection", "ConvertError", "Document", "Options", "Outcome", "Profile", "UsageError",
           "build", "collect", "convert", "find_articles", "load_profile", "load_theme", "prepare", "read",
           "read_file", "read_text", "__version__"]
