"""The shape of the package: no import cycle among checker's modules, and
code short and simple enough to read at once (issue 10's bars).

A cycle hidden in a function-level import is still a cycle (the modules
cannot be understood, tested or loaded one without the other), so every
`import` and `from ... import` of a checker module counts, wherever it is
in the file. `from package import name` is an edge to the submodule when
`name` is one, else to the package. The implicit edge to a parent package
(importing checker.engine.rule first runs checker/__init__.py) is not one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "checker"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _imported(name: str, path: Path, modules: dict) -> set[str]:
    """The checker modules that module `name` (at `path`) imports."""
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if path.name == "__init__.py" else \
                    name.split(".")[:-1]
                package = package[:len(package) - node.level + 1]
                base = ".".join(package + ([node.module] if node.module else []))
            targets.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                           for a in node.names)
    out = set()
    for target in targets:
        while target and target not in modules:  # `import checker.x.y` of a name
            target = target.rpartition(".")[0]
        if target and target != name and target.split(".")[0] == "checker":
            out.add(target)
    return out


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's
    algorithm, iterative: the graph is small, but recursion depth is not a
    property a test should depend on)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            child = next(edges, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _describe(graph, component) -> str:
    return "; ".join(f"{a} -> {', '.join(sorted(b for b in graph[a] if b in component))}"
                     for a in component)


GRAPH = import_graph()
CYCLES = cycles(GRAPH)


def test_no_import_cycle_among_checkers_modules():
    assert CYCLES == [], [_describe(GRAPH, c) for c in CYCLES]


def test_the_cycle_finder_finds_cycles_and_the_graph_sees_function_level_imports():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    # cli imports most of the package inside its commands
    assert {"checker.engine.batch", "checker.output.render"} <= GRAPH["checker.cli"]
    assert "checker.api" in GRAPH["checker"]  # the lazy checker.check
    assert "checker.parsing" not in GRAPH["checker.parsing.model"]  # no parent edge


def test_the_version_is_a_leaf():
    assert GRAPH["checker.version"] == set()
    assert not any("checker" in targets for targets in GRAPH.values())


# Issue 10's bars for code in checker/: a function a reader takes in at once.
MAX_COMPLEXITY = 20   # cyclomatic, as radon counts it
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400


def _sources():
    return sorted(PACKAGE.rglob("*.py"))


def test_no_function_is_too_complex():
    radon = pytest.importorskip("radon.complexity", reason="radon is a test extra")
    over = [f"{path.relative_to(PACKAGE.parent)}:{block.lineno} {block.name} ({block.complexity})"
            for path in _sources()
            for block in radon.cc_visit(path.read_text(encoding="utf-8"))
            if block.complexity > MAX_COMPLEXITY]
    assert over == [], over


def test_no_function_or_module_is_too_long():
    long_functions, long_modules = [], []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            long_modules.append(f"{path.relative_to(PACKAGE.parent)} ({text.count(chr(10))})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long_functions.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} "
                                          f"{node.name} ({length} lines)")
    assert long_functions == [] and long_modules == [], long_functions + long_modules


def test_ruff_is_clean_under_the_projects_rule_set():
    import shutil
    import subprocess
    import sys
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is a test extra (pip install '.[test]')")
    root = PACKAGE.parent
    out = subprocess.run([ruff, "check", "--no-cache", "checker", "tests", "benchmarks", "tools"],
                         cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:]
