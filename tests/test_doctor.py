"""`convert doctor` is honest: it passes here, and names the fix when a piece is missing."""
from __future__ import annotations

import subprocess
import sys

from convert.checks import doctor

from conftest import ROOT


def test_doctor_passes_on_this_machine() -> None:
    done = subprocess.run([sys.executable, "-m", "convert", "doctor"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout
    for name in ("pandoc", "Pango", "HarfBuzz subsetter", "CJK font (SC)", "Java"):
        assert f"ok       {name}" in done.stdout


def test_missing_java_is_reported_with_its_fix(capsys) -> None:  # type: ignore[no-untyped-def]
    check = doctor.check_java(which=lambda name: None)
    assert check.problem and "default-jre-headless" in check.fix
    assert doctor.report([check]) == 1
    assert "MISSING  Java" in capsys.readouterr().out


def test_missing_sc_font_is_reported() -> None:
    fake = lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout="Noto Sans CJK JP\nDejaVu Sans\n")  # noqa: E731
    check = doctor.check_cjk_font(run=fake)
    assert check.problem and "fonts-noto-cjk" in check.fix


def test_missing_subsetter_is_reported(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import weasyprint.text.ffi as ffi
    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    check = doctor.check_harfbuzz_subset()
    assert check.problem and "fontTools" in check.problem and "libharfbuzz-subset0" in check.fix


def test_optional_tools_do_not_fail_the_doctor(capsys) -> None:  # type: ignore[no-untyped-def]
    check = doctor.check_tool("soffice", "libreoffice-writer-nogui", "tests", which=lambda name: None)
    assert doctor.report([check]) == 0
    assert "optional soffice" in capsys.readouterr().out


def test_a_missing_emoji_font_is_reported_but_optional(capsys) -> None:  # type: ignore[no-untyped-def]
    fake = lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout="")  # noqa: E731
    check = doctor.check_emoji_font(run=fake)
    assert check.problem and "fonts-noto-color-emoji" in check.fix
    assert doctor.report([check]) == 0


def test_emoji_are_drawn_in_the_pdf_not_as_empty_boxes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # `make setup` installs Noto Color Emoji; without it WeasyPrint draws .notdef boxes (and we warn)
    import convert
    from convert.errors import collect_warnings
    from tests.formats import poppler
    source = tmp_path / "emoji.md"
    source.write_text("# 重磅 🔥\n\n市民纷纷点赞👍，家庭👨\u200d👩\u200d👧出行更方便 🇨🇳。\n", encoding="utf-8")
    with collect_warnings() as warnings:
        pdf = convert.convert(source, to="pdf", offline=True)
    assert not [w for w in warnings if "empty boxes" in str(w)], warnings
    assert "Noto-Color-Emoji" in poppler("pdffonts", pdf)  # type: ignore[arg-type]
