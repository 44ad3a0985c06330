"""``python -m dashboard report``: output formats, scenarios from the store, Dutch exit-2 errors.

Charts are drawn without a browser; the images themselves are tested in ``test_reports.py``.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from dashboard.cli import main
from dashboard.scenarios import Scenario, open_store


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'scenarios.sqlite'}"
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", url)
    return url


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_pdf_with_defaults(tmp_path, capsys, cbs_dir) -> None:
    target = tmp_path / "rapport.pdf"
    code, out, err = run(["report", "--uitvoer", str(target)], capsys)
    assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF")
    assert "Rapport geschreven" in out
    assert not list(tmp_path.glob("*.tmp"))  # written atomically


def test_pptx_from_a_saved_scenario(tmp_path, capsys, database, cbs_dir) -> None:
    with open_store(database) as store:
        store.save(
            Scenario(
                name="Raad maart",
                problem_config={"groups": {"werkzoekenden": 3}},
                author="Wethouder B",
            )
        )
    target = tmp_path / "deck.PPTX"
    code, _, err = run(
        ["report", "--scenario", "raad MAART", "--uitvoer", str(target)],
        capsys,
    )
    assert code == 0, err
    prs = Presentation(io.BytesIO(target.read_bytes()))
    first = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "Scenario: Raad maart" in first and "Wethouder B" in first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--uitvoer", "{tmp}/rapport.docx"], "onbekend bestandstype '.docx'"),
        (["--uitvoer", "{tmp}/rapport"], "onbekend bestandstype '(geen)'"),
        (["--uitvoer", "{tmp}/bestaat-niet/rapport.pdf"], "bestaat niet"),
        (["--uitvoer", "{tmp}"], "onbekend bestandstype"),
        (["--scenario", "Onbekend", "--uitvoer", "{tmp}/r.pdf"], "geen scenario"),
    ],
)
def test_bad_input_exits_2_with_one_dutch_line(args, message, tmp_path, capsys, database) -> None:
    argv = ["report", *(a.replace("{tmp}", str(tmp_path)) for a in args)]
    code, _, err = run(argv, capsys)
    assert code == 2
    assert err.startswith("Fout: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf"))


def test_unwritable_target(tmp_path, capsys) -> None:
    locked = tmp_path / "alleen-lezen"
    locked.mkdir()
    locked.chmod(0o500)
    target = locked / "r.pdf"
    if os.access(locked, os.W_OK):  # root ignores permissions; /sys refuses even root
        target = Path("/sys/rapport.pdf")
    try:
        code, _, err = run(["report", "--uitvoer", str(target)], capsys)
    finally:
        locked.chmod(0o700)
    assert code == 2, err
    assert "schrijven" in err and err.count("\n") == 1


def test_missing_out_is_a_usage_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", "report"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("Fout:") and "--uitvoer" in proc.stderr


def test_missing_data_still_writes_a_report(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "leeg"))
    target = tmp_path / "r.pdf"
    code, _, err = run(["report", "--uitvoer", str(target)], capsys)
    assert code == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert "Niet beschikbaar:" in err and "Traceback" not in err


def test_relative_output_path(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["report", "--uitvoer", "r.pptx"], capsys)
    assert code == 0, err
    assert Path("r.pptx").stat().st_size > 10_000


def test_a_chromium_setting_is_not_needed(tmp_path, capsys, monkeypatch, cbs_dir) -> None:
    """An old DASHBOARD_CHROMIUM pointing nowhere no longer matters: no browser draws."""
    monkeypatch.setenv("DASHBOARD_CHROMIUM", str(tmp_path / "geen-chromium"))
    code, _, err = run(["report", "--uitvoer", str(tmp_path / "r.pdf")], capsys)
    assert code == 0, err


def test_a_report_imports_only_what_it_uses(tmp_path) -> None:
    """The CLI loads only the chosen command: a report never pays for SQLAlchemy (the scenario
    store) or geopandas (deriving the indeling; the report reads the derived cache)."""
    code = (
        "import sys\n"
        "from dashboard.cli import main\n"
        f"main(['report', '--uitvoer', {str(tmp_path / 'rapport.txt')!r}])\n"
        "print(sorted(m for m in ('sqlalchemy', 'geopandas', 'shapely') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert "onbekend bestandstype" in out.stderr


def test_sampling_flags_reach_the_report(tmp_path, capsys, cbs_dir) -> None:
    """--aantal, --startwaarde and --rond: the report counts what the Robuustheid page would."""
    from tests.test_reports import pdf_text

    target = tmp_path / "rapport.pdf"
    argv = ["report", "--uitvoer", str(target), "--aantal", "2000", "--startwaarde", "7"]
    code, _, err = run([*argv, "--rond", "10"], capsys)
    assert code == 0, err
    text = " ".join(pdf_text(target.read_bytes(), tmp_path).split())
    assert "over 2.000 willekeurige wegingen" in text
    assert "startwaarde 7" in text
    assert "hoogstens 10% hoger of lager" in text


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--aantal", "veel"], "--aantal 'veel' is geen geheel getal"),
        (["--aantal", "5"], "--aantal: 5 is kleiner dan 1.000"),
        (["--rond", "10", "--groepsvolgorde", "werkgevers"], "niet allebei"),
    ],
)
def test_bad_sampling_flags_exit_2_in_dutch(tmp_path, capsys, flags, message) -> None:
    code, _, err = run(["report", "--uitvoer", str(tmp_path / "r.pdf"), *flags], capsys)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "r.pdf").exists()


def test_a_scenario_with_a_long_unbroken_reason_gives_a_pdf(
    tmp_path, capsys, database, cbs_dir
) -> None:
    """A valid 500-character reason without a space ended in reportlab's English
    "negative availWidth"; now the word wraps and the report is written."""
    with open_store(database) as store:
        store.save(
            Scenario(
                name="Lange reden",
                problem_config={
                    "ratings": {"gu08": {"V3": "+"}},
                    "reasons": {"gu08": {"V3": "a" * 500}},
                },
            )
        )
    target = tmp_path / "rapport.pdf"
    code, _, err = run(["report", "--scenario", "Lange reden", "--uitvoer", str(target)], capsys)
    assert code == 0, err
    assert "availWidth" not in err and target.read_bytes().startswith(b"%PDF")


def _words(text: str) -> str:
    return " ".join(text.split())


def test_text_on_the_screen_has_the_pdfs_section_titles_and_leads(tmp_path, capsys, cbs_dir):
    """``--formaat tekst`` renders the same sections as the PDF (and the page and the slides):
    every title and lead of the one content is in both."""
    from dashboard.presentation.reports.content import ReportInput, build_report_content

    code, text, err = run(["report", "--formaat", "tekst"], capsys)
    assert code == 0, err
    target = tmp_path / "rapport.pdf"
    code, _, err = run(["report", "--uitvoer", str(target)], capsys)
    assert code == 0, err
    pdf = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    content = build_report_content(ReportInput(scenario_name="standaardweging"))
    assert text.startswith(f"{content.title}\nScenario: standaardweging\n")
    for section in content.sections:
        for part in (section.title, section.lead):
            assert _words(part) in _words(text), part
            assert _words(part) in _words(pdf), part


def test_text_goes_to_the_screen_and_refuses_a_file(tmp_path, capsys) -> None:
    code, out, err = run(
        ["report", "--formaat", "tekst", "--uitvoer", str(tmp_path / "r.pdf")], capsys
    )
    assert code == 2 and not out
    assert "laat --uitvoer weg" in err
    assert not list(tmp_path.iterdir())


def test_text_of_a_scenario_cannot_drive_the_terminal(capsys, database, cbs_dir) -> None:
    with open_store(database) as store:
        store.save(Scenario(name="Raad", problem_config={}, note="regel\nNep: regel"))
    code, out, err = run(["report", "--formaat", "tekst", "--scenario", "Raad"], capsys)
    assert code == 0, err
    assert "\nNep: regel" not in out  # a line break in a note cannot forge a line
    assert "regel\\x0aNep: regel" in out


def test_report_leaves_the_garbage_collector_as_it_was(tmp_path, capsys, monkeypatch) -> None:
    """The report collects garbage less often while it runs, but
    a process that goes on afterwards (the app, this test run) gets the collector back as it
    was: the same thresholds, nothing frozen, also after a refusal."""
    import gc

    from dashboard.commands import report

    seen: list[tuple[int, ...]] = []
    real = report._run_command
    monkeypatch.setattr(
        report, "_run_command", lambda args: (seen.append(gc.get_threshold()), real(args))[1]
    )
    before = gc.get_threshold()
    for argv in (["report", "--uitvoer", str(tmp_path / "x.doc")], ["report"]):
        code, _, err = run(argv, capsys)
        assert code == 2 and err.startswith("Fout: ")
    assert seen and all(t[0] >= report.YOUNG_THRESHOLD for t in seen)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
