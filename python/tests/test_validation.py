"""spinesim.validate(): the Wilke et al. 1999 validation (and the supplementary Wilke 2001 cases beside it) from Python
equals `spinesim validate`, under every sharing criterion the CLI offers, and bad settings raise InputError."""
import csv
import re
import subprocess

import numpy as np
import pytest

import spinesim


@pytest.mark.parametrize("criterion", ["stress2", "minmax"])
def test_validate_equals_the_cli(cli, tmp_path, criterion):
    table = tmp_path / "v.csv"
    out = subprocess.run([cli, "validate", "--criterion", criterion, "--no-plot", "--csv", str(table)],
                         capture_output=True, text=True, check=True).stdout
    v = spinesim.validate(criterion=criterion)
    with open(table) as f:
        rows = {r["case"]: r for r in csv.DictReader(f)}
    assert [r.case_name for r in v.statics.rows] == list(rows) == list(spinesim.wilke_case_names())
    for r in v.statics.rows:   # the CSV holds 6 significant digits
        assert r.predicted_ratio == pytest.approx(float(rows[r.case_name]["predicted_ratio"]), rel=1e-5)
        assert r.compression_n == pytest.approx(float(rows[r.case_name]["compression_n"]), rel=1e-5, abs=1e-6)
    rms = float(re.search(r"RMS error ([0-9.]+) %", out).group(1))
    assert v.statics.rms_error_pct == pytest.approx(rms, abs=0.051)
    # the RMS is that of the rows' errors over the non-reference cases
    errors = [r.error_pct for r in v.statics.rows if r.case_name != "standing_relaxed"]
    assert v.statics.rms_error_pct == pytest.approx(np.sqrt(np.mean(np.square(errors))), rel=1e-12)
    assert v.errors()["standing_relaxed"] == 0.0
    for row in v.lifting.rows:
        assert f"{row.scenario}" in out and f"{row.predicted_ratio:9.3f}" in out
    # the supplementary block: one printed line per case, after the RMS line
    block = out[out.index("Supplementary:"):]
    for r in v.statics.supplementary_rows:
        line = next(ln for ln in block.splitlines() if ln.startswith(r.case_name + " "))
        assert line.split()[1:4] == [f"{r.measured_ratio:.2f}", f"{r.predicted_ratio:.3f}", f"{r.error_pct:+.1f}"]


def test_validate_reports_the_supplementary_cases_beside_the_rms():
    # Wilke 2001 as summarised at kdttechnique.com: standing extension 20 deg and lateral bending 20 deg, 0.60 MPa
    # (ratio 1.2); ratios to the same predicted standing, not in the RMS of the study table
    v = spinesim.validate(lifting=False)
    rows = v.statics.supplementary_rows
    assert [r.case_name for r in rows] == list(spinesim.wilke_supplementary_case_names()) == [
        "standing_extended", "standing_lateral_bending_right", "standing_lateral_bending_left"]
    assert not set(spinesim.wilke_supplementary_case_names()) & set(spinesim.wilke_case_names())
    errors = v.supplementary_errors()
    for r in rows:
        assert r.measured_ratio == pytest.approx(1.2)
        assert r.predicted_ratio == pytest.approx(r.predicted_idp_pa / v.statics.standing_idp_pa, rel=1e-12)
        assert errors[r.case_name] == r.error_pct
    # achieved +40.4 % (extension) and +41.2 % (lateral bending), as in tests/test_validation.cpp
    assert 35.0 < errors["standing_extended"] < 46.0
    assert 36.0 < errors["standing_lateral_bending_right"] < 47.0
    assert rows[2].compression_n == pytest.approx(rows[1].compression_n, rel=1e-6)   # mirror image
    main = [r.error_pct for r in v.statics.rows if r.case_name != "standing_relaxed"]
    assert v.statics.rms_error_pct == pytest.approx(np.sqrt(np.mean(np.square(main))), rel=1e-12)
    assert set(v.errors()).isdisjoint(errors)


def test_validate_uses_the_measured_subject_and_lifts_keep_their_lifter():
    # Wilke et al. 1999: one 70 kg, 1.68 m man (data/validation/wilke1999_subject.toml); the box-lift scenarios keep
    # their own 75 kg, 1.78 m lifter, with ratios to that lifter's relaxed standing.
    v = spinesim.validate()
    assert (v.statics.subject.body_mass_kg, v.statics.subject.height_m) == (70.0, 1.68)
    assert v.statics.subject.sex == spinesim.Sex.Male
    lifter = v.lifting.subject
    assert (lifter.body_mass_kg, lifter.height_m) == (75.0, 1.78)
    own = spinesim.run_wilke_validation(spinesim.load_model(spinesim.Subject(75.0, 1.78, spinesim.Sex.Male)),
                                        spinesim.default_data_dir())
    assert v.lifting.standing_idp_pa == pytest.approx(own.standing_idp_pa, rel=1e-12)
    assert v.lifting.standing_idp_pa != pytest.approx(v.statics.standing_idp_pa, rel=1e-3)
    for row in v.lifting.rows:
        assert row.frames_solved == row.frames
        assert row.predicted_ratio == pytest.approx(row.predicted_idp_pa / v.lifting.standing_idp_pa, rel=1e-12)


def test_validate_for_another_subject_equals_the_cli(cli, tmp_path):
    table = tmp_path / "v75.csv"
    subprocess.run([cli, "validate", "--mass", "75", "--height", "1.78", "--no-lifting", "--no-plot", "--csv",
                    str(table)], capture_output=True, text=True, check=True)
    v = spinesim.validate(lifting=False, subject=spinesim.Subject(75.0, 1.78, spinesim.Sex.Male))
    assert v.statics.subject.body_mass_kg == 75.0
    with open(table) as f:
        rows = {r["case"]: r for r in csv.DictReader(f)}
    for r in v.statics.rows:
        assert r.predicted_ratio == pytest.approx(float(rows[r.case_name]["predicted_ratio"]), rel=1e-5)
    assert v.statics.rms_error_pct != pytest.approx(spinesim.validate(lifting=False).statics.rms_error_pct, abs=0.5)
    with pytest.raises(spinesim.InputError, match="field 'subject'"):
        spinesim.validate(lifting=False, subject=75)


def test_validation_subject_file_errors_name_the_field(tmp_path):
    bad = tmp_path / "subject.toml"
    bad.write_text('body_mass_kg = 70.0\nheight_m = 3.5\nsex = "male"\n')
    with pytest.raises(spinesim.InputError, match=r"height_m.*3\.5"):
        spinesim.load_validation_subject(str(bad))


def test_validate_criterion_changes_the_prediction():
    a = spinesim.validate(lifting=False)
    b = spinesim.validate(criterion="stress3", lifting=False)
    assert a.lifting is None
    assert a.errors()["standing_flexed_forward"] != pytest.approx(b.errors()["standing_flexed_forward"], abs=0.5)


@pytest.mark.parametrize("kwargs, field", [({"criterion": "sum2"}, "criterion"),
                                           ({"lumbar_balance": "strict"}, "lumbar_balance")])
def test_validate_rejects_unknown_settings(kwargs, field):
    with pytest.raises(spinesim.InputError, match=field):
        spinesim.validate(lifting=False, **kwargs)
