"""``editorial assemble --format html``: the email, checked by an HTML5 parser and rendered in Chromium."""

from __future__ import annotations

from pathlib import Path

import html5lib
from browser import browser, page  # noqa: F401 (fixtures)
from conftest import Run

from editorial import document, mail


def _parse_errors(text: str) -> list[tuple[object, ...]]:
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(text)
    return list(parser.errors)


def test_the_example_as_an_email_is_valid_html_with_its_css_inlined(run: Run, newsletter: Path) -> None:
    result = run("assemble", "2021-01", "--format", "html", cwd=newsletter)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "wrote build/2021-01.html and build/2021-01.txt (5 sections, 997 words)\n"
    email = (newsletter / "build/2021-01.html").read_text(encoding="utf-8")
    assert _parse_errors(email) == []
    assert email.startswith('<!DOCTYPE html><html lang="en-US"><head>')
    assert "<style" not in email and "<link" not in email and "<script" not in email
    assert '<p style="margin: 0 0 16px;">Welcome to the January edition of Cloudera Fast Forward\'s monthly newsletter.</p>' in email
    assert email.count("<h3 style=") == 5
    # The draft's Markdown never shows through.
    assert "**" not in email and "](" not in email


def test_the_email_renders_in_chromium_without_a_single_request(run: Run, newsletter: Path, page) -> None:  # noqa: F811
    assert run("assemble", "2021-01", "--format", "html", cwd=newsletter).returncode == 0
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    page.set_content((newsletter / "build/2021-01.html").read_text(encoding="utf-8"), wait_until="load")

    assert page.title() == "Cloudera Fast Forward: 2021-01"
    assert page.locator("h3").all_inner_texts()[0] == "The prevalence of MLOps"
    assert requests == []


def test_the_plain_text_alternative_reads_as_text(run: Run, newsletter: Path) -> None:
    assert run("assemble", "2021-01", "--format", "html", cwd=newsletter).returncode == 0

    text = (newsletter / "build/2021-01.txt").read_text(encoding="utf-8")

    assert text.startswith(
        "Welcome to the January edition of Cloudera Fast Forward's monthly\nnewsletter.\n\n"
        "--------------------\n\n"
        "TOP ML RESEARCH DEVELOPMENTS OF 2020\n\n"
    )
    assert "The prevalence of MLOps\n\nAndrew (https://www.linkedin.com/in/andrew-r-reed/)\n\n" in text
    assert text.endswith("That's all from us this month. Thanks for reading!\n")
    # A line is longer only where one word (an address) is.
    assert all(len(line) <= mail.WIDTH or " " not in line.strip() for line in text.split("\n"))


def test_plain_text_of_lists_quotes_links_and_images() -> None:
    source = "# Big news\n\n> Quoted *words*.\n\n- one [link](https://x.org)\n- two\n\n3. three\n4. four ![a chart](c.png)\n"
    assert mail.plain_text(document.parse(source, "x.md").tokens) == (
        "BIG NEWS\n\n> Quoted words.\n\n- one link (https://x.org)\n\n- two\n\n3. three\n\n4. four [a chart]\n"
    )


def test_local_images_are_put_in_the_email(run: Run, newsletter: Path) -> None:
    sections = newsletter / "issues/2021-01/sections"
    (sections / "dot.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    path = sections / "andrew.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n![a dot](dot.png)\n", encoding="utf-8")

    assert run("assemble", "2021-01", "--format", "html", cwd=newsletter).returncode == 0

    email = (newsletter / "build/2021-01.html").read_text(encoding="utf-8")
    assert 'src="data:image/png;base64,iVBORw0KGgpmYWtl" alt="a dot"' in email


def test_the_team_template_wins_and_its_errors_name_its_line(run: Run, newsletter: Path) -> None:
    templates = newsletter / "templates"
    templates.mkdir()
    (templates / "issue.html.j2").write_text(
        "<!DOCTYPE html>\n<html><head><title>{{ title }}</title><style>p { color: #222222; }</style></head>"
        "<body><h1>Ours</h1>{{ content }}</body></html>\n",
        encoding="utf-8",
    )
    assert run("assemble", "2021-01", "--format", "html", cwd=newsletter).returncode == 0
    email = (newsletter / "build/2021-01.html").read_text(encoding="utf-8")
    assert "<h1>Ours</h1>" in email and '<p style="color: #222222;">Welcome' in email

    (templates / "issue.html.j2").write_text("<html>\n{{ nothing.here }}\n</html>\n", encoding="utf-8")
    result = run("assemble", "2021-01", "--format", "html", cwd=newsletter)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "templates/issue.html.j2:2: template error: 'nothing' is undefined\n"


def test_check_and_standard_output_are_refused_with_html(run: Run, newsletter: Path) -> None:
    result = run("assemble", "2021-01", "--format", "html", "--check", cwd=newsletter)
    assert (result.returncode, result.stderr) == (2, "--check: compares the Markdown draft with the one on disk: not with --format html\n")
    result = run("assemble", "2021-01", "--format", "html", "--output", "-", cwd=newsletter)
    assert result.returncode == 2
    assert result.stderr == "--output -: --format html writes two files (the HTML and its plain text): name the HTML file\n"
