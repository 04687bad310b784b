"""What a font file says of itself (its OpenType features, its space's width) is read with HarfBuzz once per
file on the machine and kept (`resources/fonts.py`): the same answers, read again when the file changes, and
a lone EPUB or DOCX after the first needs no HarfBuzz at all."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from convert.resources import fonts

from conftest import SEEDS

SEED = SEEDS / "zh-news-harbor" / "article.md"


@pytest.fixture()
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONVERT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "_facts", None)
    fonts.layout_features.cache_clear()
    fonts.space_width_em.cache_clear()
    yield tmp_path
    fonts.layout_features.cache_clear()
    fonts.space_width_em.cache_clear()


def face(family: str) -> fonts.FontFile:
    found = fonts.system_font(family)
    assert found is not None, f"{family} is not installed (make setup)"
    return found


def test_kept_facts_are_harfbuzzs(private_cache: Path) -> None:
    serif = face("Noto Serif CJK SC")
    first = fonts.layout_features(serif), fonts.space_width_em(serif)
    assert {"halt", "vert"} <= first[0] and 0.1 < first[1] < 0.5
    fonts._facts = None  # a later process: from the file
    fonts.layout_features.cache_clear()
    fonts.space_width_em.cache_clear()
    kept = fonts._fact(serif, "features", lambda _: pytest.fail("read again"), [])
    assert frozenset(kept) == first[0] == frozenset(fonts._read_features(serif))
    assert fonts._fact(serif, "space_em", lambda _: pytest.fail("read again"), None) == first[1]


def test_a_changed_file_is_read_again(private_cache: Path) -> None:
    serif, latin = face("Noto Serif CJK SC"), face("DejaVu Sans")
    copy = private_cache / "face.ttc"
    shutil.copyfile(serif.path, copy)
    mine = fonts.FontFile(str(copy), serif.index, "mine")
    assert "halt" in fonts.layout_features(mine)
    shutil.copyfile(latin.path, copy)  # another font under the same name: new size and time
    os.utime(copy, ns=(1, 1))
    fonts.layout_features.cache_clear()
    assert "halt" not in fonts.layout_features(mine)


def test_an_unreadable_file_is_not_kept(private_cache: Path) -> None:
    gone = private_cache / "gone.ttf"
    assert fonts.layout_features(fonts.FontFile(str(gone), 0, "gone")) == frozenset()
    assert fonts.space_width_em(fonts.FontFile(str(gone), 0, "gone")) is None
    assert str(gone) not in "".join(fonts._facts or {})


RUN = """
import sys
from convert.cli import main
code = main(sys.argv[1:])
print(json.dumps("uharfbuzz" in sys.modules)) if code == 0 else sys.exit(code)
"""


@pytest.mark.parametrize("fmt", ["epub", "docx"])
def test_a_later_lone_run_needs_no_harfbuzz_and_writes_the_same(tmp_path: Path, fmt: str) -> None:
    env = dict(os.environ, CONVERT_CACHE_DIR=str(tmp_path / "cache"), SOURCE_DATE_EPOCH="1700000000")
    outputs = []
    for run in ("first", "later"):
        done = subprocess.run([sys.executable, "-c", "import json\n" + RUN, "--to", fmt, str(SEED), "-o",
                               str(tmp_path / run), "--offline", "-q"], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outputs.append((json.loads(done.stdout), (tmp_path / run / f"zh-news-harbor.{fmt}").read_bytes()))
    # HarfBuzz read the fonts' features the first time only (the EPUB asks whether they have `halt`)
    assert outputs[0][0] is (fmt == "epub") and outputs[1][0] is False
    assert outputs[0][1] == outputs[1][1]


LOOK_UP = """
import json, sys
from convert.resources import fonts
requests = [("Noto Serif CJK SC", True), ("Noto Sans CJK SC", False), ("No Such Family", False)]
if sys.argv[1] == "ahead":
    fonts.look_up_ahead(requests)
    started = {family: asked.poll() for (family, _), asked in fonts._asked.items()}  # None: still running
else:
    started = {}
found = [fonts.system_font(family, bold) for family, bold in requests]
print(json.dumps({"found": [[f.path, f.index, f.family] if f else None for f in found], "started": started}))
"""


def test_fonts_looked_up_ahead_are_the_same_fonts() -> None:
    """`look_up_ahead` starts `fc-match` for several faces at once (the EPUB's cover asks for two); the answers
    are those of one lookup at a time, a family fontconfig only substitutes included."""
    seen = {case: json.loads(subprocess.run([sys.executable, "-c", LOOK_UP, case], capture_output=True, text=True,
                                            check=True).stdout) for case in ("ahead", "one by one")}
    assert seen["ahead"]["found"] == seen["one by one"]["found"]
    assert seen["ahead"]["found"][0] and seen["ahead"]["found"][1] and seen["ahead"]["found"][2] is None
    assert len(seen["ahead"]["started"]) == 3  # all three asked before the first answer was read
