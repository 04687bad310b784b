"""Everything an edition reads from outside the article's text goes through here: images through one
gate (`gate`), remote fetches (`fetch`), image normalisation (`images`), and font files (`fonts`)."""
from __future__ import annotations

from .gate import ResourceGate, cache_dir, file_digest
from .images import Image, Placeholder, ResourceError

__all__ = ["Image", "Placeholder", "ResourceError", "ResourceGate", "cache_dir", "file_digest"]
