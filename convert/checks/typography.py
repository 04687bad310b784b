"""Chinese typesetting measured in a PDF's character data (pdfplumber): compressed punctuation, line
edges, last lines, numbers split across lines, Han/Latin gaps. `benchmarks/typography.py` prints
these for articles; the tests assert them.

A character's advance is where the next one on its line starts less where it starts (pdfplumber's
`x1` is the font's nominal width, which `halt` does not change). Justification widens those advances
by at most the theme's `max_stretch_em`, so a mark counts as half width below 0.75 em and as full
width above.
"""
from __future__ import annotations

import collections
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..scripts import (CENTRED_IN_TRADITIONAL, CJK_LETTER, OPENING_MARKS, WIDE, WORD_JOINER, adjacent_marks, mark_kind,
                       unjoined)

HALF_BELOW_EM = 0.75  # a mark advancing less than this is set half width
_DIGITS = re.compile(r"[0-9０-９]")


@dataclass(frozen=True)
class Line:
    """One line of text as pdfplumber sees it: its page, top, characters left to right."""

    page: int
    top: float
    chars: tuple[dict, ...]

    @property
    def text(self) -> str:
        """One character per glyph (a ligature such as `fi` counts as its first letter), so that
        indexes into the text are indexes into `chars`."""
        return "".join(char["text"][:1] for char in self.chars)

    @property
    def size(self) -> float:
        """The size most of the line is set in."""
        return collections.Counter(round(char["size"], 1) for char in self.chars).most_common(1)[0][0]

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    def right_edge(self) -> float:
        """Where the line's last advance ends: a closing mark ending it is counted half width when it
        is set so (it then starts half an em before that edge), a character otherwise at its width.
        A centred mark (Traditional faces) set half width by `halt` is drawn a quarter em left of
        where its advance starts, so its advance ends three quarters of an em after the glyph's x0."""
        last = self.chars[-1]
        if mark_kind(last["text"]) != "closing":
            return last["x1"]
        return last["x0"] + (0.5 + _centring_shift(last)) * last["size"]


def centred_marks(fontname: str) -> bool:
    """Whether a PDF font is a CJK face drawn to Taiwan's or Hong Kong's standard (Noto's and Source
    Han's `… CJK TC`/`HK` faces), whose punctuation sits centred on the em square."""
    return re.search(r"CJK[- ]?(TC|HK)\b|(TC|HK)[- ]?(Regular|Bold|Medium|Light)", fontname) is not None


def _centring_shift(char: dict) -> float:
    """How far left of its advance, in em, a mark set half width is drawn: a quarter em for a mark
    a Traditional face centres (`halt` takes a quarter from each side), none otherwise."""
    centred = char["text"] in CENTRED_IN_TRADITIONAL and centred_marks(char.get("fontname", ""))
    return 0.25 if centred else 0.0


def pdf_lines(data: bytes) -> list[Line]:
    """Every line of every page, in page order and top to bottom."""
    import pdfplumber

    lines = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            rows: dict[int, list[dict]] = collections.defaultdict(list)
            for char in page.chars:  # a row is a baseline: faces of different ascent share it
                if char["text"].strip() and char["text"] != WORD_JOINER:
                    rows[round(page.height - char["matrix"][5])].append(char)
            for baseline in sorted(rows):
                row = rows[baseline]
                lines.append(Line(number, float(round(min(c["top"] for c in row))),
                                  tuple(sorted(row, key=lambda c: c["x0"]))))
    return lines


@dataclass
class MarkPairs:
    """Adjacent full-width marks on one line: how many, which were compressed, the ones that were not."""

    pairs: int = 0
    compressed: int = 0
    unmeasured: int = 0  # a centred mark and a closing bracket ending a line (`mark_pairs`)
    missed: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.compressed / self.pairs if self.pairs else 1.0


def mark_pairs(lines: list[Line]) -> MarkPairs:
    """Adjacent pairs (clreq §3.1.6): compressed when the second mark starts less than 0.75 em after
    the first (1 em when neither gives up its blank); a centred first mark, drawn a quarter em left of
    its advance when halved, less than 1 em after; or when what follows the pair on the line starts
    less than 1.75 em after the first (2 em uncompressed): the second mark gave up its far blank, as a
    bracket next to a centred mark does (`。」`, `scripts.compressed_marks`)."""
    found = MarkPairs()
    for line in lines:
        text = line.text
        for first, second in adjacent_marks(text):
            a, b = line.chars[first], line.chars[second]
            if abs(a["size"] - b["size"]) > 0.05 or b["x0"] - a["x1"] > a["size"]:  # not neighbours
                continue
            after = line.chars[second + 1] if second + 1 < len(line.chars) else None
            if after is None and _centring_shift(a) and mark_kind(b["text"]) == "closing":
                found.unmeasured += 1  # `。」` ending a line: the bracket's far blank, halved, shows nowhere
                continue
            found.pairs += 1
            spanned = after is not None and after["x0"] - a["x0"] < (1 + HALF_BELOW_EM) * a["size"]
            if spanned or b["x0"] - a["x0"] < (HALF_BELOW_EM + _centring_shift(a)) * a["size"]:
                found.compressed += 1
            else:
                found.missed.append(f"p{line.page + 1} {text[max(0, first - 6):second + 6]}")
    return found


def closing_line_ends(lines: list[Line], right: float, tolerance: float = 0.6,
                      left: float | None = None) -> tuple[int, int]:
    """(lines ending with a closing mark at the right margin as a half-width mark, such lines ending
    at the margin with the mark full width): a line counts when its last character's advance reaches
    `right` within `tolerance` points either way. With `left`, only lines a paragraph continues after
    (the next line, in the same size, starts at `left`) count: a paragraph's last line is not
    justified, and one ending in a half-width mark whose full width would reach the margin is no fault."""
    half = full = 0
    for index, line in enumerate(lines):
        last = line.chars[-1]
        if mark_kind(last["text"]) != "closing":
            continue
        if left is not None:
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following is None or abs(following.x0 - left) > 1 or abs(following.size - line.size) > 0.05:
                continue
        if abs(line.right_edge() - right) < tolerance:  # the mark's advance, counted half width
            half += 1
        elif abs(last["x1"] - right) < tolerance:
            full += 1
    return half, full


def single_character_last_lines(lines: list[Line], left_edges: set[float]) -> list[str]:
    """Lines holding one Han character and nothing but punctuation after it (`业”`, `升。`), that end a
    block: the next line starts at another left edge (a new paragraph's indent or another block) or
    on another page, or is set in another size. `left_edges` are where continued lines start."""
    found = []
    for index, line in enumerate(lines):
        letters = [char for char in line.text if CJK_LETTER.match(char) or char.isalnum()]
        if len(letters) != 1 or not CJK_LETTER.match(letters[0]):
            continue
        if line.text[0] in OPENING_MARKS or not CJK_LETTER.match(line.text[0]):
            continue  # a line of its own (a label, a one-character cell), not the end of a paragraph
        if not any(abs(line.x0 - edge) < 1 for edge in left_edges):
            continue
        found.append(f"p{line.page + 1} {lines[index - 1].text[-8:] if index else ''} / {line.text}")
    return found


def split_numbers(lines: list[Line], units: bool = True) -> list[str]:
    """Line breaks inside a number (`1,2` / `00`, `10秒` / `08`: never allowed) or, with `units`, between a
    number and the unit after it (`1.8` / `亿`, `−0.07` / `pct`) or after a range's dash (`2024—` / `2026`):
    soft keeps the PDF gives up only to fill the line before, between successive lines of text of the same size on one page (`successive_lines`:
    in a table, the lines of each cell)."""
    found = []
    for line, following in successive_lines(lines):
        end, start = line.text, following.text
        if not start:
            continue
        ends_number = bool(_DIGITS.match(end[-1])) or (end[-1] in ".,．" and len(end) > 1 and _DIGITS.match(end[-2]))
        ends_number = ends_number and not _ends_in_a_name(unjoined(end))  # `COVID-19`, `report-2024`: no quantity
        unit = (CJK_LETTER.match(start[0]) or _LATIN_UNIT.match(start)) and not _RACE_TIME_END.search(unjoined(end))
        # `10秒` / `08` never; `2024—` / `2026` as a unit goes down: the PDF's refit may, as its last resort
        goes_on = _NUMBER_GOES_ON.search(unjoined(end)) if _DIGITS.match(start[0]) else None
        inside = goes_on is not None and (units or not _RANGE_END.search(goes_on.group(0)))
        goes_on_after = start[0] in "%‰％" or start[0] in ".,．" and len(start) > 1 and _DIGITS.match(start[1])
        if inside or ends_number and (_DIGITS.match(start[0]) or goes_on_after or (units and unit)):
            if abs(following.top - line.top) < 3 * line.size:
                found.append(f"p{line.page + 1} {end[-8:]} / {start[:6]}")
    return found


# A line ending inside a range (`10–`, `3～`, `2024—`), a race time (`10秒`, `1分`) or `1’23”`: a number
# goes on if the next line starts with a digit (`scripts.number_parts` keeps each whole).
_NUMBER_GOES_ON = re.compile(r"[0-9０-９%‰％][-–—～~〜]$|[0-9０-９][秒分]$|[0-9０-９]['’′\"”″]$")
_RANGE_END = re.compile(r"[-–—～~〜]$")
_RACE_TIME_END = re.compile(r"[0-9０-９][秒分][0-9０-９]+$|[0-9]['’′][0-9]+(?:[\"”″][0-9]+)?$")  # takes no unit
_LATIN_UNIT = re.compile(r"[A-Za-z]{1,4}(?![A-Za-z])")  # `pct`, `bp`, `GW`: as `scripts.number_parts` reads one
# The last run of Latin letters, digits and an address's or a code's punctuation on a line: with a letter
# in it, its digits are part of a name (`COVID-19`, `iPhone15`, `…/report-2024`, `t20240515`), not a quantity.
_LATIN_TOKEN_END = re.compile(r"[A-Za-z0-9./:_\-?#=&~]+$")


def _ends_in_a_name(text: str) -> bool:
    """Whether the digits ending `text` belong to a name or a web address, not a number (a split after
    `COVID-19` or inside `…/report-2024.pdf` parts no figure from its unit)."""
    token = _LATIN_TOKEN_END.search(text)
    return token is not None and re.search("[A-Za-z]", token.group(0)) is not None


_CELL_GAP_EM = 0.8  # a table's cells are padded: the text of two cells of a row stands about 1 em apart or more
_CELL_PITCH_EM = 1.8  # a cell's next line is within this of the line before; the next row, below its padding


def row_cells(line: Line) -> list[Line]:
    """A line cut where its characters stand over 0.8 em apart: the cells of a table's row (text
    justification never opens a gap that wide between two characters)."""
    cells, start = [], 0
    for index in range(1, len(line.chars)):
        before, char = line.chars[index - 1], line.chars[index]
        if char["x0"] - before["x1"] > _CELL_GAP_EM * before["size"]:
            cells.append(Line(line.page, line.top, line.chars[start:index]))
            start = index
    cells.append(Line(line.page, line.top, line.chars[start:]))
    return cells


def successive_lines(lines: list[Line]) -> list[tuple[Line, Line]]:
    """Each line with the line its text goes on in (consecutive lines of one size on one page): in a
    table, where a line reads across its row's cells (`row_cells`), each cell's text with the text of
    the same column on the line below within a cell's line pitch, never the next row's."""
    pairs = []
    for line, following in zip(lines, lines[1:]):
        if following.page != line.page or abs(following.size - line.size) > 0.05:
            continue
        cells, below = row_cells(line), row_cells(following)
        if len(cells) == 1 and len(below) == 1:
            pairs.append((line, following))
            continue
        if following.top - line.top > _CELL_PITCH_EM * line.size:
            continue
        for cell in cells:
            under = [other for other in below
                     if other.x0 < cell.chars[-1]["x1"] and cell.x0 < other.chars[-1]["x1"]]
            if under:
                pairs.append((cell, under[0]))
    return pairs


def page_break_splits(lines: list[Line], size: float, left: float, indent: float) -> list[tuple[str, int, int]]:
    """Paragraphs that a page break splits, each as (its first characters, lines before the break,
    lines after it): widows and orphans are the splits with fewer than two lines on a side.

    A paragraph is a run of lines in the body `size` that starts at `left` + `indent` (its first-line
    indent) and continues at `left`, each within two lines' pitch of the one before on its page, or
    at the top of the next page after a line that reached the right margin (one that stops short is a
    paragraph's last: an unindented one, `附件：…`, may start the next page); a line starting anywhere
    else (a list, a quote, a table) ends it."""
    splits: list[tuple[str, int, int]] = []
    paragraph: list[Line] = []
    body = [line for line in lines if abs(line.size - size) < 0.05 and line.chars]
    right = max((line.chars[-1]["x1"] for line in body), default=0.0)

    def close() -> None:
        pages = collections.Counter(line.page for line in paragraph)
        if len(pages) > 1:
            counts = [pages[page] for page in sorted(pages)]
            splits.append((paragraph[0].text[:8], counts[0], counts[-1]))
        paragraph.clear()

    for line in body:
        starts = abs(line.x0 - left - indent) < 1 and indent > 0
        continues = abs(line.x0 - left) < 1 and bool(paragraph) and (
            (line.page == paragraph[-1].page and line.top - paragraph[-1].top < 2.2 * size)
            or line.page == paragraph[-1].page + 1 and paragraph[-1].chars[-1]["x1"] > right - size)
        if starts or not continues:
            close()
        if starts or continues:
            paragraph.append(line)
    close()
    return splits


def script_gaps(lines: list[Line]) -> list[float]:
    """The space between a Han character and a Latin letter or digit next to it, in em. A whole em is
    an ideographic space the text holds (`動工　2031年`, `林凡　张晓`: the PDF draws no glyph for it), not
    the gap between scripts, and is not counted."""
    gaps = []
    for line in lines:
        for a, b in zip(line.chars, line.chars[1:]):
            han_latin = CJK_LETTER.match(a["text"]) and re.match(r"[A-Za-z0-9]", b["text"])
            latin_han = re.match(r"[A-Za-z0-9]", a["text"]) and CJK_LETTER.match(b["text"])
            gap = (b["x0"] - a["x1"]) / a["size"]
            if (han_latin or latin_han) and abs(a["top"] - b["top"]) < 1 and abs(gap - 1) >= 0.05:
                gaps.append(gap)
    return gaps


# ---------------------------------------------------------------- the same, laid out by a browser


_BOX_SCRIPT = """
(function () {
  function blockOf(node) {
    var el = node.parentElement;
    while (el && el !== document.body) {
      var display = getComputedStyle(el).display;
      // a headline's clause (`writers/cjk.py`) is an inline block set on its headline's lines
      if (display !== 'inline' && display !== 'contents' && !el.classList.contains('clause')) return el;
      el = el.parentElement;
    }
    return document.body;
  }
  var blocks = [], index = new Map();
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node;
  var skipped = null;
  while ((node = walker.nextNode())) {
    var opaque = node.parentElement.closest('script, style, pre, code');
    if (opaque && opaque.closest('script, style, pre')) continue;
    var owner = blockOf(node), entry = index.get(owner);
    if (!entry) {
      var box = owner.getBoundingClientRect(), style = getComputedStyle(owner);
      var right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
      entry = {tag: owner.tagName.toLowerCase(), right: right, align: style.textAlign, chars: []}; index.set(owner, entry); blocks.push(entry);
    }
    var tcy = !!node.parentElement.closest('.tcy');
    if (opaque) {  // inline code: one object character as wide as its first line's piece, not its text
      if (opaque === skipped || !node.data.trim()) continue;
      skipped = opaque;
      var piece = opaque.getClientRects()[0];
      entry.chars.push(['\ufffc', piece.left, piece.top, piece.width || 1, piece.height, false,
                        parseFloat(getComputedStyle(node.parentElement).fontSize)]);
      continue;
    }
    for (var i = 0; i < node.length; i++) {
      var range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      var rect = range.getBoundingClientRect(), ch = node.data[i];
      if (!rect.width || !ch.trim()) continue;
      var size = parseFloat(getComputedStyle(node.parentElement).fontSize);
      entry.chars.push([ch, rect.left, rect.top, rect.width, rect.height, tcy, size]);
    }
  }
  var out = blocks.filter(function (b) { return b.chars.length; });
  var host = window.parent !== window ? window.parent.document : document;  // measured in a frame: tell its page
  var pre = host.createElement('pre'); pre.id = 'convert-measure';
  pre.textContent = JSON.stringify(out); host.body.appendChild(pre);
})();
"""


def browser_blocks(document: Path, width_px: int, chromium: str = "chromium") -> list[dict]:
    """The lines of each block (every element not laid out inline: `p`, `h1`, `td`, a byline's parts
    set as blocks; a `pre` left out, inline code one U+FFFC OBJECT REPLACEMENT CHARACTER where it
    starts, as wide as its piece on that line, so that the characters on either side of it are not
    taken for neighbours) of an (X)HTML document as headless Chromium lays it out in a window
    `width_px` wide: per block its tag, the right edge of its content box, its `text-align` and its
    lines, each line a list of [char, left, width, font size] in CSS pixels. A line starts where a character sits lower than the one before by over 0.6 of its size."""
    blocks = []
    for block in browser_boxes(document, (width_px, 2000), chromium):
        lines: list[list] = []
        top = None
        for char, left, char_top, width, _, _, size in block["chars"]:
            if top is None or char_top - top > size * 0.6:
                lines.append([])
            top = char_top
            lines[-1].append([char, left, width, size])
        blocks.append({"tag": block["tag"], "right": block["right"], "align": block["align"], "lines": lines})
    return blocks


def browser_boxes(document: Path, size_px: tuple[int, int], chromium: str = "chromium") -> list[dict]:
    """The box of every character of each block (as `browser_blocks` finds them) in a window of
    `size_px`, for text in any direction: per block its tag, the right edge of its content box
    (`right`), its `text-align` (`align`) and a list of [char, left, top, width, height, upright-in-one-cell, font size] in CSS pixels, upright-in-one-cell true inside a `tcy`
    span. The document is measured in a copy beside it, with a script added at the end of its body."""
    return _measure(document, _BOX_SCRIPT, size_px, chromium)


_NARROWEST_WINDOW = 500  # px: headless Chromium makes no window narrower (its viewport stays 500 px wide)


def _measure(document: Path, script_text: str, size_px: tuple[int, int], chromium: str) -> list[dict]:
    """Run `script_text` at the end of a copy of `document` in headless Chromium; what it wrote. A
    viewport narrower than Chromium's narrowest window (a phone's 360 px) is a frame of that size on a
    page of its own, as the preview's phone frame is."""
    import json
    import subprocess
    import tempfile

    text = document.read_text(encoding="utf-8")
    script = f"<script><![CDATA[{script_text}]]></script>"
    made = []
    with tempfile.NamedTemporaryFile("w", suffix=document.suffix, dir=document.parent, encoding="utf-8",
                                     delete=False) as copy:
        copy.write(text.replace("</body>", script + "</body>", 1))
    made.append(Path(copy.name))
    page, window = made[0], size_px
    if size_px[0] < _NARROWEST_WINDOW:
        with tempfile.NamedTemporaryFile("w", suffix=".html", dir=document.parent, encoding="utf-8",
                                         delete=False) as frame:
            frame.write(f'<!DOCTYPE html><html><body style="margin:0"><iframe src="{made[0].name}" '
                        f'style="border:0;width:{size_px[0]}px;height:{size_px[1]}px"></iframe></body></html>')
        made.append(Path(frame.name))
        page, window = made[1], (_NARROWEST_WINDOW, size_px[1])
    try:
        done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               "--allow-file-access-from-files", f"--window-size={window[0]},{window[1]}",
                               "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
                              capture_output=True, text=True, timeout=120, check=True)
    finally:
        for path in made:
            path.unlink()
    found = re.search(r'<pre id="convert-measure">(.*?)</pre>', done.stdout, re.S)
    if not found:
        raise RuntimeError(f"Chromium measured nothing in {document.name}: {done.stderr[-300:]}")
    from html import unescape
    return json.loads(unescape(found.group(1)))


def browser_lines(blocks: list[dict]) -> list[Line]:
    """Browser-measured blocks as `Line`s (chars with x0, x1, size, top), each block's lines in turn;
    `page` numbers the block, so lines of different blocks never count as consecutive."""
    lines = []
    for number, block in enumerate(blocks):
        for index, chars in enumerate(block["lines"]):
            lines.append(Line(number, float(index), tuple(
                {"text": ch, "x0": left, "x1": left + width, "size": size, "top": float(index)}
                for ch, left, width, size in chars)))
    return lines


def last_lines(blocks: list[dict]) -> list[str]:
    """The last line of each block that has more than one, as text."""
    return ["".join(char[0] for char in block["lines"][-1]) for block in blocks if len(block["lines"]) > 1]


def single_character(line: str) -> bool:
    """A line with one Han character and nothing but punctuation: `业”`, `升。`."""
    letters = [char for char in line if CJK_LETTER.match(char) or char.isalnum()]
    return len(letters) == 1 and bool(CJK_LETTER.match(letters[0]))



# ---------------------------------------------------------------- justified lines: flush, never letter-spaced


def paragraph_lines(lines: list[Line], size: float, left: float, indent: float) -> list[tuple[Line, bool]]:
    """The lines of body paragraphs in the body `size`, each with whether the paragraph continues after
    it (an inner line, to be flush): a paragraph starts at `left` + `indent` (or at `left` after another
    block) and continues on lines starting at `left`, within two lines' pitch on its page or at the top
    of the next page."""
    found = []
    for line, following in zip(lines, lines[1:] + [None]):  # type: ignore[operator]
        body = abs(line.size - size) < 0.05
        if not body or not (abs(line.x0 - left) < 1 or abs(line.x0 - left - indent) < 1):
            continue
        continued = following is not None and abs(following.size - size) < 0.05 and abs(following.x0 - left) < 1 and (
            (following.page == line.page and 0 < following.top - line.top < 2.2 * size)
            or following.page == line.page + 1)
        found.append((line, continued))
    return found


def ragged_lines(lines: list[Line], size: float, left: float, right: float, indent: float,
                 tolerance: float = 0.6) -> list[str]:
    """Inner lines of paragraphs (`paragraph_lines`) whose last advance ends more than `tolerance`
    points before the right margin `right` (or beyond it), with how far."""
    return [f"p{line.page + 1} {line.text[-10:]} ({right - line.right_edge():.1f}pt)"
            for line, inner in paragraph_lines(lines, size, left, indent)
            if inner and abs(right - line.right_edge()) > tolerance]


def widened_gaps(line: Line) -> list[float]:
    """How much justification widened each gap between two full-width characters (Han or CJK
    punctuation, set in one size) on a line, in em: the advance less the nominal em."""
    full = [char for char in line.chars if CJK_LETTER.match(char["text"]) or mark_kind(char["text"])]
    widened = []
    for a, b in zip(line.chars, line.chars[1:]):
        if a in full and b in full and abs(a["size"] - b["size"]) < 0.05 and CJK_LETTER.match(a["text"]):
            widened.append((b["x0"] - a["x0"]) / a["size"] - 1)
    return widened


def browser_gaps(line: list) -> list[float]:
    """How much a browser widened each gap between two Han characters of a line of `browser_blocks`, in em."""
    return [(b[1] - a[1]) / a[3] - 1 for a, b in zip(line, line[1:])
            if CJK_LETTER.match(a[0]) and CJK_LETTER.match(b[0])]


# A sign or a currency before a number is one with it (UAX #14: PR × NU): `¥4,544`, `−5.5%`.
_SIGNS = "¥￥$＄€£₩+＋−"
# A Latin word up to the next wide character (`COVID-19`, `iPhone`); a piece of a web address that a line
# starts with (`.pdf`, `/20240601`): a browser breaks an address before its next `/` or `.`
# (`scripts.url_breaks`), not inside the piece.
_LATIN_WORD = re.compile(f"[A-Za-z0-9][^\\s{WIDE}]*")
_ADDRESS_PIECE = re.compile(r"[./\-_?#~%=&]+[A-Za-z0-9]*")


def kept_lead(text: str) -> int:
    """How many characters at a line's start no browser could break inside (spaces are not in a
    measured line): opening marks with what follows them, a sign or currency with its number (`¥4,544`),
    a number with the head of its unit (what
    the EPUB keeps: `9000多亿` of `9000多亿元`, `scripts.unit_head`), a Latin word or a piece of a web address, inline code
    (U+FFFC) or else one character, and the closing marks after it, which cannot start a line; a
    quotation mark right after them continues the run (UAX #14 breaks on neither side of a quotation
    mark between marks)."""
    from ..scripts import CLOSING_MARKS, CLOSING_PUNCTUATION, OPENING_MARKS, keep_together, number_parts, unit_head

    index = 0
    while index < len(text):
        while index < len(text) and text[index] in OPENING_MARKS + "([{" + _SIGNS:
            index += 1
        rest = text[index:]
        heads = [(start, unit_head(rest, start, number_end, end)) for start, number_end, end in number_parts(rest, True)]
        groups = keep_together(rest, heads, soft=True, latin_units=True)
        word = _LATIN_WORD.match(rest) or _ADDRESS_PIECE.match(rest)
        kept = groups[0][1] if groups and groups[0][0] == 0 else 0  # `603695.SH`: the number, and the word it is in
        index += max(kept, len(word.group(0)) if word else min(1, len(rest)))
        while index < len(text) and text[index] in CLOSING_MARKS + CLOSING_PUNCTUATION:
            index += 1
        if not (index < len(text) and text[index] in "“‘" and text[index - 1] in CLOSING_MARKS):
            return index
    return index


def letter_spaced_lines(blocks: list[dict], bound: float) -> list[tuple[str, str, float, float]]:
    """Inner lines of paragraphs of `browser_blocks` whose Han gaps a browser widened beyond `bound`
    (em, the median gap) by more than the lead of the next line could not come up (`kept_lead`: its
    width, and half an em for the space before it): a line letter-spaced by a bad break, not by a
    word no break could shorten. Each as (line, the next line's lead, the widening in all, the lead's
    width), in em."""
    found = []
    for block in (block for block in blocks if block["tag"] == "p"):
        for line, following in zip(block["lines"], block["lines"][1:]):
            gaps = sorted(browser_gaps(line))
            if not gaps or gaps[len(gaps) // 2] <= bound:
                continue
            text, after = "".join(char[0] for char in line), "".join(char[0] for char in following)
            lead = kept_lead(after)
            lead_em = sum(char[2] for char in following[:lead]) / following[0][3]
            widened = gaps[len(gaps) // 2] * len(gaps)
            if widened > lead_em + 0.5:
                found.append((text, after[:lead], round(widened, 2), round(lead_em, 2)))
    return found


def short_lines(blocks: list[dict], tag: str = "p", tolerance_em: float = 0.2) -> list[str]:
    """Inner lines (the block continues after them) of the justified `tag` blocks of `browser_blocks`
    that end more than `tolerance_em` of their size before the block's right edge: a justified line
    left short (a margin a browser keeps at the line's end, a word too long to come up)."""
    found = []
    for block in (block for block in blocks if block["tag"] == tag and block["align"] == "justify"):
        for line in block["lines"][:-1]:
            last = line[-1]
            short = (block["right"] - last[1] - last[2]) / last[3]
            if short > tolerance_em:
                found.append(f"short {short:.2f}em  {''.join(char[0] for char in line)[-12:]}")
    return found
