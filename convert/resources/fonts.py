"""Font files on this machine, found through fontconfig (`fc-match`), the way Pango finds them for the PDF.

Used wherever a font file itself is needed rather than a family name: the EPUB cover (Pillow), the
embedded font subsets (HarfBuzz) and the proof sheets' labels. Each lookup runs `fc-match` once per
process.
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class FontFile:
    """A font face on this machine: a file and, for a collection (.ttc), the face index in it."""

    path: str
    index: int
    family: str


@lru_cache(maxsize=64)
def system_font(family: str, bold: bool = False) -> FontFile | None:
    """The file fontconfig uses for `family`, or None when only a substitute would be found."""
    pattern = f"{family}:weight=bold" if bold else f"{family}:weight=regular"
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{family}", pattern],
                             capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.split("\n")
    if len(lines) < 3 or not lines[0]:
        return None
    families = [name.strip().lower() for name in lines[2].split(",")]
    if family.strip().lower() not in families:
        return None
    return FontFile(lines[0], int(lines[1] or 0), family)


def stack_font(families: list[str], bold: bool = False) -> FontFile | None:
    """The first family of a theme's font stack that is installed."""
    for family in families:
        found = system_font(family, bold)
        if found:
            return found
    return None


@lru_cache(maxsize=64)
def layout_features(face: FontFile) -> frozenset[str]:
    """The OpenType features of a face's GPOS and GSUB tables under every script (`halt`, `vert`, ...),
    read once per face with HarfBuzz; empty when the file cannot be read."""
    import uharfbuzz as hb

    try:
        hb_face = hb.Face(hb.Blob.from_file_path(face.path), face.index)
        found: set[str] = set()
        for table in ("GPOS", "GSUB"):
            for script in range(len(hb_face.get_table_script_tags(table))):
                found.update(hb_face.get_language_feature_tags(table, script))
    except (OSError, ValueError, RuntimeError):
        return frozenset()
    return frozenset(found)


@lru_cache(maxsize=64)
def space_width_em(face: FontFile) -> float | None:
    """The advance of a face's space (U+0020) in em, read with HarfBuzz; None when it has none or the
    file cannot be read."""
    import uharfbuzz as hb

    try:
        font = hb.Font(hb.Face(hb.Blob.from_file_path(face.path), face.index))
        glyph = font.get_nominal_glyph(0x20)
        if glyph is None:
            return None
        return font.get_glyph_h_advance(glyph) / font.face.upem
    except (OSError, ValueError, RuntimeError):
        return None
