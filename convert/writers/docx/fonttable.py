"""The DOCX font table: each face the styles name, described so that a machine without it substitutes
a font of the same kind instead of one at random.

Word and LibreOffice look for a missing face first by the names in `w:altName` (ECMA-376 §17.8.3.1:
a comma-separated list), then by its PANOSE class, character set and Unicode/code-page signature.
The theme keeps naming its own faces (the Noto families); only the font table adds the faces a
newsroom's Windows PCs and Macs have: 宋体/SimSun and Songti SC for a Song (serif) face, 微软雅黑/
Microsoft YaHei, 黑体/SimHei and PingFang SC for a Hei (sans) face, 新宋体/NSimSun for a fixed-pitch
CJK face, and Georgia/Times New Roman, Arial/Helvetica, Consolas/Courier New/Menlo for Latin ones.

The PANOSE numbers and signatures of the theme's default families were read once from Debian's
fonts-noto-cjk, fonts-noto-core and fonts-dejavu files (OS/2 table): the DOCX must not depend on the
fonts of the machine that builds it. A face not listed here is described by its kind alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .ooxml import Element, el

GB2312, BIG5, ANSI = "86", "88", "00"

_SONG = ("宋体", "SimSun", "Songti SC", "STSong")
_HEI = ("微软雅黑", "Microsoft YaHei", "黑体", "SimHei", "PingFang SC", "Heiti SC")
_CJK_MONO = ("新宋体", "NSimSun", "Songti SC")
# Traditional-script faces (a theme's TC or HK face, `Theme.stack`): Taiwan's and Hong Kong's Ming and Hei.
_MING = ("新細明體", "PMingLiU", "Songti TC", "MingLiU")
_JHENGHEI = ("微軟正黑體", "Microsoft JhengHei", "PingFang TC", "Heiti TC")
_TC_MONO = ("細明體", "MingLiU", "Songti TC")
_TRADITIONAL_FACE = re.compile(r"\b(?:TC|HK|TW)\b")
_LATIN_SERIF = ("Georgia", "Times New Roman", "Times")
_LATIN_SANS = ("Arial", "Helvetica", "Helvetica Neue")
_LATIN_MONO = ("Consolas", "Courier New", "Menlo")


@dataclass(frozen=True)
class Signature:
    """The OS/2 table's Unicode ranges (usb0-3) and code pages (csb0-1), as 8 hex digits each."""

    usb: tuple[str, str, str, str]
    csb: tuple[str, str]


_CJK_SIGNATURE = Signature(("30000083", "2BDF3C10", "00000016", "00000000"), ("602E0107", "00000000"))
_NOTO_LATIN_SIGNATURE = Signature(("E00002FF", "4000201F", "08000029", "00100000"), ("0000019F", "00000000"))

# face -> (PANOSE, signature) as the installed font files give them
_MEASURED: dict[str, tuple[str, Signature]] = {
    "Noto Serif CJK SC": ("02020400000000000000", _CJK_SIGNATURE),
    "Noto Sans CJK SC": ("020B0500000000000000", _CJK_SIGNATURE),
    "Noto Sans Mono CJK SC": ("020B0500000000000000", _CJK_SIGNATURE),
    # The TC and HK faces are the same design in the same collection files: the same class and ranges.
    **{f"Noto {kind} CJK {standard}": (panose, _CJK_SIGNATURE) for standard in ("TC", "HK")
       for kind, panose in (("Serif", "02020400000000000000"), ("Sans", "020B0500000000000000"),
                            ("Sans Mono", "020B0500000000000000"))},
    "Noto Serif": ("02020502060505020204", _NOTO_LATIN_SIGNATURE),
    "Noto Sans": ("020B0502040504020204", _NOTO_LATIN_SIGNATURE),
    "DejaVu Serif": ("02060603050605020204", Signature(("E50006FF", "5200F9FB", "0A040020", "00000000"),
                                                       ("6000009F", "DFD70000"))),
    "DejaVu Sans": ("020B0603030804020204", Signature(("E7006EFF", "D200FDFF", "0A246029", "0400200C"),
                                                      ("600001FF", "DFFF0000"))),
    "DejaVu Sans Mono": ("020B0609030804020204", Signature(("E70026FF", "D200F9FB", "02000028", "00000000"),
                                                           ("600001DF", "FFDF0000"))),
}


def fallbacks(cjk: bool, family: str, traditional: bool = False) -> tuple[str, ...]:
    """The Windows and macOS faces standing in for a face of this kind (family: roman | swiss | modern),
    Traditional-script ones for a TC or HK face."""
    if cjk and traditional:
        return {"roman": _MING, "swiss": _JHENGHEI}.get(family, _TC_MONO)
    if cjk:
        return {"roman": _SONG, "swiss": _HEI}.get(family, _CJK_MONO)
    return {"roman": _LATIN_SERIF, "swiss": _LATIN_SANS}.get(family, _LATIN_MONO)


def font_entry(name: str, cjk: bool, family: str) -> Element:
    """One `w:font`: alternative names, PANOSE, character set, family, pitch and signature."""
    panose, signature = _MEASURED.get(name, (None, None))
    sig = (el("w:sig", usb0=signature.usb[0], usb1=signature.usb[1], usb2=signature.usb[2],
              usb3=signature.usb[3], csb0=signature.csb[0], csb1=signature.csb[1]) if signature else None)
    traditional = cjk and bool(_TRADITIONAL_FACE.search(name))
    return el("w:font",
              el("w:altName", val=",".join(fallbacks(cjk, family, traditional))),
              el("w:panose1", val=panose) if panose else None,
              el("w:charset", val=(BIG5 if traditional else GB2312) if cjk else ANSI),
              el("w:family", val=family),
              el("w:pitch", val="fixed" if family == "modern" else "variable"),
              sig, name=name)
