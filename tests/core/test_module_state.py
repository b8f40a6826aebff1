"""core/ keeps no mutable analysis state in its modules: read from the source, without importing it.

What an analysis learns about its text (the scan of its characters, the offsets found) lives in
the :class:`~glyphwash.core.rules.context.RuleContext` the engine makes for that analysis, so two
analyses at once, in two workers, share nothing. Tables computed once from the Unicode data or the
word lists (``functools.cache`` functions, constants built at import) are fine: they are immutable
facts, the same for every text, never written during an analysis.

So no module of core/ may hold per-thread or per-context state (``contextvars``,
``threading.local``), rebind a module name (``global``), or write into a module-level object from
a function (``NAME[key] = …``, ``NAME.attr = …``, ``NAME.append(…)``, ``NAME.set(…)``…).
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"

# Methods that change the object they are called on (lists, dicts, sets, context variables).
MUTATORS = frozenset({"append", "extend", "insert", "remove", "pop", "popitem", "clear", "add", "discard",
                      "update", "setdefault", "set", "reset", "__setitem__", "__delitem__", "sort", "reverse",
                      "appendleft", "extendleft", "difference_update", "intersection_update",
                      "symmetric_difference_update"})


def module_names(tree: ast.Module) -> set[str]:
    """Names bound at a module's top level (assignments, not functions, classes or imports)."""
    names: set[str] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign | ast.AugAssign) else []
        names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def local_names(function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> set[str]:
    """The names a function binds itself (its parameters and every name it stores)."""
    arguments = function.args
    names = {argument.arg for argument in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
    names.update(argument.arg for argument in (arguments.vararg, arguments.kwarg) if argument is not None)
    names.update(node.id for node in ast.walk(function) if isinstance(node, ast.Name)
                 and isinstance(node.ctx, ast.Store))
    return names


def written_object(node: ast.AST) -> str | None:
    """The name whose object ``node`` writes into, if it does (``NAME[k] = v``, ``NAME.x = v``, ``NAME.add(v)``)."""
    if isinstance(node, ast.Subscript | ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
        return node.value.id if isinstance(node.value, ast.Name) else None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
        return node.func.value.id if isinstance(node.func.value, ast.Name) else None
    return None


def module_state_problems(source: str) -> list[str]:
    """Every way ``source`` keeps mutable state in its module, described."""
    tree = ast.parse(source)
    shared = module_names(tree)
    problems: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            imported = [node.module or ""] if isinstance(node, ast.ImportFrom) else [alias.name for alias in node.names]
            if "contextvars" in imported:
                problems.append((node.lineno, "imports contextvars"))
        elif isinstance(node, ast.Attribute) and node.attr in {"local", "ContextVar"}:
            problems.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Global):
            problems.append((node.lineno, f"global {', '.join(node.names)}"))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            own = local_names(node)
            for inner in ast.walk(node):
                name = written_object(inner)
                if name is not None and name in shared and name not in own:
                    problems.append((inner.lineno, f"writes into the module's {name}"))
    return [f"line {line}: {problem}" for line, problem in sorted(set(problems))]


def test_the_scan_finds_each_kind_of_module_state() -> None:
    source = """
import contextvars
import threading
_scan = contextvars.ContextVar("scan", default=None)
_seen = {}
_local = threading.local()
TABLE = (1, 2)

def remember(key, value):
    _seen[key] = value
    _scan.set(key)
    _local.text = key

def rebind():
    global TABLE
    TABLE = ()

def shadowed(_seen):
    _seen.append(1)
"""
    assert module_state_problems(source) == [
        "line 2: imports contextvars", "line 4: contextvars.ContextVar", "line 6: threading.local",
        "line 10: writes into the module's _seen", "line 11: writes into the module's _scan",
        "line 12: writes into the module's _local", "line 15: global TABLE"]


# Module state that is no analysis state, each with the reason it may stay.
NOT_ANALYSIS_STATE = {
    # Whether to stop, not what an analysis found: each worker's cancellable() scope is its own
    # context (a rule's loop checks it without being handed it, as a CLI run has no scope at all).
    "core/cancel.py": {"imports contextvars", "writes into the module's _stop_requested"},
    # A codec error handler takes no arguments (codecs.register_error): the list it fills is set
    # and cleared around one decode or encode call, in that call's own thread.
    "core/encoding/rawbytes.py": {"threading.local", "writes into the module's _recorder"},
    "core/encoding/saving.py": {"threading.local", "writes into the module's _unencodable"},
    # A memo of a pure function of one character (its script and the scripts that can spell it):
    # a table filled lazily, the same for every text.
    "core/rules/homoglyphs.py": {"writes into the module's _letter_infos"},
}


def test_core_keeps_no_mutable_analysis_state_in_its_modules() -> None:
    found = {}
    for path in sorted(CORE.rglob("*.py")):
        name = path.relative_to(CORE.parent).as_posix()
        allowed = NOT_ANALYSIS_STATE.get(name, set())
        problems = [problem for problem in module_state_problems(path.read_text(encoding="utf-8"))
                    if problem.partition(": ")[2] not in allowed]
        if problems:
            found[name] = problems
    assert found == {}
