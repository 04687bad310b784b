"""The PDF's text layer reads as the page does, in scripts whose letters are drawn with several glyphs.

WeasyPrint maps each glyph to text first come, first served, and gives the whole text of a cluster to
one of the cluster's glyphs, the others none (Kozea/WeasyPrint#2841, open). Where a font draws one
character with several glyphs, the text layer goes wrong for the rest of the document: in Thai, Noto
draws `้ำ` as `้` + `ํ` + `า`, so after the first `น้ำ` the glyph of `า` carries `้ำ`, and every later
`สาม` is extracted, searched and read aloud as `ส้ำม`.

A PDF maps a glyph to one text, so each glyph gets the text it stands for in most of its uses. While
WeasyPrint draws, every glyph it draws is recorded with its cluster (`_Recorder`). Before the fonts
are written, each cluster of several glyphs shares its text out: a glyph that the font's cmap gives as
the nominal glyph of one of the cluster's characters (after compatibility decomposition) takes that
character, a glyph also drawn alone (a conjunct) takes its text from there, and the rest goes to the
first other glyph (a mark's positional variant, a vowel sign's width variant). A glyph then takes the
text it was given most often.

So `น้ำ` reads `น้ํา` (the same text under NFKC) and `สาม` reads `สาม`. Glyphs only ever drawn alone keep
WeasyPrint's text (so Chinese, Latin and Cyrillic text layers are unchanged), and so do ligatures.
The limit of any one-text-per-glyph map: in a cluster whose glyphs are drawn in another order than
their characters (Devanagari `दि`, drawn `ि` first), the text comes out in the drawn order.

What is patched: the name `Font` in `weasyprint.pdf.stream` and `build_fonts_dictionary` in
`weasyprint.pdf`, only on a version in `weasy.TESTED` and only inside `exact_text()`. Should the font
objects not be what this expects, the text layer is WeasyPrint's own. The same patched `Font` reads its
file only when it is needed (`fontdata`, with `get_hb_object_data` in `weasyprint.pdf.fonts`) and subsets
a CJK face in one pass (`subset`).
"""
from __future__ import annotations

import contextlib
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from ...errors import warn
from .fontdata import deferred_data, deferring
from .subset import one_pass_subset
from .weasy import untested_weasyprint

_lock = threading.Lock()
_active = 0
_originals: dict[str, Any] = {}


class _Recorder(dict):  # type: ignore[type-arg]
    """WeasyPrint's glyph -> text map that sees every glyph drawn: it claims to hold none, so WeasyPrint
    gives it each glyph's text slice, which is a cluster's whole text on one glyph and "" on the others.
    The first text of each glyph is kept, as WeasyPrint would; the clusters are kept in `clusters`."""

    def __init__(self) -> None:
        super().__init__()
        self.clusters: Counter[tuple[tuple[int, ...], str]] = Counter()
        self._pending: list[int] = []  # glyphs with no text, waiting for their cluster's text
        self._open: tuple[list[int], str] | None = None  # a right-to-left cluster: its glyphs without text follow

    def __contains__(self, glyph: object) -> bool:
        return False

    def __setitem__(self, glyph: int, text: str) -> None:
        if not dict.__contains__(self, glyph):
            super().__setitem__(glyph, text)
        if not text:
            (self._open[0] if self._open else self._pending).append(glyph)
            return
        self.close()
        if _right_to_left(text):
            self._open = (self._pending + [glyph], text)
            self._pending = []
        else:
            self.clusters[(tuple(self._pending + [glyph]), text)] += 1
            self._pending = []

    def close(self) -> None:
        if self._open:
            self.clusters[(tuple(self._open[0]), self._open[1])] += 1
            self._open = None


def _right_to_left(text: str) -> bool:
    """Whether the first strong character of `text` is right-to-left."""
    strong = (kind for kind in map(unicodedata.bidirectional, text) if kind in ("L", "R", "AL"))
    return next(strong, "L") != "L"


@contextlib.contextmanager
def exact_text() -> Iterator[None]:
    """Inside, PDFs written by WeasyPrint get the text layer described above."""
    global _active
    if untested_weasyprint():
        yield
        return
    import weasyprint.pdf as pdf_module
    import weasyprint.pdf.fonts as fonts_module
    import weasyprint.pdf.stream as stream_module

    with _lock:
        if _active == 0:
            _originals.update(Font=stream_module.Font, build=pdf_module.build_fonts_dictionary,
                              data=fonts_module.get_hb_object_data)
            stream_module.Font = _recording_font(one_pass_subset(deferred_data(_originals["Font"], _originals["data"])))
            pdf_module.build_fonts_dictionary = _build_fonts_dictionary
            fonts_module.get_hb_object_data = deferring(_originals["data"])
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                if pdf_module.build_fonts_dictionary is _build_fonts_dictionary:
                    pdf_module.build_fonts_dictionary = _originals["build"]
                if getattr(stream_module.Font, "recording", False):
                    stream_module.Font = _originals["Font"]
                if getattr(fonts_module.get_hb_object_data, "deferring", False):
                    fonts_module.get_hb_object_data = _originals["data"]


def _recording_font(font_class: type) -> type:
    class RecordingFont(font_class):  # type: ignore[misc, valid-type]
        recording = True

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if isinstance(self.to_unicode, dict) and not self.to_unicode:
                self.to_unicode = _Recorder()
    return RecordingFont


def _build_fonts_dictionary(pdf: Any, fonts: Any, *args: Any, **kwargs: Any) -> Any:
    for font in fonts.values():
        if isinstance(font.to_unicode, _Recorder):
            recorder = font.to_unicode
            recorder.close()
            to_unicode = dict(recorder)
            try:
                data = _FileOf(font)  # read only if a glyph needs the font's cmap (`fontdata`)
                to_unicode.update(own_characters(recorder.clusters, data, font.index))
                to_unicode.update(shared_out(recorder.clusters, data, font.index))
            except Exception as exc:  # noqa: BLE001 - the page is right either way; only its text layer is WeasyPrint's
                family = getattr(font, "family", b"")
                name = family.decode(errors="replace") if isinstance(family, bytes) else str(family)
                warn(f"PDF: the text layer of the font {name or '(unnamed)'} is WeasyPrint's own "
                     f"(it could not be shared out by glyph: {type(exc).__name__})")
            font.to_unicode = to_unicode
    return _originals["build"](pdf, fonts, *args, **kwargs)


class _FileOf:
    """A font's file, read when first called for."""

    def __init__(self, font: Any) -> None:
        self.font = font

    def __call__(self) -> bytes:
        return self.font.file_content  # type: ignore[no-any-return]


FontData = bytes | Callable[[], bytes]


def _data(font_data: FontData) -> bytes:
    return font_data() if callable(font_data) else font_data


ELLIPSIS = "\u2026"


def own_characters(clusters: Counter[tuple[tuple[int, ...], str]], font_data: FontData, index: int = 0) -> dict[int, str]:
    """The text of each glyph drawn alone that was given several texts: of those that are one character
    whose nominal glyph it is, the one given most often; else the ellipsis, if it is its glyph. Pango
    draws the `…` of an ellipsized line (`text-overflow: ellipsis`, the e-reader's running head) with
    the text it hides as its cluster (`…提速低空…` for `…提速低空经济`), and the first text given to a
    glyph is WeasyPrint's: every `……` of the body after the first running head read `经济经济`."""
    import uharfbuzz as hb

    alone: dict[int, Counter[str]] = {}
    for (glyphs, text), count in clusters.items():
        if len(glyphs) == 1 and text:
            alone.setdefault(glyphs[0], Counter())[text] += count
    mixed = {glyph: texts for glyph, texts in alone.items() if len(texts) > 1}
    if not mixed:
        return {}
    font = hb.Font(hb.Face(_data(font_data), index))
    found = {}
    for glyph, texts in mixed.items():
        own = [(count, text) for text, count in texts.items()
               if len(text) == 1 and font.get_nominal_glyph(ord(text)) == glyph]
        if own:
            found[glyph] = max(own)[1]
        elif font.get_nominal_glyph(ord(ELLIPSIS)) == glyph:
            found[glyph] = ELLIPSIS
    return found


def shared_out(clusters: Counter[tuple[tuple[int, ...], str]], font_data: FontData, index: int = 0) -> dict[int, str]:
    """The text of each glyph drawn in a cluster of several glyphs: what it stands for in most of its uses
    (`clusters` counts each (glyphs, text) drawn)."""
    several = [(glyphs, text) for glyphs, text in clusters if len(glyphs) > 1]
    if not several:
        return {}
    chars = {char for _glyphs, text in several for char in unicodedata.normalize("NFKD", text)}
    nominal = _nominal_glyphs(font_data, index, chars)
    alone: dict[int, Counter[str]] = {}
    for (glyphs, text), count in clusters.items():
        if len(glyphs) == 1:
            alone.setdefault(glyphs[0], Counter())[text] += count
    known = {glyph: counter.most_common(1)[0][0] for glyph, counter in alone.items()}
    involved = {glyph for glyphs, _text in several for glyph in glyphs}
    for _round in range(2):  # the second round knows what the first found (`ि` in `दि` helps read `ब्रि`)
        votes: dict[int, Counter[str]] = {glyph: Counter(alone.get(glyph, {})) for glyph in involved}
        for glyphs, text in several:
            for glyph, part in _share(glyphs, text, nominal, known).items():
                votes[glyph][part] += clusters[(glyphs, text)]
        found = {glyph: _best(counter) for glyph, counter in votes.items()}
        known = {**{glyph: text for glyph, text in found.items() if text}, **known}
    return found


def _best(counter: Counter[str]) -> str:
    """The text given most often, a glyph's own text before none."""
    given = [(count, text) for text, count in counter.items() if text]
    return max(given, key=lambda pair: pair[0])[1] if given else ""


def _share(glyphs: tuple[int, ...], text: str, nominal: dict[int, str], known: dict[int, str]) -> dict[int, str]:
    """One cluster's text shared out over its glyphs: each glyph that is a character's own takes that
    character, each glyph also drawn alone takes its text from there, the first other glyph the rest."""
    rest = list(unicodedata.normalize("NFKD", text))
    parts: dict[int, str] = {}

    def take(glyph: int, part: str) -> bool:
        wanted = list(unicodedata.normalize("NFKD", part))
        if not part or glyph in parts or any(wanted.count(c) > rest.count(c) for c in wanted):
            return False
        for c in wanted:
            rest.remove(c)
        parts[glyph] = part
        return True

    for glyph in glyphs:
        if glyph in nominal:
            take(glyph, nominal[glyph])
    for glyph in glyphs:
        if glyph in known:
            take(glyph, known[glyph])
    others = [glyph for glyph in glyphs if glyph not in parts]
    if rest:
        if others:
            parts[others[0]] = unicodedata.normalize("NFC", "".join(rest))
        else:  # every glyph has its text: the left-over goes where WeasyPrint put the text
            last = glyphs[0] if _right_to_left(text) else glyphs[-1]
            parts[last] += "".join(rest)
    for glyph in others:
        parts.setdefault(glyph, "")
    return parts


def _nominal_glyphs(font_data: FontData, index: int, chars: set[str]) -> dict[int, str]:
    """Glyph id -> the character of `chars` whose nominal glyph it is (the first in code order)."""
    import uharfbuzz as hb

    font = hb.Font(hb.Face(_data(font_data), index))
    glyphs: dict[int, str] = {}
    for char in sorted(chars):
        glyph = font.get_nominal_glyph(ord(char))
        if glyph:
            glyphs.setdefault(glyph, char)
    return glyphs
