"""The package's shape: imports inside ``assistant/`` go one way (no cycle, imports inside
functions included), and no module imports another's private name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str], root: Path = PACKAGE) -> list[tuple[str, list[str]]]:
    """(imported module, names) for every import in the file, at any depth (inside functions too)."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [alias.name for alias in node.names]
            # "from . import x" imports the module x
            found += [(f"{target}.{n}", []) for n in names if f"{target}.{n}" in modules]
            found.append((target, names))
        elif isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
    return [(target, names) for target, names in found if target in modules and target != name]


def _graph() -> tuple[dict[str, set[str]], list[tuple[str, str, str]]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in files}
    private = []
    for name, path in files.items():
        for target, names in _imports(path, set(files)):
            graph[name].add(target)
            private += [(name, target, n) for n in names if n.startswith("_") and not n.startswith("__")]
    return graph, private


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        order[node] = low[node] = len(order)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph[node]):
            if succ not in order:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], order[succ])
        if low[node] == order[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in order:
            visit(node)
    return found


def test_no_import_cycle_inside_the_package():
    graph, _ = _graph()
    assert "assistant.answer.pipeline" in graph and "assistant.check.pipeline" in graph
    assert cycles(graph) == []


def test_no_module_imports_a_private_name_from_another():
    _, private = _graph()
    assert private == []


def test_the_cycle_finder_sees_imports_inside_functions(tmp_path):
    """The check itself can fail: a function-level import that closes a loop is a cycle."""
    graph = {"a": {"b"}, "b": {"c"}, "c": set(), "d": set()}
    assert cycles(graph) == []
    graph["c"].add("a")
    assert cycles(graph) == [["a", "b", "c"]]
    root = tmp_path / "assistant"
    root.mkdir()
    source = root / "m.py"
    source.write_text("def f():\n    from .answer import ask\n")
    modules = {"assistant.answer", "assistant.m"}
    assert _imports(source, modules, root) == [("assistant.answer", ["ask"])]


@pytest.mark.parametrize("package", ["answer", "check"])
def test_answer_and_check_are_packages_of_small_modules(package):
    sizes = {p.name: len(p.read_text().splitlines()) for p in (PACKAGE / package).glob("*.py")}
    assert "pipeline.py" in sizes and len(sizes) >= 5
    assert max(sizes.values()) <= 450, sizes


def test_every_package_is_installed():
    """pyproject.toml lists the packages by name: a new one left out is missing from a wheel."""
    import tomllib

    listed = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    found = {_module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("__init__.py")}
    assert set(listed) == found


def test_every_relative_import_names_a_module_of_the_package():
    """A module moved into a sub-package keeps its imports inside functions working."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    missing = []
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                if target not in files:
                    missing.append(f"{name}: from {'.' * node.level}{node.module or ''}")
    assert missing == []
