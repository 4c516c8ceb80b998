"""Export alignment files to TMX/PO/POT/XLIFF and import those back: what the CLI calls.

Dates written into files (TMX creationdate, PO POT-Creation-Date) follow
`SOURCE_DATE_EPOCH` when it is set, so repeated exports can be byte-identical.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from align_kit.errors import InputError
from align_kit.formats.alignment_file import read_alignment, write_alignment
from align_kit.formats.atomic import all_or_nothing
from align_kit.formats.names import safe_output_name
from align_kit.formats.po import apply_po, read_po, write_po
from align_kit.formats.tmx import apply_tmx, parse_pair, read_tmx, write_tmx
from align_kit.formats.xliff import apply_xliff, read_xliff, write_xliff
from align_kit.model import Alignment, Notice

FORMATS = ("tmx", "po", "pot", "xliff", "xlsx")
SUFFIXES = {"po": ".po", "pot": ".pot", "xliff": ".xlf"}


@dataclass
class Outcome:
    """What an export or import wrote, and what it wants the user to know."""

    written: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def build_date() -> datetime | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return None


def _targets(alignment: Alignment, pair: tuple[str, str] | None) -> list[tuple[str, str]]:
    """(source, target) language pairs to write for one alignment."""
    langs = alignment.languages
    if pair is not None:
        missing = [lang for lang in pair if lang not in langs]
        if missing:
            raise InputError(f"alignment {alignment.id!r} has no {', '.join(missing)} document "
                             f"(it has {', '.join(langs)})", hint="choose --pair among those")
        return [pair]
    source = alignment.original if alignment.original in langs else langs[0]
    return [(source, lang) for lang in langs if lang != source]


def _read_all(paths: Sequence[str | os.PathLike],
              original: str | None = None) -> Iterator[Alignment]:
    for path in paths:
        yield with_original(read_alignment(path), original, str(path))


def with_original(alignment: Alignment, original: str | None,
                  path: str | None = None) -> Alignment:
    """`--original LANG`: that language is the source of TMX (srclang) and PO (msgid)."""
    if original is None or original == alignment.original:
        return alignment
    if original not in alignment.languages:
        raise InputError(f"--original {original}: the alignment has no {original} text (it has "
                         f"{', '.join(alignment.languages)})", path=path,
                         hint="give one of its languages")
    return replace(alignment, original=original)


def export_alignments(paths: Sequence[str | os.PathLike], to: str, out: str | os.PathLike, *,
                      min_score: float | None = None, pair: str | None = None,
                      skip_empty: bool = False, fuzzy_below: float = 0.5,
                      keep_partial: bool = True, original: str | None = None,
                      translator: str | None = None, team: str | None = None) -> Outcome:
    """Export alignment files: one TMX file `out`, or PO/POT/XLIFF files in folder `out`.

    `original` overrides each alignment's original language; `keep_partial=False` leaves
    TMX units without a source-language text out (counted in a notice); `translator` and
    `team` fill the PO headers.
    """
    if to not in FORMATS:
        raise InputError(f"unknown export format {to!r}", hint=f"use one of {', '.join(FORMATS)}")
    if not paths:
        raise InputError("no alignment file given")
    languages = parse_pair(pair)
    outcome = Outcome()
    created = build_date()
    if to == "xlsx":
        # The review workbook holds every bead and language, so import can match each row.
        if min_score is not None or pair is not None:
            raise InputError("--min-score and --pair do not apply to --to xlsx",
                             hint="the workbook holds every bead in every language")
        from align_kit.formats.xlsx import export_xlsx

        outcome.written = export_xlsx([read_alignment(p) for p in paths], out)
        return outcome
    if to == "tmx":
        target = Path(out)
        if target.is_dir():
            raise InputError("for --to tmx, -o names the TMX file, not a folder", path=str(out))
        outcome.notices = write_tmx(_read_all(paths, original), target, min_score=min_score,
                                    skip_empty=skip_empty, pair=languages, created=created,
                                    keep_partial=keep_partial)
        outcome.written.append(str(target))
        return outcome
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"for --to {to}, -o names a folder (one file per document and "
                         "language)", path=str(out))
    planned: dict[Path, str] = {}  # output -> the alignment file it comes from
    # All files or none: a failure on the last one leaves every earlier one as it was.
    with all_or_nothing():
        for source_file, alignment in zip(paths, _read_all(paths, original), strict=True):
            for source, target_lang in _targets(alignment, languages):
                name = alignment.id or "alignment"
                if to == "pot":
                    file_name = f"{name}.{source}.pot"
                else:
                    file_name = f"{name}.{source}-{target_lang}{SUFFIXES[to]}"
                path = safe_output_name(file_name, folder, source=str(source_file),
                                        what="alignment id", notices=outcome.notices)
                if path in planned:
                    if to == "pot":
                        continue
                    raise InputError(f"{planned[path]} and this file both export to {path}",
                                     path=str(source_file), hint="export them to different "
                                     "folders, or give one alignment another id")
                planned[path] = str(source_file)
                if to == "xliff":
                    notices = write_xliff(alignment, path, target_lang=target_lang,
                                          source_lang=source, fuzzy_below=fuzzy_below,
                                          min_score=min_score)
                else:
                    notices = write_po(alignment, path, target_lang=target_lang,
                                       source_lang=source, template=to == "pot",
                                       fuzzy_below=fuzzy_below, min_score=min_score,
                                       created=created, translator=translator, team=team)
                outcome.written.append(str(path))
                outcome.notices.extend(notices)
    return outcome


def kind_of(path: str | os.PathLike) -> str:
    name = str(path).lower()
    for suffix, kind in ((".tmx", "tmx"), (".po", "po"), (".xlf", "xliff"), (".xliff", "xliff"),
                         (".xlsx", "xlsx")):
        if name.endswith(suffix):
            return kind
    raise InputError("cannot tell the format from the file name", path=str(path),
                     hint="import .tmx, .po, .xlf, .xliff or .xlsx files")


def import_file(path: str | os.PathLike, out: str | os.PathLike, *,
                into: str | os.PathLike | None = None, fuzzy_below: float = 0.5) -> Outcome:
    """Read a TMX/PO/XLIFF back into alignment file(s).

    With `into`, the translations are applied to that alignment (reviewers'
    corrections flow back); without, the file becomes new alignment(s). A TMX
    holding several alignments needs `out` to be a folder.
    """
    kind = kind_of(path)
    outcome = Outcome()
    if kind == "xlsx":
        # A review workbook only carries edits: it needs the alignment it was exported from.
        if into is None:
            raise InputError("importing a review workbook needs --into", path=str(path),
                             hint="add --into THE.align.jsonl the workbook was exported from")
        from align_kit.formats.xlsx import apply_xlsx

        result, outcome.notices = apply_xlsx(read_alignment(into), path)
        write_alignment(result, out)
        outcome.written.append(str(out))
        return outcome
    if into is not None:
        base = read_alignment(into)
        apply = {"tmx": apply_tmx, "po": apply_po, "xliff": apply_xliff}[kind]
        result = apply(base, path) if kind == "tmx" else apply(base, path,
                                                               fuzzy_below=fuzzy_below)
        write_alignment(result, out)
        outcome.written.append(str(out))
        return outcome
    if kind == "tmx":
        alignments = read_tmx(path)
    elif kind == "po":
        alignments = [read_po(path)]
    else:
        alignments = [read_xliff(path)]
    if not alignments:
        raise InputError("the file holds no translation unit", path=str(path))
    target = Path(out)
    # "-o out/" means a folder even before it exists (Path() drops the trailing slash).
    as_folder = target.is_dir() or str(out).endswith(("/", os.sep))
    if len(alignments) == 1 and not as_folder:
        write_alignment(alignments[0], target)
        outcome.written.append(str(target))
        return outcome
    if (target.exists() and not target.is_dir()) or target.name.endswith(".jsonl"):
        raise InputError(f"the TMX holds {len(alignments)} alignments: -o must name a folder",
                         path=str(out))
    files: list[Path] = []
    for alignment in alignments:  # every name checked before anything is written
        file = safe_output_name(f"{alignment.id or 'alignment'}.align.jsonl", target,
                                source=str(path), what="alignment id", notices=outcome.notices)
        if file in files:
            raise InputError(f"two alignments in the file would both be written to {file}",
                             path=str(path), hint="give the alignments different ids")
        files.append(file)
    with all_or_nothing():
        for alignment, file in zip(alignments, files, strict=True):
            write_alignment(alignment, file)
            outcome.written.append(str(file))
    return outcome
