"""The `align-kit` command line: options declared here, logic in the stages.

Exit codes: 0 ok, 1 QA findings at or above --fail-on, 2 usage or input error.
"""

from __future__ import annotations

import sys

import click

from align_kit import __version__
from align_kit.errors import AlignKitError


class _Group(click.Group):
    """Turns an AlignKitError anywhere below into one line on stderr and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AlignKitError as exc:
            click.echo(f"align-kit: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align-kit")
def cli() -> None:
    """Align, check and export English / Belarusian / Russian news translations.

    \b
    A whole folder in one go:
      align-kit run corpora/sample --glossary glossaries/democratic-forces.tbx --out out/demo
    Or stage by stage: ingest, split, align, check, export.
    """


# Commands, one small function each, grouped by stage (each block owned by its module).

# --- ingest commands ---


# --- segment commands ---


# --- align commands ---


# --- glossary commands ---


# --- formats commands ---


# --- mt commands ---


# --- pairing commands ---


@cli.command("pair")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=str),
              default=None, help="Manifest to write (default: FOLDER/manifest.tsv).")
@click.option("--threshold", type=click.FloatRange(0.0, 1.0), default=None,
              help="Pairs scoring below this stay unpaired (default 0.25).")
@click.option("--json", "as_json", is_flag=True, help="Print the groups as JSON on stdout.")
@click.option("--force", is_flag=True, help="Overwrite an existing manifest (and its edits).")
def pair_command(folder: str, output: str | None, threshold: float | None,
                 as_json: bool, force: bool) -> None:
    """Find which articles in FOLDER translate each other and write an editable manifest.

    File names are not trusted: articles are paired by metadata links, numbers,
    dates, names across scripts and length, one-to-one across en, be and ru.
    Review the manifest (one row per group, with confidence and evidence),
    correct it if needed; `align-kit run` uses it when present.

    \b
    Examples:
      align-kit pair corpora/my-batch               # writes corpora/my-batch/manifest.tsv
      align-kit pair corpora/my-batch -o review/manifest.tsv --force
      align-kit pair corpora/my-batch -o m.tsv --json > groups.json
    """
    import json
    import os

    from align_kit.errors import InputError
    from align_kit.formats.manifest import write_manifest
    from align_kit.ingest import read_folder
    from align_kit.pairing import DEFAULT_THRESHOLD, pair_documents

    manifest = output or os.path.join(folder, "manifest.tsv")
    if os.path.exists(manifest) and not force:
        raise InputError("the manifest already exists and may hold a person's corrections",
                         path=manifest, hint="pass --force to overwrite it, or -o another file")
    documents, notices = read_folder(folder)
    for notice in notices:
        click.echo(str(notice), err=True)
    groups, unpaired = pair_documents(
        documents, threshold=DEFAULT_THRESHOLD if threshold is None else threshold)
    write_manifest(groups, documents, manifest)
    by_id = {d.id: d for d in documents}

    def name(doc_id: str) -> str:
        return by_id[doc_id].source or doc_id

    if as_json:
        click.echo(json.dumps({
            "manifest": manifest,
            "groups": [{"id": g.id, "members": {k: name(v) for k, v in g.members.items()},
                        "confidence": g.confidence, "evidence": list(g.evidence)}
                       for g in groups],
            "unpaired": [d.source or d.id for d in unpaired],
        }, ensure_ascii=False, indent=2))
        return
    for g in groups:
        files = "  ".join(f"{k}:{name(v)}" for k, v in g.members.items())
        click.echo(f"{g.confidence:.2f}  {files}")
    for doc in unpaired:
        click.echo(f"  -   {doc.language}:{doc.source or doc.id} (no counterpart)")
    click.echo(f"{len(groups)} groups, {len(unpaired)} unpaired; manifest written to {manifest}")


# --- report commands ---


# --- pipeline commands ---



def main() -> None:
    cli(prog_name="align-kit")


if __name__ == "__main__":
    sys.exit(main())
