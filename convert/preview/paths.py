"""A request's path mapped to a file inside one folder, or to a member of a package: never outside.

Refused: `..` and `.` segments (also percent-encoded: the path is decoded once, then checked), absolute
paths, backslashes, NUL, hidden names (`.git`, `.env`), and a symlink (or any component) that resolves
outside the folder. Anything refused is simply not there (the server answers 404), so a refusal tells
nothing about what exists outside.
"""
from __future__ import annotations

import posixpath
import urllib.parse
from pathlib import Path


def clean_parts(raw: str) -> list[str] | None:
    """The segments of a percent-encoded relative path, or None when it is not a plain relative path."""
    try:
        decoded = urllib.parse.unquote(raw, errors="strict") if "%" in raw else raw
    except UnicodeDecodeError:
        return None
    if not decoded or decoded.startswith("/") or "\\" in decoded or "\x00" in decoded:
        return None
    parts = decoded.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    return parts


def file_inside(folder: Path, raw: str) -> Path | None:
    """The existing regular file `raw` names inside `folder` (symlinks followed, but only within it)."""
    parts = clean_parts(raw)
    if parts is None:
        return None
    root = folder.resolve()
    try:
        real = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return None
    if not real.is_relative_to(root) or not real.is_file():
        return None
    return real


def member_inside(names: set[str], raw: str) -> str | None:
    """The package member `raw` names (an EPUB's zip), or None: only names the package holds."""
    parts = clean_parts(raw)
    if parts is None:
        return None
    name = posixpath.join(*parts)
    return name if name in names else None
