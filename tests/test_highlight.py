"""A document rendered with each finding marked around exactly its text."""

from __future__ import annotations

from html.parser import HTMLParser

import fuzz
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from editorial import document, highlight
from editorial.highlight import Mark


def _marks(source: str, *spans: tuple[int, int], severity: str = "warning") -> list[Mark]:
    return [Mark(f"f{index}", start, end, severity, f"tip {index}") for index, (start, end) in enumerate(spans)]


def _render(source: str, *spans: tuple[int, int], **options: object) -> highlight.Rendered:
    parsed = document.parse(source, "s.md", prose_fields=("title",))
    return highlight.render(parsed.tokens, _marks(source, *spans), **options)  # type: ignore[arg-type]


def _first(key: str, tip: str, classes: str = "finding sev-warning") -> str:
    return f'<mark class="{classes}" data-finding="{key}" id="{key}" tabindex="0" aria-describedby="{key}-about" data-tip="{tip}">'


def test_a_finding_in_plain_words_is_one_mark_around_exactly_them() -> None:
    source = "It is a big big dog.\n"
    start = source.index("big big")
    rendered = _render(source, (start, start + 7))
    assert rendered.html == f"<p>It is a {_first('f0', 'tip 0')}big big</mark> dog.</p>\n"
    assert rendered.placed == {"f0"}


def test_a_finding_split_by_markup_is_one_mark_per_piece_never_across_an_element() -> None:
    source = "See the [the paper](http://x) here.\n"
    start, end = source.index("the "), source.index("the paper") + 3
    rendered = _render(source, (start, end))
    assert rendered.html == (
        f'<p>See {_first("f0", "tip 0")}the </mark><a href="http://x">'
        '<mark class="finding sev-warning" data-finding="f0">the</mark> paper</a> here.</p>\n'
    )


def test_a_finding_in_a_links_address_marks_the_link() -> None:
    source = "See the [paper](http://x) here.\n"
    start = source.index("http")
    rendered = _render(source, (start, start + 8))
    assert rendered.html == f'<p>See the {_first("f0", "tip 0")}<a href="http://x">paper</a></mark> here.</p>\n'


def test_overlapping_findings_nest_and_a_point_is_an_empty_mark() -> None:
    source = "A big big dog and `code` too.\n"
    rendered = _render(source, (2, 9), (6, 13), (17, 17))
    assert rendered.html == (
        f"<p>A {_first('f0', 'tip 0')}big </mark>"
        f'<mark class="finding sev-warning" data-finding="f0">{_first("f1", "tip 1")}big</mark></mark>'
        '<mark class="finding sev-warning" data-finding="f1"> dog</mark> and'
        f'{_first("f2", "tip 2", "finding sev-warning point")}</mark> <code>code</code> too.</p>\n'
    )
    assert rendered.placed == {"f0", "f1", "f2"}


def test_code_inside_a_findings_words_is_inside_its_mark() -> None:
    source = "the `x` the end\n"
    rendered = _render(source, (0, 11))
    assert rendered.html == (
        f"<p>{_first('f0', 'tip 0')}the </mark>"
        '<mark class="finding sev-warning" data-finding="f0"><code>x</code></mark>'
        '<mark class="finding sev-warning" data-finding="f0"> the</mark> end</p>\n'
    )


def test_an_escaped_pipe_in_a_table_cell_keeps_its_place() -> None:
    source = "| a \\| b | c |\n|---|---|\n| x | y |\n"
    start = source.index("a \\|")
    rendered = _render(source, (start, start + 5))
    assert f"<th>{_first('f0', 'tip 0')}a | </mark>b</th>" in rendered.html


def test_findings_outside_the_rendered_text_are_not_placed() -> None:
    source = "---\ntitle: T\nslot: nowhere\n---\n\nText <!-- a comment --> here.\n"
    comment = source.index("a comment")
    rendered = _render(source, (source.index("nowhere"), source.index("nowhere") + 7), (comment, comment + 9))
    assert rendered.placed == frozenset()
    assert "<mark" not in rendered.html


def test_the_title_is_rendered_inline_with_its_findings() -> None:
    source = '---\ntitle: "A **very** very title"\n---\n\nBody.\n'
    parsed = document.parse(source, "s.md", prose_fields=("title",))
    start = source.index("very** very") + 6
    rendered = highlight.render(parsed.title_tokens[0].children or [], _marks(source, (start, start + 5)), inline=True)
    assert rendered.html == f"A <strong>very</strong>{_first('f0', 'tip 0')} very</mark> title"


def test_markers_become_their_slot_editorials_comments_go_and_a_missing_image_says_so() -> None:
    source = "Hi\n\n<!-- editorial:sections reading -->\n\n<!-- editorial: note -->\n\n<!--more-->\n\nBye ![a chart](nope.png)\n"
    rendered = _render(source, slot_html=lambda slot: f"<div>{slot}</div>", image_src=lambda destination: None)
    assert rendered.html == (
        "<p>Hi</p>\n<div>reading</div>\n<!--more-->\n"
        '<p>Bye <span class="missing-image" role="img" aria-label="a chart">missing image: nope.png</span></p>\n'
    )


def test_an_image_is_shown_from_where_image_src_says_and_its_finding_marks_it() -> None:
    source = "![](chart.png)\n"
    rendered = _render(source, (0, 14), image_src=lambda destination: f"/file/{destination}")
    assert rendered.html == f'<p>{_first("f0", "tip 0")}<img src="/file/chart.png" alt=""></mark></p>\n'


def test_the_tip_is_escaped() -> None:
    source = "big big\n"
    parsed = document.parse(source, "s.md")
    marks = [Mark("f1", 0, 7, "error", "it's <b>\"bad\"</b>")]
    assert highlight.render(parsed.tokens, marks).html == (
        '<p><mark class="finding sev-error" data-finding="f1" id="f1" tabindex="0" aria-describedby="f1-about"'
        ' data-tip="it&#x27;s &lt;b&gt;&quot;bad&quot;&lt;/b&gt;">big big</mark></p>\n'
    )


def test_an_image_in_a_title_is_marked_by_its_finding() -> None:
    source = '---\ntitle: "![](logo.png) News"\n---\n\nBody.\n'
    parsed = document.parse(source, "s.md", prose_fields=("title",))
    start = source.index("![")
    marks = _marks(source, (start, start + 13))
    rendered = highlight.render(parsed.title_tokens[0].children or [], marks, inline=True)
    assert rendered.html == f'{_first("f0", "tip 0")}<img src="logo.png" alt=""></mark> News'


def test_a_finding_across_a_line_break_holds_the_break() -> None:
    source = "It is big\nbig news.\n"
    start = source.index("big")
    rendered = _render(source, (start, start + 7))
    assert rendered.html == (
        f"<p>It is {_first('f0', 'tip 0')}big</mark>"
        '<mark class="finding sev-warning" data-finding="f0">\n</mark>'
        '<mark class="finding sev-warning" data-finding="f0">big</mark> news.</p>\n'
    )


class _MarkText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag == "mark"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "mark"

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text += data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(fuzz.markdown(), st.data())
def test_any_span_of_prose_is_marked_around_exactly_its_text(source: str, data: st.DataObject) -> None:
    note(repr(source))
    parsed = document.parse(source, "fuzzed.md")
    # Raw HTML is prose for lint but rendered as written: its findings are listed beside the page.
    assume(all(token.type != "html_block" for token in parsed.tokens))
    # Alt text is an attribute, not text on the page; a run is where the prose's characters come
    # from consecutive source characters, so that a span of it is a span of the source.
    runs = [
        (block, start, end)
        for block in parsed.blocks
        if block.kind != "alt"
        for start, end in zip(block.run_starts, [*block.run_starts[1:], len(block.text)])
        if end > start
    ]
    assume(runs)
    block, start, end = data.draw(st.sampled_from(runs))
    first = data.draw(st.integers(start, end - 1))
    last = data.draw(st.integers(first + 1, end))
    source_start, source_end = block.source_span(first, last)

    rendered = highlight.render(parsed.tokens, [Mark("f1", source_start, source_end, "warning", "tip")])

    marked = _MarkText()
    marked.feed(rendered.html)
    assert marked.text == block.text[first:last]
    assert rendered.placed == {"f1"}


def test_code_blocks_render_as_code() -> None:
    # Found by the test above: markdown-it's fence rule reads the options as an object.
    assert _render("```python\nx = 1\n```\n\n    indented\n").html == (
        '<pre><code class="language-python">x = 1\n</code></pre>\n<pre><code>indented\n</code></pre>\n'
    )
