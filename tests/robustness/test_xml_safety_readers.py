"""Hostile XML for the readers tests/formats does not measure: HTML articles (ingest)
and TBX glossaries. Each attack is read in a fresh process that measures its own
peak memory (ru_maxrss, so libxml2's allocations count) and CPU time: under 50 MB
and 1 s, and the entity is never expanded nor the file it names read.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EN, ROOT, assert_input_error, cli

SECRET = "TOP-SECRET-7f3a"


def billion_laughs(root: str) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10)]
    return f"<?xml version='1.0'?>\n<!DOCTYPE {root} [\n" + "\n".join(entities) + "\n]>\n"


def quadratic(root: str) -> str:
    return f"<?xml version='1.0'?>\n<!DOCTYPE {root} [<!ENTITY big \"{'B' * 200_000}\">]>\n"


def external(secret_path) -> callable:
    return lambda root: (f"<?xml version='1.0'?>\n<!DOCTYPE {root} "
                         f"[<!ENTITY secret SYSTEM 'file://{secret_path}'>]>\n")


ATTACKS = {"billion-laughs": (billion_laughs, "&lol9;"),
           "quadratic-blowup": (quadratic, "&big;" * 20_000),
           "external-file-entity": (None, "&secret;")}

HTML = ("<html lang='en'><body><article><h1>Sanctions</h1><p>{s0}</p><p>{payload}</p>"
        "<p>{s2}</p></article></body></html>")
TBX = ("<martif type='TBX-Basic' xml:lang='en'><text><body><termEntry id='c1'>"
       "<langSet xml:lang='en'><tig><term>{payload}</term></tig></langSet>"
       "<langSet xml:lang='be'><tig><term>санкцыі</term></tig></langSet>"
       "</termEntry></body></text></martif>")

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from align_kit.errors import AlignKitError
kind, path = sys.argv[2], sys.argv[3]
if kind == "html":
    from align_kit.ingest import read_document as read
else:
    from align_kit.glossary import load_glossary as read
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cpu = time.process_time()
try:
    result = read(path)
    text = result.text if kind == "html" else repr(result.entries)
    outcome = "read"
except AlignKitError as exc:
    text, outcome = "", "refused: " + str(exc)
cpu = time.process_time() - cpu
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "text_len": len(text), "has_secret": "TOP-SECRET" in text,
                  "lollol": "lollol" in text, "bbb": "BBBB" in text,
                  "cpu_s": cpu, "grew_kb": after - before}))
"""


def _hostile(tmp_path, kind: str, attack: str):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    prolog, payload = ATTACKS[attack]
    prolog = prolog or external(secret)
    root = "html" if kind == "html" else "martif"
    body = (HTML.format(s0=EN.split(". ")[0], s2=EN.split(". ")[1], payload=payload)
            if kind == "html" else TBX.format(payload=payload))
    path = tmp_path / (f"{attack}.en.html" if kind == "html" else f"{attack}.tbx")
    path.write_text(prolog(root) + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["html", "tbx"])
@pytest.mark.parametrize("attack", list(ATTACKS))
def test_attack_is_harmless_fast_and_small(tmp_path, kind, attack):
    path = _hostile(tmp_path, kind, attack)
    run = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "src"), kind, str(path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert not result["has_secret"] and not result["lollol"] and not result["bbb"], result
    assert result["grew_kb"] < 50 * 1024, result
    assert result["cpu_s"] < 1.0, result
    if kind == "tbx":  # a glossary with a DTD of entities is refused outright
        assert result["outcome"].startswith("refused: "), result
    else:  # HTML never expands entities: the article is read without them
        # (the unexpanded "&big;" references stay as 100 kB of literal text at most)
        assert result["outcome"] == "read" and result["text_len"] < 200_000, result


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_cli_refuses_hostile_glossary_in_one_line(tmp_path, attack):
    path = _hostile(tmp_path, "tbx", attack)
    assert_input_error(cli("glossary", "validate", path), path, "")


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_cli_ingests_hostile_html_without_the_entities(tmp_path, attack):
    path = _hostile(tmp_path, "html", attack)
    result = cli("ingest", path, "--json")
    assert result.code == 0 and "Traceback" not in result.stderr, result.stderr
    text = json.loads(result.stdout)[0]["text"]
    assert SECRET not in text and "lollol" not in text and "BBBB" not in text
    assert "Vilnius" in text
