"""core/ has no import cycles and never imports Qt: read from the source, without importing it.

Edges are the imports a module runs when it is imported (its top level, outside ``if
TYPE_CHECKING:``); an import inside a function runs later and is listed apart (the second graph
of :func:`graph`). Neither kind may close a cycle: a deferred import only hides one from Python.
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"
PACKAGE = "glyphwash.core"


def module_name(path: Path) -> str:
    parts = path.relative_to(CORE).with_suffix("").parts
    return ".".join((PACKAGE, *parts)).removesuffix(".__init__")


def resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """The modules an ``import from`` names (the module itself, or its submodules for ``from . import x``)."""
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level:
        base = base[: len(base) - node.level + 1]
        target = ".".join([*base, node.module] if node.module else base)
    else:
        target = node.module or ""
    return [target, *(f"{target}.{alias.name}" for alias in node.names)]


def _is_type_checking(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports(path: Path) -> tuple[set[str], set[str]]:
    """(modules imported when ``path`` is imported, modules imported later inside functions)."""
    module = module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    now: set[str] = set()
    later: set[str] = set()

    def visit(nodes: list[ast.stmt], into: set[str]) -> None:
        for node in nodes:
            if _is_type_checking(node):
                continue
            if isinstance(node, ast.Import):
                into.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                into.update(resolve(module, is_package, node))
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(list(ast.walk(node))[1:], later)  # type: ignore[arg-type]
            elif isinstance(node, ast.ClassDef | ast.If | ast.Try | ast.With):
                visit(list(ast.iter_child_nodes(node)), into)  # type: ignore[arg-type]

    visit(tree.body, now)
    return now, later


def graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    modules = {module_name(path): path for path in CORE.rglob("*.py")}
    at_import: dict[str, set[str]] = {}
    deferred: dict[str, set[str]] = {}
    for name, path in modules.items():
        now, later = imports(path)
        at_import[name] = {target for target in now if target in modules and target != name}
        deferred[name] = {target for target in later if target in modules and target != name}
    return at_import, deferred


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in sorted(edges):
        if node not in index:
            connect(node)
    return found


def test_cycles_are_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_core_has_no_import_cycle() -> None:
    at_import, _ = graph()
    assert cycles(at_import) == []


def test_no_deferred_import_closes_a_cycle() -> None:
    """An import inside a function is still a dependency: with those edges added there is no cycle
    either (the homoglyph rule once imported the engine in a function, and the engine imports
    every rule; it is handed the engine's analysis in its context instead)."""
    at_import, deferred = graph()
    assert cycles({module: at_import[module] | deferred[module] for module in at_import}) == []


def test_core_never_imports_qt() -> None:
    for path in CORE.rglob("*.py"):
        now, later = imports(path)
        qt = sorted(name for name in now | later if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"})
        assert not qt, f"{path.relative_to(CORE.parent)} imports {qt}"


def test_data_modules_do_not_import_rules_or_the_engine() -> None:
    """core.unicode is data: it never reaches up to the rules or the engine, even inside a function."""
    at_import, deferred = graph()
    for module in at_import:
        if module.startswith(f"{PACKAGE}.unicode"):
            upward = {target for target in at_import[module] | deferred[module]
                      if target.startswith((f"{PACKAGE}.rules", f"{PACKAGE}.engine"))}
            assert not upward, f"{module} imports {sorted(upward)}"


def test_no_module_is_imported_by_name() -> None:
    """Rules and tables are imported, not looked up by string: "go to definition" follows every hop."""
    for path in CORE.rglob("*.py"):
        calls = [node for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("import_module")]
        assert not calls, f"{path.relative_to(CORE.parent)} imports a module by name"
