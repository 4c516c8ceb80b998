"""Shared parameter types, callbacks and common options of the `align-kit` command line.

Paths are checked before a command runs, so a bad path ends like every other bad input:
one line, exit 2, nothing written.
"""

from __future__ import annotations

import os
import stat

import click

from align_kit.errors import AlignKitError, InputError


class _PathParam(click.Path):
    """A path option or argument, checked before the command runs.

    click.Path reports a bad path with its multi-line usage text; these checks raise
    InputError instead, so a missing, wrong-kind, unreadable or unwritable path ends like
    every other bad input: one line, `align-kit: error: PATH: problem (what to do)`, exit 2,
    and nothing written (no command has started yet).
    """

    def __init__(self, kind: str, *, output: bool = False, allow_dash: bool = False) -> None:
        # kind: "file", "folder" or "any" (either; `ingest` and export/import `-o`)
        super().__init__(file_okay=kind != "folder", dir_okay=kind != "file",
                         allow_dash=allow_dash, path_type=str)
        self.kind, self.output = kind, output

    def convert(self, value, param, ctx):
        value = os.fspath(value)
        if not (self.allow_dash and value == "-"):
            (_check_output if self.output else _check_input)(value, self.kind)
        return value


def _stat(path: str, *, output: bool) -> os.stat_result | None:
    """os.stat, or None when nothing is there (a parent being a file counts as nothing)."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except PermissionError:
        raise InputError("cannot write here: permission denied" if output else "permission denied",
                         path=path, hint="choose an output folder you can write to" if output
                         else "make the folders on its path readable (chmod u+rx)") from None
    except OSError as exc:  # a name too long, a symlink loop
        raise InputError(f"cannot use this path: {exc.strerror or exc}", path=path,
                         hint="check the path and the name") from None


def _check_input(path: str, kind: str) -> None:
    found = _stat(path, output=False)
    noun = "folder" if kind == "folder" else "file"
    if found is None:
        raise InputError(f"no such {noun}", path=path, hint="check the path and the name")
    is_dir = stat.S_ISDIR(found.st_mode)
    if kind == "file" and is_dir:
        raise InputError("is a directory, not a file", path=path, hint="give the path of a file")
    if kind == "folder" and not is_dir:
        raise InputError("is a file, not a folder", path=path, hint="give the path of a folder")
    if not os.access(path, os.R_OK | (os.X_OK if is_dir else 0)):
        noun = "folder" if is_dir else "file"
        raise InputError("permission denied", path=path,
                         hint=f"make the {noun} readable (chmod u+r{'x' if is_dir else ''})")


def _check_output(path: str, kind: str) -> None:
    found = _stat(path, output=True)
    if found is not None:
        is_dir = stat.S_ISDIR(found.st_mode)
        if kind == "file" and is_dir:
            raise InputError("is a directory, not a file", path=path,
                             hint="give the name of the file to write")
        if kind == "folder" and not is_dir:
            raise InputError("is a file, not a folder", path=path,
                             hint="give a folder for the outputs, or move the file away")
        folder = path if is_dir else os.path.dirname(path) or "."
    else:
        # The nearest folder that exists must be a folder we may create things in.
        folder = os.path.dirname(path.rstrip(os.sep)) or "."
        while (found := _stat(folder, output=True)) is None:
            parent = os.path.dirname(folder) or "."
            if parent == folder:  # even "." is gone: the working folder was deleted
                raise InputError("cannot write here: the working folder no longer exists",
                                 path=path, hint="cd to an existing folder")
            folder = parent
        if not stat.S_ISDIR(found.st_mode):
            raise InputError(f"cannot write here: {folder} is a file, not a folder", path=path,
                             hint="choose an output folder you can write to")
    if not os.access(folder, os.W_OK | os.X_OK):
        if folder == path:
            raise InputError("cannot write here: the folder is not writable", path=path,
                             hint="make it writable (chmod u+w) or choose another output folder")
        raise InputError(f"cannot write here: {folder} is not writable", path=path,
                         hint="choose an output folder you can write to")


class _ModelParam(click.Path):
    """A model folder or a model name under $ALIGN_KIT_MODELS, checked before the command runs
    (so `run --mt-model` stops before writing anything)."""

    def __init__(self) -> None:
        super().__init__(file_okay=False, path_type=str)

    def convert(self, value, param, ctx):
        from align_kit.mt import model_info, resolve_model_dir

        model_info(resolve_model_dir(value))  # InputError: no such model folder, not a model...
        return os.fspath(value)


def _language_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A language code checked before the command runs: `by`, `xx` are refused with a hint."""
    from align_kit.languages import supported_language

    return None if value is None else supported_language(value)


_FILE = _PathParam("file")  # an existing, readable file
_FOLDER = _PathParam("folder")  # an existing, readable folder
_FILE_OR_FOLDER = _PathParam("any")
_OUT_FILE = _PathParam("file", output=True)  # a file to write: its folder writable
_OUT_FOLDER = _PathParam("folder", output=True)  # a folder to write into (created if missing)
_OUT_PATH = _PathParam("any", output=True)  # a file or a folder, as the command decides
_MODEL = _ModelParam()
# Articles and line files larger than this are refused (docs/robustness.md, "Hostile files").
_MAX_FILE_MB = click.option(
    "--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=None, metavar="MB",
    help="Refuse article and line files larger than this (default 50; .docx: each part "
    "unpacked, all parts 4x).")


class Group(click.Group):
    """Turns an AlignKitError anywhere below into one line on stderr and exit 2.

    Below includes parsing: the path parameters above raise InputError there.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AlignKitError as exc:
            click.echo(f"align-kit: error: {exc}", err=True)
            ctx.exit(2)


# --- one convention: -o/--output everywhere, old spellings as hidden deprecated aliases ---

_ALIAS_KEY = "align-kit.alias."


def deprecated(old: str, new: str) -> None:
    """One notice on stderr for an old spelling (kept for a release, issue 17)."""
    click.echo(f"align-kit: warning: {old} is deprecated and will go; use {new}", err=True)


class _AliasedOption(click.Option):
    """An option that also takes its value from a hidden, deprecated alias.

    The alias is eager, so it has run (and left its value in ctx.meta) before this option
    is consumed; taking it here, before click's required check, lets `-o` stay required.
    """

    def consume_value(self, ctx: click.Context, opts):
        value, source = super().consume_value(ctx, opts)
        alias = ctx.meta.get(_ALIAS_KEY + str(self.name))
        if alias is None:
            return value, source
        if source == click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError(f"give {'/'.join(self.opts)} once (the old spelling is the "
                                   "same option)", ctx=ctx)
        return alias, click.core.ParameterSource.COMMANDLINE


def _alias_callback(new: str, dest: str):
    def callback(ctx: click.Context, param: click.Parameter, value):
        if value is not None:
            deprecated(param.opts[0], new)
            ctx.meta[_ALIAS_KEY + dest] = value
        return value
    return callback


def aliased_option(*decls: str, dest: str, aliases: tuple[str, ...], **kwargs):
    """`click.option(*decls)` plus hidden options `aliases` that mean the same, deprecated."""
    new = "/".join(d for d in decls if d.startswith("-"))

    def decorate(f):
        f = click.option(*decls, dest, cls=_AliasedOption, **kwargs)(f)
        for n, alias in enumerate(aliases):
            # Untyped: the value is checked once, by the option it stands for. A name of its
            # own: `--out` would otherwise share the name `out` with `-o` in click's parser.
            f = click.option(alias, f"alias_{dest}_{n}", hidden=True, is_eager=True,
                             expose_value=False, callback=_alias_callback(new, dest))(f)
        return f
    return decorate


def output_option(help: str, *, dest: str = "output", type=None, required: bool = False,
                  default=None, aliases: tuple[str, ...] = ("--out",), show_default=False):
    """`-o/--output` for a file or a folder, the same in every command.

    A trailing `/` or an existing folder means a folder (`formats.names.output_path`).
    """
    return aliased_option("-o", "--output", dest=dest, aliases=aliases, type=type,
                          required=required, default=default, help=help,
                          show_default=show_default)


def language_list(ctx: click.Context, param: click.Parameter, value: str | None):
    """`--langs be,ru,en`: each code checked like `--lang` (`by` refused with a hint)."""
    from align_kit.languages import supported_language

    if value is None:
        return None
    return tuple(supported_language(code.strip()) for code in value.split(",") if code.strip())


FAIL_ON = click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error",
    show_default=True, help="Exit 1 when findings reach this level.")
QUIET = click.option("-q", "--quiet", is_flag=True,
                     help="No progress line and no per-group original lines (for scripts).")


def say_notices(notices) -> None:
    """Each notice as one `align-kit: ...` line on stderr."""
    for notice in notices:
        click.echo(f"align-kit: {notice}", err=True)
