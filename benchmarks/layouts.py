"""How many WeasyPrint layouts each article's PDF costs, and their CPU time.

For each article and PDF edition (print, ereader), in one process (the font configuration and the
stylesheets warmed by a first conversion), counts `HTML.render` calls (the first layout and the refit's
re-layouts) and times them, the refit's reading of the layout (`refit.refits`) and the whole PDF.

    .venv/bin/python benchmarks/layouts.py [FILES...]   # default: seeds/, tests/data/unseen*/ Chinese, the user's seed
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def default_articles() -> list[Path]:
    found = sorted(ROOT.glob("seeds/*/article.md"))
    for folder in sorted(ROOT.glob("tests/data/unseen*")):
        for path in sorted(folder.iterdir()):
            if path.suffix in (".md", ".txt", ".html") and _chinese(path):
                found.append(path)
    seeds = Path(os.environ.get("CONVERT_SHARED_SEEDS", "/work/shared/seeds"))
    found += sorted(seeds.glob("*.txt"))
    return found


def _chinese(path: Path) -> bool:
    """More than 50 Han characters in its UTF-8 text (a file in another encoding is left out)."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return False
    han = sum(1 for char in text if "\u4e00" <= char <= "\u9fff")
    return han > 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--editions", default="print,ereader")
    args = parser.parse_args()

    import convert
    from weasyprint import HTML

    import convert.writers.pdf as pdf

    counts: list[tuple[float, float]] = []
    reads: list[float] = []
    original_render = HTML.render
    original_refits = pdf.refits

    def render(self, *a, **k):  # type: ignore[no-untyped-def]
        start = time.process_time()
        result = original_render(self, *a, **k)
        counts.append((time.process_time() - start, len(result.pages)))
        return result

    def refits(*a, **k):  # type: ignore[no-untyped-def]
        start = time.process_time()
        result = original_refits(*a, **k)
        reads.append(time.process_time() - start)
        return result

    HTML.render = render  # type: ignore[method-assign]
    pdf.refits = refits
    files = args.files or default_articles()
    convert.convert(ROOT / "seeds/zh-news-harbor/article.md", to="pdf", offline=True)  # warm up
    print(f"{'article':42} {'edition':8} {'layouts':>7} {'layout s':>9} {'read s':>7} {'pdf s':>7} pages")
    total_layouts = total = 0
    for path in files:
        for edition in args.editions.split(","):
            counts.clear()
            reads.clear()
            start = time.process_time()
            try:
                convert.convert(path, to="pdf", offline=True, edition=edition)
            except Exception as exc:  # noqa: BLE001
                print(f"{path.name[:42]:42} {edition:8} failed: {exc}")
                continue
            spent = time.process_time() - start
            total_layouts += len(counts)
            total += 1
            name = f"{path.parent.name}/{path.name}"[-42:]
            print(f"{name:42} {edition:8} {len(counts):7} {sum(c for c, _ in counts):9.3f} {sum(reads):7.3f} "
                  f"{spent:7.3f} {counts[-1][1] if counts else 0}", flush=True)
    print(f"{total_layouts} layouts for {total} PDFs")


if __name__ == "__main__":
    main()
