"""A CJK face is subset for the PDF in one HarfBuzz pass instead of WeasyPrint's two, with the same bytes.

WeasyPrint 70 subsets each font twice (`Font._harfbuzz_subset`): first the glyphs used, their glyph ids
kept (HarfBuzz then keeps glyphs 0 to the last one it retains, the others empty), then that subset
again, keeping glyphs 0 to the last one used, with the hinting dropped. The second pass runs over every
one of those glyphs: for a Noto CJK face, whose Han glyphs sit near the end of its 65,000, it took two
thirds of the ~40 ms a face cost, twice an article.

Where the second pass can change nothing but the hinting, the hinting is dropped in the first and the
second is not run: in a CFF face (the CJK faces), with no glyph missing from the font (those get ids
past its end and a drawn .notdef), when the first pass kept no glyph after the last one used (a
Japanese face's layout closure often does). Everywhere else, and whenever HarfBuzz fails, WeasyPrint's
own two passes run. tests/test_pdf_subset.py checks that the bytes are WeasyPrint's on this machine's
HarfBuzz. Installed with `tounicode`'s patched `Font`, on tested WeasyPrint versions only.
"""
from __future__ import annotations

from typing import Any

# What WeasyPrint 70 drops from a subset (`Font._harfbuzz_subset`).
DROPPED_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")


def one_pass_subset(font_class: type) -> type:
    """A subclass of WeasyPrint's `Font` that subsets a CFF face in one pass where that gives the same bytes."""

    class OnePassFont(font_class):  # type: ignore[misc, valid-type]
        def _harfbuzz_subset(self, to_unicode: dict[int, str], hinting: bool) -> None:
            if "CFF " in self.tables and not self.missing and to_unicode:
                data = one_pass(self.hb_face, sorted(to_unicode), hinting)
                if data:
                    self.file_content = data
                    return
            super()._harfbuzz_subset(to_unicode, hinting)

    return OnePassFont


def one_pass(hb_face: Any, glyphs: list[int], hinting: bool) -> bytes | None:
    """The face's subset to `glyphs` (sorted), ids kept, hinting dropped unless `hinting`; None unless it
    ends at the last of `glyphs` (the second pass would have cut it there) or HarfBuzz fails."""
    from weasyprint.text.ffi import ffi, harfbuzz, harfbuzz_subset
    from weasyprint.text.fonts import get_hb_object_data

    made = harfbuzz_subset.hb_subset_input_create_or_fail()
    if made == ffi.NULL:
        return None
    subset_input = ffi.gc(made, harfbuzz_subset.hb_subset_input_destroy)
    kept = harfbuzz_subset.hb_subset_input_glyph_set(subset_input)
    harfbuzz.hb_set_add_sorted_array(kept, ffi.new(f"hb_codepoint_t[{len(glyphs)}]", glyphs), len(glyphs))
    flags = (harfbuzz_subset.HB_SUBSET_FLAGS_RETAIN_GIDS | harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
             | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE)
    if not hinting:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
    harfbuzz_subset.hb_subset_input_set_flags(subset_input, flags)
    dropped = harfbuzz_subset.hb_subset_input_set(subset_input, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG)
    tags = [harfbuzz.hb_tag_from_string(name, -1) for name in DROPPED_TABLES]
    harfbuzz.hb_set_add_sorted_array(dropped, ffi.new(f"hb_codepoint_t[{len(tags)}]", tags), len(tags))
    result = harfbuzz_subset.hb_subset_or_fail(hb_face, subset_input)
    if result == ffi.NULL:
        return None
    face = ffi.gc(result, harfbuzz.hb_face_destroy)
    if harfbuzz.hb_face_get_glyph_count(face) != glyphs[-1] + 1:
        return None
    return get_hb_object_data(face) or None
