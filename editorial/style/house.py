"""The parts of the default house style that come from ``editorial.yaml``.

``styles.names`` lists the organisation's and its products' names as they
must be written ("Cloudera Fast Forward", "GitHub"): ``House.Names`` reports
any other capitalisation or spacing of them. ``styles.headings`` chooses
sentence case (the default), title case or no heading rule for ``House.Headings``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from editorial.lint.findings import Severity
from editorial.style.rule import RuleSpec, parse, read_config_text

NAMES_RULE = "House.Names"
HEADINGS_RULE = "House.Headings"


def generated_rules(styles: dict[str, Any], folder: Path | None) -> list[RuleSpec]:
    rules = []
    names = [str(n) for n in styles.get("names") or () if str(n).strip()]
    if names:
        rules.append(names_rule(names))
    headings = str(styles.get("headings", "sentence")).strip().lower()
    path = folder / "Headings.yml" if folder is not None else None
    if path is None or not path.is_file() or (headings == "sentence" and not names):
        return rules
    spec = parse(read_config_text(path), path, HEADINGS_RULE)
    if not isinstance(spec, RuleSpec):
        return rules
    options = dict(spec.options)
    # The names are spelled as their owners spell them, in headings too.
    options["exceptions"] = list(options.get("exceptions") or ()) + [re.escape(n) for n in names]
    message, description = spec.message, spec.description
    if headings == "title":
        options.update({"match": "$title", "style": "Chicago"})
        options.pop("indicators", None)
        message = "'%s' should be in title case: '%s'."
        description = "Headings in title case (styles.headings: title)."
    rules.append(
        RuleSpec(
            id=spec.id,
            path=spec.path,
            extends=spec.extends,
            message=message,
            level=spec.level,
            scope=spec.scope,
            description=description,
            link=spec.link,
            options=options,
            lines=spec.lines,
        )
    )
    return rules


def names_rule(names: list[str]) -> RuleSpec:
    swap = {}
    for name in names:
        # Any case, and any spacing or hyphen between the words: "cloudera fast-forward".
        words = [re.escape(w) for w in re.split(r"[\s-]+", name.strip()) if w]
        swap[r"[\s-]*".join(words) if len(words) > 1 else words[0]] = name
    return RuleSpec(
        id=NAMES_RULE,
        path=Path("editorial.yaml"),
        extends="substitution",
        message="Write '%s', not '%s': names are spelled as their owners spell them.",
        level=Severity.error,
        scope=("text",),
        description="Organisation and product names (styles.names in editorial.yaml) spelled exactly.",
        options={"ignorecase": True, "swap": swap, "vocab": False},
    )
