"""The package has two wings: what notebooks import (rnnlab) and the book's tools (rnnlab.tools).

The learner wing (all but ``rnnlab.__main__``, the command line's entry) never imports the
tools, and no two modules import each other (directly or around a longer loop), whether the
import sits at the top of a module or inside a function.
"""

import ast
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "rnnlab"


def module_name(path):
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path):
    """The rnnlab modules ``path`` imports (absolute names), anywhere in its code."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("rnnlab")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("rnnlab"):
                found.add(target)
                found |= {f"{target}.{a.name}" for a in node.names}
    return found


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: {m for m in imports_of(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def test_the_learner_wing_never_imports_the_tools():
    learner = [m for m in MODULES if not m.startswith("rnnlab.tools") and m != "rnnlab.__main__"]
    assert "rnnlab.checks" in learner and len(learner) >= 8
    offenders = {m: sorted(GRAPH[m]) for m in learner if any(t.startswith("rnnlab.tools") for t in GRAPH[m])}
    assert not offenders, offenders


def test_no_import_cycle():
    def visit(node, stack, done):
        if node in stack:
            return stack[stack.index(node) :] + [node]
        if node in done:
            return None
        done.add(node)
        for nxt in sorted(GRAPH[node]):
            # a package importing its own submodules is how a package is built, not a cycle
            if node.startswith(nxt + "."):
                continue
            cycle = visit(nxt, stack + [node], done)
            if cycle:
                return cycle
        return None

    for start in sorted(GRAPH):
        cycle = visit(start, [], set())
        assert cycle is None, " -> ".join(cycle)


def test_importing_the_learner_wing_loads_no_tool():
    code = (
        "import sys, rnnlab, rnnlab.checks\n"
        "print(sorted(m for m in sys.modules if m.startswith('rnnlab.tools')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
