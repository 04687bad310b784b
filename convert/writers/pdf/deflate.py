"""The PDF's streams deflated at zlib's default level, in WeasyPrint's public `finisher`.

pydyf (0.13) deflates every stream it is asked to compress at level 9. On our pages nearly all of those bytes
are the two embedded CJK font subsets (~0.8 MB each before deflating): level 9 spends ~0.045 s an article on
them, level 6 ~0.025 s, for a PDF 0.3 % larger. The finisher runs right before pydyf writes the file, so the
streams are deflated here, at level 6, and handed to pydyf as already filtered. Public API only
(`pydyf.Stream`'s `stream`, `extra` and `compress`): a stream holding anything but bytes is left to pydyf.
"""
from __future__ import annotations

import zlib
from typing import Any

LEVEL = 6


def deflate_streams(pdf: Any, level: int = LEVEL) -> None:
    """Deflate, at `level`, each stream of `pdf` that pydyf would deflate at write time."""
    import pydyf

    for obj in pdf.objects:
        if not isinstance(obj, pydyf.Stream) or not obj.compress:
            continue
        if not all(isinstance(part, bytes) for part in obj.stream):
            continue
        packer = zlib.compressobj(level)
        data = packer.compress(b"\n".join(obj.stream)) + packer.flush()
        obj.stream = [data]
        obj.extra["Filter"] = "/FlateDecode"
        obj.compress = False
