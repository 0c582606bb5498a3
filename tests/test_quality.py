"""House rules kept by tools: ruff (lint and format) and mypy over the package."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_lint() -> None:
    result = run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = run("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def _imports(path: Path) -> set[str]:
    """Every playbook_builder module a file imports, at any level (function bodies and
    TYPE_CHECKING blocks included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "playbook_builder":
                found.update(f"playbook_builder.{a.name}" for a in node.names)
            elif node.module.startswith("playbook_builder."):
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("playbook_builder"))
    return found


def test_no_import_cycles() -> None:
    package = REPO / "playbook_builder"
    graph: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        parts = path.with_suffix("").relative_to(REPO).parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        graph[name] = _imports(path)
    graph = {name: {d for d in deps if d in graph and d != name} for name, deps in graph.items()}

    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for dep in sorted(graph[name]):
            if state.get(dep) == "open":
                cycles.append([*trail[trail.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*trail, dep])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


# The pipeline's floors, bottom first (DEVELOPERS.md, "How it works"): a module imports only
# from its own floor or the floors below it.
FLOORS = {
    "content": 0,
    "editions": 1,
    "select": 1,
    "overlays": 1,
    "project": 1,
    "checklists": 2,
    "render": 3,
    "engine": 4,
    "authoring": 5,
    "cli": 6,
}


def _floor(module: str) -> int | None:
    parts = module.split(".")
    return FLOORS.get(parts[1]) if len(parts) > 1 else None


def test_imports_never_run_back_up_the_pipeline() -> None:
    package = REPO / "playbook_builder"
    upward = []
    for path in sorted(package.rglob("*.py")):
        parts = path.with_suffix("").relative_to(REPO).parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        here = _floor(name)
        if here is None:
            continue
        for dep in sorted(_imports(path)):
            there = _floor(dep)
            if there is not None and there > here:
                upward.append(f"{name} imports {dep}")
    assert upward == []


def test_no_function_is_over_80_lines() -> None:
    """A long function is doing several jobs: split it (decorators count as lines)."""
    import ast

    long = []
    for path in sorted((REPO / "playbook_builder").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                start = min([d.lineno for d in node.decorator_list] + [node.lineno])
                assert node.end_lineno is not None
                if node.end_lineno - start + 1 > 80:
                    long.append(f"{path.relative_to(REPO)}:{node.name}")
    assert long == []


def test_no_test_imports_another_test_module() -> None:
    """Shared helpers live in tests/helpers.py and fixtures in conftest.py."""
    import re

    found = [
        f"{path.name}: {line.strip()}"
        for path in sorted((REPO / "tests").glob("*.py"))
        for line in path.read_text("utf-8").splitlines()
        if re.match(r"\s*from \.test_\w+ import|\s*import tests\.test_", line)
    ]
    assert found == []
    too_long = [
        path.name
        for path in sorted((REPO / "tests").glob("*.py"))
        if len(path.read_text("utf-8").splitlines()) > 800
    ]
    assert too_long == []
