"""The one cache location (a module of its own so that the command line can find it before importing anything
else)."""
from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Where remote images, validated themes and compiled patterns are cached: $CONVERT_CACHE_DIR, else the
    XDG cache dir."""
    if env := os.environ.get("CONVERT_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "convert"
