"""A table's merged row labels, as a Markdown table (which cannot merge cells) writes them: the
label once, the cells under it left empty (`| 东城区 | 地区生产总值 | … |` then `|  | 一般公共预算收入 | … |`).
Every edition drew the empty cells as cells of their own, a rule between each, so the label seemed to
name its first row only. The empty cells become part of the label's cell (`rowspan`), as the table
they were copied from had it (Word, Excel, a statistics bureau's page)."""
from __future__ import annotations

from dataclasses import replace

from .. import model as m
from .structure import map_blocks


def merged_row_labels(doc: m.Document) -> m.Document:
    """`doc` with each table's empty row-label cells merged into the label above (see the module)."""
    return replace(doc, blocks=tuple(map_blocks(doc.blocks, lambda b: _merged(b) if isinstance(b, m.Table) else b)))


def _empty(cell: m.TableCell) -> bool:
    return not any(not isinstance(b, m.Paragraph) or m.plain_text(b.content).strip()
                   or any(isinstance(node, m.InlineImage) for node in b.content) for b in cell.content)


def _merged(table: m.Table) -> m.Table:
    """Column by column from the left, an empty body cell under a label joins it, while the cells to
    its left joined theirs (a label names the rows of the label left of it only) and something to its
    right is filled (a row of empty cells is a spacer, not a label's). A table that already spans
    cells is left as it is: its merges are its own."""
    rows = [list(row) for row in table.body]
    if len(rows) < 2 or any(c.rowspan > 1 or c.colspan > 1 for row in table.header + table.body for c in row) \
            or len({len(row) for row in rows}) != 1:
        return table
    width = len(rows[0])
    covered = [[False] * width for _ in rows]
    spans = [[1] * width for _ in rows]
    for column in range(width - 1):  # the last column labels nothing
        anchor = None
        for r, row in enumerate(rows):
            joins = (anchor is not None and _empty(row[column]) and all(covered[r][:column])
                     and any(not _empty(cell) for cell in row[column + 1:]))
            if joins:
                covered[r][column] = True
                spans[anchor][column] += 1
            else:
                anchor = r if not _empty(row[column]) else None
    if not any(map(any, covered)):
        return table
    body = tuple(tuple(replace(cell, rowspan=spans[r][c]) for c, cell in enumerate(row) if not covered[r][c])
                 for r, row in enumerate(rows))
    return replace(table, body=body)
