"""The one cache location (a module of its own so that the command line can find it before importing anything
else)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """Where remote images, validated themes and compiled patterns are cached: $CONVERT_CACHE_DIR, else the
    XDG cache dir."""
    if env := os.environ.get("CONVERT_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "convert"


def read_marshal(path: Path, version: str) -> Any:
    """What `write_marshal` kept at `path` for this `version`; None when there is nothing, it is damaged or
    another version's."""
    import marshal

    try:
        kept_version, value = marshal.loads(path.read_bytes())
    except Exception:  # none yet, or damaged: made again and replaced
        return None
    return value if kept_version == version else None


def write_marshal(path: Path, version: str, value: Any) -> bool:
    """Keep `value` (marshal's types only) at `path`, atomically; False when the disk refused (read-only,
    full): the next run only costs the time again."""
    import marshal
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:12]}-")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps((version, value)))
        os.replace(temporary, path)
        return True
    except Exception:
        Path(temporary).unlink(missing_ok=True)
        return False
