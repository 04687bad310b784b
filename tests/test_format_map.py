"""The format map itself (tests/formats.py): its leak scanner sees through compression, and a writer
registered the way a plug-in registers one is picked up by every generic test without editing them."""
from __future__ import annotations

import base64
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

import formats
from conftest import ROOT

SECRET = "PLANTED-SECRET-51c2e8"


def old_edition_text(fmt: str, data: bytes) -> str:
    """How test_hostile read a PDF before the map: its raw bytes as latin-1 plus pypdf's extracted text."""
    import pypdf
    reader = pypdf.PdfReader(io.BytesIO(data))
    return data.decode("latin-1") + "\n".join(page.extract_text() for page in reader.pages)


def flate_stream(writer: PdfWriter, payload: bytes):  # type: ignore[no-untyped-def]
    stream = DecodedStreamObject()
    stream.set_data(payload)
    return writer._add_object(stream.flate_encode())


def test_a_secret_in_a_compressed_pdf_stream_is_found() -> None:
    """Planted in a page's Flate-compressed content stream and in a compressed object nothing refers to."""
    for where in ("content stream", "orphan object"):
        writer = PdfWriter()
        page = writer.add_blank_page(200, 200)
        content = flate_stream(writer, b"% " + SECRET.encode() + b"\n" if where == "content stream" else b"% x\n")
        page[NameObject("/Contents")] = content
        if where == "orphan object":
            flate_stream(writer, b"% " + SECRET.encode() + b"\n")
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
        assert SECRET.encode() not in data, "the stream was not compressed: the test proves nothing"
        assert SECRET not in old_edition_text("pdf", data), where  # the old scan was blind to it
        assert SECRET in formats.of("pdf").carried(data), where


def png_with(text: str, compressed: bool) -> bytes:
    info = PngInfo()
    info.add_text("Comment", text, zip=compressed)
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["epub", "docx"])
def test_a_secret_in_a_deflated_member_or_a_compressed_png_chunk_is_found(fmt: str) -> None:
    filler = b"<p>" + b"word " * 200 + b"</p>"  # enough text that deflate codes the secret, not stores it
    for members in ({"EPUB/text.xhtml": filler + SECRET.encode() + filler},
                    {"word/media/image1.png": png_with(SECRET, compressed=True)}):
        data = zipped(members)
        assert SECRET.encode() not in data, "stored as it is: the test proves nothing"
        assert SECRET in formats.of(fmt).carried(data)
    assert SECRET.encode() not in png_with(SECRET, compressed=True)  # zTXt: inflated by Pillow only


def test_a_secret_in_a_data_uri_picture_is_found() -> None:
    page = ('<!DOCTYPE html><html><body><img src="data:image/png;base64,'
            + base64.b64encode(png_with(SECRET, compressed=True)).decode() + '" alt=""></body></html>').encode()
    assert SECRET.encode() not in page
    assert SECRET in formats.of("html").carried(page)


def test_a_picture_is_known_by_its_pixels() -> None:
    teal, navy = Image.new("RGB", (20, 10), "teal"), Image.new("RGB", (20, 10), "navy")
    png = io.BytesIO()
    teal.save(png, "PNG")
    carried = formats.of("docx").carried(zipped({"word/media/a.png": png.getvalue()}))
    assert formats.pixels_key(teal) in carried and formats.pixels_key(navy) not in carried


# ---------------------------------------------------------------- a new writer is picked up

GENERIC = ["test_every_writer.py", "test_hostile.py", "test_properties.py", "test_golden.py"]

PICKUP_MAP = '''
"""Loaded with -p: the format map's entries for the throwaway writers, as their author would add them."""
import formats

PLAIN = formats.Extractor(text=lambda data: data.decode("utf-8"), carried=formats.data_uri_carried,
                          opens=lambda data: data.decode("utf-8"), structure=lambda data: data.decode().splitlines())
formats.FORMATS["txt"] = PLAIN
formats.FORMATS["lossy"] = PLAIN
'''


def installed_plugin(folder: Path) -> Path:
    """A distribution that registers three writers through the `convert.writers` entry point group,
    found by importlib.metadata on the path as an installed package would be."""
    site = folder / "site"
    info = site / "throwaway_writers-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: throwaway-writers\nVersion: 0\n")
    (info / "entry_points.txt").write_text("[convert.writers]\ntxt = plugin_writer:WRITER\n"
                                           "lossy = plugin_writer:LOSSY\nunmapped = plugin_writer:UNMAPPED\n")
    (site / "pickup_map.py").write_text(PICKUP_MAP)
    return site


def outcomes(report: Path) -> dict[str, dict[str, list[str]]]:
    """format -> {test function: [passed | failed: message | skipped, ...]}, from pytest's JUnit XML."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        name, _, params = case.get("name", "").partition("[")
        failure = case.find("failure") if case.find("failure") is not None else case.find("error")
        result = "skipped" if case.find("skipped") is not None else (
            "passed" if failure is None else "failed: " + (failure.get("message") or "") + (failure.text or ""))
        found[params.rstrip("]").rsplit("-", 1)[-1]][name].append(result)  # ids end with the format
    return found


def test_a_writer_registered_by_entry_point_is_run_through_every_generic_test(tmp_path: Path) -> None:
    site = installed_plugin(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT / "tests")])}
    files = [str(ROOT / "tests" / name) for name in GENERIC]
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             *files], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    report = tmp_path / "report.xml"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "pickup_map",
                           f"--junitxml={report}", "-k", "txt or unmapped or lossy and paragraph", *files],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600)
    assert report.is_file(), done.stdout[-3000:] + done.stderr[-3000:]
    results = outcomes(report)

    # every generic test that runs for a built-in format runs for each new one
    generic = {line.split("::")[1].partition("[")[0] for line in listed.stdout.splitlines()
               if "::" in line and "[" in line and "pdf" in line.split("[", 1)[1]}
    assert {"test_every_registered_format_is_in_the_format_map", "test_every_paragraph_is_in_the_edition_in_order",
            "test_hostile_article_leaks_nothing", "test_generated_markdown_through_every_writer",
            "test_golden"} <= generic, listed.stdout[-2000:]
    for fmt in ("txt", "unmapped"):
        assert set(results[fmt]) == generic, (fmt, sorted(generic ^ set(results[fmt])))

    # a sound new writer passes them all; it has no golden files until `make golden` writes them
    for name, results_of_test in results["txt"].items():
        for result in results_of_test:
            if name == "test_golden":
                assert result.startswith("failed") and "run `make golden`" in result, result[:500]
            else:
                assert result == "passed", (name, result[:1500])
    # a writer that loses a paragraph is caught, on every article
    lossy = results["lossy"]["test_every_paragraph_is_in_the_edition_in_order"]
    assert lossy and all(r.startswith("failed") and "the lossy edition" in r and "lacks" in r for r in lossy), lossy
    # a writer without a map entry fails, named, everywhere; nothing about it is skipped
    message = "add an extractor for format 'unmapped' to tests/formats.py"
    for name, results_of_test in results["unmapped"].items():
        assert all(r.startswith("failed") and message in r for r in results_of_test), (name, results_of_test[0][:500])
