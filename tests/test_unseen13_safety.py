"""Round 13's safety defects: files read whole before any size or type check, FIFOs that hung a run,
Ctrl-C lost, `-o` into a folder that cannot be written, file names printed raw, output folders read
back as articles, line separators and bidi controls in the text and its metadata."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from convert.builder import build
from convert.errors import ConvertError
from convert.readers import read_file
from convert.resources import Placeholder, ResourceGate, file_digest
from convert.resources import gate as gate_module

from conftest import ROOT

GIB = 1024 ** 3


def _sparse(path: Path, size: int) -> Path:
    """A file of `size` bytes that takes no room on disk (a hole)."""
    with open(path, "wb"):
        pass
    os.truncate(path, size)
    return path


def _no_whole_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read whole"))


def test_a_huge_sparse_article_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 3 GB sparse article.md was hashed (`file_digest`: `read_bytes`) before the 20 MiB limit was
    checked: 3.1 GB of memory, and a MemoryError for 30 GB. It is refused from its size, unread."""
    article = _sparse(tmp_path / "article.md", 3 * GIB)
    _no_whole_reads(monkeypatch)
    started = time.monotonic()
    assert file_digest(article) is not None  # known by its size and time, not read
    with pytest.raises(ConvertError, match="limit is 20 MiB"):
        read_file(article)
    assert time.monotonic() - started < 2


def test_file_digest_reads_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The digest of a file the readers accept is still its sha256, read a chunk at a time."""
    data = os.urandom(3 * 1024 * 1024 + 17)
    path = tmp_path / "p.png"
    path.write_bytes(data)
    _no_whole_reads(monkeypatch)
    assert file_digest(path) == hashlib.sha256(data).hexdigest()


def test_a_huge_sparse_image_is_a_placeholder_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sparse 30 GB image beside the article: MemoryError traceback (its digest read it whole); a
    5 GB one took 5.3 GB and 24 s before its placeholder. Now: a placeholder from its size alone."""
    _sparse(tmp_path / "big.jpg", 30 * GIB)
    _no_whole_reads(monkeypatch)
    started = time.monotonic()
    result = ResourceGate(tmp_path, offline=True).image("big.jpg")
    assert isinstance(result, Placeholder) and "larger than" in result.reason
    assert time.monotonic() - started < 2


def test_an_image_that_grows_past_the_limit_while_read_is_refused(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The read itself is bounded: never more than the limit, whatever the size said."""
    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(gate_module.FileTooLarge):
        gate_module.read_regular(path, 1000)
    assert gate_module.read_regular(path, 5000) == b"x" * 5000


def _unblock(fifo: Path) -> None:
    """Whatever waits in a FIFO's open (the old code did) is let go: a writer opens it and leaves."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
    except OSError:
        pass


def _finishes(function, fifo: Path, seconds: float = 30) -> object:
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["value"] = function()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        _unblock(fifo)
        thread.join(5)
        pytest.fail("it waited on a FIFO")
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result.get("value")


def test_a_fifo_article_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A FIFO as the article (`fs-fifo/article.md`) hung the run for ever. It is no regular file: a
    one-line error, never opened."""
    fifo = tmp_path / "article.md"
    os.mkfifo(fifo)
    with pytest.raises(ConvertError, match="not a regular file but a named pipe"):
        _finishes(lambda: read_file(fifo), fifo, 5)


def test_a_fifo_or_folder_image_is_not_a_regular_file(tmp_path: Path) -> None:
    """A FIFO, a folder or a device as an image was reported `file not found`."""
    os.mkfifo(tmp_path / "pic.png")
    (tmp_path / "dir.png").mkdir()
    gate = ResourceGate(tmp_path, offline=True)
    fifo = _finishes(lambda: gate.image("pic.png"), tmp_path / "pic.png", 5)
    assert isinstance(fifo, Placeholder) and "named pipe" in fifo.reason
    folder = gate.image("dir.png")
    assert isinstance(folder, Placeholder) and "not a regular file but a folder" in folder.reason
    assert "file not found" in gate.image("nothing.png").reason  # type: ignore[union-attr]


def test_a_batch_with_a_fifo_article_ends_and_builds_the_others(tmp_path: Path) -> None:
    """With a FIFO article in a run, the others' editions were written and the run never ended (the
    worker's warm-up opened the FIFO to look for Chinese): no summary, no manifest."""
    (tmp_path / "in" / "fifo").mkdir(parents=True)
    fifo = tmp_path / "in" / "fifo" / "article.md"
    os.mkfifo(fifo)
    good = tmp_path / "in" / "good.md"
    good.write_text("# 好\n\n正文。\n", encoding="utf-8")
    outcomes = _finishes(lambda: build([fifo, good], ["html"], tmp_path / "out", jobs=1), fifo)
    by_name = {Path(o.source).name: o for o in outcomes}  # type: ignore[attr-defined]
    assert by_name["good.md"].ok
    assert "not a regular file" in (by_name["article.md"].error or "")
    assert (tmp_path / "out" / ".convert-manifest.json").is_file()


def _started_ignoring_sigint() -> None:
    """As a shell starts a background job of a script: SIGINT ignored, inherited by the command."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _tiny_batch(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"a{n:03d}.md").write_text(f"# 第{n}篇\n\n正文{n}。\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("signum, status, delay", [(signal.SIGINT, 130, 0.3), (signal.SIGINT, 130, 1.0),
                                                   (signal.SIGTERM, 143, 1.0)])
def test_an_early_signal_stops_the_batch(tmp_path: Path, signum: int, status: int, delay: float) -> None:
    """`sigint3.sh`: 300 tiny articles started as a script's background job, SIGINT after 0.05-12 s:
    both signals were often ignored and the batch ran to its end, exit 0, `"interrupted": false`. The
    command inherited SIGINT ignored and only the batch's own windows (`deferring_interrupts`) heard it.
    SIGTERM killed the command outright, leaving its workers. Both now stop it cleanly, from the start."""
    batch = _tiny_batch(tmp_path / "in", 120)
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "convert", "--offline", "--to", "html,epub", str(batch),
                                "-o", str(out), "-j", "2", "--json"], cwd=ROOT, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_started_ignoring_sigint)
    time.sleep(delay)  # 0.3 s: the command is still importing; 1 s: its pool is starting or building
    assert process.poll() is None, "the batch should still be starting or under way"
    os.kill(process.pid, signum)
    try:
        stdout, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("the signal was not heard")
    assert process.returncode == status, stderr
    assert "Traceback" not in stderr, stderr
    assert not list(out.glob(".*.part")) if out.is_dir() else True


def test_a_ctrl_c_during_a_child_start_is_delivered_after_it() -> None:
    """The fork server was started with SIGINT ignored (so that it and its workers ignore Ctrl-C): a
    Ctrl-C in that window was lost. It is blocked instead, and heard when the start is done. (In a
    process of its own: a signal sent to the process goes to any thread that does not block it, and
    the test runner's other threads, ignoring it meanwhile, would drop it.)"""
    import subprocess
    import sys

    script = """
import os, signal, time
from convert.builder.executors.base import children_deaf_to_interrupts
signal.signal(signal.SIGINT, signal.default_int_handler)
reached = []
try:
    with children_deaf_to_interrupts():
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # what children inherit
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        reached.append("start done")
except KeyboardInterrupt:
    print("interrupted after", reached)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "interrupted after ['start done']", done.stdout + done.stderr


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from convert.cli import main

    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("where", ["file", "device"])
def test_o_under_a_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    """`-o in/SECRET.txt/x.pdf` and `-o /dev/null/x.pdf` gave a FileExistsError traceback."""
    article = tmp_path / "a.md"
    article.write_text("# a\n\n正文。\n", encoding="utf-8")
    (tmp_path / "SECRET.txt").write_text("secret", encoding="utf-8")
    target = tmp_path / "SECRET.txt" / "x.html" if where == "file" else Path("/dev/null/x.html")
    code, _, err = _cli(["--offline", str(article), "-o", str(target)], capsys)
    assert code == 2 and err.count("\n") == 1 and "is not a folder" in err, err


@pytest.mark.parametrize("failing", ["mkdir", "mkdtemp"])
def test_o_into_a_folder_that_cannot_be_written_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    """`-o out/ro/x.pdf` with out/ro immutable: a PermissionError traceback from mkdtemp, and from mkdir
    for `-o out/ro/sub/x.pdf`. One line, exit 2, as for a folder."""
    import tempfile

    article = tmp_path / "a.md"
    article.write_text("# a\n\n正文。\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    if failing == "mkdir":
        monkeypatch.setattr(Path, "mkdir", refuse)
        target = tmp_path / "ro" / "sub" / "x.html"
    else:
        monkeypatch.setattr(tempfile, "mkdtemp", refuse)
        target = tmp_path / "x.html"
    code, _, err = _cli(["--offline", str(article), "-o", str(target)], capsys)
    assert code == 2 and err.count("\n") == 1 and "cannot write in" in err and "Operation not permitted" in err, err


def test_file_names_are_shown_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Files named `x<newline>convert: ok.md`, `esc<ESC>[2Jclear.md` and `<U+202E>dm.txt` made a message
    of two lines (forging a convert line), sent terminal escapes, reversed the line, and broke the
    summary table. Names are shown escaped, as Python's repr escapes them."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("x\nconvert: ok.md", "esc\x1b[2Jclear.md", "\u202edm.txt"):
        (folder / name).write_bytes(b"")
    code, out, err = _cli(["--offline", str(folder), "-o", str(tmp_path / "out")], capsys)
    assert code == 1
    for text in (out, err):
        assert "\x1b" not in text and "\u202e" not in text
    assert "x\\nconvert: ok.md: the file is empty" in err
    assert "esc\\x1b[2Jclear.md" in err and "\\u202edm.txt" in err
    assert all(line.startswith("convert: error: ") for line in err.splitlines())
    assert len(out.splitlines()) == 2 + 3  # title, header, a row per file


def test_an_earlier_output_folder_is_not_read_as_articles(tmp_path: Path) -> None:
    """Run 1 `-o in/out in`, run 2 `-o in/out2 in`: run 2 converted `out/a.html` again as an article
    (`a-2.html`), though that folder holds convert's manifest. A folder holding one is skipped."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text("# a\n\n正文。\n", encoding="utf-8")
    build([folder], ["html"], folder / "out")
    second = build([folder], ["html"], folder / "out2")
    assert [Path(o.source).name for o in second] == ["a.md"]


def test_o_equal_to_the_input_folder_works_twice(tmp_path: Path) -> None:
    """`-o` the input folder succeeded once; the next run was refused whole (`its edition … would
    overwrite it`): the first run's editions were read as articles. Its manifest's editions are not."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text("# a\n\n正文。\n", encoding="utf-8")
    assert all(o.ok for o in build([folder], ["html"], folder))
    again = build([folder], ["html"], folder)
    assert [(Path(o.source).name, o.up_to_date) for o in again] == [("a.md", True)]


def test_line_and_paragraph_separators_are_read_as_breaks(tmp_path: Path) -> None:
    """`text\\u2028second line\\u2029third para\\x85NEL and\\fformfeed and\\vvtab.`: U+2028 was a box in
    the PDF and raw in the other editions, and the warning said `removed 1 control character(s) such as
    NUL` with no NUL in the text. Separators are line or paragraph breaks; a warning names what it removed."""
    from convert import errors
    from convert.model import Paragraph, block_inlines, plain_text

    path = tmp_path / "a.md"
    path.write_bytes("# T\n\ntext\u2028second line\u2029third para\x85NEL and\fformfeed and\vvtab.\x01\n".encode())
    with errors.collect_warnings() as warnings:
        document = read_file(path).document
    paragraphs = [plain_text(block_inlines(block)) for block in document.body if isinstance(block, Paragraph)]
    assert len(paragraphs) == 3 and not any(ch in "".join(paragraphs) for ch in "\u2028\u2029\x85\f\v\x01")
    assert paragraphs[0].split() == ["text", "second", "line"]
    assert any("removed 1 control character(s) from the text (U+0001)" in w for w in warnings), warnings


def test_bidi_controls_leave_the_title_and_metadata(tmp_path: Path) -> None:
    """`title: "abc\\u202efdp.exe"` was the PDF's title shown as `abcexe.pdf`, and the author kept its
    override. Title and metadata fields lose bidi embeddings, overrides and isolates; the body keeps
    them (right-to-left text may need them)."""
    path = tmp_path / "a.md"
    path.write_text('---\ntitle: "abc\u202efdp.exe"\nauthor: "\u202eevil"\n---\n\n正文\u202e。\n', encoding="utf-8")
    document = read_file(path).document
    assert document.meta.title == "abcfdp.exe" and document.meta.authors == ("evil",)
    from convert.model import shorten

    assert shorten("标题\u2067x\u2069\u202d") == "标题x"


def test_a_cut_title_keeps_grapheme_clusters_whole() -> None:
    """The title cut at 255 characters split a ZWJ emoji family (its man left without the rest)."""
    from convert.model import shorten

    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"
    for pad in range(0, 8):
        cut = shorten("字" * (250 + pad) + family * 3)
        kept = cut.removesuffix("…").lstrip("字")
        assert kept == family * (len(kept) // len(family)), (pad, ascii(kept))
    flags = shorten("字" * 251 + "\U0001F1E8\U0001F1F3" * 3)
    assert flags.removesuffix("…").lstrip("字") in ("", "\U0001F1E8\U0001F1F3")
    assert shorten("字" * 253 + "e\u0301e\u0301").endswith("字…")


def test_warning_kinds_keep_code_points() -> None:
    """The warnings-by-kind table showed `𠀀 (U+N)`: its grouping replaced every number with N."""
    from convert.builder.report import warning_kind

    kind = warning_kind("a.md: PDF: no font draws 2 character(s): 𠀀 (U+20000)", "a.md")
    assert "U+20000" in kind and "draws N character" in kind


def test_an_nfd_name_keeps_its_accent(tmp_path: Path) -> None:
    """An NFD `café.md` (as macOS writes it) became `cafe.*`, while NFC kept `café.*`."""
    from convert.builder.outputs import output_names

    path = tmp_path / "cafe\u0301.md"
    assert output_names([path])[path] == "caf\u00e9"


def test_a_bundle_for_dask_reads_no_fifo_nor_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """For workers that do not share the disk, the client packed the article with `read_bytes` (a FIFO
    hung it) and its images whole (a 30 GB one); an article it could not read reached the worker empty
    and was reported `the file is empty`. Now nothing unsafe is opened, and the refusal travels."""
    from convert.builder.bundle import bundle_article
    from convert.builder.job import Job, run_job
    from convert.builder.single import Options

    (tmp_path / "pic.png").mkdir()
    os.mkfifo(tmp_path / "pipe.png")
    _sparse(tmp_path / "big.png", 30 * GIB)
    article = tmp_path / "article.md"
    article.write_text("# a\n\n![](pic.png) ![](pipe.png) ![](big.png)\n", encoding="utf-8")
    _no_whole_reads(monkeypatch)
    bundle = _finishes(lambda: bundle_article(article), tmp_path / "pipe.png", 10)
    assert bundle.files == {} and not bundle.problem  # type: ignore[union-attr]
    fifo = tmp_path / "sub" / "article.md"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    packed = _finishes(lambda: bundle_article(fifo), fifo, 10)
    assert "not a regular file" in packed.problem  # type: ignore[union-attr]
    result = run_job(Job(fifo, "a", ("html",), None, Options(), bundle=packed))  # type: ignore[arg-type]
    assert "not a regular file" in (result.editions[0].error or "")


def test_an_output_folder_that_cannot_be_written_is_a_usage_error(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An immutable output folder failed every article, one `cannot write` error each (exit 1); it is
    one usage error before any work, as `-o FILE` into such a folder now is."""
    import tempfile

    from convert.errors import UsageError

    article = tmp_path / "a.md"
    article.write_text("# a\n\n正文。\n", encoding="utf-8")
    real = tempfile.mkstemp

    def immutable(*args: object, **kwargs: object) -> tuple[int, str]:
        if str(kwargs.get("dir", "")).startswith(str(tmp_path / "ro")):
            raise PermissionError(1, "Operation not permitted")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tempfile, "mkstemp", immutable)
    (tmp_path / "ro").mkdir()
    for out in (tmp_path / "ro", tmp_path / "ro" / "sub"):
        with pytest.raises(UsageError, match="cannot be written.*Operation not permitted"):
            build([article], ["html"], out)
    assert all(o.ok for o in build([article], ["html"], tmp_path / "fine"))


def test_a_fifo_named_as_the_manifest_or_its_lock_is_not_waited_on(tmp_path: Path) -> None:
    """The manifest (`read_text`) and its lock (`open(..., "a+")`) were opened whatever they were: a FIFO
    planted under their names in the output folder, or under the manifest's in a searched folder (now
    read to tell an output folder), would hang the run."""
    folder = tmp_path / "in"
    (folder / "old").mkdir(parents=True)
    (folder / "a.md").write_text("# a\n\n正文。\n", encoding="utf-8")
    os.mkfifo(folder / ".convert-manifest.json")
    os.mkfifo(folder / "old" / ".convert-manifest.json")
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / ".convert-manifest.json")
    os.mkfifo(out / ".convert.lock")
    outcomes = _finishes(lambda: build([folder], ["html"], out), out / ".convert-manifest.json", 20)
    assert [o.ok for o in outcomes] == [True]  # type: ignore[attr-defined]


def test_a_collection_names_a_fifo_for_what_it_is(tmp_path: Path) -> None:
    """`convert collect` reported a FIFO (or a folder named like an article) as `no such file`."""
    from convert.builder import collect

    good = tmp_path / "a.md"
    good.write_text("# a\n\n正文。\n", encoding="utf-8")
    fifo = tmp_path / "b.md"
    os.mkfifo(fifo)
    collected = _finishes(lambda: collect([good, fifo], ["epub"], tmp_path / "out", title="t", offline=True), fifo)
    errors = {Path(a.source).name: a.error for a in collected.articles}  # type: ignore[attr-defined]
    assert "not a regular file" in (errors["b.md"] or "") and not errors["a.md"]


def test_a_fifo_article_in_a_searched_folder_is_reported(tmp_path: Path) -> None:
    """`convert in/fs-fifo` skipped the FIFO silently (`no articles found`): it is an article the
    reader refuses, in one line naming it."""
    os.mkfifo(tmp_path / "article.md")
    outcomes = _finishes(lambda: build([tmp_path], ["html"], tmp_path / "out"), tmp_path / "article.md")
    assert ["not a regular file" in (o.error or "") for o in outcomes] == [True]  # type: ignore[attr-defined]
