"""The `convert` command: argument parsing and reporting only; the work is the library's."""
from __future__ import annotations

import argparse
import atexit
import contextlib
import json
import logging
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from . import dataclass_cache, forks, regex_cache

regex_cache.restore()  # before the imports below compile their patterns (done already by `launch`)
dataclass_cache.restore()  # and their dataclasses' methods

from . import registry  # noqa: E402
from .builder import MAX_ARTICLES_PER_WORKER  # noqa: E402
from .builder.executors import NAMES as EXECUTORS  # noqa: E402
from .enrich import SCRIPTS  # noqa: E402
from .errors import UsageError, shown  # noqa: E402
from .theme import PAGE_SIZES_MM, available_themes, load_theme  # noqa: E402
from .writers.base import EDITIONS, PDF_VARIANTS  # noqa: E402

if TYPE_CHECKING:
    from .builder import Options, Outcome, Plan

DEFAULT_INPUT = Path("seeds")
DEFAULT_OUTDIR = Path("dist")


class _Version(argparse.Action):
    """--version, reading the installed version only when asked (importlib.metadata is slow to import)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        from . import __version__

        print(f"convert {__version__}")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    finally:
        regex_cache.store()  # the patterns this run compiled, for the next (nothing once they are kept)
        dataclass_cache.store()  # and the dataclasses' methods


def command() -> None:
    """The `convert` command once `launch.command` has started it: `main`, then an exit that skips
    Python's finalization, which frees every object of every module one by one (~0.035 s of a lone run's
    0.4 s) when the process is about to end anyway. What an exit must do is done first: other threads
    joined, output flushed, the `atexit` functions run (logging's, temporary folders', the segmenter's).
    Where `atexit` cannot run them from here (not CPython), the usual exit. The command's process may
    hand work to forked children (`forks`)."""
    forks.allow()
    code = main()
    run_exit_functions = getattr(atexit, "_run_exitfuncs", None)
    if sys.implementation.name != "cpython" or run_exit_functions is None:
        sys.exit(code)
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream
            code = code or 120  # what Python's own exit returns when its flush fails
    run_exit_functions()
    os._exit(code)


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    subcommand = {"doctor": _doctor, "check-style": _check_style, "proof": _proof,
                  "collect": _collect, "preview": _preview}.get(argv[0]) if argv else None
    if subcommand:
        return subcommand(argv[1:])
    args = _parser().parse_args(argv)
    _configure_logging(args.quiet, args.verbose)
    try:
        if args.list_formats:
            return _list_formats()
        if args.list_styles:
            return _list_styles()
    except UsageError as exc:
        print(shown(f"convert: error: {exc}"), file=sys.stderr)
        return 2
    from .builder import BatchInterrupted, Options, build

    writer_options = {"edition": args.edition, "page_size": args.page_size, "pdf_variant": args.pdf_variant,
                      "embed_fonts": args.embed_fonts or None}
    try:
        options = _with_profile(Options(theme=args.style, offline=args.offline,
                                        allow_private=args.allow_private_hosts, extract=not args.no_extract,
                                        script=args.script,
                                        writer_options={k: v for k, v in writer_options.items() if v is not None}),
                                args)
    except UsageError as exc:
        print(shown(f"convert: error: {exc}"), file=sys.stderr)
        return 2
    inputs = args.inputs or [DEFAULT_INPUT]
    watch = _Watch(bar=not args.quiet and sys.stderr.isatty(), warnings=not args.quiet)
    started = time.monotonic()
    interrupted, signum = False, 2
    try:
        single = _edition_file(args, inputs)
        with watch, _warnings_told_by(watch), _into_file(single) as folder:
            outcomes = build(inputs, [single[0]] if single else args.to or ["html"], folder or args.output, options,
                             jobs=args.jobs, force=args.force or bool(single), executor=args.executor,
                             max_articles_per_worker=args.max_articles_per_worker, events=watch)
            if single:
                outcomes = _moved_to(outcomes, single[1])
    except UsageError as exc:
        print(shown(f"convert: error: {exc}"), file=sys.stderr)
        return 2
    except BatchInterrupted as stop:
        outcomes, interrupted, signum = stop.outcomes, True, stop.signum
    except KeyboardInterrupt as stop:  # before the batch started: nothing was built
        terminated = getattr(stop, "signum", 2) == 15
        print(shown(f"convert: {'terminated' if terminated else 'interrupted'}; nothing was built"), file=sys.stderr)
        return 143 if terminated else 130
    if not outcomes:
        print(shown(f"convert: error: no articles found in {', '.join(map(str, inputs))}"), file=sys.stderr)
        return 2
    # One line per article and problem: an article that cannot be read fails every format the same way.
    for line in dict.fromkeys(f"convert: error: {o.source}: {o.error}" for o in outcomes
                              if o.error and not o.interrupted):
        print(shown(line), file=sys.stderr)
    if not interrupted:  # the batch stopped early for a reason of its own (its cluster went away)
        for reason, count in Counter(o.error for o in outcomes if o.interrupted).items():
            print(shown(f"convert: error: {count} edition{'s' if count > 1 else ''} {reason}"), file=sys.stderr)
    if args.json:
        from .builder.report import summary
        document = summary(outcomes, output=args.output, executor=watch.where or args.executor,
                           elapsed_s=time.monotonic() - started, interrupted=interrupted)
        print(json.dumps(document, ensure_ascii=False, indent=1))
    elif not args.quiet:
        _summary(outcomes)
    if interrupted:
        left = sum(o.interrupted for o in outcomes)
        print(f"convert: {'terminated' if signum == 15 else 'interrupted'}; the editions already built are kept, "
              f"{left} not built", file=sys.stderr)
        return 143 if signum == 15 else 130
    status = 0 if all(o.ok for o in outcomes) else 1
    if args.check:
        status = max(status, _check(outcomes))
    return status


def _edition_file(args: argparse.Namespace, inputs: list[str]) -> tuple[str, Path] | None:
    """`-o report.pdf`, as pandoc's `-o` names its output: (the format the suffix names, the file) when
    `-o` is no folder and ends in an edition's suffix; a UsageError when it cannot name the one edition
    the request makes (another format asked for, or several articles). None: `-o` is the folder."""
    from .builder.outputs import find_articles
    from .builder.single import formats_from

    output: Path = args.output
    suffix = output.suffix.lower()
    if not suffix or output.is_dir():
        return None
    # a writer named as its suffix is that suffix's (the built-ins), and is not imported to find out
    fmt = next((name for name in registry.names() if "." + name == suffix), None) or next(
        (name for name in registry.names() if registry.get(name).suffix == suffix), None)
    if fmt is None:
        return None
    if args.to and formats_from(args.to) != [fmt]:
        raise UsageError(f"-o {output} names one {fmt} edition, and --to asks for {', '.join(formats_from(args.to))}; "
                         "give a folder, or that one format")
    if (count := len(find_articles(inputs))) != 1:
        raise UsageError(f"-o {output} names one edition, and the input holds {count} articles; give a folder")
    return fmt, output


@contextlib.contextmanager
def _into_file(single: tuple[str, Path] | None) -> Iterator[Path | None]:
    """A hidden folder beside the file `-o` names, for the edition to be built in before it is moved
    there (removed afterwards, with whatever an interrupted build left in it); None for a folder."""
    import shutil
    import tempfile

    if single is None:
        yield None
        return
    parent = single[1].absolute().parent
    try:
        for above in (parent, *parent.parents):  # a folder under a file (`-o notes.txt/x.pdf`, `/dev/null/x.pdf`)
            if above.exists():
                if not above.is_dir():
                    raise UsageError(f"-o {shown(single[1])}: cannot write there: {shown(above)} is not a folder")
                break
        parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=".convert-", dir=parent))
    except OSError as exc:
        raise UsageError(f"-o {shown(single[1])}: cannot write in {shown(parent)}: {exc.strerror or exc}") from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _moved_to(outcomes: list[Any], target: Path) -> list[Any]:
    """The one edition built moved (atomically: a rename in the same folder) to the file `-o` names."""
    import dataclasses

    moved = []
    for outcome in outcomes:
        if outcome.ok and outcome.output is not None:
            os.replace(outcome.output, target)
            outcome = dataclasses.replace(outcome, output=target)
        moved.append(outcome)
    return moved


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="convert",
        description="Turn news articles (Markdown, text, HTML, DOCX) into PDF, EPUB, DOCX and HTML editions.",
        epilog="Other commands: 'convert doctor' checks that this machine has what the writers need; "
               "'convert check-style' measures that PDF, EPUB and DOCX show the theme alike; "
               "'convert proof' draws their first pages side by side.")
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help=f"article files, folders to search, or http(s) addresses of web pages "
                             f"(default: ./{DEFAULT_INPUT})")
    parser.add_argument("--to", action="append", metavar="FORMAT",
                        help="output format, repeatable or comma-separated; 'all' for every format (default: html)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTDIR, metavar="OUTDIR",
                        help=f"folder for the editions (default: ./{DEFAULT_OUTDIR}); or, for one article in "
                             "one format, the edition's file (-o report.pdf: --to is then read from its suffix)")
    parser.add_argument("--style", metavar="NAME|PATH",
                        help="a theme's name (shipped, installed or in ~/.config/convert/styles) or a theme file "
                             "(see --list-styles; default: the profile's theme, else default)")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="the publication profile (default: ./convert.toml when present)")
    parser.add_argument("--edition", choices=EDITIONS,
                        help="layout: horizontal text (default; for the PDF, print pages), ereader (PDF: a small page "
                             "for 6-inch e-readers) or vertical (EPUB, DOCX, HTML: columns read right to left)")
    parser.add_argument("--page-size", choices=list(PAGE_SIZES_MM), help="override the theme's page size")
    parser.add_argument("--pdf-variant", choices=PDF_VARIANTS, help="tagged or archival PDF")
    parser.add_argument("--embed-fonts", action="store_true",
                        help="EPUB: embed a subset of the theme's fonts covering the characters used")
    parser.add_argument("--script", choices=SCRIPTS,
                        help="convert Chinese text to Simplified (hans) or Traditional script with Taiwan's "
                             "(hant-tw) or Hong Kong's (hant-hk) phrases; hant: Taiwan's unless the article "
                             "is Hong Kong's")
    parser.add_argument("--offline", action="store_true",
                        help="never fetch remote images or pages (cached ones are used)")
    parser.add_argument("--allow-private-hosts", action="store_true",
                        help="allow remote images and pages on loopback and private network addresses")
    parser.add_argument("--no-extract", action="store_true",
                        help="keep a whole web page whole instead of reducing it to its article")
    parser.add_argument("-j", "--jobs", type=_at_least(1), metavar="N",
                        help="worker processes for a batch (default: the number of cores); with --executor "
                             "dask, the LocalCluster's workers")
    parser.add_argument("--executor", default="local", metavar="|".join(EXECUTORS),
                        help="where the articles are built: worker processes on this machine (default), a Dask "
                             "LocalCluster, or the running Dask scheduler at HOST:PORT "
                             "(needs pip install 'convert[dask]')")
    parser.add_argument("--max-articles-per-worker", type=_at_least(0), default=MAX_ARTICLES_PER_WORKER,
                        metavar="N", help="replace each worker process after N articles, so that memory cannot "
                                          f"grow over a long batch; 0: never (default: {MAX_ARTICLES_PER_WORKER})")
    parser.add_argument("--force", action="store_true", help="rebuild editions even when nothing changed")
    parser.add_argument("--check", action="store_true",
                        help="run the validators (EPUBCheck and Ace, pdfua, openxml-audit) on the editions built, "
                             "one line each; exit 1 unless every one is valid")
    parser.add_argument("--json", action="store_true",
                        help="print a machine-readable summary on stdout (per article and format: status, "
                             "output, size, warnings, error) instead of the table")
    parser.add_argument("--list-formats", action="store_true", help="list output formats and exit")
    parser.add_argument("--list-styles", action="store_true",
                        help="list the themes (shipped, installed and in the user's folder) and exit")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true", help="print debugging detail")
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    return parser


def _with_profile(options: Options, args: argparse.Namespace) -> Options:
    """The build's options with the publication profile's name, and its theme when --style is not given."""
    from .config import load_profile, profile_theme

    profile = load_profile(args.config)
    return options.with_values(publication=profile.publication,
                               theme=args.style or profile_theme(profile) or "default")


def _collect(argv: list[str]) -> int:
    """`convert collect`: many articles, one edition per format (see `builder/collection.py`)."""
    from .builder.collection import collect

    parser = argparse.ArgumentParser(
        prog="convert collect",
        usage="convert collect [INPUT...] --to FORMAT... --title TITLE [--date DATE] [--publication NAME] [-o OUTDIR]",
        description="Make one edition of many articles per format (an issue): a cover, the contents and every "
                    "article in order, written to OUTDIR/<title>.<suffix>.")
    parser.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                        help="article files, folders, or a collection.toml listing them (default: ./collection.toml)")
    parser.add_argument("--to", action="extend", nargs="+", metavar="FORMAT",
                        help="pdf, epub, docx (or 'all'), several or comma-separated (default: the profile's editions)")
    parser.add_argument("--title", default="", help="the issue's title (default: the listing's)")
    parser.add_argument("--date", default="", help="the issue's date, YYYY-MM-DD (default: the listing's)")
    parser.add_argument("--publication", default="", metavar="NAME",
                        help="the publication's name, for the masthead (default: the profile's)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTDIR, metavar="OUTDIR",
                        help=f"folder for the editions (default: ./{DEFAULT_OUTDIR})")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="the publication profile (default: ./convert.toml when present)")
    parser.add_argument("--style", metavar="NAME|PATH", help="the theme (default: the profile's, else default)")
    parser.add_argument("--page-size", choices=list(PAGE_SIZES_MM), help="override the theme's page size")
    parser.add_argument("--edition", choices=EDITIONS,
                        help="horizontal (default), ereader (PDF: small pages) or vertical (EPUB only)")
    parser.add_argument("--offline", action="store_true", help="never fetch remote images (cached ones are used)")
    parser.add_argument("--allow-private-hosts", action="store_true",
                        help="allow remote images on loopback and private network addresses")
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help="articles read at once (default: the cores)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    args = parser.parse_args(argv)
    _configure_logging(args.quiet, verbose=False)
    inputs = args.inputs or [Path("collection.toml")]
    try:
        collected = collect(inputs, [name for item in (args.to or []) for name in item.split(",") if name],
                            args.output, title=args.title, date=args.date, publication=args.publication,
                            theme=args.style, config=args.config, jobs=args.jobs, offline=args.offline,
                            allow_private=args.allow_private_hosts, page_size=args.page_size,
                            edition=args.edition)
    except UsageError as exc:
        print(shown(f"convert collect: error: {exc}"), file=sys.stderr)
        return 2
    for article in collected.articles:
        if not article.ok:
            print(shown(f"convert collect: error: {article.source}: {article.error} (left out)"), file=sys.stderr)
    for edition in collected.editions:
        if edition.ok:
            if not args.quiet:
                print(shown(f"{edition.output}  ({edition.size / 1024:.0f} KiB, {len(collected.included)} articles)"))
        else:
            print(shown(f"convert collect: error: {edition.format}: {edition.error}"), file=sys.stderr)
    return 0 if collected.ok else 1


def _preview(argv: list[str]) -> int:
    """`convert preview`: a live view of one article or a collection (see `preview/`)."""
    from .config import load_profile
    from .preview import serve
    from .preview.work import EDITIONS

    parser = argparse.ArgumentParser(
        prog="convert preview",
        description="Serve a page on 127.0.0.1 showing an article (or a collection) in one edition, rebuilt "
                    "and refreshed whenever the article, its images or the theme are saved.")
    parser.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                        help="an article file, a folder, or a collection.toml (default: ./collection.toml when "
                             "present, else the current folder)")
    parser.add_argument("--to", choices=EDITIONS, default="html", help="the edition shown first (default: html)")
    parser.add_argument("--style", metavar="NAME|PATH", help="the theme shown first (default: the profile's, else default)")
    parser.add_argument("--port", type=int, default=0, help="the port (default: a free one, printed)")
    parser.add_argument("--open", action="store_true", help="open the page in the browser")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="the publication profile (default: ./convert.toml when present)")
    parser.add_argument("--offline", action="store_true", help="never fetch remote images (cached ones are used)")
    args = parser.parse_args(argv)
    _configure_logging(quiet=True, verbose=False)
    try:
        profile = load_profile(args.config)
        serve(args.inputs, edition=args.to, theme=args.style or profile.theme or "default", port=args.port,
              open_browser=args.open, offline=args.offline, publication=profile.publication, config=args.config)
    except UsageError as exc:
        print(shown(f"convert preview: error: {exc}"), file=sys.stderr)
        return 2
    except OSError as exc:  # the port is taken, most often
        print(shown(f"convert preview: error: cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}"), file=sys.stderr)
        return 2
    return 0


def _check(outcomes: list[Outcome]) -> int:
    """`--check`: one verdict line per edition built (or up to date); 1 unless all are valid."""
    from .checks.validate import validate_editions, verdict

    results = validate_editions([o.output for o in outcomes if o.ok and o.output is not None])
    for path, findings in results.items():
        print(shown(verdict(path, findings)))
    return 0 if all(not findings for findings in results.values()) else 1


def _doctor(argv: list[str]) -> int:
    from .checks.doctor import main as doctor_main
    return doctor_main(argv)


def _check_style(argv: list[str]) -> int:
    from .checks import consistency

    parser = argparse.ArgumentParser(
        prog="convert check-style",
        description="Build each article as PDF, EPUB and DOCX with each theme, read the style values back "
                    "from the files, and compare them with the theme's. Exits 1 on a mismatch.")
    parser.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                        help="article files or folders (default: ./seeds and ../shared/seeds when present)")
    parser.add_argument("--style", action="append", default=[], metavar="NAME|PATH",
                        help="a theme to check, repeatable (default: every shipped theme)")
    parser.add_argument("--offline", action="store_true", help="never fetch remote images")
    parser.add_argument("-q", "--quiet", action="store_true", help="print the summary only")
    args = parser.parse_args(argv)
    _configure_logging(quiet=True, verbose=False)
    try:
        reports = consistency.check_style(args.inputs or consistency.default_inputs(), args.style,
                                          offline=args.offline,
                                          show=None if args.quiet else consistency.print_report)
    except UsageError as exc:
        print(shown(f"convert check-style: error: {exc}"), file=sys.stderr)
        return 2
    consistency.print_summary(reports)
    return 0 if all(report.ok for report in reports) else 1


def _proof(argv: list[str]) -> int:
    from .checks import proof

    parser = argparse.ArgumentParser(
        prog="convert proof",
        description="Write one PNG per article: the first page of its PDF, EPUB and DOCX editions side by side.")
    parser.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                        help=f"article files or folders (default: ./{DEFAULT_INPUT})")
    parser.add_argument("-o", "--output", type=Path, default=Path("proofs"), metavar="DIR",
                        help="folder for the PNG files (default: ./proofs)")
    parser.add_argument("--style", default="default", metavar="NAME|PATH", help="the theme (default: default)")
    parser.add_argument("--offline", action="store_true", help="never fetch remote images")
    args = parser.parse_args(argv)
    _configure_logging(quiet=True, verbose=False)
    try:
        written = proof.write_proofs(args.inputs or [DEFAULT_INPUT], args.output, args.style, offline=args.offline)
    except UsageError as exc:
        print(shown(f"convert proof: error: {exc}"), file=sys.stderr)
        return 2
    failed = [item for item in written if item.error]
    for item in written:
        print(shown(f"{item.article}: {item.error}" if item.error else str(item.output)),
              file=sys.stderr if item.error else sys.stdout)
    return 1 if failed else 0


def _configure_logging(quiet: bool, verbose: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Lines())
    logger = logging.getLogger("convert")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


class _Lines(logging.Formatter):
    """`convert: warning: PATH: …`, as the batch tells its articles' warnings (not `WARNING`)."""

    def format(self, record: logging.LogRecord) -> str:
        return shown(f"convert: {record.levelname.lower()}: {record.getMessage()}")


def _list_formats() -> int:
    for name in registry.names():
        try:
            writer = registry.get(name)
        except ImportError as exc:
            print(f"{name:8} {'?':7} unavailable: cannot import it ({exc})")
            continue
        problem = writer.check()
        print(f"{name:8} {writer.suffix:7} " + (f"available  ({writer.description})" if problem is None
                                                else f"unavailable: {problem}"))
    return 0


def _list_styles() -> int:
    themes = available_themes()
    if not themes:
        print("convert: error: no theme found (the installation has lost its styles: reinstall convert)",
              file=sys.stderr)
        return 1
    broken = 0
    for name, source in themes.items():
        try:
            print(f"{name:10} {load_theme(name).description}  [{source.origin}]")
        except UsageError as exc:
            broken += 1
            print(f"{name:10} cannot be loaded: {exc}  [{source.origin}]")
    return 1 if broken else 0


def _at_least(minimum: int) -> Any:
    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {value}")
        return value
    return number


class _Watch:
    """The batch as it runs: on a terminal, a progress bar (articles done/total, rate, time left) when
    there is more than one article to build; and each warning as it comes, naming its article. Rich is
    imported only once there is a bar (~0.04 s: a lone article's bar would only ever say 0/1)."""

    def __init__(self, bar: bool, warnings: bool) -> None:
        self.bar = bar
        self.warnings = warnings
        self.where = ""
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> _Watch:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def planned(self, plan: Plan) -> None:
        self.where = plan.where
        if not self.bar or plan.to_build < 2:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        skipped = f", {plan.up_to_date} up to date" if plan.up_to_date else ""
        self._progress = Progress(TextColumn("[bold]converting[/bold]"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("articles{task.fields[rate]}"), TextColumn("·"),
                                  TimeRemainingColumn(compact=True), TextColumn("left"),
                                  console=Console(stderr=True), transient=True)
        self._progress.start()
        self._task = self._progress.add_task("convert", total=plan.to_build, rate="")
        self.say(f"convert: {plan.to_build} article{'s' if plan.to_build != 1 else ''} to build{skipped}, "
                 f"on {plan.where}", always=True)

    def article_done(self, article: Path, outcomes: list[Outcome]) -> None:
        if self.warnings:
            from .builder.report import without_article
            for message in dict.fromkeys(w for o in outcomes for w in o.warnings):
                self.say(f"convert: warning: {article}: {without_article(message, article)}")
        if self._progress is not None:
            self._progress.advance(self._task)
            task = self._progress.tasks[0]
            speed = task.speed
            self._progress.update(self._task, rate=f" · {speed:.1f}/s" if speed else "")

    def say(self, text: str, always: bool = False) -> None:
        text = shown(text)  # a file name's newline, escape or bidi control must not forge or hide a line
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False, soft_wrap=True)
        elif always or self.warnings:
            print(text, file=sys.stderr)


@contextlib.contextmanager
def _warnings_told_by(watch: _Watch) -> Iterator[None]:
    """During a batch, the warnings convert logs are told by `watch` instead, with their article."""
    def not_a_warning(record: logging.LogRecord) -> bool:
        return not (record.name == "convert" and record.levelno == logging.WARNING)

    handlers = logging.getLogger("convert").handlers
    for handler in handlers:
        handler.addFilter(not_a_warning)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(not_a_warning)


SMALL_BATCH = 20  # articles: up to this many, the summary has a row per edition


def _summary(outcomes: list[Outcome]) -> None:
    """The table of what was built: a row per edition for a small batch, printed as plain aligned text
    (importing rich cost a lone article's run ~0.06 s, a tenth of it); a row per format for a big
    batch, drawn by rich."""
    from .builder.report import totals, warning_kinds

    articles = len({o.source for o in outcomes})
    kinds = warning_kinds(outcomes)
    warning_rows = []
    for kind in kinds:
        names = ", ".join(Path(a).parent.name if Path(a).stem.lower() == "article" else Path(a).name
                          for a in kind.articles[:3])
        more = len(kind.articles) - 3
        warning_rows.append([str(kind.count), shown(kind.kind), shown(names + (f" and {more} more" if more > 0 else ""))])
    if articles <= SMALL_BATCH:
        red = sys.stdout.isatty()
        rows = [[shown(o.source), o.format, shown(o.output or "-"), _size(o.size), str(len(o.warnings)),
                 ("\x1b[31mfailed\x1b[0m" if red else "failed") if o.status == "failed" else o.status]
                for o in outcomes]
        _print_plain("convert", ["article", "format", "output", "size", "warnings", "status"], rows, right={3, 4})
        if warning_rows:
            _print_plain("warnings by kind", ["count", "warning", "articles"], warning_rows, right={0})
        return
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(140, Console().width))
    table = Table(title=f"convert: {articles} articles", title_justify="left")
    for column in ("format", "built", "up to date", "failed", "not built", "written"):
        table.add_column(column, justify="left" if column == "format" else "right")
    for fmt in dict.fromkeys(o.format for o in outcomes):
        count = totals([o for o in outcomes if o.format == fmt])
        table.add_row(shown(fmt), str(count["built"]), str(count["up_to_date"]),
                      f"[red]{count['failed']}[/red]" if count["failed"] else "0", str(count["not_built"]),
                      _size(count["bytes_written"]))
    console.print(table)
    if warning_rows:
        grouped = Table(title="warnings by kind", title_justify="left")
        grouped.add_column("count", justify="right")
        grouped.add_column("warning", overflow="fold")
        grouped.add_column("articles", overflow="fold")
        for row in warning_rows:
            grouped.add_row(*row)
        console.print(grouped)


def _print_plain(title: str, header: list[str], rows: list[list[str]], right: set[int]) -> None:
    """A titled table of aligned columns, two spaces apart (`right`: the columns of numbers)."""
    import re
    import unicodedata

    def width(cell: str) -> int:  # terminal cells: a wide (CJK) character takes two, colour codes none
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in re.sub(r"\x1b\[[0-9;]*m", "", cell))

    table = [header, *rows]
    widths = [max(width(row[column]) for row in table) for column in range(len(header))]
    print(title)
    for row in table:
        cells = [(" " * (widths[i] - width(cell)) + cell) if i in right else cell + " " * (widths[i] - width(cell))
                 for i, cell in enumerate(row)]
        print("  ".join(cells).rstrip())


def _size(size: int) -> str:
    if not size:
        return "-"
    return f"{size / 1024:.0f} KiB" if size < 10 * 1024 * 1024 else f"{size / 1048576:.0f} MiB"
