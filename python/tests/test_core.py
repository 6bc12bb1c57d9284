"""Bindings of the model, posture, frame analysis and solver; error translation; scenario mutability."""

import math
import threading

import numpy as np
import pytest

import spinesim


def test_model_properties(model):
    assert model.coordinate_count == len(model.coordinates) == len(model.coordinate_names)
    assert [lv.name for lv in model.lumbar_levels] == ["L5/S1", "L4/L5", "L3/L4", "L2/L3", "L1/L2"]
    assert model.total_mass == pytest.approx(75.0, rel=1e-3)
    mu = model.muscles[model.muscle_index("Ps_L1_VB_r")]
    assert mu.name == "Ps_L1_VB_r" and mu.family == "psoas" and mu.side == 1 and mu.group
    assert mu.pcsa > 0 and mu.max_force == pytest.approx(mu.pcsa * model.specific_tension)
    assert model.coordinates[model.coordinate_index("L4L5.flexion")].name == "L4L5.flexion"
    assert model.lumbar_level_index("L4L5") == model.lumbar_level_index("L4/L5") == 1
    families = {m.family for m in model.muscles}
    assert {"erector_spinae", "psoas", "abdominals"} <= families
    # Read-only: Model parts cannot be changed from Python.
    with pytest.raises(AttributeError):
        mu.pcsa = 1.0
    with pytest.raises(AttributeError):
        model.muscles = ()
    seg = model.segments[0]
    assert seg.com.shape == (3,) and not seg.com.flags.writeable


def test_posture_helpers(model):
    q = spinesim.reference_posture(model)
    assert q.shape == (model.coordinate_count,) and not q.any()
    spinesim.set_coordinate(model, q, "hip_r.flexion", 0.3)
    assert spinesim.get_coordinate(model, q, "hip_r.flexion") == 0.3
    spinesim.set_lumbar_motion(model, q, 0.5)
    assert spinesim.total_lumbar_flexion(model, q) == pytest.approx(0.5)
    with pytest.raises(spinesim.InputError, match="no_such.coordinate"):
        spinesim.set_coordinate(model, q, "no_such.coordinate", 0.1)
    with pytest.raises(spinesim.InputError, match="coordinates"):
        spinesim.set_coordinate(model, np.zeros(3), "hip_r.flexion", 0.1)


def test_workspace_views_and_moment_arms(model):
    ws = spinesim.Workspace(model)
    q = spinesim.reference_posture(model)
    spinesim.update_kinematics(model, q, ws)
    length = ws.muscle_length
    assert length.shape == (len(model.muscles),) and not length.flags.writeable
    assert length.base is not None  # a view of the C++ workspace, not a copy
    assert np.all(length > 0)
    # Erector spinae extend (negative flexion moment arm about a lumbar level), psoas does not flex much.
    es = [i for i, m in enumerate(model.muscles) if m.family == "erector_spinae"]
    arms = [spinesim.moment_arm(model, ws, i, model.coordinate_index("L4L5.flexion")) for i in es]
    assert min(arms) < 0
    assert spinesim.moment_arm(model, ws, model.muscles[es[0]].name, "L4L5.flexion") == arms[0]
    with pytest.raises(IndexError):
        spinesim.moment_arm(model, ws, len(model.muscles), 0)


def test_gluteus_maximus_wraps_in_deep_flexion(model):
    ws = spinesim.Workspace(model)
    q = spinesim.reference_posture(model)
    spinesim.set_coordinate(model, q, "hip_r.flexion", math.radians(126))
    spinesim.update_kinematics(model, q, ws)
    i = [k for k, m in enumerate(model.muscles) if m.name == "glut_max1_r"][0]
    wrap = ws.muscle_wrap_points[i]
    assert wrap is not None
    after, tangent = wrap
    assert tangent.shape == (2, 3) and after == 1  # between the pelvic via point and the first femoral point
    assert spinesim.moment_arm(model, ws, "glut_max1_r", "hip_r.flexion") < -0.01  # an extensor
    assert ws.muscle_wrap_points[[k for k, m in enumerate(model.muscles) if m.name == "semimem_r"][0]] is None


def standing_input(model):
    q = spinesim.reference_posture(model)
    contacts = [spinesim.contact_at_point(model, p, np.array([0.0, 1.0, 0.0]), 0.6)
                for p in ("heel_r", "ball_r", "heel_l", "ball_l")]
    return spinesim.FrameInput(q=q, contacts=contacts)


def test_standing_frame_is_symmetric(model):
    r = spinesim.analyse_frame(model, spinesim.Workspace(model), standing_input(model))
    assert r.status == spinesim.SolveStatus.Optimal, r.message
    f = r.muscle_force
    assert f.shape == (len(model.muscles),)
    mirror = np.array([m.mirror for m in model.muscles])
    scale = max(1.0, np.abs(f).max())
    np.testing.assert_allclose(f, f[mirror], atol=1e-6 * scale)
    levels = r.levels
    assert len(levels) == 5
    for lv in levels:
        assert lv.compression > 0
        assert abs(lv.shear_lateral) < 1e-6 * max(1.0, lv.compression)
    np.testing.assert_allclose(r.compression, [lv.compression for lv in levels])
    cf = r.contact_force
    assert cf.shape == (4, 3)
    np.testing.assert_allclose(cf[0, 1], cf[2, 1], rtol=1e-6)  # heel_r vs heel_l vertical
    np.testing.assert_allclose(cf[:, 1].sum(), model.total_mass * model.gravity, rtol=1e-6)
    # Group totals agree with the C++ helper.
    for fam in spinesim.muscle_families():
        np.testing.assert_allclose(spinesim.family_force(model, f, fam),
                                   f[[m.family == fam for m in model.muscles]].sum(), atol=1e-9)


def test_analyse_frame_without_workspace_and_in_threads(model):
    base = spinesim.analyse_frame(model, standing_input(model))
    out = [None] * 4

    def work(i):
        out[i] = spinesim.analyse_frame(model, standing_input(model)).muscle_force.copy()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for f in out:
        np.testing.assert_array_equal(f, base.muscle_force)


def test_input_errors_carry_file_and_field(model):
    with pytest.raises(spinesim.InputError, match="body_mass_kg") as e:
        spinesim.load_model(spinesim.Subject(float("nan"), 1.78))
    assert isinstance(e.value, ValueError)
    assert e.value.field == "body_mass_kg" and e.value.file == "subject" and "nan" in str(e.value)
    # A posture beyond the range of motion names the coordinate.
    frame = standing_input(model)
    q = frame.q
    spinesim.set_coordinate(model, q, "L4L5.flexion", math.radians(80))
    frame.q = q
    with pytest.raises(spinesim.InputError, match="L4L5.flexion"):
        spinesim.analyse_frame(model, frame)
    with pytest.raises(spinesim.InputError, match="FrameInput.q"):
        spinesim.analyse_frame(model, spinesim.FrameInput(q=np.zeros(2)))


def test_subject_strength_scale(model):
    strong = spinesim.Subject(strength_scale=2)
    assert strong.strength_scale == 2.0 and spinesim.Subject().strength_scale == 1.0
    assert "strength_scale=2" in repr(strong)
    assert strong == spinesim.Subject(75.0, 1.78, spinesim.Sex.Male, 2.0)
    assert strong != spinesim.Subject() and spinesim.Subject() == spinesim.Subject(strength_scale=1.0)
    changed = spinesim.Subject()
    changed.strength_scale = 1.25
    assert changed.strength_scale == 1.25
    # Every maximal force doubles; the anatomy (PCSA) does not change.
    doubled = spinesim.load_model(strong)
    assert doubled.subject.strength_scale == 2.0
    base_f = np.array([m.max_force for m in model.muscles])
    np.testing.assert_array_equal(np.array([m.max_force for m in doubled.muscles]), 2.0 * base_f)
    np.testing.assert_array_equal(np.array([m.pcsa for m in doubled.muscles]), [m.pcsa for m in model.muscles])
    # model_for caches per subject, strength included.
    assert spinesim.model_for(strong) is spinesim.model_for(spinesim.Subject(strength_scale=2.0))
    assert spinesim.model_for(strong) is not spinesim.model_for(spinesim.Subject())
    assert spinesim.model_for(spinesim.Subject()).muscles[0].max_force == base_f[0]
    for bad in (0.0, -1.0, float("nan"), 6.0):
        with pytest.raises(spinesim.InputError, match="strength_scale") as e:
            spinesim.load_model(spinesim.Subject(strength_scale=bad))
        assert e.value.field == "strength_scale" and e.value.file == "subject"
        with pytest.raises(spinesim.InputError, match="strength_scale"):
            spinesim.validate_subject(spinesim.Subject(strength_scale=bad))


def test_run_with_strength_scale(tmp_path):
    from conftest import require_scenario
    require_scenario("box_lift_20kg_round")
    require_scenario("relaxed_standing")
    # Keyword form and dotted form, as for subject_body_mass_kg.
    a = spinesim.run("relaxed_standing", frames=1, subject_strength_scale=1.5)
    b = spinesim.run("relaxed_standing", **{"frames": 1, "subject.strength_scale": 1.5})
    assert a.raw.definition.subject.strength_scale == b.raw.definition.subject.strength_scale == 1.5
    # Relaxed standing is far from every bound and stretches nothing: the stress criterion gives the same forces.
    ref = spinesim.run("relaxed_standing", frames=1)
    assert ref.raw.definition.subject.strength_scale == 1.0
    np.testing.assert_allclose(a.raw.muscle_force, ref.raw.muscle_force, rtol=1e-9,
                               atol=1e-9 * np.abs(ref.raw.muscle_force).max())
    # A 35 kg box lifted with a stoop needs more than the mean strength at pick-up, twice the mean suffices.
    weak = spinesim.run("box_lift_20kg_round", frames=5, load_kg=35)
    strong = spinesim.run("box_lift_20kg_round", frames=5, load_kg=35, subject_strength_scale=2.0)
    assert not weak.solved and strong.solved
    assert strong.raw.definition.subject.strength_scale == 2.0
    h5 = str(tmp_path / "strength.h5")
    spinesim.write_hdf5(strong.raw, h5, "strong", False)
    assert spinesim.read_hdf5(h5, "strong").definition.subject.strength_scale == 2.0
    with pytest.raises(spinesim.InputError, match="strength_scale"):
        spinesim.run("relaxed_standing", frames=1, subject_strength_scale=0)
    with pytest.raises(spinesim.InputError, match="strength_scale"):
        spinesim.run("relaxed_standing", frames=1, subject_strength_scale=float("nan"))


def test_other_exceptions_are_runtime_errors():
    p = spinesim.SharingProblem()
    p.A = np.ones((1, 2))
    p.b = np.ones(1)
    p.lower = np.zeros(3)  # mismatched sizes: std::invalid_argument in C++
    p.upper = np.ones(3)
    p.size = np.ones(3)
    with pytest.raises(RuntimeError):
        spinesim.solve_sharing(p)


def test_solve_sharing_small_problem():
    p = spinesim.SharingProblem()
    p.A = np.array([[1.0, 1.0]])
    p.b = np.array([10.0])
    p.lower = np.zeros(2)
    p.upper = np.full(2, np.inf)
    p.size = np.array([1.0, 1.0])
    p.kind = [spinesim.VariableKind.Muscle] * 2
    p.row_names = ["sum"]
    p.variable_names = ["a", "b"]
    s = spinesim.solve_sharing(p, spinesim.SolverOptions(spinesim.Criterion.SumStressSquared))
    assert s.status == spinesim.SolveStatus.Optimal
    np.testing.assert_allclose(s.x, [5.0, 5.0], atol=1e-8)


def test_unknown_scenario_and_bad_override():
    with pytest.raises(spinesim.InputError, match="no_such_scenario"):
        spinesim.run("no_such_scenario")
    from conftest import require_scenario
    path = require_scenario("deadlift_140kg_round")
    with pytest.raises(spinesim.InputError) as e:
        spinesim.load_scenario(path, {"no_such_parameter": 3})
    assert "deadlift_140kg_round.toml" in str(e.value) and "no_such_parameter" in str(e.value)
    with pytest.raises(spinesim.InputError, match="load_kg"):
        spinesim.load_scenario(path, {"load_kg": "heavy"})
    with pytest.raises(spinesim.InputError, match="body_mass_kg"):
        spinesim.run("deadlift_140kg_round", subject_body_mass_kg=float("nan"))


def test_scenario_fields_are_mutable_in_place():
    from conftest import require_scenario
    s = spinesim.load_scenario(require_scenario("deadlift_140kg_round"), {"load_kg": 100})
    assert s.parameters["load_kg"] == 100.0
    s.parameters["load_kg"] = 50.0
    assert s.parameters["load_kg"] == 50.0
    s.subject.body_mass_kg = 80.0
    assert s.subject.body_mass_kg == 80.0
    s.targets[0].weight = 7.0
    assert s.targets[0].weight == 7.0
    n = len(s.contacts)
    s.contacts.append(spinesim.ScenarioContact("heel_r", friction=0.5))
    assert len(s.contacts) == n + 1 and s.contacts[n].friction == 0.5
    s.frames = 5
    s.criterion = spinesim.Criterion.MinMaxStress
    assert s.frames == 5 and s.criterion == spinesim.Criterion.MinMaxStress
    s.parameters = {"load_kg": 20.0}
    assert dict(s.parameters) == {"load_kg": 20.0}
    c = s.copy()
    c.frames = 9
    assert s.frames == 5
    # Built in code.
    b = spinesim.Scenario()
    b.name = "hold"
    b.targets = [spinesim.PostureTarget(spinesim.PostureTarget.Kind.LumbarFlexion, value=spinesim.PhaseCurve(0.2))]
    assert b.targets[0].value.at(0.5) == pytest.approx(0.2)


def test_public_names_are_identifiers_with_docstrings():
    """``__all__`` holds importable names only (pybind11's ItemsView[str, float] etc. are not), and every public
    function and class has a docstring beyond its signature (units: docs and help texts were audited for them)."""
    import inspect

    assert all(n.isidentifier() for n in spinesim.__all__)
    for n in spinesim.__all__:
        obj = getattr(spinesim, n)
        if not callable(obj):
            continue
        doc = obj.__doc__ or ""
        if inspect.isclass(obj):   # pybind11 gives an undocumented class its constructor's signature, or nothing
            assert doc.strip() and not doc.startswith(obj.__name__ + "("), n
            continue
        if type(obj).__name__ == "builtin_function_or_method":   # pybind11: the first line is the signature
            doc = doc.split("\n", 1)[1] if "\n" in doc else ""
        assert doc.strip(), n


@pytest.mark.parametrize("force, quantity", [((0.0, 0.0, 20.0), "shear_lateral"), ((5.0, 0.0, 0.0), "shear_ap")])
def test_shear_signs_follow_docs_conventions(force, quantity):
    """docs/conventions.md: a push on the chest to the right (+z) loads the superior vertebra to the right (lateral
    shear +), a push forward (+x) loads it anteriorly (AP shear +), at every lumbar level."""
    base = spinesim.run("relaxed_standing")
    s = spinesim.load_scenario(spinesim.scenario_path("relaxed_standing"))
    s.loads = list(s.loads) + [spinesim.ScenarioLoad("sternum", force=np.array(force))]
    pushed = spinesim.run(s)
    assert pushed.solved
    for level in pushed.levels:
        change = getattr(pushed, quantity)(level)[0] - getattr(base, quantity)(level)[0]
        assert change > 1.0, (level, change)
