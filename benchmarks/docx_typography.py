#!/usr/bin/env python3
"""Chinese typesetting of the DOCX edition as LibreOffice lays it out (tests/docx_layout.py), one row per
article over the measures 64 to 124 mm:

  splits     numbers broken from their unit or inside (`convert.checks.typography.split_numbers`)
  one-sided  Latin/digit runs between Han characters with the Han/Latin gap on one side only
  pairs      adjacent full-width marks compressed / all such pairs

  benchmarks/docx_typography.py [-v] [ARTICLE ...]   (default: every Chinese sample: seeds/, tests/data/unseen*/,
                                                     and the user's seeds: $CONVERT_SHARED_SEEDS or ../shared/seeds)
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def samples() -> list[Path]:
    shared = Path(os.environ.get("CONVERT_SHARED_SEEDS") or ROOT.parent / "shared" / "seeds")
    found = sorted(ROOT.glob("seeds/*/article.md")) + sorted(ROOT.glob("seeds/pages/*.html"))
    found += sorted(path for path in ROOT.glob("tests/data/unseen*/*") if path.suffix in (".md", ".txt", ".html"))
    return found + (sorted(path for path in shared.iterdir() if path.is_file()) if shared.is_dir() else [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("articles", nargs="*")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every split and one-sided gap")
    args = parser.parse_args()

    import convert
    from convert.errors import collect_warnings
    from docx_layout import layouts

    documents = {}
    for path in [Path(p) for p in args.articles] or samples():
        if not convert.read(str(path)).is_chinese:
            continue
        with collect_warnings():
            documents[path.stem if path.stem != "article" else path.parent.name] = convert.convert(
                path, to="docx", offline=True)
    with tempfile.TemporaryDirectory() as folder:
        measured = layouts(documents, Path(folder))
    totals = [0, 0, 0, 0]
    print(f"{'article':34} {'splits':>6} {'one-sided':>9} {'pairs':>9}")
    for name in documents:
        rows = [layout for layout in measured if layout.name.rsplit("-", 1)[0] == name]
        counts = [sum(len(r.splits) for r in rows), sum(len(r.one_sided) for r in rows),
                  sum(r.compressed for r in rows), sum(r.pairs for r in rows)]
        totals = [a + b for a, b in zip(totals, counts)]
        print(f"{name[:34]:34} {counts[0]:>6} {counts[1]:>9} {counts[2]:>4}/{counts[3]:<4}")
        if args.verbose:
            for row in rows:
                for item in row.splits + row.one_sided:
                    print(f"    {row.name.rsplit('-', 1)[1]} mm  {item}")
    print(f"{'all':34} {totals[0]:>6} {totals[1]:>9} {totals[2]:>4}/{totals[3]:<4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
