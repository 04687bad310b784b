#!/usr/bin/env python3
"""Chinese typesetting of Chinese articles' PDFs, measured (`convert/checks/typography.py`), one row per
article and edition (print, e-reader):

  pairs      adjacent full-width marks compressed / all such pairs (clreq §3.1.6; the issue asks ≥ 95%)
  ends       lines ending in a closing mark at the right margin: half width / full width
  lone       paragraphs or headlines whose last line holds one Han character
  split      numbers broken from their unit (the PDF's refit may, to fill the line before) / inside (never)
  ragged     inner lines of paragraphs ending over 0.6 pt short of the margin, and the widest gap
             justification opened between Han characters (em; the theme's bound is 0.15)
  pages      paragraphs split by a page break, and the fewest lines one leaves on a page (≥ 2)
  headline   the headline's line widths in em of its size

  benchmarks/typography.py [ARTICLE ...]     (default: seeds/, and the user's seeds if present:
                                             $CONVERT_SHARED_SEEDS or ../shared/seeds)
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MM = 72 / 25.4


def articles(paths: list[str]) -> list[Path]:
    if paths:
        return [Path(path) for path in paths]
    found = sorted(ROOT.glob("seeds/*/article.md"))
    shared = Path(os.environ.get("CONVERT_SHARED_SEEDS") or ROOT.parent / "shared" / "seeds")
    return found + (sorted(path for path in shared.iterdir() if path.is_file()) if shared.is_dir() else [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="*")
    args = parser.parse_args()

    import convert
    from convert.checks.typography import (closing_line_ends, mark_pairs, page_break_splits, paragraph_lines, pdf_lines,
                                           ragged_lines, single_character_last_lines, split_numbers, widened_gaps)
    from convert.errors import collect_warnings
    from convert.theme import load_theme

    theme = load_theme()
    print(f"{'article':34} {'edition':8} {'pairs':>9} {'ends':>7} {'lone':>4} {'split':>5} {'ragged':>10} {'pages':>7}  headline")
    for path in articles(args.articles):
        if not convert.read(str(path)).is_chinese:
            continue
        for edition in ("print", "ereader"):
            with collect_warnings():
                data = convert.convert(path, to="pdf", offline=True, edition=edition)
            lines = pdf_lines(data)  # type: ignore[arg-type]
            ereader = edition == "ereader"
            width = theme.ereader.page_size_mm[0] if ereader else 210
            margins = theme.ereader.margin_mm if ereader else theme.page.margin_mm
            size = theme.ereader.size_pt if ereader else theme.text.size_pt
            pairs = mark_pairs(lines)
            half, full = closing_line_ends(lines, (width - margins[1]) * MM, left=margins[3] * MM)
            indent = theme.text.indent_em * size
            ragged = ragged_lines(lines, size, margins[3] * MM, (width - margins[1]) * MM, indent)
            widest = max((max(widened_gaps(line), default=0.0)
                          for line, _ in paragraph_lines(lines, size, margins[3] * MM, indent)), default=0.0)
            lone = single_character_last_lines(lines, {margins[3] * MM})
            splits = page_break_splits(lines, size, margins[3] * MM, theme.text.indent_em * size)
            fewest = min((min(before, after) for _, before, after in splits), default="-")
            title = size * theme.headings.scale[0]
            headline = [round((line.right_edge() - line.x0) / title, 1) for line in lines
                        if line.page == 0 and abs(line.size - title) < 0.11]
            name = (path.parent.name if path.name == "article.md" else path.name)[:34]
            print(f"{name:34} {edition:8} {pairs.compressed:>4}/{pairs.pairs:<4} {half:>3}/{full:<3} {len(lone):>4} "
                  f"{len(split_numbers(lines)):>2}/{len(split_numbers(lines, units=False)):<2} "
                  f"{len(ragged):>4} {widest:>5.2f} {len(splits):>3}/{fewest!s:<3}  {headline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
