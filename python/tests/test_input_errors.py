"""Bad input from Python: every mistake is an InputError naming the field and value, never a crash, a silently
ignored value or NaN results (scenarios changed in code get the file reader's checks in simulate())."""

import math

import pytest

import spinesim
from conftest import require_scenario


@pytest.fixture()
def standing():
    s = spinesim.load_scenario(require_scenario("relaxed_standing"))
    s.frames = 1
    return s


def test_phase_curve_with_mismatched_keys_is_an_error():
    # PhaseCurve.at read past the end of `phase` (a segfault for an empty phase list)
    for phase, value in (([], [1.0, 2.0]), ([0.0], [1.0, 2.0, 3.0]), ([0.0, 0.5, 1.0], [1.0, 2.0])):
        with pytest.raises(spinesim.InputError, match="values for"):
            spinesim.PhaseCurve(phase, value)
    c = spinesim.PhaseCurve([0.0, 1.0], [1.0, 2.0])
    c.phase = []  # assigned one by one the lists can disagree: at() checks
    with pytest.raises(spinesim.InputError, match="2 values for 0 phases"):
        c.at(0.5)
    with pytest.raises(spinesim.InputError, match="strictly increasing"):
        spinesim.PhaseCurve([1.0, 0.0], [1.0, 2.0])
    assert spinesim.PhaseCurve([0.0, 1.0], [1.0, 2.0])(1.0) == 2.0


def _with_target(s, change):
    targets = list(s.targets)
    change(targets[0])
    s.targets = targets
    return s


@pytest.mark.parametrize("change, field, text", [
    (lambda t: setattr(t.value, "phase", [1.0, 0.0]) or setattr(t.value, "value", [0.0, 0.0]),
     "target[0].value.phase", "strictly increasing"),
    (lambda t: setattr(t, "weight", float("nan")), "target[0].weight", "nan"),
    (lambda t: setattr(t, "weight", -1.0), "target[0].weight", "'-1'"),
])
def test_bad_target_fields_are_errors(model, standing, change, field, text):
    s = _with_target(standing, change)
    with pytest.raises(spinesim.InputError) as e:
        spinesim.simulate(model, s)
    assert field in str(e.value) and text in str(e.value)


def test_bad_contacts_loads_and_settings_are_errors(model, standing):
    cases = []
    s = standing.copy()
    contacts = list(s.contacts)
    contacts[0].from_phase = float("nan")  # was: the contact silently never active
    s.contacts = contacts
    cases.append((s, "contact[0].from_phase/to_phase"))
    s = standing.copy()
    s.loads = [spinesim.ScenarioLoad("grip_r", mass_kg=spinesim.PhaseCurve(-5.0))]  # was: silently dropped
    cases.append((s, "load[0].mass_kg"))
    s = standing.copy()
    s.frames = 2**31 - 1  # was: allocated until the process was killed
    cases.append((s, "frames"))
    s = standing.copy()
    s.duration = 1e-300  # was: "solve_sharing: A and b must be finite"
    cases.append((s, "duration_s"))
    for s, field in cases:
        with pytest.raises(spinesim.InputError, match=field.replace("[", r"\[").replace("]", r"\]")):
            spinesim.simulate(model, s)


def test_override_errors_are_compact():
    with pytest.raises(spinesim.InputError) as e:
        spinesim.run("relaxed_standing", subject_body_mass_kg=1e300)
    assert "'1e+300'" in str(e.value) and "000000" not in str(e.value)
    with pytest.raises(spinesim.InputError, match="from 1 to 100000"):
        spinesim.run("relaxed_standing", frames=10**9)
    with pytest.raises(spinesim.InputError, match="override values must be"):
        spinesim.run("relaxed_standing", frames=None)


def test_load_results_takes_one_group_name(tmp_path):
    r = spinesim.run("relaxed_standing", frames=1)
    path = str(tmp_path / "one.h5")
    spinesim.write_hdf5(r.raw, path, "relaxed_standing")
    # a str is one group name, not a sequence of one-letter group names ("no such group 'r'")
    assert [x.label for x in spinesim.load_results(path, "relaxed_standing")] == ["relaxed_standing"]
    with pytest.raises(spinesim.InputError, match="nosuch"):
        spinesim.load_results(path, "nosuch")
    (tmp_path / "bad.h5").write_text("not hdf5")
    with pytest.raises(spinesim.InputError, match="not an HDF5 file"):
        spinesim.load_results(str(tmp_path / "bad.h5"))


def test_bad_strength_names_the_field():
    # was: ValueError "could not convert string to float: 'abc'" (no field named)
    with pytest.raises(spinesim.InputError, match=r"field 'strength' = 'abc'"):
        spinesim.compare("relaxed_standing", "lying_prone", frames=1, strength="abc")
    with pytest.raises(spinesim.InputError, match=r"field 'strength' = \[1\]"):
        spinesim.summary(["relaxed_standing"], frames=1, strength=[1])
    with pytest.raises(spinesim.InputError, match=r"field 'strength' = 'abc'"):
        spinesim.run("relaxed_standing", frames=1, strength="abc")
    with pytest.raises(spinesim.InputError, match=r"field 'strength' = True"):  # was read as x1
        spinesim.run("relaxed_standing", frames=1, strength=True)
    with pytest.raises(spinesim.InputError, match=r"either strength= or subject_strength_scale="):  # contradictory
        spinesim.run("relaxed_standing", frames=1, strength=1.2, subject_strength_scale=1.3)
    with pytest.raises(spinesim.InputError, match=r"strength_scale.*nan"):  # the scenario loader's check
        spinesim.run("relaxed_standing", frames=1, strength=float("nan"))
    with pytest.raises(spinesim.InputError, match=r"strength_scale.*-1"):
        spinesim.run("relaxed_standing", frames=1, strength=-1)


def test_empty_inputs_are_errors_not_empty_results():
    with pytest.raises(spinesim.InputError, match=r"field 'names' = \[\]: no scenarios"):  # was: an empty table
        spinesim.summary([], frames=1)
    with pytest.raises(spinesim.InputError, match=r"field 'grid\['frames'\]' = \[\]"):  # was: [] (nothing run)
        spinesim.batch("relaxed_standing", grid={"frames": []})
    with pytest.raises(spinesim.InputError, match=r"field 'grid\['frames'\]' = 3"):  # was: TypeError
        spinesim.batch("relaxed_standing", grid={"frames": 3})


def test_wrong_argument_types_are_input_errors():
    # was: TypeError "unhashable type: 'list'"
    with pytest.raises(spinesim.InputError, match="field 'lumbar_balance'"):
        spinesim.validate(lumbar_balance=[])
    r = spinesim.run("relaxed_standing", frames=1)
    # was: AttributeError "'NoneType' object has no attribute 'replace'"
    with pytest.raises(spinesim.InputError, match=r"field 'level' = None: .*L4/L5"):
        r.compression(None)


def test_missing_data_directory_is_named(tmp_path):
    # was: [] (and from the CLI "unknown scenario (known: none)")
    with pytest.raises(spinesim.InputError, match="no scenarios/ directory"):
        spinesim.list_scenarios(str(tmp_path))


@pytest.mark.parametrize("jobs", ["x", 1.5, True, [2]])
def test_jobs_must_be_a_whole_number(jobs):
    # was: TypeError "'<' not supported between instances of 'str' and 'int'" (no field named), or a float thread
    # count passed on
    for call in (lambda: spinesim.summary(["relaxed_standing"], frames=1, jobs=jobs),
                 lambda: spinesim.batch("relaxed_standing", grid={"frames": [1]}, jobs=jobs),
                 lambda: spinesim.compare("relaxed_standing", "lying_prone", frames=1, jobs=jobs)):
        with pytest.raises(spinesim.InputError, match=r"field 'jobs' = "):
            call()
    assert len(spinesim.batch("relaxed_standing", grid={"frames": [1]}, jobs=0)) == 1  # < 1: one per core


def test_result_lists_and_group_names_are_checked(tmp_path):
    # was: TypeError "incompatible function arguments" / "'int' object is not iterable" (no field named)
    with pytest.raises(spinesim.InputError, match=r"field 'results\[0\]' = 5"):
        spinesim.common_strength([5])
    with pytest.raises(spinesim.InputError, match=r"field 'results' = 5"):
        spinesim.partial_common_strength(5)
    r = spinesim.run("relaxed_standing", frames=1)
    assert math.isnan(spinesim.common_strength([r, r.raw]))  # both kinds accepted; every frame held: NaN
    path = tmp_path / "r.h5"
    spinesim.write_hdf5(r.raw, str(path), "run")
    with pytest.raises(spinesim.InputError, match=r"field 'groups' = 5"):
        spinesim.load_results(path, 5)
    with pytest.raises(spinesim.InputError, match=r"field 'groups' = \[1\]"):
        spinesim.load_results(path, [1])
    assert [x.label for x in spinesim.load_results(path, "run")] == ["run"]


def test_unknown_names_come_with_a_suggestion():
    # the C++ rules (tests/test_name_suggestions.cpp) are the ones Python's own look-ups use
    assert spinesim.closest_names("erector", spinesim.muscle_families()) == ["erector_spinae"]
    assert spinesim.closest_names("juggling", spinesim.muscle_families()) == []
    assert spinesim.did_you_mean("frame", ["frames", "name"]) == "; did you mean 'frames'?"
    r = spinesim.run("relaxed_standing", frames=1)
    with pytest.raises(spinesim.InputError, match=r"did you mean 'L4/L5'\?"):
        r.compression("L4-L5x")
    with pytest.raises(spinesim.InputError, match=r"did you mean 'IL_L1_l' or 'IL_L1_r'\?"):
        r.muscle_force("IL_L1")
    with pytest.raises(spinesim.InputError, match=r"did you mean 'psoas'\?"):
        r.group_force("psoa")
    with pytest.raises(spinesim.InputError, match=r"did you mean 'hip_hinge_neutral'\?"):
        spinesim.run("hip_hinge_nuetral", frames=1)
    with pytest.raises(spinesim.InputError, match=r"did you mean 'subject_body_mass_kg'\?"):
        spinesim.run("relaxed_standing", frames=1, body_mass_kg=80)
