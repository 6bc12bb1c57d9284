"""Result.metrics() and spinesim.compare(): the metrics of `spinesim compare`, computed once in libsim
(comparison_metrics.hpp), equal direct NumPy computations from the results, and the text equals the CLI's table."""

import subprocess

import numpy as np
import pytest

import spinesim
from conftest import require_scenario

NEUTRAL, ROUND = "hip_hinge_neutral", "hip_hinge_round"


@pytest.fixture(scope="module")
def hinge():
    require_scenario(NEUTRAL)
    require_scenario(ROUND)
    return spinesim.compare(NEUTRAL, ROUND, frames=5)


def _cli(cli, *args):
    out = subprocess.run([cli, "compare", *args, "-q"], capture_output=True, text=True, check=True)
    return out.stdout


def _signed_peak(values):
    values = values[np.isfinite(values)]
    return float(values[np.argmax(np.abs(values))])


def test_rows_equal_the_cpp_metrics(hinge):
    assert hinge.labels == (NEUTRAL, ROUND)
    assert hinge.strength == 1.0 and hinge.note == ""
    cpp_a = spinesim.comparison_metrics(hinge.a.raw)
    cpp_b = spinesim.comparison_metrics(hinge.b.raw)
    assert [r.label for r in hinge.rows] == [m.label for m in cpp_a] == [m.label for m in cpp_b]
    assert list(hinge.a.metrics()) == [m.label for m in cpp_a]   # dict in table order
    for row, ma, mb in zip(hinge.rows, cpp_a, cpp_b):
        np.testing.assert_equal([row.value_a, row.value_b], [ma.value, mb.value])
        assert row.flags == (ma.flag, mb.flag)
        assert hinge.a.metrics()[row.label] == pytest.approx(ma.value, nan_ok=True)
    details = hinge.b.metrics(details=True)
    assert isinstance(details["L4/L5 compression peak [N]"], spinesim.ComparisonMetric)
    assert details["muscle #1 peak [N]"].muscle in hinge.b.muscle_names


@pytest.mark.parametrize("side", ["a", "b"])
def test_metrics_equal_numpy_on_the_results(hinge, side):
    res = getattr(hinge, side)
    m = res.metrics()
    flags = {k: v.flag for k, v in res.metrics(details=True).items()}
    assert m["frames solved"] == res.solved_frames.sum() == 5
    for level in ("L4/L5", "L5/S1"):
        c = res.compression(level)
        assert m[f"{level} compression peak [N]"] == np.nanmax(c)
        assert m[f"{level} compression mean [N]"] == pytest.approx(np.nanmean(c))
        assert m[f"{level} AP shear peak [N]"] == _signed_peak(res.shear_ap(level))
        assert m[f"{level} IDP peak [MPa]"] == pytest.approx(1e-6 * np.nanmax(res.intradiscal_pressure(level)))
        peak = np.nanmax(c)
        expected = "> 6400 N (NIOSH MPL)" if peak > 6400 else "> 3400 N (NIOSH AL)" if peak > 3400 else ""
        assert flags[f"{level} compression peak [N]"] == expected
        shear = abs(_signed_peak(res.shear_ap(level)))
        assert flags[f"{level} AP shear peak [N]"] == ("> 1000 N (shear limit)" if shear > 1000 else "")
    # Passive share at the frame of the largest net moment (external + supports).
    net = res.external_moment("L4/L5") + res.contact_moment("L4/L5")
    at = int(np.nanargmax(np.abs(net)))
    assert m["L4/L5 passive share at peak moment [%]"] == pytest.approx(100 * res.passive_share("L4/L5")[at])
    # Lumbar flexion: the five levels' flexion coordinates summed, largest over the frames, in degrees.
    names = list(res.coordinate_names)
    cols = [names.index(level.replace("/", "") + ".flexion") for level in res.levels]
    flexion = np.asarray(res.coordinates)[:, cols].sum(axis=1)
    assert m["lumbar flexion peak, L1/L2 to L5/S1 [deg]"] == pytest.approx(np.degrees(flexion.max()))
    assert m["L4/L5 posterior ligament tension peak [N]"] == pytest.approx(np.nanmax(res.ligament_force("L4/L5")))
    assert m["coupling moment peak, any level [N·m]"] == pytest.approx(np.abs(np.asarray(res.raw.coupling_moment)).max())
    assert m["peak activation (largest force / max force) [%]"] == pytest.approx(100 * np.nanmax(res.max_activation))
    for family in ("erector_spinae", "multifidus", "quadratus_lumborum", "psoas", "abdominals", "latissimus_dorsi"):
        assert m[f"{family} peak [N]"] == pytest.approx(np.nanmax(res.group_force(family)))
    forces = np.asarray(res.raw.muscle_force)
    order = np.argsort(-forces.max(axis=0), kind="stable")
    details = res.metrics(details=True)
    for k in range(5):
        metric = details[f"muscle #{k + 1} peak [N]"]
        assert metric.value == forces[:, order[k]].max()
        assert forces[:, names_index(res, metric.muscle)].max() == metric.value


def names_index(res, muscle):
    return list(res.muscle_names).index(muscle)


def _negligible_reference(row):
    """The rule of libsim's metric_difference: a reference shown as 0 in its row's format, or below 1 % of the larger
    magnitude of the two values, gives no relative change."""
    a = row.value_a
    shown_as_zero = float(row.metric_a.format % a) == 0.0
    return shown_as_zero or abs(a) < spinesim.RELATIVE_REFERENCE_FRACTION * max(abs(a), abs(row.value_b))


def _check_differences(comparison):
    for row in comparison.rows:
        if row.label.startswith(("strength", "frames", "muscle #")):
            assert row.difference is None and row.relative is None
            continue
        if row.difference is None:   # a value missing in a run (NaN), e.g. no passive share without a net moment
            assert not (np.isfinite(row.value_a) and np.isfinite(row.value_b)) and row.relative is None
            continue
        assert row.difference == pytest.approx(row.value_b - row.value_a)
        if "[%]" in row.label or row.label.startswith(("lumbar flexion", "L4/L5 posterior ligament")):
            assert row.relative is None   # percentage points; near-zero neutral baselines
        elif _negligible_reference(row):
            assert row.relative is None
        else:
            assert row.relative == pytest.approx((row.value_b - row.value_a) / abs(row.value_a))


def _difference_cell(text, label):
    """The difference column of a metric's line in the table text (the text after the run columns)."""
    line = next(ln for ln in text.splitlines() if ln.startswith(label + "  "))
    return line.split("  ")[-1].strip()


def test_differences(hinge):
    _check_differences(hinge)
    # the round-back mechanism: more lumbar flexion and posterior ligament tension
    assert hinge.row("lumbar flexion peak, L1/L2 to L5/S1 [deg]").difference > 20
    assert hinge.row("L4/L5 posterior ligament tension peak [N]").difference > 0
    with pytest.raises(spinesim.InputError):
        hinge.row("no such metric")


def test_no_percentage_against_a_negligible_reference(cli):
    """Standing vs a leg raise: the psoas is ~0 N standing and ~190 N in the leg raise. The table shows the difference
    only (not "+186 (+90000%)"), Python's relative is None, and both follow the same rule on every row."""
    for name in ("relaxed_standing", "bench_leg_raise"):
        require_scenario(name)
    c = spinesim.compare("relaxed_standing", "bench_leg_raise", frames=3)
    psoas = c.row("psoas peak [N]")
    assert abs(psoas.value_a) < 0.5 and psoas.value_b > 100
    assert psoas.difference == pytest.approx(psoas.value_b - psoas.value_a)
    assert psoas.relative is None
    text = c.to_text()
    assert _difference_cell(text, "psoas peak [N]") == f"{psoas.difference:+.0f}"
    _check_differences(c)
    # C++ table and Python rows agree: a percentage in the difference cell exactly where relative is not None
    for row in c.rows:
        if row.difference is None or row.metric_a.share:
            continue
        assert ("%)" in _difference_cell(text, row.label)) == (row.relative is not None), row.label
    assert text == _cli(cli, "relaxed_standing", "bench_leg_raise", "--set", "frames=3")


def test_text_is_the_cli_table(hinge, cli):
    text = str(hinge)
    for row in hinge.rows:
        assert row.label in text
    assert text == hinge.to_text() == _cli(cli, NEUTRAL, ROUND, "--set", "frames=5")


def test_results_are_compared_as_given(hinge):
    again = spinesim.compare(hinge.a, hinge.b)
    assert again.labels == (hinge.a.label, hinge.b.label)
    for r, s in zip(again.rows, hinge.rows):
        np.testing.assert_equal(r[:6], s[:6])
    with pytest.raises(spinesim.InputError):
        spinesim.compare(hinge.a, hinge.b, frames=3)


def test_auto_strength_reruns_both_at_the_common_factor(cli):
    neutral, round_ = "box_lift_20kg_squat_neutral", "box_lift_20kg_round"
    require_scenario(neutral)
    require_scenario(round_)
    c = spinesim.compare(neutral, round_, frames=5, load_kg=35)
    assert c.strength > 1 and "strength='auto'" in c.note
    assert c.row("frames solved")[1:3] == (5.0, 5.0)
    assert c.a.definition.subject.strength_scale == c.b.definition.subject.strength_scale == c.strength
    out = _cli(cli, neutral, round_, "--set", "frames=5", "--set", "load_kg=35")
    assert f"Strength x{c.strength:.3f} (--strength auto)" in out
    table = out[out.index("metric"):]
    assert c.to_text().endswith(table)
    fixed = spinesim.compare(neutral, round_, strength=1, frames=5, load_kg=35)
    assert fixed.strength == 1 and fixed.note == "" and fixed.row("frames solved").value_b < 5


def test_run_with_auto_strength_matches_the_cli_run(cli):
    name = "box_lift_20kg_round"
    require_scenario(name)
    first = spinesim.run(name, frames=5, load_kg=35)
    needed = first.strength_to_hold_all()
    assert np.isfinite(needed) and needed > 1 and first.strength_note == ""
    r = spinesim.run(name, frames=5, load_kg=35, strength="auto")
    assert r.definition.subject.strength_scale == needed
    assert list(r.frame_status) == ["optimal"] * 5
    held = sum(s == "optimal" for s in first.frame_status)
    assert r.strength_note == f"strength x{needed:.3f} (strength='auto'; x1.000 holds {held} of 5 frames)"
    # the same loads as a run given that strength explicitly (a model built for the stronger subject)
    explicit = spinesim.run(name, frames=5, load_kg=35, subject_strength_scale=needed)
    np.testing.assert_allclose(r.compression("L4/L5"), explicit.compression("L4/L5"), rtol=1e-9)
    out = subprocess.run([cli, "run", name, "--set", "frames=5", "--set", "load_kg=35", "--strength", "auto"],
                         capture_output=True, text=True, check=True).stdout
    assert f"Strength x{needed:.3f} (--strength auto)" in out
    standing = spinesim.run("relaxed_standing", strength="auto")
    assert standing.strength_note == "" and standing.definition.subject.strength_scale == 1.0
    # a fixed factor is taken as run --strength X takes it (was refused)
    assert spinesim.run(name, frames=2, strength=2.0).definition.subject.strength_scale == 2.0
