"""The package's folders are families that import downwards only, and no module imports
another that (through others) imports it again.

core ← data, mcda ← region ← scenarios ← presentation ← ui, commands ← cli. data and mcda
stand side by side and do not import each other. Every import counts, also one inside a
function or under ``TYPE_CHECKING``: a circle there still ties the modules together.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dashboard"
#: Each family's level; a module may import its own family and lower levels only.
LEVELS = {
    "core": 0,
    "data": 1,
    "mcda": 1,
    "region": 2,
    "scenarios": 3,
    "presentation": 4,
    "ui": 5,
    "commands": 5,
    "": 6,  # dashboard/cli.py, __main__.py, __init__.py
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                    base = f"{base}.{node.module}" if node.module else base
                else:
                    base = node.module or ""
                # each imported submodule counts; the package itself only when no name is one
                submodules = [f"{base}.{alias.name}" for alias in node.names]
                found = [t for t in submodules if t in modules]
                targets = found or [base]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def _family(module: str) -> str:
    if module == "dashboard":
        return "core"  # the package's __init__ holds only __version__ and imports nothing
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LEVELS) else ""


def test_every_module_is_in_a_family() -> None:
    loose = sorted(
        m
        for m in _modules()
        if _family(m) == "" and m not in ("dashboard.cli", "dashboard.__main__")
    )
    assert not loose, f"modules outside the family folders: {loose}"


def test_families_import_downwards_only() -> None:
    modules = _modules()
    wrong = []
    for source, targets in _imports(modules).items():
        for target in targets:
            a, b = _family(source), _family(target)
            if a != b and (LEVELS[b] > LEVELS[a] or LEVELS[b] == LEVELS[a]):
                wrong.append(f"{source} → {target}")
    assert not wrong, "imports against the family order:\n" + "\n".join(sorted(wrong))


def test_no_import_circles() -> None:
    graph = _imports(_modules())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(_modules()):
        if module not in index:
            visit(module)
    assert not circles, f"modules that import each other: {circles}"
