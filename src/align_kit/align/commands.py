"""What `align-kit align` does, as library functions (the CLI only declares options).

`align_files` aligns 2 or 3 files (line files, or articles with `split`);
`align_pair_list` aligns a TSV list of pairs in one process. Notices (a U+2028 kept in a
line, a verdict that the files are not translations, a renamed output) are returned, never
printed: the caller says them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from align_kit.align.dp import DEFAULT_MAX_BEAD
from align_kit.errors import AlignKitError, InputError
from align_kit.model import Alignment, Bead, Notice

EXTENSIONS = {"beads": "beads", "tsv": "tsv", "jsonl": "align.jsonl"}


@dataclass
class Aligned:
    """An alignment, its text in the requested format, and what to tell the user."""

    alignment: Alignment
    text: str
    notices: list[Notice] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return self.alignment.id or "alignment"


def read_line_file(path: str, max_file_mb: float | None, notices: list[Notice]) -> list[str]:
    from align_kit.align.files import read_lines

    return read_lines(path, max_file_mb=max_file_mb, notices=notices)


def read_texts(paths: Sequence[str], langs: Sequence[str | None], split: bool,
               max_file_mb: float | None, notices: list[Notice]
               ) -> tuple[list[list[str]], list[str]]:
    """Each file's segments and language (given, else from the name or the letters)."""
    from align_kit.align.files import guess_language

    langs = list(langs) + [None] * (len(paths) - len(langs))
    if split:
        # Articles go through ingest (encodings, HTML, Word, bad-input errors), then segment.
        from align_kit.ingest import read_document
        from align_kit.segment import segment_document

        texts, read_langs = [], []
        for p, lang in zip(paths, langs, strict=True):
            doc = segment_document(read_document(p, language=lang, max_file_mb=max_file_mb))
            notices.extend(doc.notices)
            texts.append([" ".join(s.text.split()) for s in doc.segments])
            read_langs.append(lang or doc.language)
        langs = read_langs
    else:
        texts = [read_line_file(p, max_file_mb, notices) for p in paths]
    langs = [lang or guess_language(p, t) for p, t, lang in zip(paths, texts, langs, strict=True)]
    return texts, langs


def _with_original(alignment: Alignment, original: str | None) -> Alignment:
    """`--original LANG`: that language is the source of TMX and PO (it must be aligned)."""
    if original is None:
        return alignment
    if original not in alignment.languages:
        raise InputError(f"--original {original}: no file in that language (the files are "
                         f"{', '.join(alignment.languages)})", hint="give one of those")
    return replace(alignment, original=original)


def align_files(paths: Sequence[str], langs: Sequence[str | None], *,
                max_bead: int = DEFAULT_MAX_BEAD, fmt: str = "beads",
                translations: str | None = None, scorers: str | None = None, split: bool = False,
                max_file_mb: float | None = None, original: str | None = None) -> Aligned:
    """Align 2 or 3 files; the text is rendered in `fmt` (beads, tsv, or the alignment file)."""
    from align_kit.align import align_documents
    from align_kit.align.files import line_documents, render_alignment
    from align_kit.align.verdict import verdict_notices
    from align_kit.pipeline import group_name

    notices: list[Notice] = []
    texts, langs = read_texts(paths, langs, split, max_file_mb, notices)
    tr = read_line_file(translations, max_file_mb, notices) if translations else None
    docs = line_documents(paths, texts, langs)
    alignment = align_documents(docs, max_bead=max_bead, scorers=scorers, translations=tr)
    notices.extend(verdict_notices(alignment.parameters.get("verdict"), *map(str, paths[:2])))
    alignment = _with_original(replace(alignment, id=group_name(docs)), original)
    return Aligned(alignment, render_alignment(alignment, fmt), notices)


def align_pair_list(pairs: str, out_dir: str | os.PathLike, langs: Sequence[str | None], *,
                    max_bead: int = DEFAULT_MAX_BEAD, fmt: str = "beads",
                    scorers: str | None = None, split: bool = False,
                    max_file_mb: float | None = None,
                    original: str | None = None) -> tuple[list[Path], list[Notice]]:
    """Align every 'source<TAB>target' row of `pairs` into `out_dir`, one file a pair."""
    from align_kit.align.core import align_batch
    from align_kit.align.files import line_documents, render_alignment
    from align_kit.formats.atomic import write_text_atomic
    from align_kit.pipeline import unique_names

    notices: list[Notice] = []
    rows = [r.split("\t") for r in read_line_file(pairs, max_file_mb, notices) if r.strip()]
    for n, r in enumerate(rows, 1):
        if len(r) != 2:
            raise AlignKitError("expected 'source<TAB>target'", path=pairs, line=n)
    loaded = [read_texts(r, langs[:2], split, max_file_mb, notices) for r in rows]
    # Two sources with one file name in different folders must not share an output.
    bases = [Path(r[0]).stem for r in rows]
    out_names = unique_names(bases, rows)
    for r, base, name in zip(rows, bases, out_names, strict=True):
        if name != base:
            notices.append(Notice("output-renamed", f"output {base!r} is taken by another "
                                  f"pair (ignoring case); writing {name!r}", "warning", r[0]))
    groups: dict[tuple[str, ...], list[int]] = {}
    for k, (_t, lg) in enumerate(loaded):
        groups.setdefault(tuple(lg), []).append(k)
    written: list[Path] = []
    for (sl, tl), members in groups.items():
        results = align_batch([tuple(loaded[k][0]) for k in members], sl, tl,
                              max_bead=max_bead, scorers=scorers)
        for k, (spans, conf, _i) in zip(members, results, strict=True):
            beads = [Bead(indexes=(tuple(range(a, b)), tuple(range(c, d))), score=round(s, 4))
                     for (a, b, c, d), s in zip(spans, conf, strict=True)]
            docs = line_documents(rows[k], loaded[k][0], [sl, tl])
            alignment = Alignment(tuple(docs), tuple(beads), original=sl, id=out_names[k])
            alignment = _with_original(alignment, original)
            out = Path(out_dir) / f"{out_names[k]}.{EXTENSIONS[fmt]}"
            out.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(out, render_alignment(alignment, fmt))
            written.append(out)
    return written, notices
