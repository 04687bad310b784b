"""A batch a user can watch and stop: usage errors before any work, the --json summary, warnings
grouped by kind, and Ctrl-C (SIGINT to the whole process group, as a terminal sends it) leaving
finished editions, a manifest that records them, no partial file, no traceback and exit status 130."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from convert.builder import Outcome
from convert.builder.executors.base import deferring_interrupts
from convert.builder.report import warning_kind, warning_kinds

from conftest import ROOT
from test_builder import make_batch


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "convert", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


def usage_cases(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    article = tmp_path / "a.md"
    article.write_text("# a\n\n正文。\n", encoding="utf-8")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "b.html").write_text("<h1>b</h1>", encoding="utf-8")
    out = ["-o", str(tmp_path / "out")]
    return {
        "jobs 0": (["--jobs", "0", str(article), *out], "argument -j/--jobs: must be at least 1, not 0"),
        "negative jobs": (["-j", "-2", str(article), *out], "argument -j/--jobs: must be at least 1, not -2"),
        "jobs not a number": (["-j", "two", str(article), *out], "expected a whole number, not 'two'"),
        "-o a file": ([str(article), "-o", str(tmp_path / "file")], f"the output folder {tmp_path / 'file'} is a file"),
        "-o under a file": ([str(article), "-o", str(tmp_path / "file" / "x")], f"{tmp_path / 'file'} is a file"),
        "one file twice": ([str(article), str(tmp_path / "." / "a.md"), *out], "are the same article: give it once"),
        "relative and absolute": (["a.md", str(article), *out], "are the same article"),
        "edition over its input": (["--to", "html", str(tmp_path / "dist" / "b.html"), "-o", str(tmp_path / "dist")],
                                   "would overwrite it"),
        "unknown executor": ([str(article), "--executor", "spark", *out], "unknown executor 'spark'"),
        "negative recycling": ([str(article), "--max-articles-per-worker", "-1", *out], "must be at least 0"),
    }


@pytest.mark.parametrize("case", ["jobs 0", "negative jobs", "jobs not a number", "-o a file", "-o under a file",
                                  "one file twice", "relative and absolute", "edition over its input",
                                  "unknown executor", "negative recycling"])
def test_usage_errors_exit_2_before_any_work(tmp_path: Path, case: str) -> None:
    args, message = usage_cases(tmp_path)[case]
    done = run("--to", "html", *args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()  # nothing was started
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == ["b.html"]


def test_a_folder_and_a_file_inside_it_give_the_article_once(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 2)
    done = run("--to", "html", str(batch), str(batch / "a001" / "article.md"), "-o", str(tmp_path / "out"), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["articles"] == 2
    assert sorted(p.name for p in (tmp_path / "out").glob("*.html")) == ["a000.html", "a001.html"]


def test_the_output_folder_inside_an_input_folder_is_not_searched(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 1)
    for _ in range(2):  # the second run must not take the first run's edition for an article
        done = run("--to", "html", str(batch), "-o", str(batch / "dist"), "--json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["totals"]["articles"] == 1
    assert sorted(p.name for p in (batch / "dist").glob("*.html")) == ["a000.html"]


def test_json_summary(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 3)
    for n in range(3):  # the same missing image in every article: one kind of warning, three times
        with open(batch / f"a{n:03d}" / "article.md", "a", encoding="utf-8") as article:
            article.write("\n![gone](gone.png)\n\n（图：不见了）\n")
    (batch / "bad.md").write_bytes(b"")
    done = run("--to", "html,epub", str(batch), "-o", str(tmp_path / "out"), "--json", "-j", "2")
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert set(summary) == {"summary_version", "convert", "output", "executor", "elapsed_s", "interrupted", "totals",
                            "warning_kinds", "articles"}
    assert summary["summary_version"] == 1 and summary["interrupted"] is False
    assert summary["executor"] == "a local pool of 2 workers"
    assert summary["totals"] == {"articles": 4, "editions": 8, "built": 6, "up_to_date": 0, "failed": 2,
                                 "not_built": 0, "warnings": 3, "bytes_written": summary["totals"]["bytes_written"]}
    assert summary["totals"]["bytes_written"] == sum((tmp_path / "out" / f"a{n:03d}.{s}").stat().st_size
                                                     for n in range(3) for s in ("html", "epub"))
    assert summary["warning_kinds"] == [{"kind": "image: file not found; a placeholder is shown instead",
                                         "count": 3, "articles": [str(batch / f"a{n:03d}" / "article.md")
                                                                  for n in range(3)]}]
    by_source = {Path(a["source"]).name if a["source"].endswith("bad.md") else Path(a["source"]).parent.name: a
                 for a in summary["articles"]}
    [bad_html, bad_epub] = by_source["bad.md"]["editions"]
    assert bad_html == {"format": "html", "status": "failed", "output": None, "size": 0, "warnings": [],
                        "error": "the file is empty"} and bad_epub["format"] == "epub"
    good = by_source["a000"]["editions"][1]
    assert good["status"] == "built" and good["output"] == str(tmp_path / "out" / "a000.epub")
    assert good["size"] == (tmp_path / "out" / "a000.epub").stat().st_size and good["error"] is None
    assert good["warnings"] == ["image gone.png: file not found; a placeholder is shown instead"]
    again = json.loads(run("--to", "html", str(batch / "a000"), "-o", str(tmp_path / "out"), "--json").stdout)
    assert again["articles"][0]["editions"][0]["status"] == "up_to_date"


def test_warnings_name_their_article_and_the_summary_groups_them(tmp_path: Path) -> None:
    batch = make_batch(tmp_path / "in", 21)  # a big batch: a table per format, not per edition
    for n in range(21):
        with open(batch / f"a{n:03d}" / "article.md", "a", encoding="utf-8") as article:
            article.write(f"\n![gone](https://example.invalid/{n}.png)\n\n（图：未缓存）\n")
    done = run("--to", "html", str(batch), "-o", str(tmp_path / "out"), "--offline")
    assert done.returncode == 0, done.stderr
    warned = [line for line in done.stderr.splitlines() if line.startswith("convert: warning:")]
    assert len(warned) == 21 and all("article.md: image https://example.invalid/" in line for line in warned)
    assert str(batch / "a007" / "article.md") in "\n".join(warned)
    assert "convert: WARNING" not in done.stderr  # not told twice, and never without its article
    assert "21 │ image: not cached, and --offline forbids fetching it; a placeholder is shown instead" \
        in done.stdout.replace("┃", "│")
    assert "and 18 more" in done.stdout
    assert "│ html   │    21 │" in done.stdout


def test_warning_kinds_leave_out_what_varies() -> None:
    article = Path("/news/a/article.md")
    assert warning_kind("image https://x.test/1.png: not cached; a placeholder", article) == \
        "image: not cached; a placeholder"
    assert warning_kind("/news/a/article.md: 3 invalid UTF-8 byte sequence(s) replaced", article) == \
        "N invalid UTF-8 byte sequence(s) replaced"
    assert warning_kind("article.md: dropped a raw html block", article) == "dropped a raw html block"
    outcomes = [Outcome(Path(f"/n/{n}.md"), fmt, warnings=[f"image p{n}.png: file not found"])
                for n in range(4) for fmt in ("html", "epub")]
    [kind] = warning_kinds(outcomes)
    assert (kind.kind, kind.count, len(kind.articles)) == ("image: file not found", 4, 4)  # each article once


def _complete(path: Path) -> bool:
    if path.suffix == ".html":
        return path.read_text(encoding="utf-8").rstrip().endswith("</html>")
    with zipfile.ZipFile(path) as archive:
        return archive.testzip() is None


def _hear_interrupts() -> None:
    """A test runner started in the background ignores SIGINT, and its children would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_a_ctrl_c_while_an_edition_is_written_waits_for_its_manifest_entry() -> None:
    done = []
    before = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            with deferring_interrupts():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.05)  # the signal is delivered here, and held
                done.append("recorded")
        assert done == ["recorded"]
    finally:
        signal.signal(signal.SIGINT, before)


@pytest.mark.parametrize("executor", ["local", "dask"])
def test_ctrl_c_stops_cleanly(tmp_path: Path, executor: str) -> None:
    batch = make_batch(tmp_path / "in", 30, paragraphs=20)
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-X", "faulthandler", "-m", "convert", "--to", "html,epub",
                                str(batch), "-o", str(out),
                                "-j", "2", "--executor", executor], cwd=ROOT, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_hear_interrupts)
    deadline = time.monotonic() + 300  # generous: a loaded CI machine
    while time.monotonic() < deadline and len(list(out.glob("a*.epub"))) < 2 and process.poll() is None:
        time.sleep(0.02)
    assert len(list(out.glob("a*.epub"))) >= 2 and process.poll() is None, "the batch should be under way"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C at a terminal does: every process of the group
    try:
        stdout, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # where it hangs: faulthandler prints every thread's stack on SIGABRT
        process.send_signal(signal.SIGABRT)
        stdout, stderr = process.communicate(timeout=30)
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"the batch did not stop within 120 s of Ctrl-C:\n{stderr}")
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "convert: error:" not in stderr, stderr  # no article failed for it (pandoc killed mid-article)
    assert "convert: interrupted; the editions already built are kept" in stderr
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert 4 <= len(written) < 60, "the interrupt should land mid-batch"
    assert all(_complete(out / name) for name in written)
    assert not list(out.glob(".*.part")) and not list(out.glob("*.part"))
    entries = json.loads((out / ".convert-manifest.json").read_text(encoding="utf-8"))
    assert sorted(entries) == written  # every edition kept is recorded, and only those
    done = run("--to", "html,epub", str(batch), "-o", str(out), "--json")  # the next run does only the rest
    totals = json.loads(done.stdout)["totals"]
    assert done.returncode == 0 and totals["up_to_date"] == len(written) and totals["built"] == 60 - len(written)
