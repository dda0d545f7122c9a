"""`make lint` holds the layout: the architecture contract catches an import that runs back up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from devtools.lint import unexplained_ignores

ROOT = Path(__file__).resolve().parents[2]
ROOTS = ["", "services/pegawai", "services/kompetensi", "services/kinerja", "services/pengembangan", "gateway"]


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(tree / r) if r else str(tree) for r in ROOTS)}
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "migrations")
    for top in ("shared", "services", "gateway"):
        shutil.copytree(ROOT / top, tree / top, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_architecture_contract_holds_today_and_fails_on_an_import_that_runs_back_up(tmp_path: Path) -> None:
    tree = _copy_tree(tmp_path)
    assert _lint_imports(tree).returncode == 0
    queries = tree / "services/pegawai/pegawai/jabatan/queries.py"
    queries.write_text(queries.read_text() + "\nfrom pegawai.jabatan import routes as _routes  # a layer violation\n")
    broken = _lint_imports(tree)
    assert broken.returncode != 0
    assert "pegawai.jabatan.queries -> pegawai.jabatan.routes" in broken.stdout
    assert "never upward BROKEN" in broken.stdout.replace("\n", " ")


def test_sql_in_a_route_and_one_app_importing_another_are_refused(tmp_path: Path) -> None:
    tree = _copy_tree(tmp_path)
    routes = tree / "services/kompetensi/kompetensi/kamus/routes.py"
    routes.write_text(
        routes.read_text() + "\nfrom sqlalchemy import select as _select\nfrom pegawai import app as _app\n"
    )
    broken = _lint_imports(tree)
    assert broken.returncode != 0
    out = broken.stdout.replace("\n", " ")
    assert "SQLAlchemy is for queries and  models BROKEN" in out or "SQLAlchemy is for queries and models BROKEN" in out
    assert "through shared.clients) BROKEN" in out


def test_every_type_ignore_says_why() -> None:
    assert unexplained_ignores() == []
