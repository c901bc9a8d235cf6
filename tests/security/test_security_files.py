"""Threat: a colleague's dossier or template makes the sheet read a local file or the network.

A canary folder sits beside the dossier; every hostile reference points at it, through
dossier text (every text field, Markdown notes) and through a user template. The canary must
never reach the PDF (its text, its streams, an image, an attachment), and what a template asked
for is refused and recorded. The helpers here (canaries, PDF inspection, a dossier with a text
in every field) serve the other test_security_* modules too.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest
import weasyprint
import yaml

from briefgen.documents.prep import PrepResult, prep_sheet, render_prep_html
from briefgen.dossier.model import Dossier
from briefgen.dossier.validate import load_dossier
from briefgen.errors import RenderError
from briefgen.facts.brief import brief
from briefgen.render.fit import Plan
from briefgen.render.pdf import MAX_ASSET_BYTES, SafeFetcher
from briefgen.render.theme import Theme
from briefgen.text.i18n import ENGLISH
from tests.jobs import job

TODAY = dt.date(2026, 11, 23)
CANARY = "CANARY-7f3a9c0d"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SAFE_LINK = ("http://", "https://", "mailto:")


# --- a site: profiles/, templates/ and a secret/ folder of canaries -------------------------


@dataclass
class Site:
    root: Path

    @property
    def profiles(self) -> Path:
        return self.root / "profiles"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def secret(self) -> Path:
        return self.root / "secret"

    @property
    def out(self) -> Path:
        return self.root / "output"

    def url(self, name: str) -> str:
        return (self.secret / name).as_uri()

    def dossier(self, data: dict | str, name: str = "x.yaml") -> Path:
        path = self.profiles / name
        text = (
            data
            if isinstance(data, str)
            else yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        )
        path.write_text(text, encoding="utf-8")
        return path

    def template(self, name: str, text: str) -> Path:
        path = self.templates / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def prep(self, source: Path, **options) -> PrepResult:
        return prep_sheet(source, job(self.out, TODAY, **options))


CANARY_FILES = {  # one file per hostile reference, so that each refusal says who asked
    ".png": ["canary", "img", "inline-svg", "svg-file", "object", "embed", "svg-data"],
    ".css": ["canary", "import", "base", "dot-dot", "percent-dot-dot", "symlink-out"],
    ".txt": ["canary", "link-attachment", "a-attachment", "file-link"],
    ".ttf": ["font-face"],
}


def make_site(root: Path) -> Site:
    site = Site(root)
    site.profiles.mkdir(parents=True)
    site.secret.mkdir()
    content = {
        ".png": PNG,
        ".css": f'body::after {{ content: "{CANARY}" }}'.encode(),
        ".txt": CANARY.encode(),
        ".ttf": CANARY.encode(),
    }
    for suffix, names in CANARY_FILES.items():
        for name in names:
            (site.secret / (name + suffix)).write_bytes(content[suffix])
    return site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)


# --- what a PDF holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfFacts:
    pages: int
    text: str  # every page's text, without whitespace
    images: int
    embedded_files: bool
    file_annotations: int
    link_uris: list[str]
    raw: bytes  # the file and every stream in it, decoded

    def assert_no_leak(self, canary: str = CANARY) -> None:
        assert canary not in self.text
        assert canary.encode() not in self.raw
        assert self.images == 0
        assert not self.embedded_files
        assert self.file_annotations == 0
        assert all(uri.lower().startswith(SAFE_LINK) for uri in self.link_uris), self.link_uris


def inspect_pdf(source: Path | bytes) -> PdfFacts:
    data = source if isinstance(source, bytes) else source.read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    names = reader.trailer["/Root"].get("/Names")
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []]
    streams = [data]
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
            if isinstance(obj, pypdf.generic.StreamObject):
                streams.append(obj.get_data())
        except Exception:  # a free or undecodable object: the raw file still holds its bytes
            continue
    return PdfFacts(
        pages=len(reader.pages),
        text=text,
        images=sum(len(page.images) for page in reader.pages),
        embedded_files=names is not None and "/EmbeddedFiles" in names.get_object(),
        file_annotations=sum(a.get("/Subtype") == "/FileAttachment" for a in annotations),
        link_uris=[str(a["/A"]["/URI"]) for a in annotations if "/URI" in a.get("/A", {})],
        raw=b"".join(streams),
    )


class HtmlShape(HTMLParser):
    """The elements, attributes and text of some HTML, and how deep it nests."""

    VOID = frozenset(
        {"meta", "link", "img", "br", "hr", "input", "base", "source", "wbr", "area", "col"}
    )

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []  # the text of each <style> element
        self.depth = self.max_depth = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.tags and self.tags[-1][0] == "style" and self.lasttag == "style":
            self.styles.append(data)
        else:
            self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(t == tag for t, _ in self.tags)

    def attribute_values(self, name: str) -> list[str]:
        return [attrs[name] or "" for _, attrs in self.tags if name in attrs]


# --- a dossier with a given text in every text field, built from the JSON Schema -------------

SCHEMA = Dossier.model_json_schema()
PATTERN_EXAMPLES = {
    r"^[A-Z]{3}$": "USD",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "2019-03",
    r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$": "2026-11-24 10:00",
}


def resolve(node: dict) -> dict:
    while "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def options(node: dict) -> list[dict]:
    """The non-null alternatives of a schema node (a node with a pattern is one alternative)."""
    node = resolve(node)
    if "anyOf" in node and "pattern" not in node:
        return [o for sub in node["anyOf"] for o in options(sub) if o.get("type") != "null"]
    return [node]


def text_fields(node: dict = SCHEMA, path: tuple = ()) -> list[tuple]:
    """The path of every free-text field (a string with a length cap)."""
    node = options(node)[0]
    if node.get("type") == "object":
        properties = node["properties"].items()
        return [p for key, sub in properties for p in text_fields(sub, (*path, key))]
    if node.get("type") == "array":
        return text_fields(node["items"], (*path, 0))
    return [path] if node.get("type") == "string" and "maxLength" in node else []


def every_text_field(text: str | Callable[[tuple], str]) -> dict:
    """A valid dossier with every key filled and `text` (or text(path)) in every text field."""
    text_at = text if callable(text) else (lambda _path: text)

    def fill(node: dict, path: tuple):
        node = options(node)[0]
        if "pattern" in node:
            return PATTERN_EXAMPLES[node["pattern"]]
        if "enum" in node:
            return node["enum"][0]
        if "const" in node:
            return node["const"]
        kind = node.get("type")
        if kind == "object":
            return {key: fill(sub, (*path, key)) for key, sub in node["properties"].items()}
        if kind == "array":
            return [fill(node["items"], (*path, 0))]
        if kind == "string":
            if node.get("format") == "date":
                return "2026-12-04"
            return text_at(path)[: node["maxLength"]]
        if kind == "boolean":
            return False
        return node.get("minimum", 0)

    data = fill(SCHEMA, ())
    data["negotiation"].update(opening=60000, target=52000, walk_away=45000)
    data["timeline"]["rules"][0]["of"] = data["timeline"]["deliverables"][0]["name"]
    # A workbench issue has named options (not also a range) and positive weights; a priced
    # concession names that issue and one of its options.
    issue = data["negotiation"]["issues"][0]
    del issue["range"], issue["step"]
    issue.update(weight=1, their_weight=1)
    option = issue["options"][0]["value"]
    data["negotiation"]["concessions"][0].update(
        {"issue": issue["name"], "from": option, "to": option}
    )
    return data


# --- hostile references ----------------------------------------------------------------------


def hostile_references(site: Site) -> dict[str, str]:
    """id -> markup that would make WeasyPrint read a canary, or the network."""
    url = site.url
    svg = (
        "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='9' height='9'>"
        f"<image href='{url('svg-data.png')}' width='9' height='9'/></svg>"
    )
    return {
        "markdown-image": f"![x]({url('canary.png')})",
        "img": f'<img src="{url("img.png")}">',
        "link-attachment": f'<link rel="attachment" href="{url("link-attachment.txt")}">',
        "a-attachment": f'<a rel="attachment" href="{url("a-attachment.txt")}">a</a>',
        "style-import": f"<style>@import url({url('import.css')});</style>",
        "base": f'<base href="{site.secret.as_uri()}/"><link rel="stylesheet" href="base.css">',
        "dot-dot": '<link rel="stylesheet" href="../secret/dot-dot.css">',
        "percent-dot-dot": '<link rel="stylesheet" href="%2e%2e/secret/percent-dot-dot.css">',
        "symlink-out": '<link rel="stylesheet" href="leak.css">',
        "loopback": '<img src="http://127.0.0.1:9/x.png">',
        "metadata-service": '<img src="http://169.254.169.254/latest/meta-data/">',
        "svg-data-url": f'<img src="{svg}">',
        "inline-svg-image": (
            f'<svg width="9" height="9"><image href="{url("inline-svg.png")}" width="9" '
            'height="9"/></svg>'
        ),
        "svg-file-image": '<img src="inner.svg">',
        "object-embed": (
            f'<object data="{url("object.png")}"></object><embed src="{url("embed.png")}">'
        ),
        "font-face": (
            f"<style>@font-face {{ font-family: x; src: url({url('font-face.ttf')}) }}</style>"
        ),
        "dev-zero": "<style>main { background: url(file:///dev/zero) }</style>",
        "symlink-dev-zero": '<img src="zero.png">',
        "javascript-link": '<a href="javascript:alert(1)">js</a>',
        "file-link": f'<a href="{url("file-link.txt")}">file</a>',
    }


def expected_refusals(site: Site) -> dict[str, list[str]]:
    """id -> each URL the render must refuse and record for it (a data: URL by its start)."""
    templates = site.templates.resolve().as_uri()
    url = site.url
    return {
        "markdown-image": [],  # Markdown in a template is just text
        "img": [url("img.png")],
        "link-attachment": [url("link-attachment.txt")],
        "a-attachment": [url("a-attachment.txt")],
        "style-import": [url("import.css")],
        "base": [url("base.css")],
        "dot-dot": [url("dot-dot.css")],
        "percent-dot-dot": [templates + "/%2e%2e/secret/percent-dot-dot.css"],
        "symlink-out": [templates + "/leak.css"],
        "loopback": ["http://127.0.0.1:9/x.png"],
        "metadata-service": ["http://169.254.169.254/latest/meta-data/"],
        "svg-data-url": ["data:image/svg+xml;utf8,<svg"],
        "inline-svg-image": [url("inline-svg.png")],
        "svg-file-image": [url("svg-file.png")],  # inside an allowed SVG: WeasyPrint is silent
        "object-embed": [url("object.png"), url("embed.png")],
        "font-face": [url("font-face.ttf")],
        "dev-zero": ["file:///dev/zero"],
        "symlink-dev-zero": [templates + "/zero.png"],
        "javascript-link": ["javascript:alert(1)"],
        "file-link": [url("file-link.txt")],
    }


def plant_template_files(site: Site) -> None:
    """Files a hostile template folder brings along: symlinks out and an SVG naming the canary."""
    site.templates.mkdir(exist_ok=True)
    (site.templates / "leak.css").symlink_to(site.secret / "symlink-out.css")
    (site.templates / "zero.png").symlink_to("/dev/zero")
    (site.templates / "inner.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
        f'<image href="{site.url("svg-file.png")}" width="9" height="9"/></svg>'
    )


def header_with(markup: str) -> str:
    """A user's prep/header.html.j2 (always rendered) that carries `markup`."""
    return (
        '<header class="masthead" data-section="header"><div><h1>{{ dossier.name }}</h1>'
        f"<p>{markup}</p></div></header>\n"
    )


# --- the checks themselves prove something: they see a real leak ----------------------------


def test_the_pdf_checks_see_a_leak_when_nothing_defends(site):
    """Plain WeasyPrint, with its default fetcher, on the same references: the canary shows
    up as text, image and attachment, so the checks below would catch a leak."""
    html = (
        f'<link rel="attachment" href="{site.url("canary.txt")}">'
        f"<style>@import url({site.url('canary.css')});</style>"
        f'<p><img src="{site.url("canary.png")}" style="width: 9px"></p>'
    )
    facts = inspect_pdf(weasyprint.HTML(string=html).write_pdf())

    assert CANARY in facts.text
    assert facts.images == 1
    assert facts.embedded_files
    with pytest.raises(AssertionError):
        facts.assert_no_leak()


# --- dossier text --------------------------------------------------------------------------


def test_every_text_field_is_filled():
    data = every_text_field("TEXT")
    paths = text_fields()

    assert len(paths) >= 40  # 47 when written
    for path in paths:
        value = data
        for part in path:
            value = value[part]
        assert value == "TEXT", path


def sheet_html(source: Path) -> str:
    """The sheet's full HTML at the design size, nothing cut: every field's text is in it."""
    dossier = load_dossier(source)
    return render_prep_html(
        dossier, brief(dossier, TODAY), Plan(), theme=Theme.for_dossier(source), locale=ENGLISH
    )


@pytest.mark.parametrize("name", list(hostile_references(Site(Path("/x")))))
def test_a_reference_in_every_dossier_field_stays_text(site, name):
    markup = hostile_references(site)[name]
    shape = HtmlShape(sheet_html(site.dossier(every_text_field(markup))))

    assert shape.count("style") == 1  # the template's own; the dossier's stayed text
    for tag in ("img", "link", "base", "object", "embed", "image", "script", "iframe"):
        assert shape.count(tag) == 0, tag
    assert shape.count("svg") <= 3  # the number line and its strips of leader lines
    assert not any(
        v.startswith(("file:", "data:", "javascript:")) for v in shape.attribute_values("href")
    )
    assert sum(markup in text for text in shape.text) >= 20  # shown, as text, field after field


@pytest.mark.render
def test_references_in_dossier_fields_fetch_nothing(site):
    """The same references through the whole pipeline, one in each text field in turn."""
    references = list(hostile_references(site).values())
    paths = text_fields()
    data = every_text_field(lambda path: references[paths.index(path) % len(references)])

    result = site.prep(site.dossier(data))

    assert result.refused == []
    facts = inspect_pdf(result.pdf)
    assert facts.pages == 1
    facts.assert_no_leak()


MARKDOWN_REFERENCES = {
    "image": "![x](file:///etc/passwd)",
    "image-reference": "![x][r]\n\n[r]: file:///etc/passwd",
    "link-reference": "[x][r]\n\n[r]: file:///etc/passwd",
    "file-link": "[x](file:///etc/passwd)",
    "autolink": "<file:///etc/passwd>",
    "html-img": '<img src="file:///etc/passwd">',
    "html-block": '<div>\n<img src="file:///etc/passwd">\n</div>',
    "html-style": "<style>@import url(file:///etc/passwd);</style>",
    "data-link": "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "loopback-link": "[x](http://127.0.0.1:9/)",
}


@pytest.mark.parametrize("markdown", MARKDOWN_REFERENCES.values(), ids=MARKDOWN_REFERENCES.keys())
def test_markdown_notes_carry_no_html_images_or_file_links(markdown):
    from briefgen.text.markdown import inline_html, to_html

    for render in (to_html, inline_html):
        shape = HtmlShape(str(render(markdown)))
        assert {tag for tag, _ in shape.tags} <= {"p", "a"}
        for href in shape.attribute_values("href"):
            assert href.startswith(("http://", "https://")), href


# --- a hostile user template -----------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_template_sheet(tmp_path_factory) -> tuple[Site, PrepResult]:
    """One sheet whose user template carries every hostile reference at once."""
    site = make_site(tmp_path_factory.mktemp("template-refs"))
    plant_template_files(site)
    references = hostile_references(site)
    del references["base"]  # a <base> moves every relative URL: it is tested alone
    site.template("prep/header.html.j2", header_with("\n".join(references.values())))
    return site, site.prep(site.dossier("name: Tess Template\n"))


def test_a_hostile_template_still_renders_one_clean_page(hostile_template_sheet):
    _, result = hostile_template_sheet
    facts = inspect_pdf(result.pdf)

    assert facts.pages == 1
    assert "TessTemplate" in facts.text
    facts.assert_no_leak()


@pytest.mark.parametrize("name", [n for n in expected_refusals(Site(Path("/x"))) if n != "base"])
def test_each_reference_in_a_template_is_refused_and_recorded(hostile_template_sheet, name):
    site, result = hostile_template_sheet

    for expected in expected_refusals(site)[name]:
        matches = [
            url
            for url in result.refused
            if url == expected or (expected.startswith("data:") and url.startswith(expected))
        ]
        assert matches, (expected, result.refused)


@pytest.mark.render
def test_a_base_element_in_a_template_moves_nothing_out(site):
    site.template("prep/header.html.j2", header_with(hostile_references(site)["base"]))

    result = site.prep(site.dossier("name: Base Case\n"))

    assert result.refused == [site.url("base.css")]
    inspect_pdf(result.pdf).assert_no_leak()


@pytest.mark.render
def test_a_template_may_use_its_own_files(site):
    """The defence is not a blanket refusal: an image and a stylesheet inside the template
    folder are served (and the image is really drawn)."""
    site.templates.mkdir()
    (site.templates / "logo.png").write_bytes(PNG)
    (site.templates / "extra.css").write_text("h1 { color: rgb(1, 2, 3) }")
    site.template(
        "prep/header.html.j2",
        header_with(
            '<link rel="stylesheet" href="extra.css"><img src="logo.png" style="width: 9px">'
        ),
    )

    result = site.prep(site.dossier("name: Own Files\n"))

    assert result.refused == []
    assert inspect_pdf(result.pdf).images == 1


@pytest.mark.render
def test_an_attachment_inside_the_template_folder_is_still_left_out(site):
    site.templates.mkdir()
    (site.templates / "notes.txt").write_text(CANARY)
    site.template(
        "prep/header.html.j2",
        header_with(
            '<link rel="attachment" href="notes.txt"><a rel="attachment" href="notes.txt">n</a>'
        ),
    )

    result = site.prep(site.dossier("name: Own Attachment\n"))

    inspect_pdf(result.pdf).assert_no_leak()
    assert sum(url.endswith("/notes.txt") for url in result.refused) == 2


@pytest.mark.render
def test_a_template_cannot_bring_back_what_redact_left_out(site):
    """--redact removes sensitive items before any template sees the dossier."""
    site.template(
        "prep/header.html.j2",
        header_with("{% for f in dossier.person.family %}{{ f.name }}: {{ f.note }}; {% endfor %}"),
    )
    source = site.dossier(
        {
            "name": "Rae Redact",
            "person": {
                "family": [
                    {"relation": "spouse", "name": "Kim", "note": "public"},
                    {
                        "relation": "ex-spouse",
                        "name": "Lee",
                        "note": "SECRET-DIVORCE",
                        "sensitive": True,
                    },
                ]
            },
        }
    )

    full = inspect_pdf(site.prep(source).pdf).text
    redacted = inspect_pdf(site.prep(source, redact=True).pdf).text

    assert "SECRET-DIVORCE" in full
    assert "SECRET-DIVORCE" not in redacted
    assert "Kim:public" in redacted


@pytest.mark.parametrize("name", ["prep/header.html.j2", "prep.html.j2", "prep.css"])
def test_a_template_symlinked_out_of_its_folder_is_refused(site, name):
    target = site.templates / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(site.secret / "canary.txt")

    with pytest.raises(RenderError) as caught:
        site.prep(site.dossier("name: Link Out\n"))

    assert "leads outside its folder" in str(caught.value)
    assert str(caught.value).startswith(f"could not render {site.profiles / 'x.yaml'}: template ")
    assert CANARY not in str(caught.value)
    assert not site.out.exists()


@pytest.mark.render
def test_a_template_folder_that_is_itself_a_symlink_still_works(site):
    real = site.root / "shared-templates"
    (real / "prep").mkdir(parents=True)
    (real / "prep" / "buttons.html.j2").write_text(
        '<section data-section="buttons"><h2>Shared</h2></section>'
    )
    site.templates.symlink_to(real)

    result = site.prep(site.dossier("name: Shared Look\nbuttons: [money]\n"))

    assert "SHARED" in inspect_pdf(result.pdf).text.upper()


# --- the fetcher itself ----------------------------------------------------------------------


@pytest.fixture
def fetcher(site) -> SafeFetcher:
    plant_template_files(site)
    (site.templates / "ok.css").write_text("p {}")
    (site.templates / "sub").mkdir()
    (site.templates / "sub" / "ok.css").write_text("p {}")
    (site.templates / "inside-link.css").symlink_to(site.templates / "ok.css")
    os.mkfifo(site.templates / "fifo.css")
    return SafeFetcher([site.templates])


def test_the_fetcher_serves_files_inside_the_folder(site, fetcher):
    base = site.templates.as_uri()
    for name in ("ok.css", "sub/ok.css", "inside-link.css"):
        assert fetcher.fetch(f"{base}/{name}").read() == b"p {}"
    assert fetcher.refused == []


def test_the_fetcher_refuses_everything_else_and_records_it(site, fetcher):
    base = site.templates.as_uri()
    refused = [
        site.url("canary.txt"),
        f"{base}/../secret/canary.txt",
        f"{base}/%2e%2e/secret/canary.txt",
        f"{base}/%2E%2E/secret/canary.txt",
        f"{base}/leak.css",
        f"{base}/zero.png",
        f"{base}/fifo.css",  # would block forever if opened
        f"{base}/missing.css",
        f"{base}/sub",
        f"{base}/ok.css?x=1",
        f"{base}/ok.css%00.png",
        f"file://localhost.evil{site.templates}/ok.css",
        "file:///dev/zero",
        "file:///proc/self/environ",
        "http://127.0.0.1:9/",
        "https://169.254.169.254/latest/meta-data/",
        "ftp://example.com/x",
        "data:text/css,p{}",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "javascript:alert(1)",
        "relative.css",
    ]
    for url in refused:
        with pytest.raises(ValueError, match="briefgen does not fetch"):
            fetcher.fetch(url)
    assert fetcher.refused == refused


def test_the_fetcher_refuses_a_file_past_its_size_limit_without_reading_it(site, fetcher):
    big = site.templates / "huge.woff2"
    with big.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(10 * MAX_ASSET_BYTES)

    with pytest.raises(ValueError, match="briefgen does not fetch"):
        fetcher.fetch(big.as_uri())

    assert fetcher.refused == [big.as_uri()]


def test_a_symlinked_dossier_uses_the_templates_beside_the_link(site, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "profiles").mkdir(parents=True)
    (elsewhere / "templates").mkdir()
    (elsewhere / "profiles" / "real.yaml").write_text("name: Lin Link\n")
    site.templates.mkdir()
    link = site.profiles / "link.yaml"
    link.symlink_to(elsewhere / "profiles" / "real.yaml")

    theme = Theme.for_dossier(link)

    assert theme.dirs[0] == site.templates
    assert elsewhere / "templates" not in theme.dirs
