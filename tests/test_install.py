"""kiaro installs from a clean checkout: the wheel built from it, installed in a fresh
virtual environment, runs, and brings its manual page and completion scripts."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from kiaro_cli import __version__

ROOT = Path(__file__).parent.parent
UV = shutil.which("uv")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(UV is None, reason="needs uv (.ci/run installs it)")]
SHIPPED = {
    "share/man/man1/kiaro.1": "man/kiaro.1",
    "share/bash-completion/completions/kiaro": "completions/kiaro.bash",
    "share/zsh/site-functions/_kiaro": "completions/kiaro.zsh",
    "share/fish/vendor_completions.d/kiaro.fish": "completions/kiaro.fish",
}


def uv(*args: str) -> str:
    assert UV is not None
    done = subprocess.run([UV, *args], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_wheel_installs_in_a_fresh_venv_and_runs(tmp_path: Path) -> None:
    uv("build", "--wheel", "--quiet", "--out-dir", str(tmp_path / "dist"))
    (wheel,) = (tmp_path / "dist").glob("kiaro_cli-*.whl")
    venv = tmp_path / "venv"
    uv("venv", "--quiet", "--python", sys.executable, str(venv))
    python = venv / "bin" / "python"
    # The wheel alone (no index, no cache); its dependencies are those this test runs with,
    # seen through a .pth after the venv's own packages, so that kiaro_cli is the wheel's.
    uv("pip", "install", "--quiet", "--no-deps", "--offline", "--python", str(python), str(wheel))
    (site_packages,) = venv.glob("lib/python*/site-packages")
    (site_packages / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    where = subprocess.run(
        [str(python), "-c", "import kiaro_cli; print(kiaro_cli.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where).is_relative_to(site_packages), where

    env = {**os.environ, "KIARO_DB": str(tmp_path / "data" / "kiaro.db"), "PATH": str(venv / "bin")}

    def kiaro(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(venv / "bin" / "kiaro"), *args], capture_output=True, text=True, env=env, check=False
        )

    assert kiaro("--version").stdout == f"kiaro {__version__}\n"
    assert "and 'man kiaro' for every command." in " ".join(kiaro("--help").stdout.split())
    added = kiaro("client", "quick-add", "Acme", "--follow-up", "2w")
    assert added.returncode == 0, added.stderr
    assert kiaro("client", "list", "-q").stdout == "1\n"
    for installed, source in SHIPPED.items():
        assert (venv / installed).read_text() == (ROOT / source).read_text(), installed
    assert kiaro("completion", "show", "fish").stdout == (ROOT / "completions" / "kiaro.fish").read_text()
