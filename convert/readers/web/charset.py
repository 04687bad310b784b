"""A web page's bytes to text: the charset the server declares, then the one the page declares
(`<meta charset>`, `http-equiv`), then our own decoder's judgement (`decode`)."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from ...errors import warn
from ..decode import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# What browsers read a declared label as (WHATWG Encoding): the supersets, never the narrower codec.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
              "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
              "us-ascii": "cp1252", "ascii": "cp1252", "shift_jis": "cp932", "euc-kr": "cp949"}


def declared_charset(data: bytes, content_type: str = "") -> str:
    """The charset named by the HTTP header, else by the page's first 4 KiB; '' when neither names one."""
    header = re.search(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", content_type, re.I)
    in_page = _META_CHARSET.search(data[:4096])
    for label in (header[1] if header else "", in_page[1].decode("ascii") if in_page else ""):
        label = _SUPERSETS.get(label.lower(), label.lower())
        if not label:
            continue
        try:
            return codecs.lookup(label).name
        except LookupError:
            continue
    return ""


def page_text(data: bytes, content_type: str, source: Path | str) -> str:
    """Decode a page: its declared charset when the bytes agree with it, else `decode_text`."""
    charset = declared_charset(data, content_type)
    if charset and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode(charset)
        except UnicodeDecodeError:
            warn(f"{source}: the page says it is {charset}, but it is not; its encoding is guessed instead")
        else:
            if text.strip():
                return text.replace("\r\n", "\n").replace("\r", "\n")
    return decode_text(data, source)
