"""A pitch that is sent as it is (issue 22) and runs under a prep render's limits (issue 19):
variants by tag (`--for`), the sender from briefgen.toml, the cover email in English and
French, the PDF on --paper, one statement of each thing, a page filled, and a user's template
that never ends stopped by BRIEFGEN_RENDER_TIMEOUT."""

from __future__ import annotations

import itertools
import re
import textwrap
from pathlib import Path

import pytest

from briefgen.documents.pitch import make_pitch, pitch_tags, public_view, read_sender
from briefgen.dossier.validate import load_dossier
from briefgen.errors import BriefgenError
from tests import pdfboxes
from tests.documents.test_pitch import CANARY_DOSSIER, assert_no_canary, pdf_text

ROOT = Path(__file__).resolve().parents[2]
ELISA = ROOT / "profiles" / "elisa-marchetti.yaml"

# A recruiter-style candidate: many short traits of different kinds, a culture list.
MARCUS = """\
name: Marcus Hale
kind: candidate
pitch:
  audience: recruiter
  pronoun: he
  headline: a plant manager who turns around struggling sites
  traits:
    - led a 40-person maintenance team
    - speaks English and Spanish
    - French-Canadian
    - mentor to young engineers
    - team player
    - can read a P&L
    - has run two plants
    - calm under pressure
  culture:
    - mid-sized manufacturers
    - teams that value candour
"""

SENDER_TOML = """\
[sender]
name = "Sam Rivera"
role = "Partner, Rivera Search"
contact = "sam@riverasearch.example"
"""


@pytest.fixture
def project(workdir: Path) -> Path:
    """A project: briefgen.toml at the root with a sender, the dossier in profiles/."""
    (workdir / "briefgen.toml").write_text(SENDER_TOML, encoding="utf-8")
    folder = workdir / "profiles"
    folder.mkdir(parents=True)
    (folder / "marcus.yaml").write_text(MARCUS, encoding="utf-8")
    return folder / "marcus.yaml"


# -- Issue 19 item 7: every user template under the render child's limits. ------------------

ENDLESS = "{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}"


@pytest.mark.parametrize(
    ("template", "fmt"),
    [
        ("recruiter.txt.j2", "text"),
        ("recruiter.txt.j2", "md"),
        ("email.txt.j2", "email"),
        ("sheet.html.j2", "html"),
        pytest.param("sheet.html.j2", "pdf", marks=pytest.mark.render),
    ],
)
@pytest.mark.usefixtures("project")
def test_a_user_template_that_never_ends_is_stopped(workdir, run_cli, monkeypatch, template, fmt):
    folder = workdir / "templates" / "pitch"
    folder.mkdir(parents=True)
    (folder / template).write_text(ENDLESS, encoding="utf-8")
    monkeypatch.setenv("BRIEFGEN_RENDER_TIMEOUT", "1.5")

    result = run_cli("pitch", "profiles/marcus.yaml", "--format", fmt)

    assert result.exit_code == 1
    assert result.stderr.startswith("could not render profiles/marcus.yaml: ")
    assert "1.5 s" in result.stderr
    assert result.stdout == ""
    assert not (workdir / "output").exists()


@pytest.mark.usefixtures("project")
def test_the_pitch_command_ends_with_a_clear_error_and_no_hang(workdir):
    """The command as a user runs it, with a generous hang guard: before the fix it never
    ended (the template ran in briefgen's own process, without a limit)."""
    import subprocess
    import sys

    folder = workdir / "templates" / "pitch"
    folder.mkdir(parents=True)
    (folder / "recruiter.txt.j2").write_text(ENDLESS, encoding="utf-8")
    environment = {**__import__("os").environ, "BRIEFGEN_RENDER_TIMEOUT": "2"}
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", "pitch", "profiles/marcus.yaml"],
        capture_output=True,
        text=True,
        timeout=90,
        env=environment,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == "could not render profiles/marcus.yaml: gave up after 2 s\n"
    assert done.stdout == ""


def test_make_pitch_honours_the_render_timeout(project, workdir, monkeypatch):
    folder = workdir / "templates" / "pitch"
    folder.mkdir(parents=True)
    (folder / "recruiter.txt.j2").write_text(ENDLESS, encoding="utf-8")
    monkeypatch.setenv("BRIEFGEN_RENDER_TIMEOUT", "1")

    with pytest.raises(BriefgenError, match=r"could not render .*marcus\.yaml: .*1 s"):
        make_pitch(project)


# -- Variants by tag. -----------------------------------------------------------------------

TAGGED = """\
name: Dana Ortiz
pitch:
  audience: recruiter
  pronoun: she
  headline: a finance director who builds teams
  traits:
    - calm under pressure
    - {text: built a 40-person sales team, tags: [startups]}
    - {text: closed three audits without a finding, tags: [finance, Audit]}
    - {text: canary-sensitive-trait, sensitive: true}
  culture:
    - teams that value candour
    - {text: banks with a long view, tags: [finance]}
    - {text: seed-stage companies, tags: [startups]}
"""


def test_a_plain_string_is_short_for_text(write_dossier):
    dossier = load_dossier(write_dossier(TAGGED, "dana.yaml"))
    assert dossier.pitch is not None
    first, second = dossier.pitch.traits[:2]
    assert (first.text, first.tags) == ("calm under pressure", [])
    assert (second.text, second.tags) == ("built a 40-person sales team", ["startups"])
    assert pitch_tags(dossier) == ("audit", "finance", "startups")


@pytest.mark.parametrize(
    ("tags", "kept", "left_out"),
    [
        ((), ["calm under pressure"], ["40-person", "audits", "banks", "seed-stage"]),
        (("finance",), ["audits", "banks"], ["40-person", "seed-stage"]),
        (("startups",), ["40-person", "seed-stage"], ["audits", "banks"]),
        (("audit",), ["audits"], ["banks", "40-person"]),
        (("FINANCE", "startups"), ["audits", "banks", "40-person", "seed-stage"], []),
    ],
)
def test_for_keeps_the_untagged_lines_and_those_with_the_tag(
    write_dossier, run_cli, tags, kept, left_out
):
    write_dossier(TAGGED, "dana.yaml")
    options = [option for tag in tags for option in ("--for", tag)]
    result = run_cli("pitch", "dana.yaml", *options)

    assert result.exit_code == 0, result.stderr
    assert "calm under pressure" in result.stdout
    assert "teams that value candour" in result.stdout
    for words in kept:
        assert words in result.stdout
    for words in left_out:
        assert words not in result.stdout
    assert "canary" not in result.stdout


def test_a_tag_no_line_carries_is_said(write_dossier, run_cli):
    write_dossier(TAGGED, "dana.yaml")
    result = run_cli("pitch", "dana.yaml", "--for", "fintech")

    assert result.exit_code == 0
    assert "dana.yaml: pitch: no line is tagged fintech\n" in result.stderr


def test_a_bad_tag_is_located(write_dossier, run_cli):
    write_dossier(f"name: Dana\npitch:\n  traits:\n    - {{text: calm, tags: [{'x' * 41}]}}\n")
    result = run_cli("pitch", "bad.yaml")

    assert result.exit_code == 1
    assert result.stderr.startswith("bad.yaml:4:")
    assert "pitch.traits[0].tags[0]" in result.stderr


def _all_tag_sets(tags: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [c for n in range(len(tags) + 1) for c in itertools.combinations(tags, n)]


TAGGED_CANARY = CANARY_DOSSIER.replace(
    "  traits: [cultured and sophisticated, their calm puts people at ease]",
    "  traits:\n"
    "    - cultured and sophisticated\n"
    "    - {text: their calm puts people at ease, tags: [finance]}\n"
    "    - {text: led a bank's audit team, tags: [finance, banks]}\n"
    "    - {text: canary-sensitive-tagged-trait, tags: [finance], sensitive: true}\n"
    "    - {text: built a sales team from zero, tags: [startups]}",
).replace(
    "  culture: [small teams that reward initiative]",
    "  culture:\n"
    "    - small teams that reward initiative\n"
    "    - {text: canary-sensitive-culture, sensitive: true, tags: [startups]}\n"
    "    - {text: seed-stage companies, tags: [startups]}",
)


@pytest.mark.parametrize("fmt", ["text", "md", "html", "email"])
def test_no_private_value_reaches_any_tag_combination(workdir, run_cli, fmt):
    assert TAGGED_CANARY != CANARY_DOSSIER
    (workdir / "robin.yaml").write_text(TAGGED_CANARY, encoding="utf-8")
    tags = pitch_tags(load_dossier(workdir / "robin.yaml"))
    assert tags == ("banks", "finance", "startups")
    for combination, audience in itertools.product(
        _all_tag_sets(tags), ("matchmaker", "recruiter", "agent", "client")
    ):
        options = [option for tag in combination for option in ("--for", tag)]
        result = run_cli("pitch", "robin.yaml", "--format", fmt, "--audience", audience, *options)
        assert result.exit_code == 0, (combination, result.stderr)
        assert_no_canary(result.stdout)
        assert_no_canary(result.stderr)


@pytest.mark.render
def test_no_private_value_reaches_a_pitch_pdf_of_any_tag_combination(workdir, run_cli):
    (workdir / "robin.yaml").write_text(TAGGED_CANARY, encoding="utf-8")
    for combination in _all_tag_sets(("banks", "finance", "startups")):
        options = [option for tag in combination for option in ("--for", tag)]
        result = run_cli("pitch", "robin.yaml", "--format", "pdf", "-o", "p.pdf", *options)
        assert result.exit_code == 0, result.stderr
        pages, text = pdf_text((workdir / "p.pdf").read_bytes())
        assert pages == 1
        assert_no_canary(text)


def test_the_public_view_of_a_variant_holds_only_its_lines(write_dossier):
    dossier = load_dossier(write_dossier(TAGGED, "dana.yaml"))
    view = public_view(dossier, "dana.yaml", ("finance",))
    assert view.traits == ("calm under pressure", "closed three audits without a finding")
    assert view.culture == ("teams that value candour", "banks with a long view")


# -- The sender. ----------------------------------------------------------------------------


def test_the_sender_is_read_from_the_project_root(project, workdir):
    deeper = workdir / "profiles" / "east" / "west" / "marcus.yaml"
    deeper.parent.mkdir(parents=True)
    deeper.write_text(MARCUS, encoding="utf-8")
    assert read_sender(deeper) == read_sender(project)
    sender = read_sender(project)
    assert sender is not None
    assert (sender.name, sender.role, sender.contact) == (
        "Sam Rivera",
        "Partner, Rivera Search",
        "sam@riverasearch.example",
    )


def test_no_briefgen_toml_means_no_sender(write_dossier):
    assert read_sender(write_dossier(MARCUS, "marcus.yaml")) is None


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[sender\n", "briefgen.toml: "),
        ("[sender]\nname = 3\n", "briefgen.toml: sender.name: expected text, got 3"),
        ("[sender]\nrole = 'x'\n", "briefgen.toml: sender.name: missing"),
        ("[sender]\nname = 'Sam'\nemail = 'x'\n", "briefgen.toml: sender.email: unknown key"),
    ],
)
@pytest.mark.usefixtures("project")
def test_a_bad_sender_is_located(workdir, run_cli, toml, message):
    (workdir / "briefgen.toml").write_text(toml, encoding="utf-8")
    result = run_cli("pitch", "profiles/marcus.yaml", "--format", "email")

    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stdout == ""


def test_without_a_sender_the_email_says_so_once_on_stderr(write_dossier, run_cli):
    import briefgen.documents.pitch as pitch

    pitch._SAID.clear()
    write_dossier(MARCUS, "marcus.yaml")
    first = run_cli("pitch", "marcus.yaml", "--format", "email")
    again = run_cli("pitch", "marcus.yaml", "--format", "email")

    assert first.exit_code == 0
    assert first.stdout.rstrip().endswith("Best regards,")
    assert first.stderr.count("no sender: add a [sender] table") == 1
    assert "no sender" not in again.stderr  # once a process: a build makes many pitches


# -- The cover email. -----------------------------------------------------------------------


@pytest.mark.usefixtures("project")
def test_the_email_is_a_greeting_two_sentences_the_ask_and_the_sender(run_cli):
    result = run_cli("pitch", "profiles/marcus.yaml", "--format", "email")

    assert result.exit_code == 0
    assert result.stdout == (
        "Hello,\n\n"
        "I'd like to introduce you to Marcus Hale, a plant manager who turns around struggling "
        "sites. He led a 40-person maintenance team, and speaks English and Spanish.\n\n"
        "Could we take twenty minutes this week to talk about roles where he would fit?\n\n"
        "Best regards,\nSam Rivera\nPartner, Rivera Search\nsam@riverasearch.example\n"
    )


ELISE = """\
name: Élise Tremblay
locale: {locale}
pitch:
  audience: recruiter
  pronoun: she
  headline: une gestionnaire de maintenance aguerrie
  traits:
    - parle français, anglais et espagnol
    - a dirigé une équipe de 12 techniciens
    - sait lire un budget d'immobilisations
    - son calme désarme les directions
  culture:
    - les PME manufacturières
"""


@pytest.mark.parametrize(
    ("locale", "question"), [("fr-CA", "convenir?"), ("fr-FR", "convenir\u202f?")]
)
def test_the_email_in_french(workdir, run_cli, locale, question):
    (workdir / "briefgen.toml").write_text(SENDER_TOML, encoding="utf-8")
    (workdir / "elise.yaml").write_text(ELISE.format(locale=locale), encoding="utf-8")
    result = run_cli("pitch", "elise.yaml", "--format", "email")

    assert result.exit_code == 0
    assert result.stdout == (
        "Bonjour,\n\n"
        "J'aimerais vous présenter Élise Tremblay, une gestionnaire de maintenance aguerrie. "
        "Elle parle français, anglais et espagnol.\n\n"
        "Pourrions-nous prendre vingt minutes cette semaine pour parler des postes qui "
        f"pourraient {question}\n\n"
        "Cordialement,\nSam Rivera\nPartner, Rivera Search\nsam@riverasearch.example\n"
    )


@pytest.mark.parametrize("audience", ["matchmaker", "recruiter", "agent", "client"])
def test_every_audience_has_an_email_in_both_languages(workdir, run_cli, audience):
    (workdir / "elise.yaml").write_text(ELISE.format(locale="fr-CA"), encoding="utf-8")
    (workdir / "marcus.yaml").write_text(MARCUS, encoding="utf-8")
    for name, greeting in (("elise.yaml", "Bonjour,"), ("marcus.yaml", "Hello,")):
        result = run_cli("pitch", name, "--format", "email", "--audience", audience)
        assert result.exit_code == 0, result.stderr
        parts = result.stdout.split("\n\n")
        assert parts[0] == greeting
        assert len(re.findall(r"[.!?](?:\s|$)", parts[1])) == 2  # two sentences
        assert parts[2].endswith("?")  # the ask


# -- The sheet: one statement of each thing, the page used, the paper. ---------------------


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


@pytest.mark.render
@pytest.mark.parametrize("audience", ["matchmaker", "recruiter", "agent", "client"])
@pytest.mark.usefixtures("project")
def test_the_sheet_says_each_thing_once(workdir, run_cli, audience):
    result = run_cli("pitch", "profiles/marcus.yaml", "--audience", audience, "-o", "m.pdf")
    assert result.exit_code == 0, result.stderr
    _, text = pdf_text((workdir / "m.pdf").read_bytes())
    lowered = text.lower()

    assert lowered.count("a plant manager who turns around struggling sites") == 1
    for trait in ("40-person maintenance team", "mentor to young engineers", "can read a p&l"):
        assert lowered.count(trait) == 1, trait
    for line in ("mid-sized manufacturers", "teams that value candour"):
        assert lowered.count(line) == (audience != "matchmaker"), line  # the list, only
    sentences = _sentences(text)
    assert len(sentences) == len(set(sentences))
    assert "Sam Rivera" in text  # the sender block
    assert "sam@riverasearch.example" in text
    assert "Partner, Rivera Search" in text
    assert "Introducing" not in text  # the footer names the sheet, it does not start a sentence


def _content_bottom(pdf: Path) -> tuple[float, float, list[pdfboxes.Word]]:
    """How far down the page the content reaches, in points, without the running footer."""
    _, height = pdfboxes.page_size(pdf)
    found = pdfboxes.words(pdf)
    footer = max(w.y0 for w in found)
    content = [w for w in found if w.y0 < footer - 1]
    return max(w.y1 for w in content), height, found


@pytest.mark.render
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("who", ["elisa", "marcus"])
@pytest.mark.usefixtures("project")
def test_the_pitch_fills_its_page(workdir, run_cli, paper, who):
    if not pdfboxes.have_pdftotext():
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = str(ELISA) if who == "elisa" else "profiles/marcus.yaml"
    result = run_cli("pitch", source, "--paper", paper, "-o", "p.pdf")
    assert result.exit_code == 0, result.stderr

    bottom, height, found = _content_bottom(workdir / "p.pdf")
    # The page's content box: 22 mm to 20 mm from its edges (pitch.css); the content reaches
    # at least three quarters of it (it reached about half before the fit).
    top, foot = 22 * 72 / 25.4, height - 20 * 72 / 25.4
    assert (bottom - top) / (foot - top) > 0.75, (bottom, height)
    assert bottom <= foot + 1
    assert pdfboxes.overlaps(found) == []


@pytest.mark.render
@pytest.mark.parametrize(("paper", "size"), [("a4", (595.3, 841.9)), ("letter", (612.0, 792.0))])
@pytest.mark.usefixtures("project")
def test_pitch_pdfs_follow_paper(workdir, run_cli, paper, size):
    if not pdfboxes.have_pdftotext():
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = run_cli("pitch", "profiles/marcus.yaml", "--paper", paper, "-o", "p.pdf")

    assert result.exit_code == 0, result.stderr
    width, height = pdfboxes.page_size(workdir / "p.pdf")
    assert (round(width, 1), round(height, 1)) == size


@pytest.mark.render
def test_make_pitch_takes_the_paper(project, workdir):
    made = make_pitch(project, output_format="pdf", output=workdir / "l.pdf", paper="letter")
    assert made.path is not None
    assert pdfboxes.page_size(made.path) == (612.0, 792.0)
    with pytest.raises(BriefgenError, match="unknown paper 'a5'"):
        make_pitch(project, output_format="pdf", paper="a5")


def test_the_help_names_the_new_options(run_cli):
    result = run_cli("pitch", "--help")
    for option in ("--for TAG", "--paper [a4|letter]", "email", "briefgen.toml"):
        assert option in result.stdout


def test_email_and_text_need_no_weasyprint(project):
    code = textwrap.dedent("""
        import sys
        from briefgen.documents.pitch import make_pitch
        make_pitch(sys.argv[1], output_format="email")
        assert "weasyprint" not in sys.modules
    """)
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", code, str(project)], check=True)


def test_how_a_guessed_noun_was_read_is_said_with_how_to_settle_it(write_dossier, run_cli):
    write_dossier("name: Ann Lee\npitch:\n  pronoun: she\n  traits: [mentor to young engineers]\n")
    result = run_cli("pitch", "bad.yaml")

    assert result.stdout == (
        "I'd like to introduce you to Ann Lee. She is a mentor to young engineers. "
        "I'm sure you'll enjoy working with her.\n"
    )
    assert result.stderr == (
        "bad.yaml: pitch.traits: 'mentor to young engineers': read as "
        '"Ann is a mentor to young engineers"\n'
        '  hint: write "a mentor to young engineers" to keep this reading, or begin the trait '
        'with a verb ("mentors ...", "has ...") for the other\n'
    )
    settled = write_dossier(
        "name: Ann Lee\npitch:\n  pronoun: she\n  traits: [a mentor to young engineers]\n"
    )
    assert run_cli("pitch", str(settled)).stderr == ""
