"""`align-kit translate` reads line files the way every other line reader does."""

from align_kit.mt.textfile import read_lines


def test_only_newlines_end_a_line_so_translations_stay_parallel(tmp_path, capsys):
    # A U+2028 pasted from a web page, and a form feed: str.splitlines() made 3 lines 5,
    # so every translation after them would sit against the wrong source line.
    path = tmp_path / "news.be.txt"
    path.write_text("Першы сказ.\u2028Працяг.\nДругі\x0cсказ.\r\nТрэці сказ.\n", encoding="utf-8")
    lines = read_lines(path)
    assert lines == ["Першы сказ. Працяг.", "Другі сказ.", "Трэці сказ."]
    err = capsys.readouterr().err
    assert "line 1: U+2028" in err and "line 2: U+000C" in err


def test_empty_lines_are_kept_in_place(tmp_path):
    path = tmp_path / "news.en.txt"
    path.write_bytes(b"\xef\xbb\xbfOne.\n\nThree.\n")
    assert read_lines(path) == ["One.", "", "Three."]
