"""spinesim.validate(): the Wilke et al. 1999 validation from Python equals `spinesim validate`, under every sharing
criterion the CLI offers, and bad settings raise InputError."""
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
