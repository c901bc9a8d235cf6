"""Threat: dossier text or a colleague's template that runs: script, `javascript:` links,
attribute breaks, template syntax. Dossier values must come out as the text they are, in the
HTML and in the PDF; a template runs sandboxed, so it cannot reach Python."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from briefgen.errors import RenderError
from tests.security.test_security_files import (
    SAFE_LINK,
    HtmlShape,
    Site,
    every_text_field,
    header_with,
    inspect_pdf,
    make_site,
    sheet_html,
)

INJECTIONS = {
    "script": "<script>alert(1)</script>",
    "style-breakout": "</style><script>alert(1)</script><style>",
    "title-breakout": "</title><script>alert(1)</script>",
    "javascript-link": "[x](javascript:alert(1))",
    "javascript-mixed-case": "[x](JaVaScRiPt:alert(1))",
    "javascript-entity": "[x](&#106;avascript:alert(1))",
    "javascript-hex-entity": "[x](&#x6A;&#x61;vascript:alert(1))",
    "javascript-tab": "[x](<java\tscript:alert(1)>)",
    "javascript-autolink": "<javascript:alert(1)>",
    "vbscript-link": "[x](vbscript:msgbox(1))",
    "html-anchor": '<a href="javascript:alert(1)">x</a>',
    "double-quote-break": 'x" onmouseover="alert(1)" y="',
    "single-quote-break": "x' onmouseover='alert(1)' y='",
    "unquoted-break": "x onmouseover=alert(1) y",
    "tag-break": 'x"><img src=x onerror=alert(1)>',
    "jinja-expression": "{{ 7*7 }}",
    "jinja-statement": "{% for x in range(3) %}LOOP{% endfor %}",
    "jinja-escape": "{{ cycler.__init__.__globals__.os.getpid() }}",
    "entity": "&lt;script&gt;",
    "comment": "<!-- hidden -->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
}


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> HtmlShape:
    """The sheet for the same dossier shape with harmless text: what the HTML may hold."""
    plain = make_site(tmp_path_factory.mktemp("baseline"))
    return HtmlShape(sheet_html(plain.dossier(every_text_field("plain words"))))


@pytest.mark.parametrize("payload", INJECTIONS.values(), ids=INJECTIONS.keys())
def test_an_injection_in_every_field_is_inert_html(site, baseline, payload):
    shape = HtmlShape(sheet_html(site.dossier(every_text_field(payload))))

    assert shape.count("script") == 0
    for tag in ("style", "title", "svg", "img", "a"):
        assert shape.count(tag) == baseline.count(tag), tag
    assert not [name for _, attrs in shape.tags for name in attrs if name.startswith("on")]
    assert sorted(shape.attribute_values("style")) == sorted(baseline.attribute_values("style"))
    for href in shape.attribute_values("href"):
        assert href.startswith("#") or href.lower().startswith(SAFE_LINK), href
    # written out as it was typed, field after field (Markdown fields decode entities)
    assert sum(payload in text for text in shape.text) >= 20
    assert "LOOPLOOP" not in "".join(shape.text)
    assert "49" not in "".join(shape.text)


@pytest.mark.render
def test_injections_reach_the_pdf_as_the_text_they_are(site):
    """The whole pipeline: each payload as a button's topic (shown verbatim) and its note
    (Markdown): the PDF shows the characters and holds no link but safe ones."""
    buttons = [{"topic": payload, "note": payload} for payload in INJECTIONS.values()]
    result = site.prep(site.dossier({"name": "Ivy Injection", "buttons": buttons}))
    facts = inspect_pdf(result.pdf)

    assert "buttons" not in result.report()  # none left out, so every payload must show
    for name, payload in INJECTIONS.items():
        assert "".join(payload.split()) in facts.text, name
    assert all(uri.lower().startswith(SAFE_LINK) for uri in facts.link_uris)
    assert "LOOPLOOP" not in facts.text


# --- a template is code: it runs sandboxed -----------------------------------------------------

ESCAPES = {
    "cycler-globals": "{{ cycler.__init__.__globals__.os.system('touch PWNED') }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "joiner-set": "{% set g = joiner.__init__.__globals__ %}{{ g.os.system('touch PWNED') }}",
    "namespace": "{{ namespace.__init__.__globals__.os.system('touch PWNED') }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "model-globals": "{{ dossier.__class__.__init__.__globals__ }}",
    "self-builtins": "{{ self.__init__.__globals__.__builtins__.open('/etc/passwd').read() }}",
    "format-string": "{{ '{0.__class__.__base__.__subclasses__}'.format(dossier) }}",
    "private-attribute": "{{ plan.__dict__ }}",
    "include-outside": "{% include '../../secret/canary.txt' %}",
    "include-absolute": "{% include '/etc/passwd' %}",
    "import-module": "{% import 'os' as os %}",
}


def test_the_escapes_are_real_in_a_plain_jinja_environment():
    """The payloads below do reach Python when a template is not sandboxed."""
    template = jinja2.Environment().from_string("{{ cycler.__init__.__globals__.os.getpid() }}")
    assert template.render() == str(os.getpid())


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_template_cannot_reach_python(site: Site, escape, monkeypatch):
    monkeypatch.chdir(site.root)
    site.template("prep/header.html.j2", header_with(escape))

    with pytest.raises(RenderError) as caught:
        site.prep(site.dossier("name: Sam Sandbox\n"))

    message = str(caught.value)
    assert message.startswith(f"could not render {site.profiles / 'x.yaml'}: ")
    assert "header.html.j2" in message or "template" in message
    assert not (site.root / "PWNED").exists()
    assert "root:" not in message  # no /etc/passwd in the message either
    assert not site.out.exists()


def test_a_template_error_names_the_template_and_line(site):
    site.template("prep/header.html.j2", "<header>\n\n{{ no_such_thing }}\n</header>\n")

    with pytest.raises(RenderError) as caught:
        site.prep(site.dossier("name: Lin Line\n"))

    header = site.templates / "prep" / "header.html.j2"
    assert str(caught.value) == (
        f"could not render {site.profiles / 'x.yaml'}: {header}:3: 'no_such_thing' is undefined"
    )


BUTTONS = "name: Bea Buttons\nbuttons: [price]\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{% if dossier.buttons %}\n<ul>\n<li>{{ 1 / 0 }}</li>\n</ul>\n{% endif %}\n",
            "division by zero",
        ),
        (
            '{% if dossier.buttons %}\n<ul>\n<li>{{ "a" + 1 }}</li>\n</ul>\n{% endif %}\n',
            'can only concatenate str (not "int") to str',
        ),
    ],
    ids=["ZeroDivisionError", "TypeError"],
)
def test_a_runtime_error_in_a_users_template_is_located_not_a_traceback(
    site, monkeypatch, text, message
):
    monkeypatch.chdir(site.root)
    site.template("prep/buttons.html.j2", text)

    with pytest.raises(RenderError) as caught:
        site.prep(site.dossier(BUTTONS))

    assert str(caught.value) == (
        f"could not render {site.profiles / 'x.yaml'}: templates/prep/buttons.html.j2:3: {message}"
    )
    assert not site.out.exists()


def test_a_template_that_is_not_utf8_is_named(site, monkeypatch):
    monkeypatch.chdir(site.root)
    site.template("prep/buttons.html.j2", "x")
    (site.templates / "prep" / "buttons.html.j2").write_bytes(b"<ul>caf\xe9</ul>\n")

    with pytest.raises(RenderError) as caught:
        site.prep(site.dossier(BUTTONS))

    assert str(caught.value).endswith(
        "templates/prep/buttons.html.j2: not UTF-8 text (byte 0xe9 at offset 7); "
        "save the template as UTF-8"
    )


@pytest.mark.render
def test_a_broken_template_for_one_dossier_leaves_the_others_rendered(site, monkeypatch, run_cli):
    monkeypatch.chdir(site.root)
    site.template(
        "prep/buttons.html.j2",
        "{% if dossier.buttons %}\n<ul>\n<li>{{ 1 / 0 }}</li>\n</ul>\n{% endif %}\n",
    )
    broken = site.dossier(BUTTONS, "a.yaml")
    fine = site.dossier("name: Nat Nobuttons\n", "b.yaml")

    result = run_cli("prep", str(broken.relative_to(site.root)), str(fine.relative_to(site.root)))

    assert result.exit_code == 1
    assert "profiles/a.yaml: templates/prep/buttons.html.j2:3: division by zero" in result.stderr
    assert (site.out / "b-prep.pdf").exists()
    assert not (site.out / "a-prep.pdf").exists()
