"""A font's file is read when the PDF needs it, not copied for every document WeasyPrint writes.

WeasyPrint 70 copies each font's whole file into a `bytes` object (`Font.file_content`) when a
document first draws with it: for a Noto CJK face 19 to 26 MB, twice an article (body and headings),
about 30 ms of a batch article's CPU with the page faults of the fresh copy. With HarfBuzz subsetting
the copy is never read: the subset is made from the HarfBuzz face and replaces it. It is read only
where the subset is not made or not taken (no glyph used, a font used in forms, a failed subset,
a variable or colour font, fontTools subsetting, the text layer of `tounicode`).

`deferred_data` makes a subclass of WeasyPrint's `Font` whose `file_content` is read from the face on
first use, the same bytes the copy would have held: a face's data does not change. While such a font
is made (in its thread only), `get_hb_object_data` in `weasyprint.pdf.fonts` hands back a marker for
the whole face instead of copying it; everywhere else, and for subsets, it is WeasyPrint's own.
Installed by `tounicode.exact_text`, which patches `Font` on tested versions only.
"""
from __future__ import annotations

import threading
from typing import Any

_making = threading.local()
_NOT_READ = object()  # `file_content` not read from the face yet


def deferred_data(font_class: type, read: Any) -> type:
    """A subclass of `font_class` (WeasyPrint's `Font`) reading its file with `read(hb_face)` on first use."""

    class DeferredFont(font_class):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            _making.active = True
            try:
                super().__init__(*args, **kwargs)
            finally:
                _making.active = False

        @property
        def file_content(self) -> Any:
            data = self.__dict__.get("_file_content", _NOT_READ)
            if data is _NOT_READ:
                data = self.__dict__["_file_content"] = read(self.hb_face)
            return data

        @file_content.setter
        def file_content(self, data: Any) -> None:
            self.__dict__["_file_content"] = data

    return DeferredFont


def deferring(read: Any) -> Any:
    """`get_hb_object_data` that gives the marker for a whole face while a `DeferredFont` is made."""

    def get_hb_object_data(hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
        if ot_color is None and getattr(_making, "active", False):
            return _NOT_READ
        return read(hb_object, ot_color, glyph)

    get_hb_object_data.deferring = True  # type: ignore[attr-defined]
    return get_hb_object_data
