"""Refitting a line that a kept group leaves short, as a Chinese typographer does (clreq §3.2, JIS X
4051 §6.2): in pure Han text every character is one em, so breaking earlier never helps; when the group
that opens the next line (a number with its unit, `27 座`; a paragraph's last two characters) could not
stay on the line, and spreading the slack over the line's gaps (`justify`, at most `max_stretch_em`
each) does not fill it, then, in this order:

1. pull the group up (追い込み) by setting the line's full-width marks half width (`halt`), as many as it
   takes, the nearest first;
2. only if that cannot make room either, let the line break between the number and its unit (a soft
   keep), pulling the number up, with marks set half width if it needs them; a range with no unit
   (`（2024—2026）》`) may break after its dash instead (`2024—` / `2026`), the dash ending the line,
   and a compound unit's number may leave its unit, which stays whole (`（约50～61` / `km/h）`).
   A number itself (digits, separators, decimal point, percent, a race time) never breaks.

Only the layout knows where lines end, and the markup decides what is kept and compressed, so this is
a second look: `justify` records on each line it stretched what it lacked and still lacks (`cjk_slack`,
`cjk_short`), `refits` reads the laid-out document for short lines followed by a numbered group
(`cjk.Typesetting.keep_ids`) and says what to change; the PDF writer marks the article up again and
lays it out anew, at most `PASSES` times: a change reflows the rest of its paragraph, so each pass
refits the first short line of each paragraph only."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from ...scripts import (CJK_LETTER, CLOSING_MARKS, CLOSING_PUNCTUATION, OPENING_MARKS, OPENING_PUNCTUATION, WORD_JOINER,
                        ZERO_WIDTH_SPACE, compound_number, is_wide, mark_kind, range_breaks)
from .gaps import edge_chain
from .justify import LineOptions, leaves
from .marks import half_width_saving

PASSES = 6  # layouts after the first, at most: a paragraph's second short line is looked at once the first is refitted
TOLERANCE = 0.6  # points a justified line may end short of the margin
_OPAQUE_TAGS = {"code", "kbd", "samp", "tt", "sup", "sub"}
_INVISIBLE = WORD_JOINER + ZERO_WIDTH_SPACE  # the markup's joiners and break opportunities: no letters
_DROP_INVISIBLE = str.maketrans("", "", _INVISIBLE)


@dataclass
class Refits:
    """What the markup changes: marks set half width before a group (`Typesetting.squeeze`), groups
    whose units may go to the next line (`Typesetting.soft`)."""

    squeeze: dict[int, tuple[int, ...]] = field(default_factory=dict)
    soft: set[int] = field(default_factory=set)
    squeeze_at: dict[tuple[int, int], tuple[int, ...]] = field(default_factory=dict)  # `Typesetting.squeeze_at`

    def add(self, other: Refits) -> bool:
        """Take on `other`'s changes to groups and places not changed yet; whether there were any."""
        new = {ident for ident in [*other.squeeze, *other.soft] if ident not in self.squeeze and ident not in self.soft}
        self.squeeze.update({ident: marks for ident, marks in other.squeeze.items() if ident in new})
        self.soft.update(other.soft & new)
        places = {place: marks for place, marks in other.squeeze_at.items() if place not in self.squeeze_at}
        self.squeeze_at.update(places)
        return bool(new or places)


def refits(document: Any, options: LineOptions, done: Refits | None = None) -> Refits:
    """What would refit the short lines of a WeasyPrint `document` that a numbered group follows, not
    refitted yet (`done`): the first such line of each paragraph (the rest of it reflows)."""
    found, refitted = Refits(), set()
    places = _line_places(document)
    for block, line, following in _short_lines(document):
        if block in refitted:
            continue
        group = _group(following)
        if group is None:
            place = places.get(id(following))
            if place is not None and (done is None or place not in done.squeeze_at):
                chosen = _pull_up(line, following, options)
                if chosen:
                    found.squeeze_at[place] = chosen
                    refitted.add(block)
                elif chosen is None:
                    cut = _range_cut(line, following, options)
                    if cut is not None and (done is None or cut[0] not in done.soft):
                        found.soft.add(cut[0])
                        if cut[1]:
                            found.squeeze_at[place] = cut[1]
                        refitted.add(block)
            continue
        ident, box, text = group
        if done is not None and (ident in done.squeeze or ident in done.soft):
            continue
        size = line.style["font_size"]
        last = _last_char(line)
        gap = options.script_gap_em * size if last and CJK_LETTER.match(last) and _takes_gap(text[:1]) else 0.0
        natural = _natural_width(box) + gap
        whole = natural + _kinsoku_width(following, box, size)
        trailing = _trailing_marks(following, box, text)
        unit = len(text) - len(text.rstrip("".join(ch for ch in text if CJK_LETTER.match(ch))))
        number = None
        if unit and any(ch.isdigit() for ch in text[:len(text) - unit]):  # the unit and the gap before it go down
            number = natural - unit * size - (options.script_gap_em * size if _takes_gap(text[-unit - 1]) else 0.0)
        compound = compound_number(text)
        if number is None and compound:  # a compound unit's number goes up alone (`（约50～61` / `km/h）`)
            number = gap + _head_width(box, compound)
        dashes = range_breaks(text)
        head = gap + _head_width(box, dashes[0]) if dashes else None  # a range's dash may end the line (`2024—`
        if number is None:  # / `2026`): its first part goes up, after the number without its unit would not
            number, head = head, None
        marks = _marks(line)
        for width, soft in ((whole, False), (number, True), (head, True)):
            if width is None:
                continue
            chosen = _enough(([] if soft else trailing) + marks, width - _slack(line))
            if chosen is not None:
                if chosen:
                    found.squeeze[ident] = chosen
                if soft:
                    found.soft.add(ident)
                refitted.add(block)
                break
    return found


def _pull_up(line: Any, following: Any, options: LineOptions) -> tuple[int, ...] | None:
    """The marks to set half width so that what opens the `following` line, up to its first break (a
    Han character, a Latin word: `Sarah` of `Sarah Mitchell`, `统”），`), fits on `line`, which it left
    short; None when no marks would do (as `refits` does for a kept group, without the soft keep)."""
    unit = _first_unit(following)
    if not unit:
        return None
    size = line.style["font_size"]
    last = _last_char(line)
    gap = options.script_gap_em * size if last and CJK_LETTER.match(last) and _takes_gap(unit[0][0]) else 0.0
    width = gap + sum(_text_width(leaf, "".join(char for char, other in unit if other is leaf))
                      for leaf in dict.fromkeys(leaf for _, leaf in unit))
    if width <= _slack(line):
        return None  # it would fit: the line is short for another reason
    trailing = [(-(index + 1), half_width_saving(leaf.style, char)) for index, (char, leaf) in reversed(list(enumerate(unit)))
                if mark_kind(char) == "closing" and not _compressed(leaf)]
    return _enough(trailing + _marks(line), width - _slack(line)) or None


def _range_cut(line: Any, following: Any, options: LineOptions) -> tuple[int, tuple[int, ...]] | None:
    """(the kept group, the marks to set half width) that bring what opens the `following` line up to
    the dash of the range in it (`（2024—` of `（2024—2026）》`) onto `line`, when the whole would not
    come up (`_pull_up`): the range's group goes soft (`cjk` breaks it after its dash); None when
    there is no such range or no marks would do."""
    unit = _first_unit(following)
    text = "".join(char for char, _ in unit)
    dashes = range_breaks(text)
    if not dashes:
        return None
    ident = None
    for _, leaf in unit[:dashes[0]]:
        for box in _ancestors(following, leaf):
            keep = box.element.get("data-keep") if getattr(box, "element", None) is not None else None
            if keep is not None and keep.isdigit():
                ident = int(keep)
    if ident is None:
        return None
    head = unit[:dashes[0]]
    size = line.style["font_size"]
    last = _last_char(line)
    gap = options.script_gap_em * size if last and CJK_LETTER.match(last) and _takes_gap(head[0][0]) else 0.0
    width = gap + sum(_text_width(leaf, "".join(char for char, other in head if other is leaf))
                      for leaf in dict.fromkeys(leaf for _, leaf in head))
    chosen = _enough(_marks(line), width - _slack(line))
    return None if chosen is None else (ident, chosen)


def _head_width(box: Any, count: int) -> float:
    """The width of the first `count` characters of the group `box` (joiners not counted), as set."""
    width = 0.0
    for leaf in leaves(box):
        text = (getattr(leaf, "text", None) or "").translate(_DROP_INVISIBLE)
        if not text or count <= 0:
            continue
        width += _text_width(leaf, text[:count])
        count -= len(text)
    return width


def _ancestors(root: Any, target: Any) -> list[Any]:
    """The boxes from `root` down to `target` (empty when `target` is not inside `root`)."""
    if root is target:
        return [root]
    for child in getattr(root, "children", ()) or ():
        path = _ancestors(child, target)
        if path:
            return [root, *path]
    return []


def _slack(line: Any) -> float:
    """What the line lacked when it was broken: what it lacked once laid out (`justify`), less the
    Han/Latin gaps dropped at its edges afterwards (`gaps.trim_edge_gaps`), which the line breaker
    measured (`240部單車，…管理` / `預約。`: 預約。 fitted only without the gap before 2)."""
    return line.cjk_slack - getattr(line, "cjk_trimmed", 0.0)


def _first_unit(line: Any) -> list[tuple[str, Any]]:
    """(character, its text box) of what opens `line` up to the first place it may break: opening marks,
    then a Han character or a Latin word or number, then the closing marks no line may start with;
    empty when the line opens with something else (an image, code)."""
    from weasyprint.formatting_structure import boxes

    chars: list[tuple[str, Any]] = []
    for leaf in leaves(line):
        if not isinstance(leaf, boxes.TextBox) or getattr(leaf, "element_tag", "") in _OPAQUE_TAGS:
            break
        chars.extend((char, leaf) for char in leaf.text or "" if char not in _INVISIBLE)
    index = 0
    while index < len(chars) and chars[index][0] in OPENING_PUNCTUATION + OPENING_MARKS:
        index += 1
    if index == len(chars) or chars[index][0].isspace():
        return []
    if CJK_LETTER.match(chars[index][0]):
        index += 1
    else:
        while index < len(chars) and not chars[index][0].isspace() and not is_wide(chars[index][0]):
            index += 1
    while index < len(chars) and chars[index][0] in CLOSING_PUNCTUATION + CLOSING_MARKS:
        index += 1
    return chars[:index] if index < len(chars) else []  # the whole line: nothing to gain


def _text_width(leaf: Any, text: str) -> float:
    """How wide `text` is set in the style of the text box `leaf`, a mark the markup set half width
    (`pc`) at that width, and before justification widened it."""
    from weasyprint.text.line_break import Layout, line_size

    layout = Layout(leaf.style)
    layout.set_text(text)
    width, _ = line_size(layout.get_first_line()[0], leaf.style)
    layout.deactivate()
    if _compressed(leaf):
        width -= half_width_saving(leaf.style, text[-1])
    return width


def _line_places(document: Any) -> dict[int, tuple[int, int]]:
    """Where each line of the document starts: id(line box) -> (the number of its block-level element,
    `data-cjk`, the place of its first letter or mark in the element's text), counted as `cjk` counts
    them (spaces, joiners and generated content not counted; an image one). An element is left out
    from where code or another opaque element shows in it (the markup counts it as one object), and
    so is what is laid out again on each page (the running head, a table's header row)."""
    from weasyprint.formatting_structure import boxes

    places: dict[int, tuple[int, int]] = {}
    seen: dict[int, int] = {}
    lost: set[int] = set()

    def walk(box: Any) -> None:
        element = getattr(box, "element", None)
        number = element.get("data-cjk") if element is not None and hasattr(element, "get") else None
        for child in getattr(box, "children", None) or []:
            if isinstance(child, boxes.MarginBox) or getattr(child, "is_header", False) or \
                    getattr(child, "is_footer", False):
                continue  # laid out again on every page: a running head, a table's header row
            if not isinstance(child, boxes.LineBox):
                walk(child)
                continue
            if number is None or not number.isdigit() or int(number) in lost:
                continue
            ident = int(number)
            seen.setdefault(ident, 0)
            places[id(child)] = (ident, seen[ident])
            last = None
            for leaf in leaves(child):
                tag = getattr(leaf, "element_tag", "") or ""
                if "::" in tag:
                    continue  # generated: a footnote call, a marker
                if isinstance(leaf, boxes.TextBox) and tag not in _OPAQUE_TAGS:
                    seen[ident] += sum(1 for char in leaf.text or "" if not char.isspace() and char not in _INVISIBLE)
                    last = leaf
                elif isinstance(leaf, boxes.InlineReplacedBox):
                    seen[ident] += 1
                    last = None
                else:
                    lost.add(ident)
                    break
            if last is not None and _hyphenated(last):
                seen[ident] -= 1  # the hyphen the layout added where it broke a word is no letter of the text

    for page in document.pages:
        walk(page._page_box)
    return places


def _hyphenated(leaf: Any) -> bool:
    """Whether the text box that ends a line ends in the hyphen the layout added, breaking a word."""
    style = leaf.style
    hyphen = style["hyphenate_character"]
    return style["hyphens"] == "auto" and bool(hyphen) and (leaf.text or "").endswith(hyphen)


def _short_lines(document: Any) -> Iterator[tuple[int, Any, Any]]:
    """(block, line, the line after it in its block) for each line `justify` left short; `block` tells
    the blocks apart (a paragraph broken across pages is one)."""
    from weasyprint.formatting_structure import boxes

    def walk(box: Any) -> Iterator[tuple[int, Any, Any]]:
        children = getattr(box, "children", None) or []
        for child, after in zip(children, children[1:]):
            if isinstance(child, boxes.LineBox) and isinstance(after, boxes.LineBox) \
                    and getattr(child, "cjk_short", 0) > TOLERANCE:
                yield id(getattr(box, "element", None) or box), child, after
        for child in children:
            if not isinstance(child, boxes.LineBox):
                yield from walk(child)

    for page in document.pages:
        yield from walk(page._page_box)


def _group(line: Any) -> tuple[int, Any, str] | None:
    """(number, box, text) of the numbered kept group the line opens with, if it does."""
    for box in edge_chain(line, start=True):
        element = getattr(box, "element", None)
        ident = element.get("data-keep") if element is not None else None
        if ident is not None and ident.isdigit():
            text = "".join(leaf.text or "" for leaf in leaves(box) if hasattr(leaf, "text"))
            return int(ident), box, text.translate(_DROP_INVISIBLE)
    return None


def _natural_width(box: Any) -> float:
    """The group's width as the line breaker sees it: before justification widened it, and with a
    closing mark that the layout set half width at a line's end (after breaking) at its full width."""
    width = getattr(box, "cjk_natural_width", box.width)
    for leaf in leaves(box):
        halves = getattr(getattr(leaf, "pango_layout", None), "cjk_halt", None)
        if halves and leaf.text and not _compressed(leaf):
            width += half_width_saving(leaf.style, leaf.text.rstrip()[-1:] or leaf.text[-1])
    return width


def _kinsoku_width(line: Any, box: Any, size: float) -> float:
    """The width of the marks after the group that no line may start with (`，`, `。`, `）`): they come
    up with it, full width as the line breaker measures them (half width if compressed already)."""
    width, after = 0.0, False
    for leaf in leaves(line):
        if leaf is box or any(leaf is inner for inner in leaves(box)):
            after = True
            continue
        if not after:
            continue
        text = (getattr(leaf, "text", None) or "").translate(_DROP_INVISIBLE)
        for char in text:
            if char not in CLOSING_PUNCTUATION:
                return width
            width += size / 2 if _compressed(leaf) else size
    return width


def _trailing_marks(line: Any, box: Any, text: str) -> list[tuple[int, float]]:
    """The closing marks that end the group and follow it, as `_marks` gives them, their distance
    negative (-n: the n-th character from the group's first), the last first: set half width, they cost
    nothing to see, for they end the line the group is pulled up to (where the layout would set the
    last one half width anyway, but only after the line breaker measured it full width)."""
    chars = []  # (char, leaf, inside the group) for the line's letters and marks
    inner = {id(leaf) for leaf in leaves(box)}
    for leaf in leaves(line):
        for char in (getattr(leaf, "text", None) or "").translate(_DROP_INVISIBLE):
            if not char.isspace():
                chars.append((char, leaf, id(leaf) in inner))
    inside = sum(1 for _, _, within in chars if within)
    first = inside
    while first > 0 and mark_kind(chars[first - 1][0]) == "closing":
        first -= 1
    last = inside
    while last < len(chars) and chars[last][0] in CLOSING_PUNCTUATION:
        last += 1
    return [(-(index + 1), half_width_saving(chars[index][1].style, chars[index][0]))
            for index in range(last - 1, first - 1, -1)
            if mark_kind(chars[index][0]) == "closing" and not _compressed(chars[index][1])]


def _compressed(leaf: Any) -> bool:
    element = getattr(leaf, "element", None)
    return element is not None and "pc" in (element.get("class") or "").split()


def _last_char(line: Any) -> str:
    for leaf in reversed(list(leaves(line))):
        text = (getattr(leaf, "text", None) or "").translate(_DROP_INVISIBLE).rstrip()
        if text:
            return text[-1]
    return ""


def _takes_gap(char: str) -> bool:
    return bool(char) and char.isascii() and char.isalnum()


def _marks(line: Any) -> list[tuple[int, float]]:
    """The full-width marks of a line not set half width yet, nearest the line's end first: (how many
    letters and marks stand after it on the line, what `halt` would save). A closing mark the layout
    set half width at the line's end saves nothing more, but must be marked up to stay half width once
    the group follows it. Nothing before code, a superscript or an image is counted."""
    from weasyprint.formatting_structure import boxes

    found, counted = [], 0
    for leaf in reversed(list(leaves(line))):
        if not isinstance(leaf, boxes.TextBox) or getattr(leaf, "element_tag", "") in _OPAQUE_TAGS:
            break
        halved = _compressed(leaf)
        trimmed = bool(getattr(leaf.pango_layout, "cjk_halt", None))
        text = leaf.text or ""
        for index in range(len(text) - 1, -1, -1):
            char = text[index]
            if char.isspace() or char in _INVISIBLE:
                continue
            if mark_kind(char) and not halved:
                at_end = trimmed and counted == 0 and index == len(text.rstrip()) - 1
                found.append((counted, 0.0 if at_end else half_width_saving(leaf.style, char)))
            counted += 1
    return found


def _enough(marks: list[tuple[int, float]], needed: float) -> tuple[int, ...] | None:
    """The marks to set half width (nearest first, with the one that must stay so: saving nothing) to
    gain `needed` points and a little more; None when all of them would not be enough."""
    chosen, gained = [], 0.0
    for distance, saving in marks:
        if gained >= needed + 0.1 and saving:
            break
        chosen.append(distance)
        gained += saving
    if gained < needed + 0.1:
        return None
    return tuple(chosen)
