"""A table's column widths, shared by the editions that fix them (the markup for PDF and EPUB, the DOCX)."""
from __future__ import annotations

import re

from .. import model as m
from ..scripts import HAN_TEXT_RUN, WIDE, heading_words, is_wide, keep_together
from ..theme import Theme


def table_widths(table: m.Table, theme: Theme, chinese: bool) -> list[float]:
    """`column_widths` for a table of an article (`chinese` or not) set in `theme`, in every edition
    alike: sized to hold its unbreakable pieces at the narrowest it is laid out, the e-reader page's
    measure (a DOCX, whose page a reader may narrow, is given the same shares)."""
    page_width, _ = theme.ereader.page_size_mm
    _, right, _, left = theme.ereader.margin_mm
    narrowest = (page_width - left - right) * 72 / 25.4 / (theme.ereader.size_pt * theme.table.size_em)
    return column_widths(table, narrowest, theme.table.cell_padding_em[1], chinese=chinese)


def column_widths(table: m.Table, narrowest_em: float = 0.0, padding_em: float = 0.0,
                  chinese: bool = False) -> list[float]:
    """Column widths in percent, from how much text each column holds.

    Tables are laid out with fixed widths: WeasyPrint's automatic layout measures every possible
    line break of every cell, which for long Chinese cells (a break after each character) takes
    minutes. Empty when rows differ in length (spans), where the browser's own layout is kept.
    A column is never narrower than its widest unbreakable piece (a number with its unit, a Latin
    word; in a `chinese` table a Latin unit after a number too, and a Chinese word, as `writers/cjk.py`
    keeps them) plus the cells' padding `padding_em` needs in a table `narrowest_em` wide (em of the
    table's text): numbers must not break inside, nor run into the next column.
    """
    rows = table.header + table.body
    counts = {sum(cell.colspan for cell in row) for row in rows}
    if len(counts) != 1 or any(cell.colspan > 1 for row in rows for cell in row):
        return []
    columns = counts.pop()
    weights = [4.0] * columns
    least = [0.0] * columns  # half-em units
    for row in rows:
        for index, cell in enumerate(row):
            text = " ".join(m.plain_text(m.block_inlines(b)) for b in cell.content)
            width = sum(2 if is_wide(ch) else 1 for ch in text)  # a Han character is two Latin wide
            weights[index] = max(weights[index], min(float(width), 40.0))
            least[index] = max(least[index], unbreakable_width(text, chinese) + 4 * padding_em)
    shares = [w / sum(weights) for w in weights]
    if narrowest_em > 0:
        shares = _at_least(shares, [units / (2 * narrowest_em) for units in least])
    return [round(100 * share, 1) for share in shares]


def unbreakable_width(text: str, chinese: bool = False) -> float:
    """The widest piece of `text` no line may break inside, in half-em units (a Han character is 2, a
    Latin letter or digit about 1.15): a number with its unit (`keep_together`), a Latin word; in
    Chinese text a Latin unit (`−0.07 pct`) and a Chinese word (`heading_words`) too."""
    words = heading_words(text) if chinese and HAN_TEXT_RUN.search(text) else []
    kept = keep_together(text, words, latin_units=chinese)
    widths = [sum(2.0 if is_wide(ch) else 1.15 for ch in text[start:end]) for start, end in kept]
    widths += [1.15 * len(word) for word in re.findall(f"[^\\s{WIDE}]+", text)]
    widths += [2.0 for ch in text if is_wide(ch)]
    return max(widths, default=0.0)


def _at_least(shares: list[float], floors: list[float]) -> list[float]:
    """`shares` (summing to 1) with each raised to its floor, the others shrunk in proportion."""
    if sum(floors) >= 1:
        return [floor / sum(floors) for floor in floors]
    for _ in range(len(shares)):
        fixed = [i for i, share in enumerate(shares) if share <= floors[i]]
        free = sum(shares[i] for i in range(len(shares)) if i not in fixed)
        left = 1 - sum(floors[i] for i in fixed)
        shares = [floors[i] if i in fixed else shares[i] * left / free for i in range(len(shares))]
        if all(share >= floors[i] - 1e-9 for i, share in enumerate(shares)):
            break
    return shares
