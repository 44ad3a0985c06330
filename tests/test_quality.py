"""Project conventions that a reviewer would otherwise check by hand."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "src" / "dashboard"


def test_ruff_lint_and_format() -> None:
    lint = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout[-3000:]
    fmt = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert fmt.returncode == 0, fmt.stdout[-3000:]


def _mypy_cache() -> list[str]:
    """mypy's cache outside the checkout, so a fresh clone (as in CI) does not analyse numpy,
    SQLAlchemy, Altair and Streamlit again (most of a cold run). mypy checks each cached file's
    hash, so a changed file or dependency is checked anew; the file store (not the SQLite one)
    writes each entry atomically, so checkouts running at the same time can share it."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "arbeidsmarktregio-dashboard-tests" / "mypy"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return []  # mypy's own .mypy_cache in the checkout
    return [f"--cache-dir={folder}", "--no-sqlite-cache"]


@pytest.mark.slow
def test_mypy_core() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *_mypy_cache()], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


#: What the lint settings forbid where (pyproject.toml, src/dashboard/ruff.toml and
#: src/dashboard/ui/ruff.toml): the core never imports streamlit, and only dashboard/core/config.py
#: reads the environment. ``test_ruff_lint_and_format`` runs the rules on the tree; this table
#: shows that the settings are in force for each kind of file.
BANNED_API = [
    pytest.param("src/dashboard/mcda/scoring.py", "import streamlit\n", True, id="core-streamlit"),
    pytest.param(
        "src/dashboard/presentation/maps/specs.py",
        "def f():\n    from streamlit import session_state\n",
        True,
        id="core-streamlit-in-function",
    ),
    pytest.param(
        "src/dashboard/presentation/charts/x.py",
        "import streamlit.components.v1\n",
        True,
        id="core-submodule",
    ),
    pytest.param("src/dashboard/ui/layout.py", "import streamlit\n", False, id="ui-streamlit"),
    pytest.param("pages/kaart.py", "import streamlit\n", False, id="page-streamlit"),
    pytest.param("app.py", "import streamlit\n", False, id="app-streamlit"),
    pytest.param(
        "src/dashboard/mcda/scoring.py", "import os\nos.environ\n", True, id="core-environ"
    ),
    pytest.param("src/dashboard/ui/layout.py", "import os\nos.getenv\n", True, id="ui-getenv"),
    pytest.param("pages/kaart.py", "from os import environ\n", True, id="page-environ"),
    pytest.param("app.py", "import os\nos.putenv\n", True, id="app-putenv"),
    pytest.param("tests/test_x.py", "import os\nos.environ\n", False, id="test-environ"),
]


@pytest.mark.parametrize(("path", "code", "banned"), BANNED_API)
def test_lint_settings_ban_streamlit_in_the_core_and_the_environment_outside_config(
    path: str, code: str, banned: bool
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--select",
            "TID251",
            "--stdin-filename",
            path,
            "-",
        ],
        cwd=ROOT,
        input=code,
        capture_output=True,
        text=True,
    )
    assert ("TID251" in result.stdout) == banned, result.stdout + result.stderr


def _first_call(page: Path) -> str | None:
    tree = ast.parse(page.read_text(encoding="utf-8"))
    calls = [
        node.value.func.id
        for node in tree.body
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
    ]
    return calls[0] if calls else None


def test_every_page_calls_page_guard_first() -> None:
    """See dashboard.ui.layout.page_guard: without it a deep link can bypass app.py."""
    pages = sorted((ROOT / "pages").glob("*.py"))
    assert pages
    late = [page.name for page in pages if _first_call(page) != "page_guard"]
    assert not late, f"call page_guard() before anything else in {late}"


#: Python files of the app itself: the package, the pages and the entry point.
APP_FILES = sorted([*CORE.rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"])


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _exception_classes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(
            ast.unparse(base).split(".")[-1].endswith(("Error", "Exception")) for base in node.bases
        )
    ]


def test_exceptions_defined_only_in_errors() -> None:
    found = {
        _rel(path): classes
        for path in APP_FILES
        if path != CORE / "core" / "errors.py" and (classes := _exception_classes(path))
    }
    assert not found, f"exceptions belong in errors.py: {found}"


def test_mypy_covers_the_pages_and_the_entry_point() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    files = set(config["tool"]["mypy"]["files"])
    assert {"src/dashboard", "pages", "app.py"} <= files


def test_pyproject_dependencies_match_the_pins_in_requirements() -> None:
    """``pip install .`` must get the same versions as ``pip install -r requirements.txt``."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [
        line.split("#")[0].strip()
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "-"))
    ]
    assert sorted(config["project"]["dependencies"]) == sorted(pins)


def test_one_version() -> None:
    """The version is written once, in the package; pyproject.toml and the changelog follow it."""
    import tomllib

    from dashboard import __version__

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in config["project"]["dynamic"] and "version" not in config["project"]
    assert config["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "dashboard.__version__"}
    assert f"## {__version__}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_the_websocket_client_stands_on_its_own() -> None:
    """benchmarks/streamlit_client.py is shared by the load benchmark and the browser tests; it
    must not reach into either (no sys.path tricks, no imports from tests/ or the dashboard)."""
    imported = _imports(ROOT / "benchmarks" / "streamlit_client.py")
    assert not imported & {"tests", "dashboard", "benchmarks"}
    for script in (ROOT / "benchmarks").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        assert "tests.e2e.protocol" not in text, script.name


def test_benchmarks_and_the_shared_helpers_never_import_the_tests() -> None:
    """What the benchmarks share with the tests lives in ``support/``; ``python benchmarks/x.py``
    must not depend on the test suite's modules."""
    files = [*(ROOT / "benchmarks").glob("*.py"), *(ROOT / "support").glob("*.py")]
    found = [_rel(path) for path in files if "tests" in _imports(path)]
    assert not found, f"import from support/ instead of tests/: {found}"


CODE_FILES = sorted(
    {
        *APP_FILES,
        *(ROOT / "tests").rglob("*.py"),
        *(ROOT / "benchmarks").glob("*.py"),
        *(ROOT / "support").glob("*.py"),
    }
)


def test_no_issue_numbers_in_the_code() -> None:
    """Comments and docstrings describe the code, not the work that produced it."""
    pattern = re.compile(r"\bissues?\s+#?\d+\b", re.IGNORECASE)
    found = {
        _rel(path): names
        for path in CODE_FILES
        if (names := pattern.findall(path.read_text(encoding="utf-8")))
    }
    assert not found, f"say what the code does instead of naming the work: {found}"
