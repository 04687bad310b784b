"""Imported once by the build processes' fork server (`builds`), so that each build, forked from it,
starts with the writers, WeasyPrint and the font configuration already loaded."""
from __future__ import annotations

from .. import registry
from . import work  # noqa: F401

for _name in ("html", "epub", "docx", "pdf"):
    try:
        registry.get(_name)
    except ImportError:  # the writer says so itself when asked to build
        pass
try:
    from ..writers.pdf import font_configuration, import_weasyprint

    import_weasyprint()
    font_configuration()
except Exception:  # noqa: BLE001  a missing WeasyPrint is reported by the PDF build itself
    pass
