"""Helpers for the robustness matrix: run `python -m align_kit` as a user does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "sample"
SETPRIV = shutil.which("setpriv")
PRLIMIT = shutil.which("prlimit")

BE = ("Святлана Ціханоўская сустрэлася з дэлегацыяй ПАСЕ ў Вільні. "
      "Аб'яднаны пераходны кабінет абмеркаваў новыя санкцыі. "
      "Палітвязні павінны быць вызваленыя.\n")
RU = ("Светлана Тихановская встретилась с делегацией ПАСЕ в Вильнюсе. "
      "Объединённый переходный кабинет обсудил новые санкции. "
      "Политзаключённые должны быть освобождены.\n")
EN = ("Sviatlana Tsikhanouskaya met the PACE delegation in Vilnius. "
      "The United Transitional Cabinet discussed new sanctions. "
      "Political prisoners must be released.\n")


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        # `run` draws a progress bar ("aligning") on stderr before any message.
        return [line for line in self.stderr.splitlines()
                if line.strip() and not line.startswith("aligning")]


def cli(*args: str | os.PathLike, cwd: Path | None = None, prefix: tuple[str, ...] = (),
        timeout: int = 120) -> Result:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [*prefix, sys.executable, "-m", "align_kit", *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=timeout)
    return Result(done.returncode, done.stdout, done.stderr)


def assert_input_error(result: Result, path: str | os.PathLike, fragment: str) -> str:
    """Exit 2, exactly one line on stderr naming the file and the problem, no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.code == 2, (result.code, result.stderr)
    # Exactly one error line; any others are repair notices about inputs read before it.
    errors = [line for line in result.lines if ": info: " not in line and ": warning: " not in line]
    assert len(errors) == 1, result.stderr
    line = errors[0]
    assert line.startswith("align-kit: error: "), line
    assert str(path) in line, line
    assert fragment in line, line
    return line


def assert_repaired(result: Result, fragment: str) -> str:
    """Exit 0 and a warning/info notice on stderr saying what was repaired."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.code == 0, (result.code, result.stderr)
    hits = [line for line in result.lines if fragment in line]
    assert hits, result.stderr
    return hits[0]


def as_nobody() -> tuple[str, ...]:
    if not SETPRIV or os.geteuid() != 0:
        pytest.skip("needs root and setpriv to drop privileges to nobody")
    prefix = (SETPRIV, "--reuid", "nobody", "--regid", "nogroup", "--clear-groups")
    # A checkout, or a virtualenv whose packages sit, inside a private (0700) folder is out of
    # nobody's reach: probe with the whole CLI and its dependencies, not the package alone.
    probe = subprocess.run([*prefix, sys.executable, "-c",
                            "import align_kit.cli, align_kit.pipeline"],
                           capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    if probe.returncode != 0:
        pytest.skip("user nobody cannot import align-kit and its packages (a checkout or "
                    "virtualenv inside a private folder)")
    return prefix


@pytest.fixture()
def world_tmp():
    """A folder that `nobody` can traverse (for the permission cases).

    Not under pytest's tmp_path: every pytest session resets /tmp/pytest-of-USER to 0700, so
    another session starting meanwhile would lock `nobody` out halfway through a test.
    """
    folder = Path(tempfile.mkdtemp(prefix="align-kit-world-"))
    os.chmod(folder, 0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
