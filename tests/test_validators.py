"""Every edition clean under the validators publishers and readers trust, for the user's seed, every
sample and the hostile-input articles: Ace 0 violations, EPUBCheck 0 errors and 0 warnings, pdfua 0
errors and 0 warnings (with the structure read back and, for PDF/A-2b, the offline PDF/A checks),
openxml-audit 0 errors. The validators are `convert.checks.validate`'s, the ones `convert --check`
runs; a validator that cannot run here is a finding, so these tests fail (never skip) without it.

Each validator is also shown to find a planted fault, so a clean verdict means something.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from convert import convert
from convert.checks import validate

from conftest import ARTICLES, article_id
from test_hostile import HOSTILE

# name -> (format, writer options): every edition the validators look at, per article
EDITIONS = {"pdf": ("pdf", {}), "pdf-a2b": ("pdf", {"pdf_variant": "pdf/a-2b"}),
            "pdf-ereader": ("pdf", {"edition": "ereader"}), "epub": ("epub", {}), "docx": ("docx", {})}
SUFFIX = {"pdf": ".pdf", "epub": ".epub", "docx": ".docx"}


def hostile_articles(root: Path) -> dict[str, Path]:
    """The hostile-input articles of tests/test_hostile.py: markup attacks and files outside the
    folder, a decompression bomb and an oversized picture, a 2,000-character title."""
    folder = root / "hostile"
    folder.mkdir()
    Image.new("RGB", (50, 50), "red").save(root / "secret.png")
    Image.new("RGB", (200, 120), "green").save(folder / "ok.png")
    (folder / "article.md").write_text(HOSTILE, encoding="utf-8")
    bombs = root / "bombs"
    bombs.mkdir()
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    (bombs / "bomb.png").write_bytes(out.getvalue())
    (bombs / "article.md").write_text("# T\n\n正文。\n\n![a](bomb.png)\n\n（图：炸弹）\n", encoding="utf-8")
    long_title = root / "long-title"
    long_title.mkdir()
    (long_title / "article.md").write_text(f"# {'极长标题' * 500}\n\n正文一段。\n", encoding="utf-8")
    return {"hostile": folder / "article.md", "bombs": bombs / "article.md",
            "long-title": long_title / "article.md"}


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    found = {article_id(path): path for path in ARTICLES}
    found.update(hostile_articles(tmp_path_factory.mktemp("hostile")))
    return found


@pytest.fixture(scope="module")
def verdicts(articles: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list]:
    """Every edition of every article, built once and validated in one go (one JVM for EPUBCheck,
    Ace on several books at a time), as `convert --check` does."""
    folder = tmp_path_factory.mktemp("editions")
    paths: dict[tuple[str, str], Path] = {}
    for name, article in articles.items():
        for edition, (fmt, options) in EDITIONS.items():
            path = folder / f"{re.sub(r'[^A-Za-z0-9_-]', '_', name)}-{edition}{SUFFIX[fmt]}"
            path.write_bytes(convert(article, to=fmt, offline=True, **options))  # type: ignore[arg-type]
            paths[(name, edition)] = path
    results = validate.validate_editions(list(paths.values()))
    return {key: results[path] for key, path in paths.items()}  # type: ignore[misc]


CASES = [(name, edition) for name in [article_id(p) for p in ARTICLES] + ["hostile", "bombs", "long-title"]
         for edition in EDITIONS]


@pytest.mark.parametrize(("name", "edition"), CASES, ids=[f"{n}-{e}" for n, e in CASES])
def test_edition_is_valid(verdicts: dict[tuple[str, str], list], name: str, edition: str) -> None:
    findings = verdicts[(name, edition)]
    assert findings == [], "\n".join(map(str, findings))


# ---------------------------------------------------------------- the validators find what is wrong


def _rezip(data: bytes, changes: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = changes.get(info.filename, source.read(info))
            target.writestr(info.filename, body, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype"
                            else zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.fixture(scope="module")
def sample() -> Path:
    return next(path for path in ARTICLES if path.parent.name == "en-budget-report")


def test_ace_and_epubcheck_find_planted_faults(sample: Path, tmp_path: Path) -> None:
    """A package without xml:lang (Ace's epub-lang, the fault the issue found) and an image whose alt is
    gone (Ace) with a link to a file that is not there (EPUBCheck RSC-007)."""
    book = convert(sample, to="epub", offline=True)
    with zipfile.ZipFile(io.BytesIO(book)) as archive:  # type: ignore[arg-type]
        opf, text = archive.read("EPUB/content.opf"), archive.read("EPUB/text.xhtml")
    broken = _rezip(book, {"EPUB/content.opf": re.sub(rb' xml:lang="[^"]*"', b"", opf, count=1),  # type: ignore[arg-type]
                           "EPUB/text.xhtml": re.sub(rb'(<img [^>]*?) alt="[^"]*"', rb"\1", text, count=1)
                           .replace(b"</p>", b'<a href="missing.xhtml">x</a></p>', 1)})
    path = tmp_path / "broken.epub"
    path.write_bytes(broken)
    findings = validate.validate_editions([path])[path]
    codes = {(f.validator, f.code) for f in findings}  # type: ignore[union-attr]
    assert ("Ace", "epub-lang") in codes and ("Ace", "image-alt") in codes, codes
    assert ("EPUBCheck", "RSC-007") in codes, codes


def test_pdf_validators_find_an_untagged_pdf(tmp_path: Path) -> None:
    from weasyprint import HTML

    path = tmp_path / "untagged.pdf"
    HTML(string='<html><body><h1>T</h1><p><a href="https://example.com/">x</a></p></body></html>').write_pdf(path)
    codes = {f.code for f in validate.pdfua(path) + validate.pdf_structure(path)}
    assert {"UA-01-005", "UA-01-002", "untagged"} <= codes, codes


def test_pdf_structure_finds_furniture_left_in_no_structure(sample: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint's own tagging leaves the running head and page numbers as content no structure
    element holds: the read-back sees it, so the artifacts the writer makes are really checked."""
    from convert.writers.pdf import tagging

    monkeypatch.setattr(tagging, "TESTED_MAJOR_VERSIONS", range(0))
    path = tmp_path / "furniture.pdf"
    path.write_bytes(convert(sample, to="pdf", offline=True))  # type: ignore[arg-type]
    codes = {f.code for f in validate.pdf_structure(path)}
    assert {"orphan-content", "th-scope"} <= codes, codes


def test_pdfa_check_finds_a_missing_output_intent(sample: Path, tmp_path: Path) -> None:
    import pikepdf

    path, broken = tmp_path / "archival.pdf", tmp_path / "broken.pdf"
    path.write_bytes(convert(sample, to="pdf", offline=True, pdf_variant="pdf/a-2b"))  # type: ignore[arg-type]
    assert validate.pdfa(path) == []
    with pikepdf.open(path) as pdf:
        del pdf.Root["/OutputIntents"]
        pdf.save(broken)
    assert [f.code for f in validate.pdfa(broken)] == ["output-intent"]
    assert validate.pdfa(tmp_path / "archival.pdf") == []
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(convert(sample, to="pdf", offline=True))  # type: ignore[arg-type]
    assert validate.pdfa(plain) == []  # claims no PDF/A: held to none


def test_openxml_audit_finds_a_broken_document(sample: Path, tmp_path: Path) -> None:
    document = convert(sample, to="docx", offline=True)
    with zipfile.ZipFile(io.BytesIO(document)) as archive:  # type: ignore[arg-type]
        body = archive.read("word/document.xml")
    path = tmp_path / "broken.docx"
    path.write_bytes(_rezip(document, {"word/document.xml": body.replace(b"<w:pPr>", b"<w:pPr><w:bogus/>", 1)}))  # type: ignore[arg-type]
    findings = validate.openxml_audit(path)
    assert findings and all(f.severity == "error" for f in findings), findings


def test_a_missing_validator_is_a_finding_not_a_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate, "ace_command", lambda: None)
    book = tmp_path / "any.epub"
    book.write_bytes(b"not checked")
    findings = validate.ace(book)
    assert [(f.validator, f.severity) for f in findings] == [("Ace", "missing")]
    assert "make setup" in findings[0].message
    assert "1 finding" in validate.verdict(book, findings)
