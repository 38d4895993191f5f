"""The site's generator configuration (Hugo, Pelican): static folders, pages, {filename} links, the typographer."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Run

from editorial import site

LINT = ("lint", "--no-languagetool", "--format", "line")
TYPOGRAPHY = "It was \"great\"... really.\n"
QUOTES = "a.md:1:8:proselint.typography.symbols.curly_quotes:Use curly quotes “”, not straight quotes \"\"."
ELLIPSIS = "a.md:1:15:proselint.typography.symbols.ellipsis:'...' is an approximation, use the ellipsis symbol '…'."


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize(
    ("name", "text", "content", "static", "typographer"),
    [
        ("hugo.toml", 'title = "News"\n', ["content"], ["static"], True),
        ("hugo.toml", 'staticDir = ["static", "assets"]\ncontentDir = "posts"\n', ["posts"], ["static", "assets"], True),
        ("hugo.toml", "[markup.goldmark.extensions]\ntypographer = false\n", ["content"], ["static"], False),
        ("hugo.toml", "[markup.goldmark.extensions.typographer]\ndisable = true\n", ["content"], ["static"], False),
        ("hugo.toml", "[markup.goldmark.extensions.typographer]\ndisable = false\n", ["content"], ["static"], True),
        ("hugo.yaml", "staticDir: public\nmarkup:\n  goldmark:\n    extensions:\n      typographer: false\n", ["content"], ["public"], False),
        ("config.yml", "title: News\n", ["content"], ["static"], True),
        ("hugo.json", '{"staticDir": ["a", "b"], "markup": {"goldmark": {"extensions": {"typographer": {"disable": true}}}}}',
         ["content"], ["a", "b"], False),
        ("config.json", "{}", ["content"], ["static"], True),
        ("pelicanconf.py", 'PATH = "posts"\nTYPOGRIFY = True\n', ["posts"], ["posts"], True),
        ("pelicanconf.py", "TYPOGRIFY = False\n", ["content"], ["content"], False),
        ("pelicanconf.py", 'MARKDOWN = {"extension_configs": {"markdown.extensions.smarty": {}}}\n', ["content"], ["content"], True),
    ],
)
def test_what_a_configuration_says_of_the_site(
    tmp_path: Path, name: str, text: str, content: list[str], static: list[str], typographer: bool
) -> None:
    write(tmp_path, {name: text})
    generator = "pelican" if name == site.PELICAN_CONFIG else "hugo"
    assert site.find(tmp_path) == site.Site(
        generator, tmp_path / name, tuple(tmp_path / c for c in content), tuple(tmp_path / s for s in static), typographer
    )


def test_no_configuration_no_site(tmp_path: Path) -> None:
    write(tmp_path, {"config.ini": "[site]\n", "conf.py": "PATH = 'x'\n"})
    assert site.find(tmp_path) == site.Site()


def test_a_pelican_configuration_is_read_as_data_never_run(run: Run, tmp_path: Path) -> None:
    ran = tmp_path / "ran"
    write(tmp_path, {
        "pelicanconf.py": (
            "import os\n"
            f"open({str(ran)!r}, 'w').write('it ran')\n"
            "PATH = os.path.join('content', 'posts')  # computed: left alone\n"
            "TYPOGRIFY = True\n"
            "TYPOGRIFY_IGNORE_TAGS = [x for x in 'pre']\n"
        ),
        "a.md": TYPOGRAPHY,
    })
    assert site.find(tmp_path) == site.Site(
        "pelican", tmp_path / "pelicanconf.py", (tmp_path / "content",), (tmp_path / "content",), True
    )
    result = run(*LINT, "--profile", "strict", "a.md")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not ran.exists()


@pytest.mark.parametrize(
    ("name", "text", "reported"),
    [
        (None, "", True),  # no site: nothing curls the quotes
        ("hugo.toml", 'title = "News"\n', False),  # goldmark's typographer is on by default
        ("hugo.toml", "[markup.goldmark.extensions]\ntypographer = false\n", True),
        ("hugo.toml", "[markup.goldmark.extensions.typographer]\ndisable = true\n", True),  # Hugo 0.112 on
        ("hugo.yaml", "markup:\n  goldmark:\n    extensions:\n      typographer: false\n", True),
        ("hugo.json", '{"markup": {"goldmark": {"extensions": {"typographer": {"disable": false}}}}}', False),
        ("pelicanconf.py", "TYPOGRIFY = True\n", False),
        ("pelicanconf.py", "TYPOGRIFY = False\n", True),
    ],
)
def test_typography_the_renderer_fixes_is_not_reported(
    run: Run, tmp_path: Path, name: str | None, text: str, reported: bool
) -> None:
    write(tmp_path, {"a.md": TYPOGRAPHY, **({name: text} if name else {})})
    result = run(*LINT, "--profile", "strict", "a.md")
    assert (result.returncode, result.stdout.splitlines(), result.stderr) == (0, [QUOTES, ELLIPSIS] if reported else [], "")


def hugo_site(root: Path) -> Path:
    return write(root, {
        "hugo.toml": 'baseURL = "https://news.example.org/"\nstaticDir = ["static", "assets"]\n',
        "static/img/a.png": "png",
        "assets/img/b.png": "png",
        "content/posts/our-july-issue.md": "---\ntitle: July\n---\n\nHello.\n",
        "content/posts/august.md": "---\ntitle: August\nslug: our-august-issue\n---\n\nHello.\n",
        "content/about.html": "<p>About.</p>\n",
        "content/posts/new.md": (
            "---\ntitle: New\n---\n\n"
            "Images: ![a](/img/a.png), ![b](/img/b.png), ![c](/img/c.png), ![d](//cdn.example.com/d.png).\n\n"
            "Pages: [July](/2022/07/11/our-july-issue.html), [again](/posts/our-july-issue/),"
            " [August](/2022/08/our-august-issue/index.html), [about](/about/), [gone](/posts/gone/).\n"
        ),
    })


def test_hugo_static_folders_pages_and_protocol_relative_addresses(run: Run, tmp_path: Path) -> None:
    hugo_site(tmp_path)
    result = run(*LINT, "--select", "markdown", "content/posts/new.md")
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        "content/posts/new.md:5:50:markdown.broken-local-link:'/img/c.png' is not in the static folder (static/, assets/)",
        "content/posts/new.md:7:155:markdown.broken-local-link:'/posts/gone/' is neither in the static folder (static/, assets/) nor a page of the site",
    ]
    # lint.static wins over the site's static folders.
    write(tmp_path, {"editorial.yaml": "lint:\n  static: [assets]\n"})
    chosen = run(*LINT, "--select", "markdown", "content/posts/new.md")
    assert chosen.stdout.splitlines()[:2] == [
        "content/posts/new.md:5:14:markdown.broken-local-link:'/img/a.png' is not in the static folder (assets/)",
        "content/posts/new.md:5:50:markdown.broken-local-link:'/img/c.png' is not in the static folder (assets/)",
    ]


def test_a_page_added_or_removed_is_seen_by_an_unchanged_file(run: Run, tmp_path: Path) -> None:
    hugo_site(tmp_path)
    gone = "content/posts/new.md:7:155:markdown.broken-local-link:'/posts/gone/' is neither in the static folder (static/, assets/) nor a page of the site\n"
    select = ("--select", "markdown.broken-local-link")
    assert gone in run(*LINT, *select, "content/posts/new.md").stdout
    write(tmp_path, {"content/posts/gone.md": "---\ntitle: Back\n---\n\nBack.\n"})
    assert gone not in run(*LINT, *select, "content/posts/new.md").stdout
    (tmp_path / "content/posts/gone.md").unlink()
    assert gone in run(*LINT, *select, "content/posts/new.md").stdout


def test_pelican_content_folder_filename_links_and_metadata_header(run: Run, tmp_path: Path) -> None:
    write(tmp_path, {
        "pelicanconf.py": 'AUTHOR = "Editors"\nPATH = "posts"\nSTATIC_PATHS = ["images"]\n',
        "posts/images/logo.png": "png",
        "posts/2023/other.md": "Title: Other\nDate: 2023-05-01\n\nOther.\n",
        "posts/2023/new.md": (
            "Title: New: \"the\" the issue\nDate: 2023-06-01\nSlug: this-week-500\n\n"
            "See [other]({filename}/2023/other.md), [missing]({filename}/2023/missing.md),"
            " ![logo]({static}/images/logo.png), ![gone]({static}/images/gone.png),"
            " ![abs](/images/logo.png), ![absent](/images/nope.png), [page](/blog/2023/05/other.html).\n"
        ),
    })
    result = run(*LINT, "posts")
    assert (result.returncode, result.stderr) == (1, "")
    # The header is front matter: "the the" in its title is no prose.
    assert result.stdout.splitlines() == [
        "posts/2023/new.md:5:50:markdown.broken-local-link:'{filename}/2023/missing.md' is not in the content folder (posts/)",
        "posts/2023/new.md:5:122:markdown.broken-local-link:'{static}/images/gone.png' is not in the content folder (posts/)",
        "posts/2023/new.md:5:185:markdown.broken-local-link:'/images/nope.png' is not in the static folder (posts/)",
    ]


def test_a_pelican_filename_link_without_a_slash_is_relative_to_its_file(run: Run, tmp_path: Path) -> None:
    write(tmp_path, {
        "pelicanconf.py": 'PATH = "posts"\n',
        "posts/2023/other.md": "Title: Other\n\nOther.\n",
        "posts/2023/rel.md": "Title: Rel\n\nSee [other]({filename}other.md) and [up]({filename}../2023/other.md).\n",
    })
    result = run(*LINT, "posts/2023/rel.md")
    assert (result.returncode, result.stdout) == (0, "")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("hugo.toml", 'title = "x"\nstaticDir = [\n', "hugo.toml:2: invalid TOML: Invalid value (at end of document)"),
        ("hugo.toml", 'title = "x"\nbad line\n', "hugo.toml:2: invalid TOML: Expected '=' after a key in a key/value pair (at line 2, column 5)"),
        ("hugo.json", '{\n  "title": "x",\n  "staticDir": [\n}\n', "hugo.json:4: invalid JSON: Expecting value"),
        ("hugo.yaml", "title: x\nstaticDir: [a\n", "hugo.yaml:3: invalid YAML: did not find expected ',' or ']'"),
        ("config.yaml", "- a\n- b\n", "config.yaml:1: a Hugo configuration is a mapping of settings"),
        ("pelicanconf.py", 'PATH = "content"\nTYPOGRIFY = (\n', "pelicanconf.py:2: invalid Python: '(' was never closed"),
        ("pelicanconf.py", "PATH = 'content'\n\tTYPOGRIFY = True\n", "pelicanconf.py:2: invalid Python: unexpected indent"),
    ],
)
def test_a_configuration_that_does_not_parse_is_an_error_at_its_line(
    run: Run, tmp_path: Path, name: str, text: str, message: str
) -> None:
    write(tmp_path, {name: text, "a.md": "Hello.\n"})
    result = run(*LINT, "a.md")
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")


def test_a_configuration_that_is_not_utf8_is_an_error(run: Run, tmp_path: Path) -> None:
    (tmp_path / "pelicanconf.py").write_bytes(b"AUTHOR = 'Zo\xeb'\n")
    (tmp_path / "a.md").write_text("Hello.\n")
    result = run(*LINT, "a.md")
    assert (result.returncode, result.stderr) == (2, "pelicanconf.py:1: not UTF-8 text (byte 0xeb at column 13)\n")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("hugo.toml", "[markup]\ngoldmark = 3\n"),
        ("hugo.yaml", "markup: plain\n"),
        ("pelicanconf.py", "MARKDOWN = 3\n"),
    ],
)
def test_a_setting_of_the_wrong_type_is_an_error_at_its_file(run: Run, tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path, {name: text, "a.md": "Hello.\n"})
    result = run(*LINT, "a.md")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{name}:")
