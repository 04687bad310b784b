"""Font files on this machine, found through fontconfig (`fc-match`), the way Pango finds them for the PDF.

Used wherever a font file itself is needed rather than a family name: the EPUB cover (Pillow), the
embedded font subsets (HarfBuzz) and the proof sheets' labels. Each lookup runs `fc-match` once per
process; `look_up_ahead` starts several at once.

What a face's file says of itself (its OpenType features, its space's width) is read with HarfBuzz once per
machine and kept in the cache folder, keyed by the file's path, face, size and modification time: a lone
EPUB or DOCX then needs no HarfBuzz (~0.015 s to import and read).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable

from ..cache import cache_dir, read_marshal, write_marshal

_FACTS_VERSION = "font-facts-1"


@dataclass(frozen=True)
class FontFile:
    """A font face on this machine: a file and, for a collection (.ttc), the face index in it."""

    path: str
    index: int
    family: str


_found: dict[tuple[str, bool], FontFile | None] = {}  # (family, bold) -> what fontconfig said, once per process
_asked: dict[tuple[str, bool], subprocess.Popen[str]] = {}  # `fc-match` started ahead (`look_up_ahead`)


def look_up_ahead(requests: Iterable[tuple[str, bool]]) -> None:
    """Start `fc-match` for each (family, bold) not looked up yet, all at once (~0.006 s each): `system_font`
    reads their answers."""
    for request in requests:
        if request not in _found and request not in _asked:
            asked = _run(*request)
            if asked is None:
                return
            _asked[request] = asked


def system_font(family: str, bold: bool = False) -> FontFile | None:
    """The file fontconfig uses for `family`, or None when only a substitute would be found."""
    request = (family, bold)
    if request not in _found:
        _found[request] = _answer(family, _asked.pop(request, None) or _run(family, bold))
    return _found[request]


def _fc_match(family: str, bold: bool) -> list[str]:
    pattern = f"{family}:weight=bold" if bold else f"{family}:weight=regular"
    return ["fc-match", "-f", "%{file}\n%{index}\n%{family}", pattern]


def _run(family: str, bold: bool) -> subprocess.Popen[str] | None:
    try:
        return subprocess.Popen(_fc_match(family, bold), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    except OSError:
        return None


def _answer(family: str, asked: subprocess.Popen[str] | None) -> FontFile | None:
    if asked is None:
        return None
    try:
        out = asked.communicate(timeout=10)[0]
    except subprocess.TimeoutExpired:
        asked.kill()
        asked.communicate()
        return None
    lines = out.split("\n")
    if asked.returncode != 0 or len(lines) < 3 or not lines[0]:
        return None
    families = [name.strip().lower() for name in lines[2].split(",")]
    if family.strip().lower() not in families:
        return None
    return FontFile(lines[0], int(lines[1] or 0), family)


_listing: subprocess.Popen[str] | None = None  # `fc-list` started ahead (`list_families_ahead`)


def list_families_ahead() -> None:
    """Start listing the installed families now, for `installed_families` to read later: the command does as
    it starts, so that the listing (~0.007 s) runs while it imports the library."""
    global _listing
    if _listing is None and shutil.which("fc-list"):
        try:
            _listing = subprocess.Popen(["fc-list", ":", "family"], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        except OSError:
            _listing = None


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Font family names fontconfig knows, case-folded; None when fontconfig is missing."""
    global _listing
    list_families_ahead()  # unless the command started it already
    started, _listing = _listing, None
    if started is None:
        return None
    listing = started.communicate()[0]
    return frozenset(name.strip().casefold() for line in listing.splitlines() for name in line.split(","))


def stack_font(families: list[str], bold: bool = False) -> FontFile | None:
    """The first family of a theme's font stack that is installed."""
    for family in families:
        found = system_font(family, bold)
        if found:
            return found
    return None


_facts: dict[str, dict[str, Any]] | None = None  # file key -> fact -> value, as kept in the cache folder


def _facts_path() -> Path:
    return cache_dir() / "fonts" / "facts.marshal"


def _file_key(face: FontFile) -> str | None:
    try:
        status = os.stat(face.path)
    except OSError:
        return None
    return f"{face.path}|{face.index}|{status.st_size}|{status.st_mtime_ns}"


def _fact(face: FontFile, name: str, read: Callable[[FontFile], Any], unreadable: Any) -> Any:
    """`read(face)`, or what it gave for this very file before, kept in the cache folder; `unreadable`
    (and nothing kept) when the file cannot be read."""
    global _facts
    key = _file_key(face)
    if _facts is None:
        kept = read_marshal(_facts_path(), _FACTS_VERSION)
        _facts = kept if isinstance(kept, dict) else {}
    known = _facts.get(key, {}) if key else {}
    if name in known:
        return known[name]
    try:
        value = read(face)
    except Exception:  # OSError, ValueError, or HarfBuzz's own HarfBuzzError ("Failed to open")
        return unreadable
    if key:
        _facts[key] = {**known, name: value}
        kept = read_marshal(_facts_path(), _FACTS_VERSION)  # what other processes added meanwhile stays
        write_marshal(_facts_path(), _FACTS_VERSION, {**(kept if isinstance(kept, dict) else {}), key: _facts[key]})
    return value


@lru_cache(maxsize=64)
def layout_features(face: FontFile) -> frozenset[str]:
    """The OpenType features of a face's GPOS and GSUB tables under every script (`halt`, `vert`, ...);
    empty when the file cannot be read."""
    return frozenset(_fact(face, "features", _read_features, []))


def _read_features(face: FontFile) -> list[str]:
    import uharfbuzz as hb

    hb_face = hb.Face(hb.Blob.from_file_path(face.path), face.index)
    found: set[str] = set()
    for table in ("GPOS", "GSUB"):
        for script in range(len(hb_face.get_table_script_tags(table))):
            found.update(hb_face.get_language_feature_tags(table, script))
    return sorted(found)


@lru_cache(maxsize=64)
def space_width_em(face: FontFile) -> float | None:
    """The advance of a face's space (U+0020) in em; None when it has none or the file cannot be read."""
    return _fact(face, "space_em", _read_space_width, None)  # type: ignore[no-any-return]


def _read_space_width(face: FontFile) -> float | None:
    import uharfbuzz as hb

    font = hb.Font(hb.Face(hb.Blob.from_file_path(face.path), face.index))
    glyph = font.get_nominal_glyph(0x20)
    return None if glyph is None else font.get_glyph_h_advance(glyph) / font.face.upem
