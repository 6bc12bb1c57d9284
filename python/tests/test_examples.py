"""The examples run and write their figures."""

import os
import subprocess
import sys

import pytest

from conftest import require_scenario


@pytest.mark.slow
@pytest.mark.parametrize("script,args", [
    ("deadlift_round_vs_neutral.py", []),
    ("load_sweep.py", []),
    ("load_sweep.py", ["--lift", "box"]),
])
def test_example_runs(script, args, examples_dir, tmp_path):
    for name in ("deadlift_140kg_neutral", "deadlift_140kg_round", "box_lift_20kg_squat_neutral", "box_lift_20kg_round"):
        require_scenario(name)
    out = tmp_path / (os.path.splitext(script)[0] + ".png")
    p = subprocess.run([sys.executable, str(examples_dir / script), "--output", str(out)] + args,
                       capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    assert out.stat().st_size > 10000
