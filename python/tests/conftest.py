"""Shared fixtures of the spinesim Python tests (run by ctest as `python3 -m pytest -q python/tests` with
PYTHONPATH=<build>/python, SPINESIM_CLI=<the spinesim executable>, SPINESIM_PLOT=<build>/spinesim-plot)."""

import os
import pathlib

import pytest

import spinesim

BUILD_PYTHON_DIR = pathlib.Path(spinesim.__file__).resolve().parent.parent
REPO_DIR = pathlib.Path(__file__).resolve().parents[2]


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: runs whole parameter sweeps or the examples (seconds)")


def require_scenario(name):
    """Skips the test only when the scenario file is genuinely missing from the data directory."""
    path = pathlib.Path(spinesim.default_data_dir()) / "scenarios" / f"{name}.toml"
    if not path.is_file():
        pytest.skip(f"scenario file {path} is missing")
    return str(path)


@pytest.fixture(scope="session")
def model():
    return spinesim.load_model(spinesim.Subject(75.0, 1.78, spinesim.Sex.Male))


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("SPINESIM_CLI") or str(BUILD_PYTHON_DIR.parent / "apps" / "spinesim")
    assert os.access(path, os.X_OK), f"spinesim CLI not found at {path} (set SPINESIM_CLI)"
    return path


@pytest.fixture(scope="session")
def plot_wrapper():
    path = os.environ.get("SPINESIM_PLOT") or str(BUILD_PYTHON_DIR.parent / "spinesim-plot")
    assert os.access(path, os.X_OK), f"spinesim-plot wrapper not found at {path} (set SPINESIM_PLOT)"
    return path


@pytest.fixture(scope="session")
def examples_dir():
    return pathlib.Path(os.environ.get("SPINESIM_EXAMPLES_DIR") or REPO_DIR / "examples")


@pytest.fixture(scope="session")
def deadlift_pair():
    """Python runs of the two deadlift scenarios (shared by several tests)."""
    for name in ("deadlift_140kg_neutral", "deadlift_140kg_round"):
        require_scenario(name)
    return spinesim.batch(["deadlift_140kg_neutral", "deadlift_140kg_round"], jobs=2)
