"""LanguageTool in the lint, against the real server; stand-ins only for a server that fails."""

from __future__ import annotations

import http.server
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from counting_proxy import Counting
from terminal import run_on_a_terminal

from editorial import settings
from editorial.languagetool import cache as results_cache
from editorial.languagetool import install, scheduler
from editorial.lint import languagetool as grammar

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lint" / "languagetool"
ONLY_LT = ("--select", "languagetool", "--format", "line")
# LanguageTool's grammar rules, and its speller on words that are no likely slip, report in the strict profile only.
STRICT = ("--profile", "strict")


@pytest.fixture
def lint(tmp_path: Path, languagetool_url: str) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``editorial lint`` with its own results cache, against ``url`` (default: the real server)."""

    def run(*args: str, cwd: Path = FIXTURES, url: str | None = languagetool_url, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
        env["EDITORIAL_CACHE_DIR"] = str(cache or tmp_path / "cache")
        if url is not None:
            env["EDITORIAL_LANGUAGETOOL_URL"] = url
        return subprocess.run(
            [sys.executable, "-m", "editorial", "lint", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
        )

    return run


def test_grammar_at_exact_positions_and_never_in_code_urls_or_front_matter(lint) -> None:  # type: ignore[no-untyped-def]
    result = lint("grammar.md", *ONLY_LT, *STRICT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "grammar.md:8:15:languagetool.A_NNS:The plural noun “templates” cannot be used with the article “a”."
        " Did you mean “a template” or “templates”?",
        "grammar.md:8:54:languagetool.EN_A_VS_AN:Use “an” instead of ‘a’ if the following word starts with a vowel"
        " sound, e.g. ‘an article’, ‘an hour’.",
    ]
    line = (FIXTURES / "grammar.md").read_text().splitlines()[7]
    assert line[14:25] == "a templates"
    assert line[53:57] == "a ML"  # after an emoji: columns count code points


def test_the_doubled_word_of_the_example_issue(lint, newsletter: Path) -> None:  # type: ignore[no-untyped-def]
    result = lint("issues/2021-01/sections/victor.md", *ONLY_LT, cwd=newsletter)
    assert "issues/2021-01/sections/victor.md:6:886:languagetool.ENGLISH_WORD_REPEAT_RULE:Possible typo: you repeated a word." in result.stdout.splitlines()


def test_contributor_product_and_configured_names_are_accepted(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text("Quarrington wrote about Blorptastic with Zentrafuge.\n")
    unknown = lint("a.md", *ONLY_LT, *STRICT, cwd=tmp_path)
    assert [line.rsplit("(", 1)[1] for line in unknown.stdout.splitlines()] == [
        "'Quarrington')",
        "'Blorptastic')",
        "'Zentrafuge')",
    ]
    (tmp_path / "editorial.yaml").write_text(
        "contributors:\n  zoe:\n    name: Zoë Quarrington\n"
        "styles:\n  names: [Zentrafuge Cloud]\n"  # the names House.Names spells one way: products, organisations
        "languagetool:\n  accept: [Blorptastic]\n"
    )
    accepted = lint("a.md", *ONLY_LT, *STRICT, cwd=tmp_path)
    assert (accepted.returncode, accepted.stdout, accepted.stderr) == (0, "", "")


def test_json_has_replacements_and_severity_by_category(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "editorial.yaml").write_text("languagetool:\n  severity:\n    GRAMMAR: error\n")
    (tmp_path / "a.md").write_text("We ship it as a templates.\n")
    result = lint("a.md", "--format", "json", *STRICT, cwd=tmp_path)
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["line"], finding["column"], finding["end_column"], finding["severity"]) == (1, 15, 26, "error")
    assert finding["replacements"] == ["a template", "templates"]


def test_cache_hits_make_no_request(lint, proxy: Counting, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = proxy.url
    first = lint("grammar.md", *ONLY_LT, *STRICT, url=url)
    # The prose blocks, never code, a URL or the front matter: joined once for the sentence
    # rules, and once as the document for the text rules.
    prose = "Notes 🚀\n\nWe ship it as a templates for the team. 🎉 We trained a ML model last week.\n\nand a link are not prose."
    assert sorted(proxy.asked) == [("allButTextLevelOnly", prose), ("textLevelOnly", prose)]
    proxy.requests.clear()
    second = lint("grammar.md", *ONLY_LT, *STRICT, url=url)
    assert proxy.requests == []
    assert second.stdout == first.stdout != ""
    edited = tmp_path / "edited"
    edited.mkdir()
    (edited / "grammar.md").write_text((FIXTURES / "grammar.md").read_text().replace("last week", "last weak"))
    proxy.asked.clear()
    third = lint("grammar.md", *ONLY_LT, *STRICT, url=url, cwd=edited)
    # Only the edited paragraph for the sentence rules (the others' answers come from the cache).
    assert sorted(proxy.asked) == [
        ("allButTextLevelOnly", "We ship it as a templates for the team. 🎉 We trained a ML model last weak."),
        ("textLevelOnly", prose.replace("last week", "last weak")),
    ]
    assert third.stdout.splitlines()[:2] == first.stdout.splitlines()[:2]
    proxy.asked.clear()
    no_cache = lint("grammar.md", *ONLY_LT, *STRICT, "--no-cache", url=url)
    assert no_cache.stdout == first.stdout
    assert len(proxy.asked) == 2


def test_what_kept_findings_depend_on(lint, proxy: Counting, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The key under which an unchanged file's LanguageTool findings are kept: known without a request, or none."""
    monkeypatch.setenv("EDITORIAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EDITORIAL_LANGUAGETOOL_URL", raising=False)
    (tmp_path / "editorial.yaml").write_text("newsletter:\n  name: Kept\n")
    loaded = settings.load(start=tmp_path)
    assert grammar.results_version(loaded) == ""  # no server: nothing is kept
    assert grammar.results_version(loaded, required=True) == ""
    url = proxy.url
    monkeypatch.setenv("EDITORIAL_LANGUAGETOOL_URL", url)
    assert grammar.results_version(loaded) == ""  # its version not known yet, and not asked for here
    assert proxy.requests == []
    (tmp_path / "a.md").write_text("We ship it as a templates.\n")
    lint("a.md", *ONLY_LT, url=url, cwd=tmp_path, cache=tmp_path / "cache")  # learns the version
    assert grammar.results_version(loaded) == f"{url}\0{install.VERSION}\0{results_cache.SCHEMA_VERSION}"
    assert grammar.results_version(loaded, use_cache=False) == ""
    (tmp_path / "editorial.yaml").write_text("languagetool:\n  enabled: false\n")
    off = settings.load(start=tmp_path)
    assert grammar.results_version(off) == "off"
    assert grammar.results_version(off, required=True) == f"{url}\0{install.VERSION}\0{results_cache.SCHEMA_VERSION}"


def test_a_server_url_with_a_path(lint, languagetool_url: str) -> None:  # type: ignore[no-untyped-def]
    behind = Counting(languagetool_url, prefix="/team-lt")
    threading.Thread(target=behind.serve_forever, daemon=True).start()
    try:
        result = lint("grammar.md", *ONLY_LT, *STRICT, url=behind.url)
    finally:
        behind.shutdown()
    assert (result.returncode, result.stderr) == (0, "")
    assert len(result.stdout.splitlines()) == 2
    assert "POST /v2/check" in behind.requests


def test_two_processes_at_once_share_server_and_cache(lint, tmp_path: Path, languagetool_url: str) -> None:  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
    env |= {"EDITORIAL_CACHE_DIR": str(tmp_path / "shared"), "EDITORIAL_LANGUAGETOOL_URL": languagetool_url}
    command = [sys.executable, "-m", "editorial", "lint", "grammar.md", *ONLY_LT, *STRICT]
    both = [subprocess.Popen(command, cwd=FIXTURES, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in both]
    assert [p.returncode for p in both] == [0, 0]
    assert outputs[0] == outputs[1]
    assert len(outputs[0][0].splitlines()) == 2
    assert (tmp_path / "shared" / "languagetool-results.sqlite").is_file()


class StandIn(http.server.ThreadingHTTPServer):
    """A server that answers like LanguageTool until the check itself, which it fails in ``how``."""

    def __init__(self, how: str) -> None:
        self.how = how
        self.checks: list[str] = []  # a path per check request
        super().__init__(("127.0.0.1", 0), _StandInHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a late answer to a client that gave up: a broken pipe, as expected


class _StandInHandler(http.server.BaseHTTPRequestHandler):
    server: StandIn

    def _answer(self, payload: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        if self.path.startswith("/v2/languages"):
            self._answer(b'[{"name": "English (US)", "code": "en", "longCode": "en-US"}]')
        else:
            self._answer(b'{"software": {"version": "6.8"}, "matches": []}')

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.checks.append(self.path)
        if self.server.how == "malformed":
            self._answer(b"<html>Bad gateway</html>")
        elif self.server.how == "wrong-shape":
            self._answer(b'{"matches": [{"offset": "x"}]}')
        elif self.server.how == "slow":
            time.sleep(3)
            self._answer(b'{"matches": []}')
        else:  # dies mid-request: the connection closes with no answer
            self.connection.close()

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("how", ["malformed", "wrong-shape", "slow", "dies"])
def test_a_failing_server_costs_one_warning_and_nothing_else(lint, tmp_path: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    stand_in = StandIn(how)
    threading.Thread(target=stand_in.serve_forever, daemon=True).start()
    (tmp_path / "editorial.yaml").write_text("languagetool:\n  timeout: 1\n")
    (tmp_path / "a.md").write_text("It is very unique, as a templates.\n")
    url = f"http://127.0.0.1:{stand_in.server_address[1]}"
    try:
        result = lint("a.md", "--format", "line", *STRICT, url=url, cwd=tmp_path)
        required = lint("a.md", "--format", "line", *STRICT, "--require-languagetool", url=url, cwd=tmp_path)
    finally:
        stand_in.shutdown()
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "a.md:1:7:proselint.uncomparables:Comparison of an uncomparable: 'very unique' is not comparable.",
        "a.md:1:7:proselint.weasel_words.very:Substitute 'damn' every time you're inclined to write 'very';"
        " your editor will delete it and the writing will be just as it should be.",
    ]
    (warning,) = result.stderr.splitlines()
    assert warning.startswith(f"warning: languagetool: {url}")
    assert warning.endswith("; grammar checks skipped")
    assert required.returncode == 2
    assert required.stderr.startswith(f"languagetool: {url}")
    assert required.stderr.endswith("(LanguageTool is required)\n")
    assert "Traceback" not in result.stderr + required.stderr


def test_a_failing_server_is_not_asked_about_every_file(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stand_in = StandIn("slow")
    threading.Thread(target=stand_in.serve_forever, daemon=True).start()
    (tmp_path / "editorial.yaml").write_text("languagetool:\n  timeout: 1\n")
    for n in range(1, 21):
        (tmp_path / f"{n}.md").write_text(f"Paragraph {n} of the issue.\n")
    try:
        result = lint(".", "--format", "line", url=f"http://127.0.0.1:{stand_in.server_address[1]}", cwd=tmp_path)
    finally:
        stand_in.shutdown()
    assert (result.returncode, result.stdout, len(result.stderr.splitlines())) == (0, "", 1)
    # One request at a time after a failure, each of one block (which is then given up alone), until
    # that many in a row have failed with no answer between: the server is taken to be gone.
    assert len(stand_in.checks) == scheduler.GIVE_UP


def test_no_server_is_a_warning_unless_required(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text("As a templates.\n")
    result = lint("a.md", "--format", "line", url=None, cwd=tmp_path, cache=tmp_path / "empty-cache")
    assert result.returncode == 0
    assert result.stderr == (
        "warning: languagetool: no LanguageTool server (run 'editorial languagetool start', or set"
        " EDITORIAL_LANGUAGETOOL_URL or languagetool.url in editorial.yaml); grammar checks skipped\n"
    )
    # Nothing was kept of a check that could not run: the next run says so again.
    again = lint("a.md", "--format", "line", url=None, cwd=tmp_path, cache=tmp_path / "empty-cache")
    assert (again.returncode, again.stdout, again.stderr) == (0, result.stdout, result.stderr)
    required = lint("a.md", "--require-languagetool", url=None, cwd=tmp_path, cache=tmp_path / "empty-cache")
    assert required.returncode == 2
    # A mistyped address is a mistake to fix, not a server that is away.
    mistyped = lint("a.md", url="localhost:8081", cwd=tmp_path, cache=tmp_path / "empty-cache")
    assert (mistyped.returncode, mistyped.stdout) == (2, "")
    assert mistyped.stderr == (
        "EDITORIAL_LANGUAGETOOL_URL: 'localhost:8081' is not the http:// or https:// address of a LanguageTool server\n"
    )
    (tmp_path / "editorial.yaml").write_text("languagetool:\n  enabled: false\n")
    off = lint("a.md", url=None, cwd=tmp_path, cache=tmp_path / "empty-cache")
    assert (off.returncode, off.stderr) == (0, "")


def test_our_english_only_server_is_not_asked_about_other_languages(tmp_path: Path, languagetool_url: str) -> None:
    (tmp_path / "editorial.yaml").write_text("newsletter:\n  language: de-DE\n")
    (tmp_path / "a.md").write_text("Das ist ein Test.\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
    result = subprocess.run(
        [sys.executable, "-m", "editorial", "lint", "a.md", "--format", "line"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0
    assert result.stderr == (
        "warning: languagetool: the LanguageTool that editorial installs checks English only, not de-DE"
        " (point languagetool.url at a server that has it); grammar checks skipped\n"
    )


def test_editorial_yaml_chooses_the_language_rules_and_picky_mode(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long = "We wrote " + " ".join(["many small notes 🎉 about the work"] * 12) + " today."
    (tmp_path / "a.md").write_text(f"We like the colour of it.\n\nThey bought apples, pears, and plums.\n\n{long} Then we left.\n")

    def found(config: str) -> list[tuple[int, int, int, int, str, str]]:
        (tmp_path / "editorial.yaml").write_text(config)
        result = lint("a.md", "--format", "json", *STRICT, cwd=tmp_path)  # one cache for all: settings are part of its keys
        assert result.stderr == ""
        return [
            (f["line"], f["column"], f["end_line"], f["end_column"], f["rule"], f["severity"])
            for f in json.loads(result.stdout)["findings"]
            if f["rule"].startswith("languagetool.")
        ]

    assert found("newsletter:\n  language: en-GB\n") == []
    assert found("newsletter:\n  language: en-GB\nlanguagetool:\n  language: en-US\n") == [
        (1, 13, 1, 19, "languagetool.MORFOLOGIK_RULE_EN_US", "warning"),
    ]
    assert found("languagetool:\n  picky: true\n  enabled_rules: [SERIAL_COMMA_OFF]\n  disabled_categories: [TYPOS]\n") == [
        (3, 21, 3, 31, "languagetool.SERIAL_COMMA_OFF", "suggestion"),
        (5, 1, 5, len(long) + 1, "languagetool.TOO_LONG_SENTENCE", "suggestion"),
    ]


def test_list_items_table_cells_and_alt_text_need_no_capital(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text(
        "Our concerns:\n\n"
        "- training costs millions\n"
        "- training needs power\n\n"
        "| kind | cost |\n|---|---|\n| training | high |\n\n"
        "![diagram of the pipeline](pipeline.png)\n\n"
        "training is expensive.\n"
    )
    result = lint("a.md", *ONLY_LT, *STRICT, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "a.md:12:1:languagetool.UPPERCASE_SENTENCE_START:This sentence does not start with an uppercase letter.",
    ]


def test_words_found_by_two_engines_are_one_finding(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text("We wrote alot of notes for the the team.\n")
    result = lint("a.md", "--format", "json", *STRICT, cwd=tmp_path)
    assert result.stderr == ""
    found = [(f["column"], f["end_column"], f["rule"], f["replacements"], f["also"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [
        (10, 14, "proselint.spelling.misc", ["a lot"], ["languagetool.MORFOLOGIK_RULE_EN_US"]),
        (28, 35, "languagetool.ENGLISH_WORD_REPEAT_RULE", ["the"], ["proselint.lexical_illusions"]),
    ]
    # Either engine alone still reports its own.
    alone = lint("a.md", "--format", "line", *STRICT, "--ignore", "languagetool", cwd=tmp_path)
    assert [line.split(":")[3] for line in alone.stdout.splitlines()] == ["proselint.spelling.misc", "proselint.lexical_illusions"]


def test_of_a_sentence_rule_and_a_text_rule_on_the_same_words_the_sentence_rules_is_kept(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # LanguageTool checks runs of spaces with a rule of each kind and, asked for both at once, keeps one.
    (tmp_path / "a.md").write_text("Its a shame,  isn't it?\n")
    result = lint("a.md", *ONLY_LT, *STRICT, cwd=tmp_path)
    assert [line.split(":")[:4] for line in result.stdout.splitlines()] == [
        ["a.md", "1", "1", "languagetool.IT_IS"],
        ["a.md", "1", "13", "languagetool.CONSECUTIVE_SPACES"],
    ]


def test_nothing_inside_an_identifier_or_across_code(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text(
        "We use io_uring today, and is_some_and and more, with a `From` impl and a `Into` trait.\n\n"
        "A real one: we went and and came back, with a apple.\n"
    )
    # "io" and "uring" are one identifier to the reader, as "is_some_and" is one before "and";
    # "a impl" and "a trait" read "a `From` impl" and "a `Into` trait", the code between.
    strict = lint("a.md", *ONLY_LT, *STRICT, cwd=tmp_path)
    assert (strict.returncode, strict.stderr) == (0, "")
    assert strict.stdout.splitlines() == [
        "a.md:1:64:languagetool.MORFOLOGIK_RULE_EN_US:Possible spelling mistake found. ('impl')",
        "a.md:3:21:languagetool.ENGLISH_WORD_REPEAT_RULE:Possible typo: you repeated a word.",
        "a.md:3:45:languagetool.EN_A_VS_AN:Use “an” instead of ‘a’ if the following word starts with a vowel sound,"
        " e.g. ‘an article’, ‘an hour’.",
    ]
    default = lint("a.md", *ONLY_LT, cwd=tmp_path)
    assert default.stdout == "a.md:3:21:languagetool.ENGLISH_WORD_REPEAT_RULE:Possible typo: you repeated a word.\n"


def test_a_lowercase_start_after_html_tags_that_show_nothing_is_reported(lint, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text(
        "<p>we moved the blog in 2014.</p>\n<p>Done. <em>then</em> we left.</p>\n\n`pip` is fine, <code>ls</code> too.\n"
    )
    result = lint("a.md", *ONLY_LT, *STRICT, cwd=tmp_path)
    # The <p> and <em> tags show nothing: the reader sees "we moved…" and "Done. then…". After code, the
    # reader sees the code first.
    assert result.stdout.splitlines() == [
        "a.md:1:4:languagetool.UPPERCASE_SENTENCE_START:This sentence does not start with an uppercase letter.",
        "a.md:2:14:languagetool.UPPERCASE_SENTENCE_START:This sentence does not start with an uppercase letter.",
    ]


def _serving(languagetool_url: str, **behaviour: object) -> Counting:
    server = Counting(languagetool_url, **behaviour)  # type: ignore[arg-type]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_block_the_server_cannot_check_is_named_and_the_rest_reported(lint, tmp_path: Path, languagetool_url: str) -> None:  # type: ignore[no-untyped-def]
    slow = "This block makes the server think for a long time."
    (tmp_path / "editorial.yaml").write_text("languagetool:\n  timeout: 1\n")
    (tmp_path / "a.md").write_text("He go to school.\n")
    (tmp_path / "b.md").write_text(f"We met on Monday.\n\n{slow}\n")
    stalling = _serving(languagetool_url, delay=lambda text: 3 if slow in text else 0)
    try:
        result = lint(".", *ONLY_LT, *STRICT, url=stalling.url, cwd=tmp_path)
        required = lint(".", *ONLY_LT, *STRICT, "--require-languagetool", url=stalling.url, cwd=tmp_path)
    finally:
        stalling.shutdown()
    assert result.returncode == 0
    assert result.stdout == "a.md:1:4:languagetool.HE_VERB_AGR:The pronoun ‘He’ is usually used with a third-person or a past tense verb.\n"
    # Given up alone: for the sentence rules, and b.md for the text rules, which read it whole.
    assert result.stderr == "warning: LanguageTool did not check 1 block in 1 file: b.md (no answer within 1 s)\n"
    assert (required.returncode, required.stdout) == (2, "")
    assert required.stderr == (
        "languagetool: LanguageTool did not check 1 block in 1 file: b.md (no answer within 1 s) (LanguageTool is required)\n"
    )
    # What was checked is kept; b.md was not whole, so it is asked about again: only what was missing.
    healthy = _serving(languagetool_url)
    try:
        again = lint(".", *ONLY_LT, *STRICT, url=healthy.url, cwd=tmp_path)
    finally:
        healthy.shutdown()
    assert (again.returncode, again.stdout, again.stderr) == (0, result.stdout, "")
    assert healthy.asked == [("allButTextLevelOnly", slow), ("textLevelOnly", f"We met on Monday.\n\n{slow}")]


def _archive(folder: Path, files: int) -> None:
    folder.mkdir()
    for n in range(files):
        (folder / f"{n:02}.md").write_text(
            "\n\n".join(f"File {n}, paragraph {p}: the team met and wrote notes about week {n * 10 + p}." for p in range(12)) + "\n"
        )


def _editorial(args: list[str], cwd: Path, cache: Path, url: str, **popen: object) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
    env |= {"EDITORIAL_CACHE_DIR": str(cache), "EDITORIAL_LANGUAGETOOL_URL": url}
    return subprocess.Popen([sys.executable, "-m", "editorial", *args], cwd=cwd, env=env, **popen)  # type: ignore[call-overload]


def test_ctrl_c_stops_at_once_with_what_was_checked_kept_and_the_next_lint_goes_on(tmp_path: Path, languagetool_url: str) -> None:
    _archive(tmp_path / "archive", 40)  # two workers read the files; this process asks
    slowed = _serving(languagetool_url, delay=lambda text: 0.4)
    try:
        running = _editorial(
            ["lint", "archive", "--format", "json"], tmp_path, tmp_path / "cache", slowed.url,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        while len(slowed.answered) < 3:
            time.sleep(0.05)
        os.killpg(running.pid, signal.SIGINT)  # as Ctrl-C does: to the whole process group
        stdout, stderr = running.communicate(timeout=60)
    finally:
        slowed.shutdown()
    assert (running.returncode, stdout) == (130, b"")
    said = re.fullmatch(
        r"interrupted: LanguageTool had checked (\d+) of (\d+) blocks \((\d+) of 40 files( so far)?\);"
        r" what it checked is kept, and the next lint asks only about the rest\n",
        stderr.decode(),
    )
    assert said, stderr
    checked = int(said.group(1))
    assert checked > 0
    healthy = _serving(languagetool_url)
    try:
        rest = _editorial(["lint", "archive", "--format", "json"], tmp_path, tmp_path / "cache", healthy.url, stdout=subprocess.DEVNULL)
        rest.wait(timeout=300)
    finally:
        healthy.shutdown()
    assert rest.returncode == 0
    asked_again = {block for mode, text in healthy.asked if mode == "allButTextLevelOnly" for block in text.split("\n\n")}
    assert 0 < len(asked_again) <= 40 * 12 - checked


def test_progress_on_a_terminal_only_and_never_with_a_machine_format(tmp_path: Path, languagetool_url: str) -> None:
    _archive(tmp_path / "archive", 4)
    slowed = _serving(languagetool_url, delay=lambda text: 0.5)  # long enough for the line to show

    def on_a_terminal(*args: str) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("EDITORIAL_")}
        env |= {"EDITORIAL_CACHE_DIR": str(tmp_path / f"cache-{len(args)}"), "EDITORIAL_LANGUAGETOOL_URL": slowed.url}
        command = [sys.executable, "-m", "editorial", "lint", "archive", *args]
        code, _, shown = run_on_a_terminal(command, tmp_path, env)
        assert code == 0
        return shown

    try:
        text = on_a_terminal()
        json_format = on_a_terminal("--format", "json")
        piped = _editorial(["lint", "archive"], tmp_path, tmp_path / "cache-piped", slowed.url, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _, piped_stderr = piped.communicate(timeout=120)
    finally:
        slowed.shutdown()
    *lines, erased = text.removeprefix("\r").removesuffix("\r").split("\r\r")
    assert lines
    totals = []
    for line in lines:
        shown_line = re.fullmatch(
            r"LanguageTool: (\d) of (\d) files( so far)?, (\d+) of (\d+) blocks(, [\d,]+ words/s)?(, \d+ s left)? *", line
        )
        assert shown_line, line
        files_done, files, so_far, blocks_done, blocks = shown_line.group(1, 2, 3, 4, 5)
        # While files are still being read the totals are those read so far; once all are read, the archive's.
        assert (int(files) <= 4 and int(blocks) <= 48) if so_far else (int(files), int(blocks)) == (4, 48), line
        assert int(files_done) <= int(files) and int(blocks_done) <= int(blocks), line
        totals.append((int(files), int(blocks)))
    assert totals == sorted(totals)
    assert erased == " " * len(lines[-1].rstrip())  # and nothing after it: the line is gone, the terminal clean
    assert (json_format, piped_stderr) == ("", b"")
