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

from typing import TYPE_CHECKING, Any

# The public names are imported when first used (PEP 562), so `convert --to epub` does not pay for the
# PDF writer, web extraction or the collection builder it never touches.
_EXPORTS = {
    "Collected": ".builder", "Options": ".builder", "Outcome": ".builder", "build": ".builder",
    "collect": ".builder", "convert": ".builder", "find_articles": ".builder", "load": ".builder",
    "Profile": ".config", "load_profile": ".config", "prepare": ".enrich",
    "ConvertError": ".errors", "UsageError": ".errors", "Collection": ".model", "Document": ".model",
    "read_file": ".readers", "read_text": ".readers", "load_theme": ".theme",
}

if TYPE_CHECKING:
    from .builder import Collected, Options, Outcome, build, collect, convert, find_articles
    from .config import Profile, load_profile
    from .enrich import prepare
    from .errors import ConvertError, UsageError
    from .model import Collection, Document
    from .readers import read_file, read_text
    from .theme import load_theme


def _version() -> str:
    from .installed import version

    # written once, in pyproject.toml; "0+unknown" for a source tree that was never installed
    return version("convert") or "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":  # read when asked, from the installed metadata (`installed.py`)
        globals()[name] = value = _version()
        return value
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'convert' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def read(source: str, **option_values: object) -> Document:
    """Read and enrich one article (a file, or a web page's address) into the document model, as every
    writer sees it; `extract=False`, `offline=True`, ... as for `convert`."""
    from .builder import Options, load

    return load(source, Options().with_values(**option_values))[1]


__all__ = ["Collected", "Collection", "ConvertError", "Document", "Options", "Outcome", "Profile", "UsageError",
           "build", "collect", "convert", "find_articles", "load_profile", "load_theme", "prepare", "read",
           "read_file", "read_text", "__version__"]
