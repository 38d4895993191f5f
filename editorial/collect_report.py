"""What ``editorial collect`` shows: a table per contributor, or the same as JSON."""

from __future__ import annotations

from collections import Counter
from typing import Any

from editorial.collect import MERGE, REMOVE, STATUSES, WRITE, Collection
from editorial.errors import display_path
from editorial.branches import last_commit
from editorial.table import format_table, plural


def describe_base(collection: Collection) -> str:
    commit = collection.base[:12]
    if collection.base_branch is None:
        return f"detached HEAD at {commit} (the merge bases are taken with that commit)"
    return f"{collection.base_branch} ({commit})"


def as_text(collection: Collection) -> str:
    source = f"the branches of the remote '{collection.remote}'" if collection.remote else "local branches"
    lines = [f"collect {collection.slug} from {source} onto {describe_base(collection)}"]
    rows = [
        (d.contributor, d.branch or "-", last_commit(d.ref), len(d.files), d.status)
        for d in collection.deliveries
    ]
    lines.append(format_table(("CONTRIBUTOR", "BRANCH", "LAST COMMIT", "FILES", "STATUS"), rows))
    for delivery in collection.deliveries:
        lines.extend(f"{delivery.status}: {problem}" for problem in delivery.problems)
    lines.extend(f"ignored branch: {ignored}" for ignored in collection.ignored)
    keep = "would keep" if collection.dry_run else "kept"
    lines.extend(
        f"{keep} your version of {display_path(f.path)} as {display_path(f.kept)}"
        for f in collection.files(WRITE, REMOVE)
        if f.kept is not None
    )
    merged = "would merge" if collection.dry_run else "merged"
    lines.extend(
        f"{merged} your edits to {display_path(f.path)} with the branch's"
        + (f" ({plural(f.conflicts, 'conflict')} marked)" if f.conflicts else "")
        for f in collection.files(MERGE)
    )
    lines.append(_summary(collection))
    return "\n".join(lines)


def _summary(collection: Collection) -> str:
    counts = Counter(d.status for d in collection.deliveries)
    statuses = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
    written = len(collection.files(WRITE, MERGE))
    removed = len(collection.files(REMOVE))
    merged = len(collection.files(MERGE))
    kept = sum(1 for f in collection.files(WRITE, REMOVE) if f.kept is not None)
    did = [f"{'would write' if collection.dry_run else 'wrote'} {plural(written, 'file')}"]
    if merged:
        did.append(f"{'would merge' if collection.dry_run else 'merged'} {merged}")
    if removed:
        did.append(f"{'would remove' if collection.dry_run else 'removed'} {removed}")
    if kept:
        did.append(f"{'would keep' if collection.dry_run else 'kept'} {kept} of yours")
    tail = " (dry run: nothing written)" if collection.dry_run else ""
    if collection.ignored:
        ignored = plural(len(collection.ignored), "ignored branch", "ignored branches")
        statuses = f"{statuses}, {ignored}" if statuses else ignored
    summary = f"{', '.join(did)}{tail}; {statuses or 'no contributors'}"
    if collection.held:
        # A branch taken whole or not at all: say plainly which were not taken, and why.
        named = [f"{d.branch} ({d.status})" for d in collection.held]
        held = ", ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3 else "")
        summary += f"; nothing taken from {plural(len(named), 'branch', 'branches')}: {held}"
    return summary


def as_json(collection: Collection) -> dict[str, Any]:
    return {
        "issue": collection.slug,
        "base": {"commit": collection.base, "branch": collection.base_branch},
        "remote": collection.remote,
        "fetched": collection.fetched,
        "dry_run": collection.dry_run,
        "force": collection.force,
        "merge": collection.merge,
        "manifest": display_path(collection.manifest),
        "contributors": [
            {
                "contributor": d.contributor,
                "assigned": d.assigned,
                "status": d.status,
                "branch": d.branch,
                "commit": d.ref.commit if d.ref else None,
                "last_commit": {"date": d.ref.date, "author": d.ref.author} if d.ref else None,
                "collected_before": d.collected_before,
                "files": [
                    {
                        "path": display_path(f.path),
                        "action": f.action,
                        "blob": f.blob,
                        "kept": display_path(f.kept) if f.kept else None,
                        "conflicts": f.conflicts,
                    }
                    for f in d.files
                ],
                "problems": [str(p) for p in d.problems],
            }
            for d in collection.deliveries
        ],
        "ignored_branches": [{"branch": i.branch, "reason": i.reason} for i in collection.ignored],
        "counts": {status: sum(1 for d in collection.deliveries if d.status == status) for status in STATUSES},
        "exit_code": collection.exit_code,
    }
