"""A table's column widths, shared by the editions that fix them (the markup for PDF and EPUB, the DOCX)."""
from __future__ import annotations

import re

from .. import model as m
from ..scripts import HAN_TEXT_RUN, WIDE, display_width, heading_words, is_wide, keep_together
from ..theme import Theme


def table_widths(table: m.Table, theme: Theme, chinese: bool, measure_em: float = 0.0) -> list[float]:
    """`column_widths` for a table of an article (`chinese` or not) set in `theme`: sized to hold its
    unbreakable pieces on the edition's measure `measure_em` (em of the table's text: the print page's),
    else the narrowest it is laid out, the e-reader page's measure (a DOCX, whose page a reader may
    narrow, is given the e-reader's shares). A table the e-reader splits (`column_groups`) is whole on a
    print page, where the e-reader's floors, summing past the measure, left its first column three lines
    deep beside half-empty columns of figures."""
    return column_widths(table, measure_em or _narrowest_em(theme), theme.table.cell_padding_em[1], chinese=chinese)


def table_text_em(measure_pt: float, size_pt: float, theme: Theme) -> float:
    """A measure of `measure_pt` in em of a table's text, in an edition whose text is `size_pt`."""
    return measure_pt / (size_pt * theme.table.size_em)


def _narrowest_em(theme: Theme) -> float:
    """The e-reader page's measure in em of a table's text: the narrowest a table is laid out."""
    page_width, _ = theme.ereader.page_size_mm
    _, right, _, left = theme.ereader.margin_mm
    return table_text_em((page_width - left - right) * 72 / 25.4, theme.ereader.size_pt, theme)


_FULL = 0.98  # of the measure a group of columns may take: what the text measure and WeasyPrint round differently
# A table is split only when its pieces need more than this of the measure: `unbreakable_width` counts a Latin
# letter or a digit 1.15 half-em (a face sets most in 0.9 to 1.0), so a table a little over fits as it is.
_SPLIT = 1.15


def column_groups(table: m.Table, theme: Theme, chinese: bool, measure_em: float = 0.0) -> list[list[int]]:
    """The columns of a table too wide for the narrowest page it is laid out on (its unbreakable pieces,
    `unbreakable_width`, side by side need more than the e-reader's measure: twelve months of figures),
    as groups that each fit, every group led by the first column (the rows' names), in the order of the
    columns; [] when the table fits or its rows differ in length (spans). `measure_em`: the edition's
    measure in em of the table's text (the print page's is wider), else the e-reader page's. Numbers are
    never broken and never run into the next column."""
    floors = _floors(table, measure_em or _narrowest_em(theme), theme.table.cell_padding_em[1], chinese)
    if not floors or len(floors) < 3 or sum(floors) <= _SPLIT:
        return []

    def fits(columns: list[int]) -> bool:
        return floors[0] + sum(floors[i] for i in columns) <= _FULL

    greedy: list[list[int]] = []
    for index in range(1, len(floors)):
        if greedy and fits([*greedy[-1], index]):
            greedy[-1].append(index)
        else:
            greedy.append([index])
    # as many groups, of even size where they fit so (seven months and five -> six and six)
    count, rest = divmod(len(floors) - 1, len(greedy))
    even, start = [], 1
    for number in range(len(greedy)):
        size = count + (number < rest)
        even.append(list(range(start, start + size)))
        start += size
    groups = even if all(fits(group) for group in even) else greedy
    return [[0, *group] for group in groups] if len(groups) > 1 else []


def table_part(table: m.Table, columns: list[int]) -> m.Table:
    """`table` with only `columns`, in their order (a group of `column_groups`)."""
    def cells(rows: tuple[tuple[m.TableCell, ...], ...]) -> tuple[tuple[m.TableCell, ...], ...]:
        return tuple(tuple(row[index] for index in columns) for row in rows)

    return m.Table(header=cells(table.header), body=cells(table.body), caption=table.caption, id=table.id,
                   number=table.number)


def _column_count(table: m.Table) -> int:
    """How many columns the table has; 0 when its rows differ in length or a cell spans columns."""
    rows = table.header + table.body
    counts = {sum(cell.colspan for cell in row) for row in rows}
    if len(counts) != 1 or any(cell.colspan > 1 for row in rows for cell in row):
        return 0
    return counts.pop()


def _floors(table: m.Table, narrowest_em: float, padding_em: float, chinese: bool) -> list[float]:
    """Each column's least share of a table `narrowest_em` wide: its widest unbreakable piece and the
    cells' padding; [] when rows differ in length (spans)."""
    columns = _column_count(table)
    if not columns or narrowest_em <= 0:
        return []
    least = [0.0] * columns  # half-em units
    for row in table.header + table.body:
        for index, cell in enumerate(row):
            text = " ".join(m.plain_text(m.block_inlines(b)) for b in cell.content)
            least[index] = max(least[index], unbreakable_width(text, chinese) + 4 * padding_em)
    return [units / (2 * narrowest_em) for units in least]


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
    columns = _column_count(table)
    if not columns:
        return []
    weights = [4.0] * columns
    for row in table.header + table.body:
        for index, cell in enumerate(row):
            text = " ".join(m.plain_text(m.block_inlines(b)) for b in cell.content)
            width = display_width(text)  # a Han character is two Latin wide
            weights[index] = max(weights[index], min(float(width), 40.0))
    shares = [w / sum(weights) for w in weights]
    if narrowest_em > 0:
        shares = _at_least(shares, _floors(table, narrowest_em, padding_em, chinese))
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
