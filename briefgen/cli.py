"""The command line: parse options, call one library function, translate errors. Nothing else.

Imports of rendering code happen inside the commands that render, so `check`, `new`,
`schema` and `diff` never pay for WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from briefgen import __version__
from briefgen.errors import BriefgenError
from briefgen.text.terminal import terminal_safe


def say(text: str, **options) -> None:
    """click.echo for text that may hold a dossier's words or a file's name: unprintable
    characters (an escape sequence, a file name that is not UTF-8) are printed as escapes."""
    click.echo(terminal_safe(text), **options)


class BriefgenGroup(click.Group):
    """Turns a BriefgenError into its message and exit status 1; bugs keep their traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            say(str(exc), err=True)
            ctx.exit(1)


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date:
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


def _parse_locale(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from briefgen.text.i18n import check_locale  # Babel and the model only when asked

    try:
        return check_locale(value)
    except BriefgenError as exc:
        raise click.BadParameter(str(exc).split("\n")[0].removeprefix("unknown locale ")) from None


locale_option = click.option(
    "--locale",
    metavar="LOCALE",
    callback=_parse_locale,
    help="Write in this language: en, en-GB, en-US, fr-CA or fr-FR "
    "(default: the dossier's locale:, else en).",
)


@click.group(cls=BriefgenGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def cli() -> None:
    """Negotiation prep sheets, pitches and reviewable diffs from YAML dossiers."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text for people, json for tools.",
)
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
@click.argument("dossiers", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
    default="output",
    show_default=True,
    help="Folder to write the sheets in.",
)
@today_option
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
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
    paper: str,
    redact: bool,
    write_html: bool,
    watch: bool,
    locale: str | None,
) -> None:
    """Render one-page PDF prep sheets: OUTPUT/<dossier>-prep.pdf for each DOSSIER
    (-prep-redacted.pdf with --redact). A dossier named twice is rendered once."""
    if watch:
        from briefgen.documents.watch import watch_prep

        pinned = ctx.get_parameter_source("today") != click.core.ParameterSource.DEFAULT
        watch_prep(
            dossiers,
            out_dir=out_dir,
            today=today if pinned else None,
            paper=paper,
            redact=redact,
            write_html=write_html,
            report=lambda message, error: say(message, err=error),
        )
        return
    from briefgen.documents.prep import prep_sheet
    from briefgen.render.output import plan_outputs
    from briefgen.render.pdf import SLOW_SUBSET_HINT, slow_font_subsetting

    if slow_font_subsetting():
        click.echo(f"briefgen: {SLOW_SUBSET_HINT}", err=True)
    outputs = plan_outputs(dossiers, out_dir, "prep", redacted=redact)
    for clash in outputs.clashes:
        say(clash, err=True)
    failed = bool(outputs.clashes)
    for source in outputs.targets:
        try:
            result = prep_sheet(
                source,
                out_dir=out_dir,
                today=today,
                paper=paper,
                redact=redact,
                write_html=write_html,
                locale=locale,
            )
        except BriefgenError as exc:
            say(str(exc), err=True)
            failed = True
            continue
        if result.report():
            say(result.report(), err=True)
        for warning in result.warnings:  # what WeasyPrint logged, in layout and in writing
            say(f"{source}: WeasyPrint: {warning}", err=True)
        say(str(result.pdf))
        if result.html:
            say(str(result.html))
    sys.exit(1 if failed else 0)


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
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text for people, json for tools.",
)
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
    type=click.Choice(["text", "md", "html", "pdf"]),
    help="Default: from -o's extension (.md, .html, .pdf), else text.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write this file (a pdf defaults to output/<dossier>-pitch.pdf).",
)
@locale_option
def pitch(
    dossier: str,
    audience: str | None,
    output_format: str | None,
    output: str | None,
    locale: str | None,
) -> None:
    """Print the positioning pitch for DOSSIER, made from its name and `pitch:` section only.

    Text goes to standard output, ready to paste into an email; -o writes a file instead.
    """
    from briefgen.documents.pitch import make_pitch

    result = make_pitch(
        dossier, audience=audience, output_format=output_format, output=output, locale=locale
    )
    for note in result.notes:
        say(note, err=True)
    if result.path is not None:
        say(str(result.path))
    else:
        say(result.content or "", nl=False)  # to a terminal, most often: nothing unprintable


def main() -> None:
    cli(prog_name="briefgen")


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
    default="profiles",
    show_default=True,
    help="Where to look for a dossier given by name.",
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
    folder: str,
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
    from briefgen.review.log import log_dossier, parse_day

    result = log_dossier(
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
    say(result.text())
