#!/usr/bin/env bash
# End-to-end test of the spinesim CLI: list, run (+HDF5/CSV), error messages and exit codes, batch determinism and
# resume, compare --from, and that h5py reads the file. Usage: test_cli.sh SPINESIM_BINARY WORK_DIR [PYTHON]
set -u
BIN=$1
WORK=$2
PY=${3:-/usr/bin/python3}
rm -rf "$WORK" && mkdir -p "$WORK"
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE(0|nonzero) DESCRIPTION -- command...; stdout+stderr kept in $WORK/out
expect() {
    local want=$1 what=$2
    shift 3
    "$@" >"$WORK/out" 2>&1
    local rc=$?
    if [[ $want == 0 && $rc -ne 0 ]]; then fail "$what: exit $rc"; sed 's/^/    /' "$WORK/out" | head -20; fi
    if [[ $want == nonzero && $rc -eq 0 ]]; then fail "$what: exit 0, expected failure"; fi
}
contains() {  # contains DESCRIPTION TEXT...
    local what=$1
    shift
    for text in "$@"; do grep -qF -- "$text" "$WORK/out" || { fail "$what: output lacks '$text'"; sed 's/^/    /' "$WORK/out" | head -20; }; done
}

H5=$WORK/x.h5
expect 0 "list" -- "$BIN" list
contains "list" relaxed_standing "Relaxed standing"

expect 0 "run" -- "$BIN" run relaxed_standing --output "$H5" --csv "$WORK/x.csv"
contains "run" "L4/L5" "L5/S1" "compr. peak [N]" "Top 10 muscles" "Wrote group /relaxed_standing"
[[ -s $WORK/x.csv ]] || fail "run: no CSV written"
grep -q "L4/L5 compression \[N\]" "$WORK/x.csv" || fail "CSV header lacks per-level compression with units"

expect nonzero "unknown scenario" -- "$BIN" run no_such_scenario
contains "unknown scenario" "no_such_scenario" "unknown scenario"

expect nonzero "NaN --set" -- "$BIN" run relaxed_standing --set load_kg=nan
contains "NaN --set" "--set" "load_kg" "nan" "finite"

expect nonzero "malformed --set" -- "$BIN" run relaxed_standing --set load_kg
contains "malformed --set" "name=value" "load_kg"

expect nonzero "existing group" -- "$BIN" run relaxed_standing --output "$H5"
contains "existing group" "$H5" "relaxed_standing" "already exists" "--overwrite"
expect 0 "overwrite" -- "$BIN" run relaxed_standing --output "$H5" --overwrite

expect nonzero "unwritable output" -- "$BIN" run relaxed_standing --output /nonexistent_spinesim_dir/x.h5
contains "unwritable output" "/nonexistent_spinesim_dir/x.h5"

# Batch: the same file whatever --jobs; a re-run skips complete groups.
SWEEP=(relaxed_standing --sweep subject.body_mass_kg=60,90 --sweep frames=1,2 -q)
expect 0 "batch -j1" -- "$BIN" batch "${SWEEP[@]}" --jobs 1 --output "$WORK/b1.h5"
expect 0 "batch -j2" -- "$BIN" batch "${SWEEP[@]}" --jobs 2 --output "$WORK/b2.h5"
contains "batch -j2" "4 written"
expect 0 "batch resume" -- "$BIN" batch "${SWEEP[@]}" --jobs 2 --output "$WORK/b2.h5"
contains "batch resume" "0 written" "4 skipped"
expect nonzero "batch bad sweep" -- "$BIN" batch relaxed_standing --sweep frames=1,,2 --output "$WORK/b4.h5"
contains "batch bad sweep" "--sweep" "frames"

expect 0 "compare --from" -- "$BIN" compare --from "$WORK/b1.h5" relaxed_standing__subject.body_mass_kg=60__frames=1 relaxed_standing__subject.body_mass_kg=90__frames=1
contains "compare --from" "L4/L5 compression peak [N]" "L5/S1 AP shear peak [N]" "muscle #5" "NIOSH" "difference"

if "$PY" -c "import h5py" 2>/dev/null; then
    expect 0 "h5py reads the results" -- "$PY" - "$H5" "$WORK/b1.h5" "$WORK/b2.h5" <<'PYEOF'
import sys
import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as f:
    assert list(f.keys()) == ["relaxed_standing"], list(f.keys())
    g = f["relaxed_standing"]
    assert g.attrs["scenario"] == "relaxed_standing"
    assert "compression positive" in g.attrs["sign_convention"]
    for a in ("title", "exercise", "technique", "subject.body_mass_kg", "subject.height_m", "subject.sex",
              "criterion", "duration", "frames", "source_file", "spinesim_version"):
        assert a in g.attrs, a
    for name, ds in g.items():
        assert "units" in ds.attrs, name
    n = g["time"].shape[0]
    assert g["compression"].shape == (n, len(g["compression"].attrs["names"]))
    assert g["muscle_force"].shape[1] == len(g["muscle_force"].attrs["families"])
    assert g["compression"].attrs["units"] == "N" and g["intradiscal_pressure"].attrs["units"] == "Pa"
    assert list(g["frame_status"].asstr()[()]) == ["optimal"] * n
with h5py.File(sys.argv[2], "r") as a, h5py.File(sys.argv[3], "r") as b:
    assert list(a.keys()) == list(b.keys()) and len(a.keys()) == 4, list(a.keys())
    for k in a:
        for d in a[k]:
            assert np.array_equal(a[k][d][()], b[k][d][()]), (k, d)
print("h5py ok")
PYEOF
else
    echo "note: $PY has no h5py; skipped the h5py checks"
fi

if [[ $failures -gt 0 ]]; then echo "$failures failure(s)"; exit 1; fi
echo "all CLI checks passed"
