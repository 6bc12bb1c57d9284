"""The README's Python one-liners (``PYTHONPATH=build/python /usr/bin/python3 -c "..."``) run as written: the
README's promises stay true."""
import shlex
import subprocess
import sys

import pytest

from conftest import BUILD_PYTHON_DIR, REPO_DIR


def _one_liners():
    out = []
    for line in (REPO_DIR / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("PYTHONPATH=build/python /usr/bin/python3 -c "):
            words = shlex.split(line, comments=True)
            out.append(words[words.index("-c") + 1])
    return out


def test_the_readme_has_python_one_liners():
    assert len(_one_liners()) >= 4


@pytest.mark.parametrize("code", _one_liners())
def test_readme_one_liner_runs(code, tmp_path):
    p = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                       env={"PYTHONPATH": str(BUILD_PYTHON_DIR), "PATH": "/usr/bin:/bin"})
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip(), "prints nothing"
