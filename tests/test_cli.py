import json
import subprocess
import sys
from pathlib import Path

import pytest

from persian_ie import __version__
from persian_ie.cli import main

SEED = Path(__file__).resolve().parents[1] / "examples" / "seed_article.txt"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_extract_one_file_gives_one_json_document(capsys):
    code, out, err = run(capsys, "extract", str(SEED), "--published", "1404-08-19")
    assert code == 0
    doc = json.loads(out)
    assert doc["published"] == {"jalali": "1404-08-19", "gregorian": "2025-11-10"}
    assert doc["id"] == str(SEED)
    text = SEED.read_text(encoding="utf-8")
    for ent in doc["entities"]:
        assert text[ent["start"]:ent["end"]] == ent["text"]


def test_missing_file_is_a_clear_error(capsys):
    code, out, err = run(capsys, "extract", "does/not/exist.txt")
    assert code == 2 and out == ""
    assert "no such file: does/not/exist.txt" in err and "Traceback" not in err


def test_bad_published_is_a_clear_error(capsys):
    code, out, err = run(capsys, "extract", str(SEED), "--published", "1404-12-30")
    assert code == 2 and "1404-12-30" in err


def test_jsonl_in_and_out(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "سلام"}\n\n{"id": "b", "text": "دیروز", "published": "2025-11-10"}\n',
                   encoding="utf-8")
    code, out, err = run(capsys, "extract", str(src), "--input-format", "jsonl", "--no-progress")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [d["id"] for d in lines] == ["a", "b"]
    assert lines[1]["published"]["jalali"] == "1404-08-19"


def test_bad_jsonl_line_names_the_line(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "سلام"}\n{oops\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", str(src), "--input-format", "jsonl")
    assert code == 2 and f"{src}:2" in err and "not valid JSON" in err


def test_jsonl_line_without_text(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a"}\n', encoding="utf-8")
    code, out, err = run(capsys, "extract", str(src), "--input-format", "jsonl")
    assert code == 2 and '"text"' in err


def test_output_file(tmp_path, capsys):
    target = tmp_path / "out.json"
    code, out, err = run(capsys, "extract", str(SEED), "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == str(SEED)


def test_stdin_via_subprocess():
    proc = subprocess.run([sys.executable, "-m", "persian_ie.cli", "extract", "-", "--published", "2025-11-10"],
                          input="امروز دیدار شد".encode(), capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["published"]["jalali"] == "1404-08-19"


def test_no_command_prints_help(capsys):
    code, out, err = run(capsys)
    assert code == 2 and "extract" in err
