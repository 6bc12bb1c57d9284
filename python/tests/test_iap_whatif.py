"""tools/iap_whatif.py: the intra-abdominal pressure force pair is internal (no net load on the body), leaves the
validation unchanged at zero force, and unloads L4/L5 in flexed standing by more than its own axial force (it also
takes over part of the extensor moment)."""
import importlib.util
import os

import numpy as np
import pytest

import spinesim

TOOL = os.path.join(os.path.dirname(__file__), "..", "..", "tools", "iap_whatif.py")


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("iap_whatif", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def model():
    return spinesim.load_model(spinesim.load_validation_subject(
        os.path.join(spinesim.default_data_dir(), "validation", "wilke1999_subject.toml")))


def test_the_pair_is_internal_and_zero_force_changes_nothing(tool, model):
    base = spinesim.wilke_case_input(model, "standing_flexed_forward")
    frame = tool.frame_with_iap(model, base, 300.0, 0.10)
    ws = spinesim.Workspace(model)
    spinesim.update_kinematics(model, frame.q, ws)
    pair = [ld for ld in frame.loads if ld.label.startswith("iap_")]
    assert len(pair) == 2
    points = [spinesim.world_point(ws, ld.segment, ld.location) for ld in pair]
    np.testing.assert_allclose(pair[0].force + pair[1].force, 0.0, atol=1e-9)   # no net force
    moment = sum(np.cross(p, ld.force) for p, ld in zip(points, pair))
    np.testing.assert_allclose(moment, 0.0, atol=1e-9)                          # collinear: no net moment
    assert np.linalg.norm(pair[0].force) == pytest.approx(300.0)
    level = model.lumbar_level_index("L4/L5")
    report = spinesim.run_wilke_validation(model, spinesim.default_data_dir())
    row = [r for r in report.rows if r.case_name == "standing_flexed_forward"][0]
    zero = spinesim.analyse_frame(model, ws, tool.frame_with_iap(model, base, 0.0, 0.10))
    assert zero.levels[level].compression == pytest.approx(row.compression_n, rel=1e-9)


def test_iap_unloads_flexed_standing_by_more_than_its_force(tool, model):
    base = spinesim.wilke_case_input(model, "standing_flexed_forward")
    ws = spinesim.Workspace(model)
    level = model.lumbar_level_index("L4/L5")
    c0 = spinesim.analyse_frame(model, ws, tool.frame_with_iap(model, base, 0.0, 0.10)).levels[level].compression
    c1 = spinesim.analyse_frame(model, ws, tool.frame_with_iap(model, base, 100.0, 0.10)).levels[level].compression
    # 100 N along the thorax axis relieves ~100 N directly and part of the extensor moment (10 cm lever vs the
    # extensors' ~4.5 cm): between 1x and 5x the force
    assert 100.0 < c0 - c1 < 500.0
