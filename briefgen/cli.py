"""The command line: parse options, call one library function, translate errors. Nothing else.

Imports of rendering code happen inside the commands that render, so `check`, `new`,
`schema` and `diff` never pay for WeasyPrint.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefgen import __version__
from briefgen.errors import BriefgenError
from briefgen.text.terminal import terminal_safe

if TYPE_CHECKING:
    from click.decorators import FC

    from briefgen.documents.build import Outcome
    from briefgen.documents.job import Job
    from briefgen.dossier.project import Project
    from briefgen.render.paper import Paper


def say(text: str, **options: Any) -> None:
    """click.echo for text that may hold a dossier's words or a file's name: unprintable
    characters (an escape sequence, a file name that is not UTF-8) are printed as escapes."""
    click.echo(terminal_safe(text), **options)


def _tell(message: str, error: bool) -> None:
    """The library's way to speak: a line for standard output, or for standard error."""
    say(message, err=error)


class BriefgenGroup(click.Group):
    """Turns a BriefgenError into its message and exit status 1; bugs keep their traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            say(str(exc), err=True)
            ctx.exit(1)


def _parse_today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD") from None


today_option = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    callback=_parse_today,
    help="Compute dates as if today were this day (default: the real today).",
)


def _parse_locale(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from briefgen.text.i18n import check_locale  # Babel and the model only when asked

    try:
        return check_locale(value)
    except BriefgenError as exc:
        raise click.BadParameter(str(exc).split("\n")[0].removeprefix("unknown locale ")) from None


paper_option = click.option(
    "--paper",
    type=click.Choice(["a4", "letter"]),
    help="Paper size (default: briefgen.toml's paper, else a4).",
)


def _project(paths: tuple[str, ...] | list[str]) -> Project:
    """The project of the first PATH (else of the working folder): its briefgen.toml holds
    the defaults the flags override (see dossier/project.py)."""
    from briefgen.dossier.project import project_of

    return project_of(list(paths))


def _paper(flag: str | None, paths: tuple[str, ...] | list[str]) -> Paper:
    """The paper: the flag, else briefgen.toml's `paper`, else A4."""
    from briefgen.render.paper import Paper

    return Paper.named(flag or _project(paths).paper or "a4")


@contextlib.contextmanager
def _loading() -> Iterator[None]:
    """No garbage collection while a rendering command loads its modules (the dossier model,
    the templates, WeasyPrint), and what they made frozen out of it after: it lives as long
    as the process, and the collector would walk it again and again (about 50 ms of CPU while
    it loads, 55 ms in the first collections after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _job(
    today: dt.date,
    out_dir: str | None,
    paper: str | None,
    locale: str | None,
    *,
    redact: bool = False,
    html: bool = False,
    paths: tuple[str, ...] | list[str] = (),
) -> Job:
    """The one job object the rendering commands hand to the library, validated here once:
    each flag given, else briefgen.toml's default, else the built-in one."""
    from briefgen.documents.job import Job
    from briefgen.text.i18n import Locale

    project = _project(paths)
    output = Path(out_dir) if out_dir is not None else _relative(project.output) or Path("output")
    return Job(
        today=today,
        output=output,
        paper=_paper(paper, paths),
        locale=None if locale is None else Locale(locale),
        redact=redact,
        html=html,
    )


def _relative(path: Path | None) -> Path | None:
    """A folder from briefgen.toml as the person would type it: relative to the working
    folder when it lies below it."""
    if path is None:
        return None
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _portfolio_locale(locale: str | None, paths: tuple[str, ...]) -> str | None:
    """agenda and calendar: --locale, else briefgen.toml's locale (checked as --locale is)."""
    if locale is not None:
        return locale
    project = _project(paths)
    if project.locale is None:
        return None
    from briefgen.text.i18n import check_locale

    try:
        return check_locale(project.locale)
    except BriefgenError as exc:
        first = str(exc).split("\n")[0]
        raise BriefgenError(
            f"{project.config}: locale: {first}\n  hint: see 'briefgen.toml' in the README"
        ) from None


def output_folder_option(help: str) -> Callable[[FC], FC]:
    """-o/--output DIR for the commands that write sheets into a folder (default output/)."""
    return click.option(
        "-o",
        "--output",
        "out_dir",
        type=click.Path(file_okay=False),
        help=help + " Default: briefgen.toml's output, else output/.",
    )


def text_or_json_option(help: str = "text for people, json for tools.") -> Callable[[FC], FC]:
    """--format text|json for the commands that report to people and to tools."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        help=help,
    )


locale_option = click.option(
    "--locale",
    metavar="LOCALE",
    callback=_parse_locale,
    help="Write in this language: en, en-GB, en-US, fr-CA, fr-FR, es-ES, es-MX or de-DE "
    "(default: the dossier's locale:, else en).",
)
# agenda and calendar are the user's own, across dossiers of several languages: one language
# for the whole, --locale or English, never a dossier's locale: (text/i18n.portfolio_locale).
portfolio_locale_option = click.option(
    "--locale",
    metavar="LOCALE",
    callback=_parse_locale,
    help="Write in this language: en, en-GB, en-US, fr-CA, fr-FR, es-ES, es-MX or de-DE "
    "(default: en, whatever the dossiers' locale:).",
)


@click.group(cls=BriefgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def cli() -> None:
    """Negotiation prep sheets, pitches and reviewable diffs from YAML dossiers."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@text_or_json_option()
@today_option
@click.option("--strict", is_flag=True, help="Warnings fail the check too (exit 1).")
def check(paths: tuple[str, ...], output_format: str, today: dt.date, strict: bool) -> None:
    """Validate dossiers: every problem, located as file:line:col, and warnings about likely
    mistakes (a last contact in the future, a contact listed twice, a figure ten times the
    others, a misspelt tactic), printed as file:line:col: warning: ...

    PATHS are files or folders (default: profiles/). Exit 0 when all are valid (warnings do not
    count unless --strict), 1 when any is not.
    """
    from briefgen.review.check import check_paths

    report = check_paths(list(paths) or ["profiles"], today=today, strict=strict)
    if output_format == "json":
        say(json.dumps(report.as_dict(), indent=2))
    else:
        for line in report.lines():
            say(line)
        click.echo(report.summary(), err=not report.ok)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice(["client", "prospect", "candidate"]),
    default="client",
    show_default=True,
    help="candidate starts a pitch section.",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False),
    default="profiles",
    show_default=True,
    help="Folder to write the dossier in.",
)
def new(name: str, kind: str, folder: str) -> None:
    """Start a commented dossier for NAME in profiles/<name>.yaml (never overwrites)."""
    from briefgen.documents.new import new_dossier

    click.echo(new_dossier(name, kind, folder))


@cli.command()
@click.argument("dossiers", nargs=-1, required=True, type=click.Path())
@output_folder_option("Folder to write the sheets in.")
@today_option
@paper_option
@click.option(
    "--redact",
    is_flag=True,
    help="Leave out every item marked sensitive: true (writes <dossier>-prep-redacted.pdf).",
)
@click.option("--html", "write_html", is_flag=True, help="Also write the HTML that was rendered.")
@locale_option
@click.option(
    "--watch",
    is_flag=True,
    help="Render again each time a DOSSIER or a template is saved, until Ctrl-C.",
)
@click.pass_context
def prep(
    ctx: click.Context,
    dossiers: tuple[str, ...],
    out_dir: str,
    today: dt.date,
    paper: str | None,
    redact: bool,
    write_html: bool,
    watch: bool,
    locale: str | None,
) -> None:
    """Render one-page PDF prep sheets: OUTPUT/<dossier>-prep.pdf for each DOSSIER
    (-prep-redacted.pdf with --redact). A dossier named twice is rendered once.

    A DOSSIER may be a folder: its dossiers are rendered into the same sub-folders of OUTPUT.
    """
    with _loading():
        job = _job(today, out_dir, paper, locale, redact=redact, html=write_html, paths=dossiers)
        import briefgen.render.pdf  # noqa: F401 - WeasyPrint, loaded with the rest
        from briefgen.documents.prep import prep_sheets
    if watch:
        from briefgen.documents.watch import watch_prep

        pinned = ctx.get_parameter_source("today") != click.core.ParameterSource.DEFAULT
        watch_prep(
            dossiers,
            job,
            follow_clock=not pinned,
            report=_tell,
        )
        return
    ok = prep_sheets(dossiers, job, _tell)
    sys.exit(0 if ok else 1)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the schema to this file (whole or not at all) instead of printing it.",
)
def schema(output: str | None) -> None:
    """Print the JSON Schema (draft 2020-12) of the dossier format, for editors and tools.

    Regenerate the committed copy with: briefgen schema -o schema/dossier.schema.json
    """
    from briefgen.dossier.schema import schema_text, write_schema

    if output:
        click.echo(write_schema(output))
    else:
        click.echo(schema_text(), nl=False)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--rev",
    metavar="REV",
    help="Compare each dossier at this git revision with the working tree; "
    "PATHS are files or folders (default: profiles).",
)
@text_or_json_option()
def diff(paths: tuple[str, ...], rev: str | None, output_format: str) -> None:
    """Show what changed in meaning between two versions of a dossier.

    `briefgen diff OLD NEW` compares two files; `briefgen diff --rev REV [PATH ...]` compares
    each dossier at REV with the working tree. Lines that deserve a reviewer's eye start with
    "! ". Exit 0 whatever changed; 1 when a version is not a valid dossier.
    """
    if rev is None:
        if len(paths) != 2:
            raise click.UsageError("give two files, OLD and NEW, or --rev REV [PATH ...]")
        from briefgen.review.diff import diff_files

        report = diff_files(*paths)
    else:
        from briefgen.review.gitrev import diff_revision

        report = diff_revision(rev, paths)
    say(json.dumps(report.as_dict(), indent=2) if output_format == "json" else report.text())
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--textconv",
    is_flag=True,
    help="For git's diff driver: print the file as it is, instead of failing, "
    "when it is not a valid dossier.",
)
def show(path: str, textconv: bool) -> None:
    """Print a dossier as normalized text, one fact a line, in the words of `diff`.

    git uses it to show dossier changes readably (see "Reviewing dossier changes" in the README):

    \b
        git config diff.briefgen.textconv "briefgen show --textconv"
        echo 'profiles/**/*.yaml diff=briefgen' >> .gitattributes
    """
    if textconv:
        from briefgen.review.show import textconv as readable_or_raw

        click.echo(readable_or_raw(path), nl=False)  # bytes go to the binary stream as they are
    else:
        from briefgen.review.show import show_file

        say(show_file(path), nl=False)


@cli.command()
@click.argument("dossier", type=click.Path(dir_okay=False))
@click.option(
    "--audience",
    type=click.Choice(["matchmaker", "recruiter", "agent", "client"]),
    help="Who hears it (default: the dossier's pitch.audience, else client).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "md", "html", "pdf", "email"]),
    help="Default: from -o's extension (.md, .html, .pdf), else text. email: a short cover "
    "message (greeting, two sentences, the ask, the sender).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write this file (a pdf defaults to output/<dossier>-pitch.pdf).",
)
@click.option(
    "--for",
    "tags",
    metavar="TAG",
    multiple=True,
    help="The variant for TAG: untagged lines and those tagged TAG (repeatable).",
)
@paper_option
@locale_option
def pitch(
    dossier: str,
    audience: str | None,
    output_format: str | None,
    output: str | None,
    tags: tuple[str, ...],
    paper: str | None,
    locale: str | None,
) -> None:
    """Print the positioning pitch for DOSSIER, made from its name and `pitch:` section only.

    Text goes to standard output, ready to paste into an email; -o writes a file instead.
    The sender (a PDF's and an email's signature) comes from briefgen.toml's [sender].
    """
    from briefgen.documents.pitch import make_pitch

    result = make_pitch(
        dossier,
        audience=audience,
        output_format=output_format,
        output=output,
        locale=locale,
        paper=_paper(paper, [dossier]).name,
        tags=tags,
    )
    for note in result.notes:
        say(note, err=True)
    if result.path is not None:
        say(str(result.path))
    else:
        say(result.content or "", nl=False)  # to a terminal, most often: nothing unprintable


# -- The portfolio: build, agenda, calendar (every dossier at once). ---------------------------


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@output_folder_option("Folder to write the sheets in; it mirrors the folders under each PATH.")
@today_option
@paper_option
@click.option("--redact", is_flag=True, help="Leave out every item marked sensitive: true.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: the cores this process may use).",
)
@click.option("--force", is_flag=True, help="Rebuild every sheet, changed or not.")
@locale_option
@click.option("--prune", is_flag=True, help="Remove the outputs of dossiers that are gone.")
def build(
    paths: tuple[str, ...],
    out_dir: str,
    today: dt.date,
    paper: str | None,
    redact: bool,
    jobs: int | None,
    force: bool,
    prune: bool,
    locale: str | None,
) -> None:
    """Render every dossier under PATHS (default: profiles/): a prep sheet each, and a pitch
    PDF for each with a `pitch:` section, only where something changed.

    A sheet is rebuilt when its dossier, a template, the options, the versions or the day
    changed (the record is OUTPUT/.briefgen-manifest.json). Exit 1 if any dossier failed; the
    others are still written.
    """
    from briefgen.documents.build import plan_build, run_build

    plan = plan_build(
        list(paths) or ["profiles"],
        _job(today, out_dir, paper, locale, redact=redact, paths=list(paths) or ["profiles"]),
        force=force,
    )
    interactive = sys.stdout.isatty()
    later: list[str] = []  # on a terminal, messages wait until the bar is done

    def tell(message: str) -> None:
        if interactive:
            later.append(message)
        else:
            say(message, err=True)

    def shown(outcome: Outcome) -> None:
        for note in outcome.notes:
            tell(note)
        if not interactive:
            for path in outcome.written:
                say(str(path))
        if outcome.error:
            tell(outcome.error)

    if interactive and plan.todo:
        progress: Any = click.progressbar(  # one line, in place: done/total, file, ETA
            length=len(plan.todo) + len(plan.refused),
            label=f"{len(plan.current)} up to date; building",
            show_eta=True,
            show_pos=True,
            item_show_func=lambda outcome: terminal_safe(str(outcome.source)) if outcome else None,
        )
        with progress as bar:

            def step(outcome: Outcome) -> None:
                shown(outcome)
                bar.update(1, outcome)

            report = run_build(plan, jobs=jobs, prune=prune, on_outcome=step)
    else:
        report = run_build(plan, jobs=jobs, prune=prune, on_outcome=shown)
    for message in later:
        say(message, err=True)
    for path in report.stale:
        say(f"{path}: stale: its dossier is gone or no longer makes it", err=True)
    for path in report.pruned:
        say(f"{path}: removed (stale)", err=True)
    for path, why in report.kept:
        say(f"{path}: kept: {why}; remove it yourself if it should go", err=True)
    click.echo(report.summary(), err=not report.ok)
    sys.exit(0 if report.ok else 1)


def _use_colour() -> bool:
    """Colour on a terminal, unless NO_COLOR is set (to anything but empty: no-color.org)."""
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@cli.command()
@click.argument("dossier", type=click.Path(dir_okay=False))
@text_or_json_option(
    "text for people, json for tools (numbers and codes, the same in every locale)."
)
@today_option
@locale_option
def offers(dossier: str, output_format: str, today: dt.date, locale: str | None) -> None:
    """The negotiation workbench of DOSSIER, for the person preparing: the scoring table,
    three equivalent offers (and the one never to make), every equivalent package, each
    one-step concession priced in points and money, cheapest first, and both BATNAs.

    Renders nothing. Exit 1 when the dossier is invalid or has no `negotiation.issues` and no
    alternatives.
    """
    from briefgen.documents.offers import make_offers, offers_json, offers_text

    result = make_offers(dossier, today)
    if output_format == "json":
        click.echo(json.dumps(offers_json(result), indent=2, ensure_ascii=False))
    else:
        say(offers_text(result, locale), nl=False)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@today_option
@click.option(
    "--days",
    type=click.IntRange(min=1, max=3660),
    default=14,
    show_default=True,
    help="How many days ahead to look, today included.",
)
@text_or_json_option(
    "text for people, json for tools (ISO dates, the dossier path on every entry)."
)
@portfolio_locale_option
def agenda(
    paths: tuple[str, ...], today: dt.date, days: int, output_format: str, locale: str | None
) -> None:
    """What needs doing in the next DAYS days across every dossier under PATHS (default:
    profiles/): negotiations, deadlines (and those overdue), who is due a call, and where
    the recorded contact of the last 90 days went (existing / lost / new, goal 50 / 30 / 20).

    Names, titles, subjects, places and dates only: never notes, family, buttons or figures.
    The text is in --locale (default en, whatever the dossiers' locale:); JSON is the same in
    every locale. Exit 1 when a dossier is invalid (its errors go to standard error; the rest
    is shown).
    """
    from briefgen.documents.agenda import agenda_json, agenda_text, make_agenda
    from briefgen.text.i18n import portfolio_locale

    result, problems = make_agenda(list(paths) or ["profiles"], today, days)
    if output_format == "json":
        click.echo(json.dumps(agenda_json(result, len(problems)), indent=2, ensure_ascii=False))
    else:
        colours: dict[str, dict[str, Any]] = {
            "heading": {"bold": True},
            "overdue": {"fg": "red"},
            "due": {"fg": "yellow"},
        }
        colour = _use_colour()

        def style(text: str, kind: str) -> str:
            return click.style(text, **colours[kind]) if colour else text

        text = agenda_text(result, style, locale=portfolio_locale(_portfolio_locale(locale, paths)))
        click.echo(text, nl=False, color=colour)
    for problem in problems:
        say(problem, err=True)
    sys.exit(1 if problems else 0)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE.ics",
    help="The calendar file to write (whole or not at all); - prints it.",
)
@today_option
@click.option(
    "--days",
    type=click.IntRange(min=1, max=3660),
    default=90,
    show_default=True,
    help="How many days ahead to look, today included (overdue deadlines are always in).",
)
@portfolio_locale_option
def calendar(
    paths: tuple[str, ...], output: str, today: dt.date, days: int, locale: str | None
) -> None:
    """Write the dates of every dossier under PATHS (default: profiles/) as an iCalendar file
    to import or subscribe to: negotiations, deadlines and stay-in-touch reminders, with
    alarms the day before each deadline and on the morning of each negotiation.

    Re-importing updates the events instead of duplicating them (in any --locale: default
    en, whatever the dossiers' locale:); two runs on one day give the same file. Names,
    titles, subjects, places and dates only.
    """
    from briefgen.documents.calendar import make_calendar

    data, written, result, problems = make_calendar(
        list(paths) or ["profiles"],
        None if output == "-" else output,
        today,
        days,
        _portfolio_locale(locale, paths),
    )
    if written is None:
        click.echo(data, nl=False)
    else:
        events = len(result.negotiations) + len(result.deadlines) + len(result.touches)
        say(f"{written}: {events} events", err=True)
    for problem in problems:
        say(problem, err=True)
    sys.exit(1 if problems else 0)


@cli.command("plan")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write here (whole or not at all); a PDF goes to output/plan.pdf without it.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["pdf", "text", "json"]),
    help="pdf (the default with -o FILE.pdf), text (the default otherwise) or json.",
)
@today_option
@portfolio_locale_option
@paper_option
@click.option("--redact", is_flag=True, help="Leave out every item marked sensitive: true.")
def plan_command(
    paths: tuple[str, ...],
    output: str | None,
    output_format: str | None,
    today: dt.date,
    locale: str | None,
    paper: str | None,
    redact: bool,
) -> None:
    """Once a year: the plan for every account under PATHS (default: profiles/); dossiers
    sharing an organization are one account. Its health H from coverage, the account map,
    reciprocity, respect and the self-check; its trend against H 90 days ago, read from git;
    and a call: grow, maintain, fix or leave.

    Private, like the prep sheet (--redact leaves out sensitive items). Exit 1 when a dossier
    is invalid (its errors go to standard error; the rest is planned).
    """
    from briefgen.documents.plan import run_plan
    from briefgen.text.i18n import portfolio_locale

    folders = list(paths) or ["profiles"]
    result = run_plan(
        folders,
        today,
        output=output,
        output_format=output_format,
        locale=portfolio_locale(_portfolio_locale(locale, paths)),
        redact=redact,
        paper=_paper(paper, folders),
    )
    if result.content is not None:
        say(result.content, nl=False)
    for line in result.messages:
        say(line, err=True)
    sys.exit(1 if result.report.problems else 0)


def main() -> None:
    """The `briefgen` program. When the command is done (click ends it with SystemExit), every
    object left is frozen out of the garbage collector: the interpreter's collections at exit
    then skip the whole heap of WeasyPrint, pydantic and the templates (0.1-0.2 s of CPU
    after a render) instead of walking it to free what the operating system frees anyway.
    atexit handlers still run and open files are still flushed."""
    try:
        cli(prog_name="briefgen")
    finally:
        gc.freeze()


@cli.command()
@click.argument("dossier")
@click.option(
    "--on",
    metavar="DATE",
    help="The day of the call or favour: YYYY-MM-DD, today or yesterday (default: today).",
)
@click.option(
    "--meeting",
    metavar="DATE",
    help="Add a meeting held on DATE to relationship.meetings (YYYY-MM-DD, today, yesterday).",
)
@click.option(
    "--late", type=click.IntRange(0, 100_000), metavar="MINUTES", help="They were this late."
)
@click.option("--missed", is_flag=True, help="They did not show up.")
@click.option("--note", metavar="TEXT", help="A note on the meeting.")
@click.option(
    "--contact",
    "contacts",
    multiple=True,
    metavar="NAME",
    help="Set this contact's last_contact to --on (accents and case do not matter).",
)
@click.option("--gave", multiple=True, metavar="TEXT", help="We helped them: add to reciprocity.")
@click.option(
    "--received", multiple=True, metavar="TEXT", help="They helped us: add to reciprocity."
)
@click.option("--dry-run", is_flag=True, help="Print the change and write nothing.")
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False),
    help="Where to look for a dossier given by name (default: profiles/, then every folder "
    "of the project).",
)
@today_option
def log(
    dossier: str,
    on: str | None,
    meeting: str | None,
    late: int | None,
    missed: bool,
    note: str | None,
    contacts: tuple[str, ...],
    gave: tuple[str, ...],
    received: tuple[str, ...],
    dry_run: bool,
    folder: str | None,
    today: dt.date,
) -> None:
    """Record a meeting, a call or a favour in DOSSIER, changing only those lines.

    DOSSIER is a file, or a name as `briefgen new` made it ("Dan Whitfield" finds
    profiles/dan-whitfield.yaml). The result is checked before it is written; the change is
    printed in the words of `briefgen diff`, with what follows from it.

    \b
        briefgen log "Dan Whitfield" --meeting today --late 10 --contact "Dan Whitfield"
        briefgen log "Dan Whitfield" --gave "introduced him to a CFO candidate"
    """
    from briefgen.review.log import LogRequest, log_dossier, parse_day

    request = LogRequest(
        dossier,
        today=today,
        on=parse_day(on, today, "--on") if on else None,
        meeting=parse_day(meeting, today, "--meeting") if meeting else None,
        late=late,
        missed=missed,
        note=note,
        contacts=contacts,
        gave=gave,
        received=received,
        dry_run=dry_run,
        folder=folder,
    )
    result = log_dossier(request)
    say(result.text())
