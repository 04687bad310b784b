"""Everything an edition reads from outside the article's text goes through here: images through one
gate (`gate`), remote fetches (`fetch`), image normalisation (`images`), and font files (`fonts`)."""
from __future__ import annotations

from typing import Any

from .gate import ResourceGate, cache_dir, fetch_page, file_digest
from .images import Image, Placeholder, ResourceError

__all__ = ["Fetched", "Image", "Placeholder", "ResourceError", "ResourceGate", "cache_dir", "fetch_page", "file_digest"]


def __getattr__(name: str) -> Any:
    if name == "Fetched":  # the http client (ssl, sockets) is imported when a page or image is fetched
        from .fetch import Fetched

        return Fetched
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
