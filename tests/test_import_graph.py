"""Tests the shape of the house: no import loops, and the layers cli -> tui -> sheets -> i18n -> engine -> catalog.

Every module of the six packages is parsed with `ast` (nothing is
imported), and every import inside the project counts: at the top, inside a
function, under `if TYPE_CHECKING:`. An import hidden in a function still
ties two modules together; hiding it only moves the loop to run time.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("cli", "tui", "sheets", "i18n", "engine", "catalog")
"""Top to bottom: a package may import its own layer and the ones below it, never one above.

i18n (the one translation layer) serves the cli, the tui and the sheets, and reads
only the domain's languages from the engine.
"""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for layer in LAYERS for p in sorted((ROOT / layer).rglob("*.py"))}


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules `name` imports, wherever in the file the import stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from a import b` imports the module a.b when there is one, else a name from a.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


@functools.cache  # parsed once for the three tests (read only)
def import_graph() -> nx.DiGraph:
    modules = project_modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        graph.add_edges_from((name, target) for target in imports_of(name, path, modules))
    return graph


def test_the_graph_sees_imports_inside_functions() -> None:
    graph = import_graph()
    assert graph.has_edge("cli.commands.tui", "tui.app")  # deferred for start-up time, still an edge
    assert graph.has_edge("engine.match.solve", "engine.match.results")
    assert graph.has_edge("sheets.content", "i18n")
    assert len(graph) > 60


def test_no_import_loops() -> None:
    loops = [sorted(c) for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert loops == [], f"import loops: {loops}"


def test_layers_only_point_downwards() -> None:
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    upwards = sorted(
        f"{a} -> {b}" for a, b in import_graph().edges
        if rank[b.partition(".")[0]] < rank[a.partition(".")[0]]
    )
    assert upwards == []
