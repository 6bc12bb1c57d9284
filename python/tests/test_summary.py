"""spinesim.summary(): the rows and the table of `spinesim summary`, computed and rendered once in libsim
(summary_table.hpp): the text equals the CLI's, the rows equal the CLI's printed table and metrics computed with
NumPy from spinesim.run results at the row's strength, and --strength auto reruns a scenario at the factor it needs."""

import subprocess

import numpy as np
import pytest

import spinesim
from conftest import require_scenario

# The scenarios with a load. At 25 kg the box lift's round back needs a little more strength (run again at it); the
# deadlifts' last frame misses its posture target (not a strength problem: kept at x1, the frame unsolved).
NAMES = ["box_lift_20kg_squat_neutral", "deadlift_140kg_neutral", "deadlift_140kg_round", "box_lift_20kg_round"]
OVERRIDES = dict(frames=5, load_kg=25)
SETS = ["--set", "frames=5", "--set", "load_kg=25"]


@pytest.fixture(scope="module")
def summary():
    for name in NAMES:
        require_scenario(name)
    return spinesim.summary(NAMES, **OVERRIDES)


@pytest.fixture(scope="module")
def cli_text(cli):
    out = subprocess.run([cli, "summary", *NAMES, *SETS, "-q"], capture_output=True, text=True)
    assert out.returncode == 1 and "2 of 4 runs failed or have unsolved frames" in out.stderr   # the deadlifts
    return out.stdout


def _signed_peak(values):
    values = values[np.isfinite(values)]
    return float(values[np.argmax(np.abs(values))])


def test_text_is_the_cli_table(summary, cli_text):
    text = str(summary)
    assert text == summary.to_text()
    # the CLI prints the table and the limits note, then one STRENGTH line per scenario run again, then the FAILED ones
    strength = "".join("STRENGTH " + note.replace("strength='auto'", "--strength auto") + "\n" for note in summary.notes)
    assert cli_text.startswith(text + strength)
    assert [line.split()[1] for line in cli_text[len(text + strength):].splitlines()] == [
        "deadlift_140kg_neutral:", "deadlift_140kg_round:"]


def test_rows_equal_the_cli_table(summary, cli_text):
    lines = cli_text.splitlines()
    assert lines[0].split()[0] == "scenario" and set(lines[1]) == {"-"}
    printed = [line.split() for line in lines[2:2 + len(NAMES)]]
    assert [p[0] for p in printed] == [r.scenario for r in summary.rows]
    for p, row in zip(printed, summary.rows):
        fmt = spinesim.table_number
        assert p[1:10] == [fmt(row.strength, "x%.2f"), f"{row.frames_solved}/{row.frames}",
                           fmt(row.l4l5_compression_peak), fmt(row.l4l5_compression_mean),
                           fmt(row.l4l5_shear_ap_peak), fmt(row.l5s1_compression_peak), fmt(row.l5s1_shear_ap_peak),
                           fmt(row.passive_share), fmt(row.peak_activation)]
        assert " ".join(p[10:]) == " ".join(row.flags.split())
        assert float(p[3]) == pytest.approx(row.l4l5_compression_peak, abs=0.5)


def test_rows_are_ranked_and_equal_numpy_on_the_runs(summary):
    peaks = [row.l4l5_compression_peak for row in summary.rows]
    assert peaks == sorted(peaks, reverse=True)
    assert sorted(r.scenario for r in summary.rows) == sorted(NAMES)
    for row in summary.rows:
        res = spinesim.run(row.scenario, subject_strength_scale=row.strength, **OVERRIDES)
        assert summary.results[row.scenario].definition.subject.strength_scale == row.strength
        assert row.title == res.definition.title
        assert (row.frames_solved, row.frames) == (int(res.solved_frames.sum()), res.frames)
        assert row.frames_solved == (4 if row.scenario.startswith("deadlift") else 5)
        c4, c5 = res.compression("L4/L5"), res.compression("L5/S1")
        assert row.l4l5_compression_peak == pytest.approx(np.nanmax(c4))
        assert row.l4l5_compression_mean == pytest.approx(np.nanmean(c4))
        assert row.l5s1_compression_peak == pytest.approx(np.nanmax(c5))
        assert row.l4l5_shear_ap_peak == pytest.approx(_signed_peak(res.shear_ap("L4/L5")))
        assert row.l5s1_shear_ap_peak == pytest.approx(_signed_peak(res.shear_ap("L5/S1")))
        assert row.peak_activation == pytest.approx(100 * np.nanmax(res.max_activation))
        net = res.external_moment("L4/L5") + res.contact_moment("L4/L5")
        if np.nanmax(np.abs(net)) >= 5.0:   # below 5 N·m the passive share is not given
            at = int(np.nanargmax(np.abs(net)))
            assert row.passive_share == pytest.approx(100 * res.passive_share("L4/L5")[at])
        else:
            assert np.isnan(row.passive_share)


def test_auto_strength_reruns_at_the_factor_each_scenario_needs(summary):
    notes = []
    for name in NAMES:   # the notes in the order of the names, as the CLI's STRENGTH lines
        first = spinesim.run(name, **OVERRIDES)
        row = summary.row(name)
        if not np.isfinite(first.strength_to_hold_all()):   # held, or not held for want of strength
            assert row.strength == 1.0
        else:
            assert row.strength == first.strength_to_hold_all() > 1
            notes.append(f"{name}: strength x{row.strength:.3f} (strength='auto'; x1.000 holds "
                         f"{int(first.solved_frames.sum())} of 5 frames)")
    assert summary.notes == notes and "box_lift_20kg_round" in "".join(notes)
    fixed = spinesim.summary(["box_lift_20kg_round"], strength=None, jobs=1, **OVERRIDES)
    assert fixed.notes == [] and fixed.rows[0].strength == 1.0 and fixed.rows[0].frames_solved < 5
    assert spinesim.summary("relaxed_standing", strength=1.5).rows[0].strength == 1.5
    with pytest.raises(spinesim.InputError):
        spinesim.summary(["relaxed_standing"], subject_strength_scale=2)
    with pytest.raises(spinesim.InputError):
        spinesim.summary(["no_such_scenario"])
    with pytest.raises(spinesim.InputError):
        summary.row("no_such_scenario")
