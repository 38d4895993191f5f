"""Raw HTML's prose, read through the document as lint reads it: the shapes of real blog exports."""

from __future__ import annotations

from test_document import assert_exact, at, prose

from editorial.document import Heading, Position, parse

TUMBLR = (
    "<p>We moved the blog from Tumblr in 2014. It&rsquo;s been a long road &amp; the the move took a week.</p>\n"
    "<p>Thanks to everyone&#8217;s patience &ndash; and to\n"
    "    <em>all</em> of you.</p>\n"
)


def test_a_tumblr_post_is_prose_with_its_entities_decoded_where_they_are_written() -> None:
    document = parse(TUMBLR, "post.md")
    assert prose(document) == [
        ("paragraph", ("paragraph",), "We moved the blog from Tumblr in 2014. It’s been a long road & the the move took a week."),
        ("paragraph", ("paragraph",), "Thanks to everyone’s patience – and to\nall of you."),
    ]
    assert_exact(document)
    first, second = document.blocks
    assert at(document, 0, "We") == Position(1, 4)
    # An entity is one character of the prose, at its '&'; what follows it stands where it is written.
    assert at(document, 0, "’") == Position(1, 45)
    assert at(document, 0, "s been") == Position(1, 52)
    assert at(document, 0, "&") == Position(1, 71)
    assert at(document, 0, "the the") == Position(1, 77)
    assert at(document, 1, "–") == Position(2, 40)
    # The line break is one, where it is; the next line's indent and the tags are not prose.
    assert first.text.count("  ") == second.text.count("  ") == 0
    assert document.position(second.source_offset(second.text.index("\n"))) == Position(2, 54)
    assert at(document, 1, "all") == Position(3, 9)
    assert at(document, 1, "of you") == Position(3, 18)
    assert second.gaps == ()  # <em> shows nothing but its text


def test_a_ghost_figure_its_alt_text_title_and_caption() -> None:
    source = (
        'Intro.\n\n<figure class="kg-card kg-image-card"><img src="/content/images/cat.jpg" class="kg-image"'
        ' alt="Our cat on the &quot;sofa&quot;" title=\'A title\'><figcaption>The office cat &mdash; '
        '<a href="https://example.com/cat">her page</a>.</figcaption></figure>\n'
    )
    document = parse(source, "post.md")
    assert prose(document) == [
        ("paragraph", ("paragraph",), "Intro."),
        ("alt", ("figure", "alt"), 'Our cat on the "sofa"'),
        ("title", ("figure", "title"), "A title"),
        ("paragraph", ("figure", "figcaption", "paragraph"), "The office cat — her page."),
    ]
    assert_exact(document)
    assert at(document, 1, "Our") == Position(3, 96)
    assert at(document, 1, "sofa") == Position(3, 117)
    assert at(document, 2, "A title") == Position(3, 136)
    assert at(document, 3, "her page") == Position(3, 214)
    assert document.links == ()  # a link in HTML is no Markdown link: its URL is not checked as one


def test_a_wordpress_heading_is_a_heading_and_lists_and_quotes_are_containers() -> None:
    source = (
        "# Archive\n\n<h2 id=\"learned\">What we <strong>learned</strong></h2>\n"
        "<ul>\n<li>First &amp; foremost</li>\n<li><p>Second</p></li>\n</ul>\n"
        "<blockquote><p>Quoted text</p></blockquote>\n<table><caption>Plan</caption><tr><th>Head</th><td>Cell</td></tr></table>\n"
    )
    document = parse(source, "post.md")
    assert prose(document) == [
        ("heading", ("heading", "heading.h1"), "Archive"),
        ("heading", ("heading", "heading.h2"), "What we learned"),
        ("paragraph", ("list", "paragraph"), "First & foremost"),
        ("paragraph", ("list", "paragraph"), "Second"),
        ("paragraph", ("blockquote", "paragraph"), "Quoted text"),
        ("paragraph", ("caption", "paragraph"), "Plan"),
        ("table.header", ("table", "table.header"), "Head"),
        ("table.cell", ("table", "table.cell"), "Cell"),
    ]
    assert document.headings == (Heading(1, "Archive", 1), Heading(2, "What we learned", 3))
    assert at(document, 1, "learned") == Position(3, 34)
    assert_exact(document)


def test_code_scripts_styles_and_attributes_are_not_prose() -> None:
    source = (
        '<p class="intro" data-note="not prose">Run <code>ghost export</code> then <kbd>Enter</kbd>.</p>\n'
        "<pre>\nfn main() {}\n</pre>\n"
        "<script>var the = 'the the';</script><style>p { color: red }</style>\n"
        "<p>After <a href=\"https://example.com\" title=\"Example site\">it</a>.</p>\n"
    )
    document = parse(source, "post.md")
    assert prose(document) == [
        ("paragraph", ("paragraph",), "Run then."),
        ("paragraph", ("paragraph",), "After it."),
        ("title", ("title",), "Example site"),
    ]
    # The code shows between the words around it: no doubled word or typo is read across it.
    assert document.blocks[0].gaps == (3, 8)
    assert at(document, 1, "it") == Position(6, 61)
    assert at(document, 2, "Example") == Position(6, 47)
    assert_exact(document)


def test_html_in_a_quote_and_with_crlf_keeps_its_positions() -> None:
    source = "> <p>Quoted\r\n> <em>html</em> here</p>\r\n\r\n- <div>In a\r\n  list item</div>\r\n"
    document = parse(source, "post.md")
    assert prose(document) == [
        ("paragraph", ("blockquote", "paragraph"), "Quoted\nhtml here"),
        ("paragraph", ("list", "paragraph"), "In a\nlist item"),
    ]
    assert at(document, 0, "html") == Position(2, 7)
    assert at(document, 1, "list") == Position(5, 3)
    assert_exact(document)


def test_inline_html_in_markdown_code_is_left_out_and_alt_and_title_are_prose() -> None:
    source = 'Use <code>git log</code> and <img src="a.png" alt="the diagram"> or <abbr title="HyperText">HTML</abbr> now.\n'
    document = parse(source, "post.md")
    assert prose(document) == [
        ("paragraph", ("paragraph",), "Use and or HTML now."),
        ("alt", ("alt",), "the diagram"),
        ("title", ("title",), "HyperText"),
    ]
    assert document.blocks[0].gaps == (3, 7)
    assert at(document, 1, "diagram") == Position(1, 56)
    assert at(document, 2, "HyperText") == Position(1, 82)
    assert_exact(document)


def test_unclosed_elements_end_with_the_block() -> None:
    document = parse("<h3>Never closed\n\n<p>Nor this <code>code\n\nAfter.\n", "post.md")
    assert prose(document) == [
        ("heading", ("heading", "heading.h3"), "Never closed"),
        ("paragraph", ("paragraph",), "Nor this"),
        ("paragraph", ("paragraph",), "After."),
    ]
    assert document.headings == (Heading(3, "Never closed", 1),)


def test_a_comment_or_tag_left_open_runs_to_the_end_and_shows_nothing() -> None:
    # As browsers read it; the preview renders it so (found by its property test: "<!--" was read as text).
    assert prose(parse("<!--", "a.md")) == []
    assert prose(parse("<p>x</p>\n<!-- a note\nnever closed", "a.md")) == [("paragraph", ("paragraph",), "x")]
    assert prose(parse("<p>Text <b", "a.md")) == [("paragraph", ("paragraph",), "Text")]
    assert prose(parse("<div>\na < b\n</div>", "a.md")) == [("paragraph", ("paragraph",), "a < b")]
