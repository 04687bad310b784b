"""Chinese typesetting of DOCX editions as LibreOffice lays them out (Word is not available here): each
DOCX is set at several measures (the page narrowed, margins 6 mm), converted to PDF by ONE soffice run,
and its lines measured with `convert.checks.typography` (pdfplumber):

  splits    a number broken from its unit, or inside (`split_numbers`)
  one-sided a Latin or digit run between Han characters on one line with the Han/Latin gap on one side
            only (one gap under 0.1 em, the other over 0.15 em: `共 3006亿元`)
  pairs     adjacent full-width marks on one line, and how many are compressed (`mark_pairs`)

Used by tests/test_docx_cjk.py and benchmarks/docx_typography.py.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from convert.checks.typography import Line, mark_pairs, pdf_lines, split_numbers
from convert.scripts import CJK_LETTER

MEASURES_MM = tuple(range(64, 125, 12))  # text widths: 64, 76, 88, 100, 112, 124 mm
_LATIN = re.compile(r"[A-Za-z0-9]")
NO_GAP_EM, GAP_EM = 0.1, 0.15


@dataclass
class Layout:
    """What LibreOffice made of one DOCX at one measure."""

    name: str
    lines: list[Line]
    splits: list[str] = field(default_factory=list)
    one_sided: list[str] = field(default_factory=list)
    pairs: int = 0
    compressed: int = 0


def narrowed(data: bytes, text_width_mm: float) -> bytes:
    """The DOCX with every section's text `text_width_mm` wide (page width less 6 mm margins)."""
    import docx
    from docx.shared import Mm

    word = docx.Document(io.BytesIO(data))
    for section in word.sections:
        section.page_width, section.left_margin, section.right_margin = Mm(text_width_mm + 12), Mm(6), Mm(6)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def libreoffice_pdfs(documents: dict[str, bytes], folder: Path) -> dict[str, bytes]:
    """Each named DOCX as LibreOffice's PDF of it, all in one soffice run."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is missing: `make setup` installs libreoffice-writer-nogui"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in documents.items():
        paths.append(folder / f"{name}.docx")
        paths[-1].write_bytes(data)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile", "--convert-to",
                    "pdf", "--outdir", str(folder), *map(str, paths)], check=True, capture_output=True, timeout=1800)
    return {name: (folder / f"{name}.pdf").read_bytes() for name in documents}


def one_sided_gaps(lines: list[Line]) -> list[str]:
    """Latin/digit runs set between two Han characters on one line whose gap is on one side only."""
    found = []
    for line in lines:
        chars = line.chars
        index = 1
        while index < len(chars) - 1:
            if not (_LATIN.match(chars[index]["text"]) and CJK_LETTER.match(chars[index - 1]["text"])):
                index += 1
                continue
            end = index
            while end + 1 < len(chars) and not CJK_LETTER.match(chars[end + 1]["text"]) \
                    and chars[end + 1]["x0"] - chars[end]["x1"] < 0.6 * chars[end]["size"]:
                end += 1
            if end + 1 < len(chars) and CJK_LETTER.match(chars[end + 1]["text"]) and _LATIN.match(chars[end]["text"]):
                size = chars[index]["size"]
                left = (chars[index]["x0"] - chars[index - 1]["x1"]) / size
                right = (chars[end + 1]["x0"] - chars[end]["x1"]) / size
                if min(left, right) < NO_GAP_EM and max(left, right) > GAP_EM:
                    text = "".join(c["text"] for c in chars[index - 1:end + 2])
                    found.append(f"p{line.page + 1} {text} ({left:.2f}/{right:.2f} em)")
            index = end + 1
    return found


def measure(name: str, pdf: bytes) -> Layout:
    lines = pdf_lines(pdf)
    pairs = mark_pairs(lines)
    return Layout(name, lines, split_numbers(lines), one_sided_gaps(lines), pairs.pairs, pairs.compressed)


def layouts(documents: dict[str, bytes], folder: Path, measures: tuple[int, ...] = MEASURES_MM) -> list[Layout]:
    """Every DOCX at every measure, laid out by LibreOffice and measured."""
    narrow = {f"{name}-{width}": narrowed(data, width) for name, data in documents.items() for width in measures}
    return [measure(name, pdf) for name, pdf in libreoffice_pdfs(narrow, folder).items()]
