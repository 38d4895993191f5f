"""The assembled issue as an email: HTML with its CSS inlined into each element, and a plain-text alternative.

The draft is rendered with the parser lint uses (``editorial.document``), its
images put in the email itself (``data:`` addresses: an email's relative paths
lead nowhere), into the ``issue.html.j2`` template, the team's or editorial's;
css-inline then writes the template's style rules into the elements, since most
email clients ignore a ``<style>`` element.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editorial import templates
from editorial.assemble import Assembly
from editorial.errors import EditorialError, error
from editorial.settings import Settings

if TYPE_CHECKING:
    from markdown_it.token import Token

TEMPLATE = "issue.html.j2"
WIDTH = 72  # the plain text's lines, as email clients show them


@dataclass(frozen=True)
class Email:
    html: str
    text: str


def render(settings: Settings, assembly: Assembly, base: Path) -> Email:
    """``assembly`` (assembled as a stream: its links lead from ``base``) as an email."""
    import css_inline

    from editorial import document, highlight, preview

    parsed = document.parse(assembly.text, assembly.issue.path)
    find = preview.image_finder(base / "draft.md", settings.root, _static(settings), inline=True)
    # An image not found here is left as written (an address the site serves it at, say), never a placeholder.
    content = highlight.render(parsed.tokens, (), lambda destination: find(destination) or destination).html
    front = {k: v for k, v in assembly.issue.front.data.items() if k != "editorial"}
    title = front.get("title") or f"{settings.name}: {assembly.issue.slug}"
    date = front.get("date")
    page = templates.render(
        templates.environment(settings),
        TEMPLATE,
        {
            "content": content,
            "title": str(title),
            "date": f"{date.day} {date:%B %Y}" if hasattr(date, "strftime") else (str(date) if date else ""),
            "issue": {**front, "slug": assembly.issue.slug},
            "newsletter": {"name": settings.name, "language": settings.language},
        },
    )
    try:
        inlined = css_inline.inline(page, keep_style_tags=False, load_remote_stylesheets=False)
    except ValueError as exc:  # the template's CSS or HTML that css-inline cannot read
        raise error(TEMPLATE, None, f"cannot inline its CSS: {exc}") from None
    return Email(inlined, plain_text(parsed.tokens))


def _static(settings: Settings) -> Sequence[Path]:
    from editorial.lint import config as lint_config

    try:
        return lint_config.load(settings).static
    except EditorialError:
        return ()


def plain_text(tokens: Sequence[Token]) -> str:
    """The issue as plain text: paragraphs wrapped, links as ``text (address)``, images as their alt text."""
    blocks: list[str] = []
    prefixes: list[str] = []
    items: list[int | None] = []  # per open list: the next number, or None for bullets
    pending_item = ""
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "blockquote_open":
            prefixes.append("> ")
        elif kind == "blockquote_close":
            prefixes.pop()
        elif kind == "bullet_list_open":
            items.append(None)
        elif kind == "ordered_list_open":
            items.append(int(token.attrs.get("start", 1) or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            items.pop()
        elif kind == "list_item_open":
            number = items[-1] if items else None
            pending_item = "- " if number is None else f"{number}. "
            if number is not None:
                items[-1] = number + 1
        elif kind == "hr":
            blocks.append("".join(prefixes) + "-" * 20)
        elif kind in ("fence", "code_block"):
            blocks.append("\n".join("".join(prefixes) + "    " + line for line in token.content.rstrip("\n").split("\n")))
        elif kind == "inline":
            text = _inline_text(token.children or [])
            opener = tokens[index - 1] if index else None
            if opener is not None and opener.type == "heading_open" and opener.tag in ("h1", "h2"):
                text = text.upper()  # plain text has no heading: the issue's parts stand out in capitals
            indent = "".join(prefixes) + " " * (2 * max(0, len(items) - 1))
            first = indent + pending_item
            rest = indent + " " * len(pending_item)
            pending_item = ""
            paragraphs = [
                textwrap.fill(line, WIDTH, initial_indent=first if n == 0 else rest, subsequent_indent=rest, break_long_words=False, break_on_hyphens=False)
                for n, line in enumerate(text.split("\n"))
            ]
            blocks.append("\n".join(paragraphs))
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def _inline_text(children: Sequence[Token]) -> str:
    out: list[str] = []
    links: list[str] = []
    for child in children:
        kind = child.type
        if kind == "text" or kind == "code_inline":
            out.append(child.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "link_open":
            links.append(str(child.attrs.get("href", "")))
        elif kind == "link_close" and links:
            address = links.pop()
            if address and not address.startswith("#"):
                out.append(f" ({address})")
        elif kind == "image":
            alt = "".join(c.content for c in child.children or [])
            out.append(f"[{alt}]" if alt else "[image]")
        elif kind == "html_inline" and child.content.lower().startswith("<br"):
            out.append("\n")
    return "".join(out)
