"""The project's own files agree with each other."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _normalise(req: str) -> str:
    name, _, bound = re.match(r"([A-Za-z0-9_.\-]+)\s*(>=)?\s*(.*)", req).groups()
    return f"{name.lower().replace('_', '-')}>={bound}" if bound else name.lower()


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_normalise(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_normalise(d) for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))}
    assert conda == wanted, f"only in pyproject: {wanted - conda}; only in environment.yml: {conda - wanted}"


def test_python_lower_bound_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert project["requires-python"] == ">=3.11" and "python>=3.11" in env["dependencies"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make test" in (ROOT / "README.md").read_text() and "make report" in (ROOT / "README.md").read_text()


def test_reading_a_notebook_does_not_build_the_iri_grammars_and_still_validates(tmp_path):
    import subprocess
    import sys

    code = ("import ikm_utils, nbformat, sys; nb = nbformat.v4.new_notebook(); nbformat.validate(nb); "
            "print(sys.modules.get('rfc3987_syntax') is None, 'lark' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "False"]
