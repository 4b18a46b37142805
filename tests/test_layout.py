"""The tree shows the architecture: imports go one way, from the CLI down to the method.

Every module of ``ikm_utils`` is parsed (``ast``), lazy imports inside functions included; only imports
under ``if TYPE_CHECKING:`` are left out, as they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ikm_utils"

# Lowest first; a module may import its own stage and any stage listed before it.
STAGES = ["errors", "method", "intake", "stats", "params", "report", "publish", "starter", "cli", "__init__"]
# Plotting, notebook and CLI libraries the regulation's arithmetic must never need.
NOT_IN_METHOD = ("matplotlib", "seaborn", "papermill", "nbconvert", "nbformat", "argparse", "ikm_utils.cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    """``ikm_utils.report.tables`` -> ``report``; ``ikm_utils`` (the package itself) -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return skip


def imports(path: Path) -> list[tuple[str, int, str | None]]:
    """(module imported, line, first imported name) for each import statement of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno, None) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, node.lineno, a.name) for a in node.names]
    return found


def project_graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports (``from ikm_utils.report import tables`` counts as the module)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for target, _, imported in imports(path):
            if not target.startswith("ikm_utils"):
                continue
            if imported and f"{target}.{imported}" in modules:
                target = f"{target}.{imported}"
            targets.add(target)
        graph[name] = targets - {name}
    return graph


def test_every_module_belongs_to_a_known_stage():
    stages = {stage_of(m) for m in project_graph()}
    assert stages <= set(STAGES), f"modules outside the stages: {sorted(stages - set(STAGES))}"


def test_imports_go_from_the_cli_down_to_the_method_never_back():
    against = []
    for module, targets in project_graph().items():
        for target in targets:
            if target == "ikm_utils" and module.startswith("ikm_utils.publish"):
                continue  # only ``__version__``, checked below
            if STAGES.index(stage_of(target)) > STAGES.index(stage_of(module)):
                against.append(f"{module} imports {target}")
    assert not against, "imports against the direction:\n" + "\n".join(sorted(against))


def test_the_package_root_is_imported_only_for_its_version():
    for path in PACKAGE.rglob("*.py"):
        for target, line, name in imports(path):
            if target == "ikm_utils" and module_name(path) != "ikm_utils":
                assert name == "__version__", f"{path.name}:{line} imports {name} from the package root"


@pytest.mark.parametrize("library", NOT_IN_METHOD)
def test_the_method_imports_no_plotting_notebook_or_cli_code(library):
    for path in (PACKAGE / "method").rglob("*.py"):
        for target, line, _ in imports(path):
            assert not (target == library or target.startswith(library + ".")), f"{path.name}:{line} imports {target}"


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_cycle_between_modules():
    graph = {m: {t for t in ts if t != "ikm_utils"} for m, ts in project_graph().items() if m != "ikm_utils"}
    cycle = _find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_no_cycle_between_subpackages():
    graph: dict[str, set[str]] = {}
    for module, targets in project_graph().items():
        if module == "ikm_utils":
            continue
        graph.setdefault(stage_of(module), set()).update(
            stage_of(t) for t in targets if t != "ikm_utils" and stage_of(t) != stage_of(module)
        )
    cycle = _find_cycle(graph)
    assert cycle is None, "cycle between subpackages: " + " -> ".join(cycle)


def test_the_cycle_detector_finds_a_planted_cycle():
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None
