"""examples/validation_sensitivity.py, quick mode: each row is the validation it names, changes respond as the
pressure model and the passive tissues say, and data/ itself is never modified."""
import hashlib
import importlib.util
import pathlib

import pytest

import spinesim


def _data_files():
    root = pathlib.Path(spinesim.default_data_dir())
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*.toml")) if p.is_file()}


@pytest.fixture(scope="module")
def rows(examples_dir, tmp_path_factory):
    spec = importlib.util.spec_from_file_location("validation_sensitivity", examples_dir / "validation_sensitivity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    before = _data_files()
    out = module.main(["--quick", "--json", str(tmp_path_factory.mktemp("sens") / "rows.json")])
    assert _data_files() == before, "the example must change a copy of the data directory, never data/ itself"
    return {r["label"]: r for r in out}


def test_default_row_is_the_validation(rows):
    v = spinesim.validate(lifting=False)
    assert rows["default"]["rms"] == pytest.approx(v.statics.rms_error_pct, rel=1e-12)
    assert rows["default"]["errors"] == pytest.approx(v.errors(), rel=1e-12)
    m = spinesim.validate(criterion="minmax", lifting=False)
    assert rows["criterion minmax"]["rms"] == pytest.approx(m.statics.rms_error_pct, rel=1e-12)


def test_swelling_pressure_raises_the_unloaded_ratios(rows):
    # IDP = p0 + C / (k A): a larger p0 raises the ratio of the nearly unloaded cases (lying) towards 1 and lowers
    # that of the loaded ones, with the compressions unchanged (it is a pressure-model constant only)
    d, s = rows["default"], rows["swelling pressure x1.5"]
    assert s["errors"]["lying_prone"] > d["errors"]["lying_prone"] + 10
    assert s["errors"]["standing_flexed_forward"] < d["errors"]["standing_flexed_forward"]
    assert s["standing_n"] == pytest.approx(d["standing_n"], rel=1e-12)


def test_stiffer_passive_curves_unload_maximal_flexion(rows):
    # stiffer motion segments carry more of the flexed moment passively (a disc moment, no muscle compression), so
    # the maximal sitting flexion case is predicted lower; relaxed standing is near neutral and barely changes
    d, p = rows["default"], rows["passive curves x1.3"]
    assert p["errors"]["sitting_max_flexion"] < d["errors"]["sitting_max_flexion"] - 10
    assert p["standing_n"] == pytest.approx(d["standing_n"], abs=5.0)
