"""``editorial preview``: the page built from a real issue, its real findings in place, bad input in the page."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import html5lib
import pytest
from conftest import Run
from gitrepo import SECTIONS, SLUG, Repo, isolated_git, section  # noqa: F401 (fixtures)

from editorial import preview, settings
from editorial.errors import EditorialError


class _Marks(HTMLParser):
    """The text inside each finding's marks (all its pieces, in order), and the ids in the page."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str | None] = []
        self.text: dict[str, str] = {}
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "mark":
            self.open.append(found.get("data-finding"))
            self.text.setdefault(str(found.get("data-finding")), "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for key in self.open:
            if key is not None:
                self.text[key] += data


def _marks(page: str) -> _Marks:
    parser = _Marks()
    parser.feed(page)
    return parser


@pytest.fixture
def here(newsletter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(newsletter)
    monkeypatch.setenv("EDITORIAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EDITORIAL_LANGUAGETOOL_URL", raising=False)
    return newsletter


def test_every_finding_of_the_example_is_marked_around_exactly_its_text(here: Path) -> None:
    page = preview.render(settings.load(None), "2021-01")

    assert [(f.path, f.line, f.column, f.rule, f.matched, f.in_text) for f in page.findings] == [
        ("issues/2021-01/sections/melanie.md", 8, 544, "House.Shouting", "BILLION", True),
        ("issues/2021-01/sections/melanie.md", 8, 1040, "House.Shouting", "ONE TRILLION", True),
        ("issues/2021-01/sections/melanie.md", 12, 31, "House.Shouting", "MILLIONS", True),
        ("issues/2021-01/sections/victor.md", 6, 886, "proselint.lexical_illusions", "the the", True),
    ]
    marks = _marks(page.html)
    assert marks.text == {f.key: f.matched for f in page.findings}
    # Each finding's first mark and its entry in the side list, linked by id.
    for finding in page.findings:
        assert marks.ids.count(finding.key) == 1
        assert marks.ids.count(f"{finding.key}-about") == 1
        assert f'<a href="#{finding.key}" data-target="{finding.key}">' in page.content
    assert page.problems == (
        preview.Problem(here / "issues/2021-01/sections/chris.md", 14, "image not found: /images/hugo/chicken-or-egg-1611159168.png"),
    )
    assert "missing image: /images/hugo/chicken-or-egg-1611159168.png" in page.html
    # Each section is framed with its contributor, state, words and findings.
    assert (
        '<header class="section-meta" aria-label="about this section"><span class="who">Melanie</span>'
        ' <span class="state">-</span> <span class="words">275 words</span>'
        ' <span class="count">3 findings (3 warnings)</span> <code class="file">issues/2021-01/sections/melanie.md</code></header>'
    ) in page.html
    assert '<p class="note">No contributor states: ' in page.content  # not a git repository


def test_findings_outside_the_rendered_text_are_listed_apart(here: Path) -> None:
    path = here / "issues/2021-01/sections/zz.md"
    path.write_text("---\ntitle: Extra\nslot: reading\n---\n\nA short piece.\n", encoding="utf-8")

    page = preview.render(settings.load(None), "2021-01")

    [apart] = [f for f in page.findings if not f.in_text]
    assert (apart.path, apart.line, apart.rule, apart.in_text) == ("issues/2021-01/sections/zz.md", 3, "frontmatter.unknown-slot", False)
    assert re.search(rf'<li id="{apart.key}" tabindex="0" class="finding-apart sev-error"[^>]*><span class="where">line 3:', page.html)
    assert apart.key not in _marks(page.html).text
    # A section with no place in the frame is still shown, apart from the issue.
    assert '<h2 id="unplaced-title">Not placed in the issue</h2>' in page.html
    assert "A short piece." in page.html


def test_bad_input_is_shown_in_the_page(here: Path) -> None:
    sections = here / "issues/2021-01/sections"
    (sections / "bad.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n\nText.\n")
    (sections / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nStill text, still shown.\n", encoding="utf-8")

    page = preview.render(settings.load(None), "2021-01")

    messages = [str(p) for p in page.problems]
    assert "issues/2021-01/sections/bad.md:2: not UTF-8 text (byte 0xe9 at column 11)" in messages
    assert any(m.startswith("issues/2021-01/sections/broken.md:3: ") and m.endswith("expected ',' or ']'") for m in messages), messages
    assert "Still text, still shown." in page.html
    # The other sections are all there.
    assert page.html.count('<article class="contribution"') == 7


def test_an_issue_that_does_not_exist_is_an_error(here: Path) -> None:
    with pytest.raises(EditorialError) as raised:
        preview.render(settings.load(None), "2099-01")
    assert [str(p) for p in raised.value.problems] == [
        "issues/2099-01/issue.md: no issue '2099-01' (create it with 'editorial new-issue 2099-01')"
    ]


def test_images_are_inlined_for_the_export_and_served_live(here: Path) -> None:
    image = here / "issues/2021-01/sections/dot.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\nfake")
    path = here / "issues/2021-01/sections/andrew.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n![a dot](dot.png)\n", encoding="utf-8")

    exported = preview.render(settings.load(None), "2021-01", inline_assets=True)
    live = preview.render(settings.load(None), "2021-01", live=True)

    assert '<img src="data:image/png;base64,iVBORw0KGgpmYWtl" alt="a dot">' in exported.html
    assert '<img src="/file/issues/2021-01/sections/dot.png" alt="a dot">' in live.html
    assert "<body data-live>" in live.html and "<body>" in exported.html


def test_branches_show_the_work_not_collected_yet(run: Run, editor: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = editor.worktree(f"{SLUG}/melanie", tmp_path / "melanie-checkout")
    checkout.commit({f"{SECTIONS}/melanie.md": section("melanie", "Models", "Language models keep growing growing.")}, "Section", "Melanie", "2021-01-10T10:00:00+01:00")
    monkeypatch.chdir(editor.path)
    monkeypatch.setenv("EDITORIAL_CACHE_DIR", str(tmp_path / "cache"))

    on_disk = preview.render(settings.load(None), SLUG)
    branches = preview.render(settings.load(None), SLUG, branches=True)

    assert "keep growing" not in on_disk.html
    assert '<span class="who">Melanie</span> <span class="state">not started</span>' in on_disk.html
    assert '<span class="who">Melanie</span> <span class="state">to collect</span> <span class="words">5 words</span>' in branches.html
    [finding] = [f for f in branches.findings if f.rule == "proselint.lexical_illusions"]
    assert (finding.path, finding.matched, finding.in_text) == (f"{SECTIONS}/melanie.md", "growing growing", True)
    assert _marks(branches.html).text[finding.key] == "growing growing"


def test_cli_writes_one_self_contained_file(run: Run, newsletter: Path) -> None:
    result = run("preview", "2021-01", "--output", "issue.html", cwd=newsletter)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "wrote issue.html (4 findings, 0 listed apart; 1 problem)\n"
    page = (newsletter / "issue.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(page)
    assert parser.errors == []
    ids = _marks(page).ids
    assert len(ids) == len(set(ids))  # every id once
    assert "<link" not in page and 'src="http' not in page  # CSS in the page; no image to fetch in this issue

    result = run("preview", "2021-01", "--output", "issue.html", "--format", "json", cwd=newsletter)
    report = json.loads(result.stdout)
    assert report["output"] == "issue.html"
    assert [f["rule"] for f in report["findings"]] == ["House.Shouting"] * 3 + ["proselint.lexical_illusions"]
    assert report["problems"] == ["issues/2021-01/sections/chris.md:14: image not found: /images/hugo/chicken-or-egg-1611159168.png"]

    streamed = run("preview", "2021-01", "--output", "-", cwd=newsletter)
    assert (streamed.returncode, streamed.stderr) == (0, "wrote - (4 findings, 0 listed apart; 1 problem)\n")
    assert streamed.stdout == page

    missing = run("preview", "2099-01", "--output", "issue.html", cwd=newsletter)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "issues/2099-01/issue.md: no issue '2099-01' (create it with 'editorial new-issue 2099-01')\n"


def test_languagetool_findings_are_placed_too(here: Path, languagetool_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITORIAL_LANGUAGETOOL_URL", languagetool_url)
    path = here / "issues/2021-01/sections/zz.md"
    path.write_text("---\ntitle: Extra\nauthor: andrew\n---\n\nWe dont know why it broke.\n", encoding="utf-8")

    without = preview.render(settings.load(None), "2021-01")
    page = preview.render(settings.load(None), "2021-01", languagetool=True)

    assert [f.rule for f in without.findings if f.path.endswith("zz.md")] == []
    [finding] = [f for f in page.findings if f.path.endswith("zz.md")]
    assert (finding.rule, finding.line, finding.column, finding.matched) == ("languagetool.EN_CONTRACTION_SPELLING", 6, 4, "dont")
    assert _marks(page.html).text[finding.key] == "dont"
    assert "don&#x27;t" in page.html.split(f'id="{finding.key}"', 1)[1].split(">", 1)[0]  # its replacement, in the tip


def test_an_image_leading_out_of_the_repository_is_never_shown(here: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not yours")
    (here / "issues/2021-01/sections/leak.png").symlink_to(secret)
    path = here / "issues/2021-01/sections/andrew.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n![a leak](leak.png)\n", encoding="utf-8")

    page = preview.render(settings.load(None), "2021-01", inline_assets=True)

    assert "bm90IHlvdXJz" not in page.html  # the secret, base64-encoded
    assert '<span class="missing-image" role="img" aria-label="a leak">missing image: leak.png</span>' in page.html
    assert [str(p) for p in page.problems][:2] == [
        f"issues/2021-01/sections/leak.png: leads out of the issues folder (to {secret}) through a symbolic link; not followed",
        "issues/2021-01/sections/andrew.md:12: image not found: leak.png",
    ]


def test_the_side_list_follows_the_page(here: Path) -> None:
    frame = here / "issues/2021-01/issue.md"
    frame.write_text(frame.read_text(encoding="utf-8").replace("In lieu of", "In in lieu of"), encoding="utf-8")

    page = preview.render(settings.load(None), "2021-01")

    listed = re.findall(r'<a href="#(f\d+)" data-target', page.content)
    in_page = [key for key in re.findall(r'<mark [^>]*id="(f\d+)"', page.html)]
    assert listed == in_page
    assert [f.matched for f in page.findings if f.key == listed[0]] == ["In in"]
