"""Project conventions that a reviewer would otherwise check by hand."""

from __future__ import annotations

import ast
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


@pytest.mark.slow
def test_mypy_core() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True
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


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(CORE.rglob("*.py")) if "ui" not in p.relative_to(CORE).parts],
    ids=lambda p: str(p.relative_to(CORE)),
)
def test_core_never_imports_streamlit(path: Path) -> None:
    assert "streamlit" not in _imports(path)


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_every_page_calls_page_guard_first(page: Path) -> None:
    """See dashboard.ui.layout.page_guard: without it a deep link can bypass app.py."""
    tree = ast.parse(page.read_text(encoding="utf-8"))
    calls = [
        node.value.func.id
        for node in tree.body
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
    ]
    assert calls and calls[0] == "page_guard", (
        f"{page.name}: call page_guard() before anything else"
    )


#: Python files of the app itself: the package, the pages and the entry point.
APP_FILES = sorted([*CORE.rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"])


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", APP_FILES, ids=_rel)
def test_environment_read_only_in_config(path: Path) -> None:
    """Settings come from one module, so a reader finds every variable the app obeys there."""
    if path == CORE / "config.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    reads = [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv", "putenv"})
        or (isinstance(node, ast.Name) and node.id in {"environ", "getenv"})
    ]
    assert not reads, f"{_rel(path)} reads the environment on line(s) {reads}; ask config.py"


@pytest.mark.parametrize("path", APP_FILES, ids=_rel)
def test_exceptions_defined_only_in_errors(path: Path) -> None:
    if path == CORE / "errors.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    classes = [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(
            ast.unparse(base).split(".")[-1].endswith(("Error", "Exception")) for base in node.bases
        )
    ]
    assert not classes, f"{_rel(path)} defines {classes}; exceptions belong in errors.py"


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


CODE_FILES = sorted(
    {*APP_FILES, *(ROOT / "tests").rglob("*.py"), *(ROOT / "benchmarks").glob("*.py")}
)


@pytest.mark.parametrize("path", CODE_FILES, ids=_rel)
def test_no_issue_numbers_in_the_code(path: Path) -> None:
    """Comments and docstrings describe the code, not the work that produced it."""
    import re

    text = path.read_text(encoding="utf-8")
    found = [m.group(0) for m in re.finditer(r"\bissues?\s+#?\d+\b", text, re.IGNORECASE)]
    assert not found, f"{_rel(path)} names {found}; say what the code does instead"
