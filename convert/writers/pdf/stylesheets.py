"""The PDF's stylesheet, parsed by WeasyPrint once per process and text instead of once per article.

A page's `<style>` is parsed again for every document WeasyPrint renders; the article rules of a theme
(`print_css_parts`, ~25 KB of the ~29 KB) are the same text for every article of a batch, so they are handed to
`render(stylesheets=...)` as `CSS` objects kept here, and the page carries no `<style>`. WeasyPrint gives
such sheets the user origin instead of the author's. With no author sheet on the page, that changes
nothing the cascade decides as long as the sheets have no `!important` (a user's important declaration
would outrank the markup's `style` attributes; a normal one loses to them, as the page's own did). A sheet
that needs anything a standalone `CSS` handles differently from a page's — `!important`, `url()` (read
through WeasyPrint's default fetcher instead of the gate's), `@import`, `@counter-style`, `@layer`,
`@color-profile`, `@font-face` — is not taken: the page carries it as before (`inline`).
Public API only (`weasyprint.CSS`, `render(stylesheets=)`): no version gate.
"""
from __future__ import annotations

import functools
import threading
from typing import Any

_NOT_STANDALONE = ("!important", "url(", "@import", "@counter-style", "@layer", "@color-profile", "@font-face")
_lock = threading.Lock()


def standalone(texts: tuple[str, ...]) -> bool:
    """Whether these sheets keep their meaning as user stylesheets beside a page without a `<style>`."""
    return not any(marker in text.lower() for text in texts for marker in _NOT_STANDALONE)


def parsed(texts: tuple[str, ...]) -> list[Any]:
    """WeasyPrint `CSS` objects for `texts`, in order (the later wins a tie, as in one sheet), each parsed
    once per process."""
    return [_parse(text) for text in texts if text]


@functools.lru_cache(maxsize=16)  # a batch's themes and page sizes, and an article's own rules for its refits
def _parse(text: str) -> Any:
    from weasyprint import CSS

    from . import font_configuration

    with _lock:  # threads of one process parse one text once
        return CSS(string=text, font_config=font_configuration())
