#!/usr/bin/env python3
"""Article extraction from saved web pages, measured against the pages' own ground truth.

For every page under seeds/ that seeds/pages/truth.json describes, prints the time to reduce it to
its article (`convert.readers.web.read_page`: metadata, trafilatura, our steps; median of --runs),
and for three readings of the page — convert (the article, as the editions get it), trafilatura alone
(its own text output) and the page kept whole (`--no-extract`) — the share of the body text kept
(characters of the truth's paragraphs, headings, list items and captions found) and the share of the
boilerplate dropped (the truth's navigation, share, related, comment, advertising and footer strings
not found).

    .venv/bin/python benchmarks/extract.py [--runs 5]
"""
from __future__ import annotations

import argparse
import logging
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from convert import model as m  # noqa: E402
from convert.builder import Options, load  # noqa: E402
from convert.readers.web import read_page  # noqa: E402
from convert.readers.web.charset import page_text  # noqa: E402
from convert.wording import credit_text  # noqa: E402

TRUTH = ROOT / "seeds" / "pages" / "truth.json"


def squeeze(text: str) -> str:
    return "".join(text.split())


def shares(text: str, truth: dict) -> tuple[float, float]:
    """(body characters kept, boilerplate strings dropped) of `text`, both as fractions."""
    found = squeeze(text)
    body = [squeeze(item) for item in truth["body"]]
    kept = sum(len(item) for item in body if item in found) / sum(len(item) for item in body)
    junk = [squeeze(item) for items in truth["boilerplate"].values() for item in items]
    dropped = sum(1 for item in junk if item not in found) / len(junk)
    return kept, dropped


def document_text(page: Path, extract: bool) -> str:
    """What a reader of any edition sees: the model's visible text (title, byline, body, captions) and
    the pictures' credits under their label."""
    _, document = load(page, Options(extract=extract, offline=True))
    credits = [credit_text(f.credit, document.meta.lang) for f in document.figures if f.credit]
    return "\n".join([m.visible_text(document), *credits])  # as the editions show them: `摄影：王晓`


def main() -> int:
    logging.getLogger("convert").setLevel(logging.ERROR)  # the whole pages warn of every <script> they lose
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timing runs per page (median)")
    args = parser.parse_args()
    truth = {name: value for name, value in json.loads(TRUTH.read_text(encoding="utf-8")).items()
             if not name.startswith("_")}
    pages = sorted(p for p in (ROOT / "seeds").rglob("*.htm*") if p.name in truth)
    header = (f"{'page':38} {'kind':18} {'KiB':>5} {'extract ms':>10}  {'body kept':>28}  {'boilerplate dropped':>28}\n"
              f"{'':38} {'':18} {'':>5} {'':>10}  {'convert':>8} {'trafil.':>8} {'whole':>8}  "
              f"{'convert':>8} {'trafil.':>8} {'whole':>8}")
    print(header)
    totals: list[tuple[float, ...]] = []
    for page in pages:
        html = page_text(page.read_bytes(), "", page)
        read_page(html, name=page.name)  # warm: imports and trafilatura's first-use set-up
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            read_page(html, name=page.name)
            times.append(time.perf_counter() - started)
        ours = shares(document_text(page, True), truth[page.name])
        alone = shares(trafilatura.extract(html, include_comments=False, include_tables=True) or "", truth[page.name])
        whole = shares(document_text(page, False), truth[page.name])
        row = (statistics.median(times) * 1000, ours[0], alone[0], whole[0], ours[1], alone[1], whole[1])
        totals.append(row)
        print(f"{page.name[:38]:38} {truth[page.name]['kind']:18} {len(html.encode()) / 1024:5.0f} {row[0]:10.1f}  "
              + " ".join(f"{value:8.0%}" for value in row[1:4]) + "  " + " ".join(f"{value:8.0%}" for value in row[4:]))
    if totals:
        means = [statistics.mean(column) for column in zip(*totals)]
        print(f"{'mean':38} {'':18} {'':>5} {means[0]:10.1f}  " + " ".join(f"{v:8.0%}" for v in means[1:4]) + "  "
              + " ".join(f"{v:8.0%}" for v in means[4:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
