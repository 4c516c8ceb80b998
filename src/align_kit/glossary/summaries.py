"""What the glossary commands print: validate and stats (check: qa/cli_check.py)."""

from __future__ import annotations

from align_kit.model import Glossary


def validate_json(glossary: Glossary) -> dict:
    return {"entries": len(glossary.entries), "notices": [
        {"code": n.code, "level": n.level, "line": n.line, "message": n.message}
        for n in glossary.notices]}


def validate_lines(glossary: Glossary, file: str) -> list[str]:
    return [*(str(n) for n in glossary.notices),
            f"{file}: {len(glossary.entries)} entries, {len(glossary.notices)} notices"]


def stats_lines(stats: dict) -> list[str]:
    lines = [f"entries: {stats['entries']}  multi-word terms: {stats['multi_word_terms']}  "
             f"notices: {stats['notices']}"]
    for lang in sorted(stats["languages"]):
        lines.append(f"  {lang}: {stats['languages'][lang]} entries, "
                     f"{stats['approved_terms'].get(lang, 0)} approved, "
                     f"{stats['forbidden_terms'].get(lang, 0)} forbidden")
    return lines
