"""Chinese line adjustments in WeasyPrint: inter-character justification, and no Han/Latin gap at
the edge of a line.

WeasyPrint justifies a line by widening its spaces only (`layout.inline.justify_line`), and Chinese
has none, so justified Chinese paragraphs come out ragged on the right. Inside `justifying()`, on a
line in a CJK language, the extra width is shared between the gaps next to Han characters and CJK
punctuation (and the spaces, if any), by giving those characters Pango letter spacing. Text is never
changed, so extraction from the PDF is exact; line breaking (and so the kinsoku rules Pango applies)
is untouched, because only lines already broken are stretched.

The ¼em gaps between Han and Latin script are margins on spans marked up by `scripts.script_gaps`;
a gap belongs between two characters, so where a line starts or ends at such a span the margin is
dropped (`text_align` is wrapped to call `gaps.trim_edge_gaps` before any alignment).

The letter spacing must also survive WeasyPrint re-creating the Pango layout at draw time
(`Layout.reactivate` calls `set_text(..., justify=True)`), so `Layout.set_text` is wrapped too and
re-applies the spacing stored on the layout object.

What is patched, and when: `weasyprint.layout.inline.justify_line`, `.text_align` and
`weasyprint.text.line_break.Layout.set_text`, only on a WeasyPrint version in `weasy.TESTED`, and only
while at least one `justifying()` block runs: they are put back when the last one ends, so WeasyPrint
is unchanged for anyone else afterwards, and other threads' renders meanwhile go straight to
WeasyPrint's own code. On another version nothing is wrapped: Chinese lines come out as WeasyPrint
justifies them (ragged right edges, Han/Latin gaps kept at line ends).

Every wrapper is guarded: when WeasyPrint's internals are not what this code expects (AttributeError,
KeyError, TypeError), the line is put back as it was and laid out by WeasyPrint's own function (or,
at draw time, drawn without the added letter spacing). Each render records what degraded, and its
article gets one warning per cause through `errors.warn` (so a batch warns for every article): the
untested version, or which wrapper failed and how often.

Cost: none measurable. One warm render of the seed article takes 0.49 s of CPU with the hooks and
0.47 s without (medians of 9, `benchmarks/weasy_startup.py`; an earlier run: 0.39 and 0.42), while
without them every justified Chinese line is ragged.
"""
from __future__ import annotations

import collections
import contextlib
import contextvars
import copy
import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from ...errors import warn
from ...scripts import is_cjk_language, spaced_gaps, spaced_ranges, takes_space
from .gaps import trim_edge_gaps
from .marks import add_halt, trim_edge_marks
from .weasy import untested_weasyprint

_INTERNALS_CHANGED = (AttributeError, KeyError, TypeError)
DEGRADED = "PDF: Chinese justification degraded"


class _Render:
    """One render inside `justifying()`: its line options, and what degraded in it, to be warned about
    for its article."""

    def __init__(self, options: LineOptions) -> None:
        self.options = options
        self.failures: collections.Counter[str] = collections.Counter()

    def failed(self, where: str, exc: BaseException) -> None:
        self.failures[f"WeasyPrint's internals changed in {where} ({type(exc).__name__}: {exc})"] += 1


@dataclass(frozen=True)
class LineOptions:
    """The theme's say on Chinese lines (`[cjk]`): whether a closing mark ending a line is set half
    width (`compress`), an opening mark starting one too (`opening_at_start`; in a heading,
    `heading_opening_at_start`), the most a gap between
    characters may widen, in em of the line's text (`max_stretch_em`), and the most a space between
    Latin words may (`max_space_stretch_em`), once the gaps are at theirs."""

    compress: bool = True
    opening_at_start: bool = False
    heading_opening_at_start: bool = False  # `opening_at_start` in headlines and headings
    max_stretch_em: float = 0.15
    max_space_stretch_em: float = 0.5
    script_gap_em: float = 0.25  # the Han/Latin gap, for `refit` to know what a group takes mid-line


_render: contextvars.ContextVar[_Render | None] = contextvars.ContextVar("convert_cjk_justify", default=None)
_hooks_lock = threading.Lock()
_hooks_users = 0
_hooks: list[tuple[Any, str, Callable[..., Any], Callable[..., Any]]] = []  # (owner, name, original, wrapper)


@contextlib.contextmanager
def justifying(options: LineOptions = LineOptions()) -> Iterator[None]:
    """Justify CJK lines between characters for WeasyPrint renders made inside this block, and warn
    (for the current article) when that could not be done on some or all lines."""
    render = _Render(options)
    untested = untested_weasyprint()
    try:
        if untested is None and _acquire_hooks(render):
            token = _render.set(render)
            try:
                yield
            finally:
                _render.reset(token)
                _release_hooks()
        else:
            yield
    finally:
        if untested:
            warn(f"{DEGRADED}: {untested}, so its lines are justified the plain way "
                 "(ragged right edges, Han/Latin gaps kept at line ends)")
        for cause, times in render.failures.items():
            warn(f"{DEGRADED} ({times}x WeasyPrint's own code used instead): {cause}")


def _acquire_hooks(render: _Render) -> bool:
    """Wrap WeasyPrint's functions unless a render already has; False if they cannot be."""
    global _hooks_users
    with _hooks_lock:
        if not _hooks_users:
            try:
                _install()
            except (ImportError, *_INTERNALS_CHANGED) as exc:
                render.failed("installing the line hooks", exc)
                return False
        _hooks_users += 1
        return True


def _release_hooks() -> None:
    """Put WeasyPrint's own functions back when the last render that needed the wrappers ends."""
    global _hooks_users
    with _hooks_lock:
        _hooks_users -= 1
        if not _hooks_users:
            _uninstall()


def hooks_installed() -> bool:
    """Whether WeasyPrint's functions are wrapped right now (only while a render is being justified)."""
    return bool(_hooks)


_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _in_heading(line: Any) -> bool:
    """Whether a line box is a line of a headline or heading (its block's element)."""
    return getattr(line, "element_tag", None) in _HEADING_TAGS


def _install() -> None:
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    original_justify = inline.justify_line
    original_text_align = inline.text_align
    original_set_text = line_break.Layout.set_text

    def justify_line(context: Any, line: Any, extra_width: float) -> None:
        render = _render.get()
        if render is None or extra_width <= 0:
            return original_justify(context, line, extra_width)
        try:
            with _restored_on_failure(line):
                done = is_cjk_language(line.style["lang"]) and _justify_cjk_line(
                    context, line, extra_width, render.options)
        except _INTERNALS_CHANGED as exc:
            render.failed("justify_line", exc)
            done = False
        if not done:
            original_justify(context, line, extra_width)

    def text_align(context: Any, line: Any, available_width: float, last: bool) -> float:
        render = _render.get()
        if render is not None:
            try:
                trim_edge_gaps(line)  # each reads everything before it changes anything
                if render.options.compress and is_cjk_language(line.style["lang"]):
                    options = render.options
                    trim_edge_marks(line, options.heading_opening_at_start if _in_heading(line)
                                    else options.opening_at_start)
            except _INTERNALS_CHANGED as exc:
                render.failed("text_align", exc)
        return original_text_align(context, line, available_width, last)

    def set_text(self: Any, text: str, justify: bool = False) -> None:
        original_set_text(self, text, justify)
        spacing = getattr(self, "cjk_spacing", 0.0)
        halves = getattr(self, "cjk_halt", None)
        if justify and (spacing or halves):
            try:
                if spacing:
                    _add_letter_spacing(self, spacing)
                if halves:
                    add_halt(self, halves)
            except _INTERNALS_CHANGED as exc:
                if render := _render.get():
                    render.failed("Layout.set_text", exc)

    _hooks[:] = [(inline, "justify_line", original_justify, justify_line),
                 (inline, "text_align", original_text_align, text_align),
                 (line_break.Layout, "set_text", original_set_text, set_text)]
    for owner, name, _, wrapper in _hooks:
        setattr(owner, name, wrapper)


def _uninstall() -> None:
    for owner, name, original, wrapper in _hooks:
        if getattr(owner, name) is wrapper:  # someone who wrapped ours keeps theirs
            setattr(owner, name, original)
    _hooks.clear()


@contextlib.contextmanager
def _restored_on_failure(line: Any) -> Iterator[None]:
    """Every box of the line as it was, should stretching it fail half-way."""
    saved = [(box, dict(vars(box))) for box in _subtree(line)]
    try:
        yield
    except BaseException:
        for box, attributes in saved:
            vars(box).clear()
            vars(box).update(attributes)
        raise


def _subtree(box: Any) -> Iterator[Any]:
    yield box
    for child in box.all_children():
        yield from _subtree(child)


def _add_letter_spacing(layout: Any, spacing: float) -> None:
    from weasyprint.text.ffi import TO_UNITS, ffi, pango

    ranges = spaced_ranges(layout.text)
    if not ranges:
        return
    attributes = pango.pango_layout_get_attributes(layout.layout)
    if attributes == ffi.NULL:
        attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    base = layout.style["letter_spacing"]
    units = int((spacing + (0 if base == "normal" else base)) * TO_UNITS)
    for start, end in ranges:
        attribute = pango.pango_attr_letter_spacing_new(units)
        attribute.start_index, attribute.end_index = start, end
        pango.pango_attr_list_change(attributes, attribute)
    pango.pango_layout_set_attributes(layout.layout, attributes)


# ---------------------------------------------------------------- the line

def _justify_cjk_line(context: Any, line: Any, extra_width: float, options: LineOptions) -> bool:
    """Spread `extra_width` over the line's gaps, each widened by at most `max_stretch_em`; what is
    left over the spaces between Latin words, each widened by at most `max_space_stretch_em` in all, as
    a typographer widens the word spaces of a Latin phrase (`Wealth Intelligent Advisory Platform`)
    before he letter-spaces Han text. A line that would need more is left that much short: letter-spaced
    text reads worse than a short line. False when it has no gaps to stretch."""
    from weasyprint.formatting_structure import boxes

    line_leaves = list(leaves(line))
    texts = [box for box in line_leaves if isinstance(box, boxes.TextBox) and box.text and _stretchable(box)]
    gaps = sum(_gaps(box) for box in texts) + _boundary_gaps(line_leaves)
    spaces = sum(_spaces(box) for box in texts)
    hidden = sum(_hidden_width(box) for box in texts)
    if gaps <= 0 or hidden >= extra_width:
        return False
    size = line.style["font_size"]
    room = extra_width - hidden
    spacing = min(room / gaps, options.max_stretch_em * size)
    word = spacing
    if spaces and room > gaps * spacing:
        word = max(spacing, min(spacing + (room - gaps * spacing) / spaces, options.max_space_stretch_em * size))
    _Stretcher(context, line, spacing, word).apply(line, 0.0)
    line.cjk_slack = extra_width  # for `refit`: what the line lacked, and lacks still (a copy keeps them)
    line.cjk_short = room - gaps * spacing - spaces * (word - spacing)
    return True


def _hidden_width(box: Any) -> float:
    """Width a box draws beyond `box.width`: WeasyPrint leaves a leading collapsible space (after an
    inline element that ended with one) out of the box's width, yet draws it. Measured with the marks
    `marks.trim_edge_marks` set half width as they are (the box's width is already that much less)."""
    if not _layout_text(box).startswith(" "):
        return 0.0
    from weasyprint.text.line_break import Layout, line_size

    layout = Layout(box.style)
    layout.set_text(_layout_text(box))
    halves = getattr(box.pango_layout, "cjk_halt", None)
    if halves:
        add_halt(layout, halves)
    width, _ = line_size(layout.get_first_line()[0], box.style)
    return max(0.0, width - box.width)


def _gaps(box: Any) -> float:
    """How many times the spacing the box's text widens by: its letter-spaced characters and its
    spaces (which WeasyPrint widens by the same amount)."""
    text = _spaced_text(box)
    return spaced_gaps(text) + text.count(" ") + text.count("\u00a0") if text else 0.0


def _spaces(box: Any) -> int:
    """How many spaces of the box's text WeasyPrint widens (its justification spacing)."""
    text = _spaced_text(box)
    return text.count(" ") + text.count("\u00a0") if text else 0


def _spaced_text(box: Any) -> str:
    """The text whose spacing widens the box: its layout's, less the space a line ends at, which the
    layout keeps but the box's width leaves out (`公元 ` / `1993 年`): that space, and the half of the
    spacing the character before it keeps, hang past the margin."""
    text = _layout_text(box)
    return text if (box.text or "").endswith(" ") else text.rstrip(" ")


def _layout_text(box: Any) -> str:
    layout = getattr(box, "pango_layout", None)
    return getattr(layout, "text", None) or box.text


def _stretched(box: Any, spacing: float, word: float) -> Any:
    """The box's layout, told to draw with `spacing` in every gap between characters and `word` in
    every space (WeasyPrint re-creates the Pango layout from it when drawing). A light copy: the box's
    own layout may be shared with copies of it."""
    layout = copy.copy(box.pango_layout)
    layout.justification_spacing = word
    layout.cjk_spacing = spacing
    return layout


def _stretchable(box: Any) -> bool:
    """Code keeps its own spacing: monospace text is never letter-spaced or space-stretched."""
    return box.element_tag not in _CODE_TAGS and "monospace" not in box.style["font_family"]


_CODE_TAGS = {"code", "kbd", "samp", "pre", "tt"}


def leaves(box: Any) -> Iterator[Any]:
    """The boxes of a line (or inline box) that hold no others, left to right, in normal flow only:
    text boxes, images, inline blocks."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from leaves(child)
    else:
        yield box


def _leaf_edges(leaf: Any) -> tuple[str, str]:
    """A leaf's first and last character: an image or inline block counts as one object character, an
    empty text box as none."""
    from weasyprint.formatting_structure import boxes

    if isinstance(leaf, boxes.TextBox):
        return (leaf.text[0], leaf.text[-1]) if leaf.text else ("", "")
    return "\ufffc", "\ufffc"


def _first_chars(box: Any, found: dict[int, str]) -> str:
    """The first character of `box` and of every box inside it, by `id`, in one walk of the line."""
    from weasyprint.formatting_structure import boxes

    if not isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        first = _leaf_edges(box)[0]
    else:
        first = ""
        for child in box.children:
            if child.is_in_normal_flow():
                char = _first_chars(child, found)
                first = first or char
    found[id(box)] = first
    return first


def _gap_between(before: str, after: str) -> bool:
    if not before or not after or before.isspace() or after.isspace():
        return False
    return takes_space(before) or takes_space(after)


def _boundary_gaps(line_leaves: list[Any]) -> int:
    """How many of the gaps between one leaf and the next take the line's spacing (`_gap_between`)."""
    chars = [edges for edges in map(_leaf_edges, line_leaves) if edges[0]]
    return sum(_gap_between(chars[i][1], chars[i + 1][0]) for i in range(len(chars) - 1))


class _Stretcher:
    """Moves and widens the boxes of one line, like WeasyPrint's `add_word_spacing`."""

    def __init__(self, context: Any, line: Any, spacing: float, word: float) -> None:
        self.context = context
        self.spacing = spacing
        self.word = word  # the spacing of a space
        self.previous = ""  # the last character placed on the line so far
        self.first: dict[int, str] = {}  # each box's first character, by id
        _first_chars(line, self.first)

    def apply(self, box: Any, x_advance: float) -> float:
        from weasyprint.formatting_structure import boxes

        first = self.first[id(box)]
        if first and _gap_between(self.previous, first):
            x_advance += self.spacing  # the gap opens before the box, outside its margins
        if first:
            self.previous = ""
        if not hasattr(box, "cjk_natural_width"):
            box.cjk_natural_width = box.width  # before any widening, for `refit`
        if isinstance(box, boxes.TextBox):
            box.position_x += x_advance
            if box.text and _stretchable(box):
                growth = _gaps(box) * self.spacing + _spaces(box) * (self.word - self.spacing) + _hidden_width(box)
                box.pango_layout = _stretched(box, self.spacing, self.word)
                box.justification_spacing = self.word
                box.width += growth
                x_advance += growth
            if box.text:
                self.previous = box.text[-1]
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += x_advance
            before = x_advance
            for child in box.children:
                if child.is_in_normal_flow():
                    x_advance = self.apply(child, x_advance)
            box.width += x_advance - before
        else:
            box.translate(x_advance, 0)
            self.previous = "\ufffc"
        return x_advance
