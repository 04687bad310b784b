#!/usr/bin/env python3
"""Chinese typesetting of Chinese articles' EPUB chapters as headless Chromium lays them out at a phone's
and an e-reader's width (`convert/checks/typography.py`, `browser_blocks`), one row per article and width:

  lines      justified inner lines of paragraphs (the paragraph continues after them)
  wide       those whose widest gap between two Han characters is widened beyond 0.15 em (the PDF's
             bound), and the widest such gap in the article (em)
  bad        those widened by more than the next line's lead could not come up (`letter_spaced_lines`:
             a number with its unit's head, a Latin word, a bracketed group): a break that could be better
  short      inner lines of paragraphs ending over a quarter em before the column's right edge
  split      numbers broken from their unit / inside (never)
  cells      lines of table cells broken inside a number or between a number and its unit (`−0.07` / `pct`)

  benchmarks/browser_typography.py [ARTICLE ...]   (default: seeds/, tests/data/unseen/, the user's seeds)
  -v: print each wide and short line
"""
from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUND_EM = 0.15


def articles(paths: list[str]) -> list[Path]:
    if paths:
        return [Path(path) for path in paths]
    found = sorted(ROOT.glob("seeds/*/article.md")) + sorted(
        p for p in (ROOT / "tests" / "data" / "unseen").iterdir() if p.suffix in (".md", ".txt"))
    shared = Path(os.environ.get("CONVERT_SHARED_SEEDS") or ROOT.parent / "shared" / "seeds")
    return found + (sorted(path for path in shared.iterdir() if path.is_file()) if shared.is_dir() else [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="*")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--widths", default="360,480")
    args = parser.parse_args()

    import convert
    from convert.checks.typography import (browser_blocks, browser_gaps, browser_lines, letter_spaced_lines,
                                           short_lines, split_numbers)
    from convert.errors import collect_warnings

    totals = [0, 0, 0.0, 0, 0, 0, 0, 0]
    print(f"{'article':30} {'px':>4} {'lines':>5} {'wide':>4} {'widest':>6} {'bad':>4} {'short':>5} {'split':>5} "
          f"{'cells':>5}")
    for path in articles(args.articles):
        if not convert.read(str(path)).is_chinese:
            continue
        with collect_warnings():
            data = convert.convert(path, to="epub", offline=True)
        with tempfile.TemporaryDirectory() as folder:
            with zipfile.ZipFile(io.BytesIO(data)) as book:  # type: ignore[arg-type]
                book.extractall(folder)
            chapter = next(Path(folder).rglob("text.xhtml"))
            for width in (int(w) for w in args.widths.split(",")):
                blocks = browser_blocks(chapter, width)
                inner = [(line, after) for block in blocks if block["tag"] == "p"
                         for line, after in zip(block["lines"], block["lines"][1:])]
                wide = [(max(browser_gaps(line), default=0), line, after) for line, after in inner]
                wide = [(gap, line, after) for gap, line, after in wide if gap > BOUND_EM + 0.005]
                short = short_lines(blocks)
                bad = letter_spaced_lines(blocks, BOUND_EM)
                lines = browser_lines(blocks)
                splits = (len(split_numbers(lines)), len(split_numbers(lines, units=False)))
                cells = split_numbers(browser_lines([block for block in blocks if block["tag"] in ("td", "th")]))
                name = (path.parent.name if path.name == "article.md" else path.name)[:30]
                widest = max((gap for gap, _, _ in wide), default=0.0)
                print(f"{name:30} {width:>4} {len(inner):>5} {len(wide):>4} {widest:>6.2f} {len(bad):>4} "
                      f"{len(short):>5} {splits[0]:>2}/{splits[1]:<2} {len(cells):>5}")
                if args.verbose:
                    for gap, line, after in wide:
                        text, lead = "".join(c[0] for c in line), "".join(c[0] for c in after[:8])
                        print(f"      wide {gap:.2f}  {text} / {lead}")
                    for text, lead, widened, lead_em in bad:
                        print(f"      bad  {text} / {lead}: widened {widened} em, the lead {lead_em} em")
                    for text in short + [f'split {split}' for split in split_numbers(lines)]:
                        print(f"      {text}")
                for i, v in enumerate((len(inner), len(wide), widest, len(bad), len(short), splits[0], splits[1],
                                       len(cells))):
                    totals[i] = max(totals[i], v) if i == 2 else totals[i] + v
    print(f"{'total':30} {'':>4} {totals[0]:>5} {totals[1]:>4} {totals[2]:>6.2f} {totals[3]:>4} {totals[4]:>5} "
          f"{totals[5]:>2}/{totals[6]:<2} {totals[7]:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
