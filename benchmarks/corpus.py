"""A corpus of newsletter-sized Markdown files built from the example issue's text.

Each file has front matter, paragraphs and a list taken from the example's
sections (chosen and ordered by a fixed seed, so every run lints the same
text), a fenced code block, inline code and links: what a newsletter section
looks like, at about the size of one.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "2021-01"


def _paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted((EXAMPLE / "sections").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
        paragraphs.extend(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
    return paragraphs


def example_newsletter(folder: Path) -> Path:
    """A newsletter repository in ``folder`` holding the example issue as ``issues/2021-01``."""
    issue = folder / "issues" / "2021-01"
    issue.mkdir(parents=True)
    shutil.copyfile(EXAMPLE / "editorial.yaml", folder / "editorial.yaml")
    shutil.copyfile(EXAMPLE / "issue.md", issue / "issue.md")
    shutil.copytree(EXAMPLE / "sections", issue / "sections")
    return folder


def build_corpus(folder: Path, count: int = 300, seed: int = 2021) -> list[Path]:
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        chosen = rng.sample(paragraphs, k=min(6, len(paragraphs)))
        text = (
            f"---\ntitle: \"Section {index}: what we read\"\nauthor: contributor{index % 12}\n---\n\n"
            + "\n\n".join(chosen[:3])
            + "\n\n```python\nmodel = load('very unique model')  # not prose\nmodel.fit(data)\n```\n\n"
            + f"Run `editorial lint` on it, see [the docs](https://example.com/docs/{index}) "
            "or <https://example.com/autolink>.\n\n"
            + "\n\n".join(chosen[3:])
            + "\n"
        )
        path = folder / f"section-{index:03}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
