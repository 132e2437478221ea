"""The layout docs/architecture.md describes: packages only at the top, layers that point
down (import-linter's contracts in pyproject.toml), no workflow importing another."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "asfcert"


def test_the_top_level_holds_only_packages():
    loose = sorted(p.name for p in PACKAGE.iterdir() if p.is_file() and p.name not in ("__init__.py", "__main__.py"))
    assert loose == []
    for folder in (p for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__" and not p.name.startswith(".")):
        assert (folder / "__init__.py").is_file(), folder


def test_every_package_is_in_a_layer():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    named = {name.strip() for layer in layers for name in layer.replace("|", ":").split(":")}
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == named


def test_layers_and_independence_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(lint), "--no-cache", "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout
