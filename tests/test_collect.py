"""`playbook aggregate`: worker-pulse files combined, small groups suppressed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from playbook_builder.cli import main

VALUES = ["disagree", "somewhat", "agree", "strongly", "not-sure"]


def pulse_file(folder: Path, n: int, answers: dict[str, str]) -> Path:
    path = folder / f"worker-{n}.json"
    path.write_text(
        json.dumps({"format": 1, "checklist": "pulse-check", "version": 1, "answers": answers})
    )
    return path


@pytest.fixture
def worker_files(tmp_path: Path) -> list[Path]:
    files = []
    for n in range(6):
        answers = {"voice-channel": VALUES[n % 4], "voice-followup": VALUES[(n + 1) % 5]}
        if n < 3:  # only three workers answered the pay question: below the minimum
            answers["pay-ranges"] = VALUES[n]
        files.append(pulse_file(tmp_path, n, answers))
    hostile = tmp_path / "hostile.json"
    hostile.write_text(
        json.dumps({"format": 1, "checklist": "employer-check", "version": 2, "answers": {}})
    )
    files.append(hostile)
    return files


def test_aggregate_against_employer(
    mini: Path,
    worker_files: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    golden: Callable[[str, str], None],
) -> None:
    employer = tmp_path / "employer.json"
    employer.write_text(
        json.dumps(
            {
                "format": 1,
                "checklist": "employer-check",
                "version": 2,
                "answers": {
                    "voice-channel": "fully",
                    "voice-followup": "partly",
                    "pay-ranges": "fully",
                },
            }
        )
    )
    code = main(
        [
            "aggregate",
            "--root",
            str(mini),
            "--checklist",
            "pulse-check",
            "--employer",
            str(employer),
            *map(str, worker_files),
        ]
    )
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    golden("collect/against-employer.txt", out.replace(str(tmp_path), "<tmp>"))
    assert "Pay equity" in out and "suppressed" in out
    assert "not used: <tmp>/hostile.json" in out.replace(str(tmp_path), "<tmp>")


def test_aggregate_csv_without_employer(
    mini: Path, worker_files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "aggregate",
            "--root",
            str(mini),
            "--checklist",
            "pulse-check",
            "--csv",
            "--min-responses",
            "3",
            *map(str, worker_files[:6]),
        ]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Section,Questions,Employer,Workers,Responses,Gap"
    pay = next(line for line in lines if line.startswith("Pay equity"))
    _, _, employer, workers, responses, gap = pay.split(",")
    assert (employer, responses, gap) == ("", "3", "")  # no employer file: no gap
    assert float(workers) >= 0  # three responses meet --min-responses 3


def test_aggregate_refuses_when_no_file_is_usable(
    mini: Path, worker_files: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["aggregate", "--root", str(mini), "--checklist", "pulse-check", str(worker_files[-1])]
    )
    _, err = capsys.readouterr()
    assert code == 1 and err.startswith("no usable worker-pulse file:")
    code = main(
        ["aggregate", "--root", str(mini), "--checklist", "employer-check", str(worker_files[0])]
    )
    _, err = capsys.readouterr()
    assert code == 1 and "try: pulse-check" in err


def test_aggregate_counts_a_file_once_and_lists_what_it_could_not_read(
    mini: Path, worker_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Five copies of one file would be five "responses" and lift the suppression.
    copies = []
    for n in range(4):
        copy = tmp_path / f"copy-{n}.json"
        copy.write_bytes(worker_files[0].read_bytes())
        copies.append(copy)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    utf16 = tmp_path / "utf16.json"
    utf16.write_text(worker_files[1].read_text(), encoding="utf-16")
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    files = [worker_files[0], *copies, deep, utf16, folder, worker_files[2]]
    code = main(["aggregate", "--root", str(mini), "--checklist", "pulse-check", *map(str, files)])
    out, err = capsys.readouterr()
    out = out.replace(str(tmp_path), "<tmp>")
    assert (code, err) == (0, "")
    assert out.startswith("Worker pulse: 2 file(s) used, 3 not used, 4 duplicate(s) ignored;"), (
        out.splitlines()[0]
    )
    assert "not used: <tmp>/deep.json: the file is nested more than 32 levels deep" in out
    assert "not used: <tmp>/utf16.json: the file is not UTF-8 text (it looks like UTF-16)" in out
    assert "not used: <tmp>/a-folder.json: cannot be read (Is a directory)" in out
    for n in range(4):
        assert (
            f"duplicate, ignored: <tmp>/copy-{n}.json: the same bytes as <tmp>/worker-0.json"
        ) in out
    # Two distinct files: every section stays below five responses.
    assert "Overall" in out and out.count("suppressed") == 4


def test_aggregate_names_a_deeply_nested_employer_file(
    mini: Path, worker_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "employer.json"
    deep.write_text('{"a":' * 20_000 + "1" + "}" * 20_000)
    code = main(
        [
            "aggregate",
            "--root",
            str(mini),
            "--checklist",
            "pulse-check",
            "--employer",
            str(deep),
            str(worker_files[0]),
        ]
    )
    _, err = capsys.readouterr()
    assert code == 1
    assert err == f"{deep}: the file is nested more than 32 levels deep\n"
    # Only deep files: every one is listed, and the command still ends with a message.
    code = main(["aggregate", "--root", str(mini), "--checklist", "pulse-check", str(deep)])
    _, err = capsys.readouterr()
    assert code == 1 and err.startswith("no usable worker-pulse file:\n")
    assert f"{deep}: the file is nested more than 32 levels deep" in err
