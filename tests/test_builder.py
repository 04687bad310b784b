"""Batches: incremental rebuilds, worker processes, atomic outputs under SIGKILL, concurrent runs."""
from __future__ import annotations

import importlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

import convert
from convert.builder import Options, build

build_module = importlib.import_module("convert.builder.single")  # where an article is rendered

from conftest import ROOT, Quiet, serving


def make_batch(folder: Path, count: int, paragraphs: int = 6) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        article = folder / f"a{n:03d}"
        article.mkdir()
        Image.new("RGB", (300, 200), (40 * (n % 6), 120, 160)).save(article / "p.png")
        body = "\n\n".join(f"第{n}篇第{k}段：港口岸电改造持续推进，绿色航运取得新进展。" * 3 for k in range(paragraphs))
        (article / "article.md").write_text(f"# 第{n}篇\n\n**编辑：甲**\n\n{body}\n\n![1](p.png)\n\n（图：第{n}图）\n",
                                            encoding="utf-8")
    return folder


def test_unchanged_rebuild_skips_and_changes_rebuild(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 3)
    out = tmp_path / "out"
    first = build([batch], ["html"], out)
    assert all(o.ok and not o.up_to_date for o in first)
    second = build([batch], ["html"], out)
    assert all(o.up_to_date for o in second)
    Image.new("RGB", (300, 200), "red").save(batch / "a001" / "p.png")  # an image changed
    (batch / "a002" / "article.md").write_text("# 改了\n\n新正文。\n", encoding="utf-8")  # an article changed
    third = {o.source.parent.name: o.up_to_date for o in build([batch], ["html"], out)}
    assert third == {"a000": True, "a001": False, "a002": False}
    assert not any(o.up_to_date for o in build([batch], ["html"], out, Options(theme=str(
        _theme(tmp_path)))))  # a theme change rebuilds everything
    assert not any(o.up_to_date for o in build([batch], ["html"], out, force=True))


def _theme(tmp_path: Path) -> Path:
    path = tmp_path / "big.toml"
    path.write_text('name = "big"\nextends = "default"\n[text]\nsize_pt = 13\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("edited", ["article.md", "p.png"])
def test_a_file_edited_during_its_build_is_rebuilt_next_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             edited: str) -> None:
    """The manifest keys an edition by the bytes it was made from, not by what is on disk once it is written."""
    batch = make_batch(tmp_path / "in", 1)
    out = tmp_path / "out"
    real_render = build_module.render

    def render_then_edit(*args: object) -> bytes:
        data = real_render(*args)  # type: ignore[arg-type]
        if edited == "p.png":
            Image.new("RGB", (300, 200), "red").save(batch / "a000" / "p.png")
        else:
            (batch / "a000" / "article.md").write_text("# 改了\n\n新正文。\n", encoding="utf-8")
        return data

    monkeypatch.setattr(build_module, "render", render_then_edit)
    build([batch], ["html"], out, jobs=1)
    monkeypatch.undo()
    assert [o.up_to_date for o in build([batch], ["html"], out, jobs=1)] == [False]


def test_a_writer_crash_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object) -> bytes:
        raise ValueError("first line\n  second line")

    monkeypatch.setattr(build_module, "render", crash)
    [outcome] = build([make_batch(tmp_path / "in", 1)], ["html"], tmp_path / "out", jobs=1)
    assert outcome.error == "html writer failed: ValueError: first line second line"


def test_deleted_output_is_rebuilt(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 1)
    out = tmp_path / "out"
    build([batch], ["html"], out)
    (out / "a000.html").unlink()
    assert [o.up_to_date for o in build([batch], ["html"], out)] == [False]
    assert (out / "a000.html").is_file()


def test_worker_processes_give_the_same_editions(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 4)
    serial = build([batch], ["html"], tmp_path / "one", jobs=1)
    parallel = build([batch], ["html"], tmp_path / "two", jobs=2)
    assert [o.source for o in serial] == [o.source for o in parallel]
    for a, b in zip(serial, parallel):
        assert a.output.read_bytes() == b.output.read_bytes()  # type: ignore[union-attr]


def test_bad_article_in_parallel_batch(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 3)
    (batch / "a001" / "article.md").write_bytes(b"\x00\x01\x02" * 100)
    outcomes = build([batch], ["html"], tmp_path / "out", jobs=2)
    assert [o.ok for o in outcomes] == [True, False, True]
    assert "binary" in (outcomes[1].error or "")


def _complete_html(path: Path) -> bool:
    return path.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_sigkill_mid_batch_leaves_only_complete_editions(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 40, paragraphs=40)
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "convert", "--to", "html", str(batch), "-o", str(out),
                                "-q", "-j", "2"], cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.html"))) < 5:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    written = list(out.glob("*.html"))
    assert 5 <= len(written) < 40, "the kill should land mid-batch"
    assert all(_complete_html(p) for p in written)
    # the next run completes the batch and reuses nothing half-made
    done = subprocess.run([sys.executable, "-m", "convert", "--to", "html", str(batch), "-o", str(out), "-q"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    finished = list(out.glob("*.html"))
    assert len(finished) == 40 and all(_complete_html(p) for p in finished)


def test_two_runs_into_one_folder_do_not_corrupt_each_other(tmp_path: Path) -> None:
    first = make_batch(tmp_path / "first", 6)
    second = tmp_path / "second"
    second.mkdir()
    for n in range(6):
        (second / f"b{n}.md").write_text(f"# B{n}\n\n正文{n}。\n" * 30, encoding="utf-8")
    out = tmp_path / "out"
    runs = [subprocess.Popen([sys.executable, "-m", "convert", "--to", "html", str(folder), "-o", str(out), "-q",
                              "--force"], cwd=ROOT) for folder in (first, second, first)]
    assert [p.wait(timeout=300) for p in runs] == [0, 0, 0]
    names = sorted(p.name for p in out.glob("*.html"))
    assert names == sorted([f"a{n:03d}.html" for n in range(6)] + [f"b{n}.html" for n in range(6)])
    assert all(_complete_html(p) for p in out.glob("*.html"))
    entries = json.loads((out / ".convert-manifest.json").read_text(encoding="utf-8"))
    assert set(entries) == set(names)
    assert not list(out.glob(".*.part"))


def test_library_convert_returns_bytes_or_writes_atomically(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 1)
    data = convert.convert(batch / "a000" / "article.md", to="html")
    assert isinstance(data, bytes) and b"<article" in data
    target = convert.convert(batch / "a000" / "article.md", to="html", output=tmp_path / "x.html")
    assert target == tmp_path / "x.html" and target.read_bytes() == data
    with pytest.raises(convert.UsageError):
        convert.convert(batch / "a000" / "article.md", to="nope")
    assert convert.convert(batch / "a000" / "article.md", to="HTML") == data  # as case-blind as --to
    with pytest.raises(convert.UsageError, match="one edition"):
        convert.convert(batch / "a000" / "article.md", to="all")


def test_a_remote_image_shared_by_a_batch_is_fetched_once(tmp_path: Path) -> None:
    import http.server
    import io as _io

    requests: list[str] = []
    picture = _io.BytesIO()
    Image.new("RGB", (64, 48), "purple").save(picture, "PNG")

    class Counting(Quiet, http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            time.sleep(0.3)  # slow enough that the workers ask at the same time
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(picture.getvalue())

    batch = tmp_path / "in"
    batch.mkdir()
    with serving(Counting) as base:
        for n in range(4):
            (batch / f"n{n}.md").write_text(f"# {n}\n\n正文。\n\n![x]({base}/shared.png)\n\n（图：共用图片）\n",
                                            encoding="utf-8")
        outcomes = build([batch], ["html"], tmp_path / "out", Options(allow_private=True), jobs=2)
    assert all(o.ok and not o.warnings for o in outcomes)
    assert requests == ["/shared.png"]


def test_ctrl_c_in_a_batch_keeps_what_was_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in the middle of an article: the articles before it are written and recorded, nothing
    half-made is left, and BatchInterrupted (a KeyboardInterrupt) carries every article's outcome."""
    from convert.builder import BatchInterrupted
    from convert.builder.job import run_job

    batch = make_batch(tmp_path / "in", 4)
    out = tmp_path / "out"
    seen: list[str] = []

    def interrupted_at_the_third(job):  # type: ignore[no-untyped-def]
        seen.append(job.article.parent.name)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return run_job(job)

    batch_module = importlib.import_module("convert.builder.batch")
    monkeypatch.setattr(batch_module, "_job_function", lambda: interrupted_at_the_third)
    with pytest.raises(BatchInterrupted) as stop:
        build([batch], ["html", "epub"], out, jobs=1)
    assert isinstance(stop.value, KeyboardInterrupt)
    assert [o.status for o in stop.value.outcomes] == ["built"] * 4 + ["not built"] * 4
    assert stop.value.outcomes[-1].error == "not built: the batch was interrupted"
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert written == ["a000.epub", "a000.html", "a001.epub", "a001.html"]
    assert sorted(json.loads((out / ".convert-manifest.json").read_text(encoding="utf-8"))) == written
    assert not list(out.glob(".*.part"))
    monkeypatch.undo()
    assert [o.status for o in build([batch], ["html", "epub"], out, jobs=1)] == ["up to date"] * 4 + ["built"] * 4


@pytest.mark.parametrize("kwargs, message", [
    ({"jobs": 0}, "jobs must be at least 1, not 0"),
    ({"jobs": -3}, "jobs must be at least 1, not -3"),
    ({"max_articles_per_worker": -1}, "max_articles_per_worker must be 0 (never) or more"),
    ({"executor": "ray"}, "unknown executor 'ray'"),
    ({"executor": "dask://"}, "unknown executor 'dask://'"),
])
def test_library_usage_errors_before_any_work(tmp_path: Path, kwargs: dict, message: str) -> None:
    batch = make_batch(tmp_path / "in", 1)
    with pytest.raises(convert.UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build([batch], ["html"], tmp_path / "out", **kwargs)
    assert not (tmp_path / "out").exists()


def test_build_article_writes_one_articles_editions(tmp_path: Path) -> None:
    from convert.builder import build_article
    batch = make_batch(tmp_path / "in", 1)
    outcomes = build_article(batch / "a000" / "article.md", ["html", "docx"], tmp_path / "out", "story", Options())
    assert [(o.format, o.status, o.output.name) for o in outcomes] == [  # type: ignore[union-attr]
        ("html", "built", "story.html"), ("docx", "built", "story.docx")]
    assert outcomes[0].deps == {str((batch / "a000" / "p.png").resolve()): outcomes[0].deps[
        str((batch / "a000" / "p.png").resolve())]} and outcomes[0].key
