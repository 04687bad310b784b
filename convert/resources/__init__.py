"""Everything an edition reads from outside the article's text goes through here: images through one
gate (`gate`), remote fetches (`fetch`), image normalisation (`images`), and font files (`fonts`)."""
from __future__ import annotations

from .fetch import Fetched
from .gate import ResourceGate, cache_dir, fetch_page, file_digest
from .images import Image, Placeholder, ResourceError

__all__ = ["Fetched", "Image", "Placeholder", "ResourceError", "ResourceGate", "cache_dir", "fetch_page", "file_digest"]
