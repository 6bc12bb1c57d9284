"""Plots: line data equal the results, NIOSH/shear limit lines, units in the axis labels, files, the CLI."""

import subprocess
import sys

import numpy as np
import pytest

import spinesim
import spinesim.plot as splot


def data_lines(ax):
    return [ln for ln in ax.get_lines() if not (ln.get_gid() or "").startswith(("limit:", "unsolved:", "warned:"))
            and not ln.get_label().startswith("_")]


def limit_values(ax):
    return sorted(float(ln.get_ydata()[0]) for ln in ax.get_lines() if (ln.get_gid() or "").startswith("limit:"))


def test_load_curves_data_limits_and_labels(deadlift_pair):
    fig = splot.load_curves(deadlift_pair, levels=("L4/L5", "L5/S1"), quantities=("compression", "shear_ap"))
    ax_c, ax_s = fig.axes[0], fig.axes[1]
    for ax, q in ((ax_c, "compression"), (ax_s, "shear_ap")):
        lines = data_lines(ax)
        assert len(lines) == 4
        k = 0
        for r in deadlift_pair:
            for level in ("L4/L5", "L5/S1"):
                ln = lines[k]
                k += 1
                assert ln.get_label() == f"{r.label} {level}"
                np.testing.assert_array_equal(ln.get_ydata(), r.quantity(q, level))
                np.testing.assert_array_equal(ln.get_xdata(), r.percent)
        assert "[N]" in ax.get_ylabel() and "[%]" in ax.get_xlabel()
        assert ax.get_legend() is not None
    assert 3400.0 in limit_values(ax_c) and 6400.0 in limit_values(ax_c)
    assert 1000.0 in limit_values(ax_s)
    for ln in ax_c.get_lines():
        if (ln.get_gid() or "").startswith("limit:"):
            assert ln.get_linestyle() == "--" and "NIOSH" in ln.get_label() and "Waters" in ln.get_label()
    assert fig._suptitle.get_text()
    # frames the mean man cannot hold have no loads (NaN): crosses along the bottom mark them, one per unsolved frame
    for r in deadlift_pair:
        unsolved = np.array([s != "optimal" for s in r.raw.frame_status])
        assert unsolved.any()
        marks = [ln for ln in ax_c.get_lines() if ln.get_gid() == f"unsolved:{r.label}"]
        assert len(marks) == 1
        np.testing.assert_array_equal(marks[0].get_xdata(), r.percent[unsolved])
        assert np.isnan(r.quantity("compression", "L4/L5")[unsolved]).all()
    legend_texts = [t.get_text() for t in ax_c.get_legend().get_texts()]
    assert any("frame not solved" in t for t in legend_texts)


def test_a_solved_frame_between_unsolved_ones_is_drawn_as_a_point():
    # the 20 kg stoop lift: frame 0 is held, frames 1-3 are not; frame 0 had no segment and was invisible
    r = spinesim.run("box_lift_20kg_round")
    ok = np.array([s == "optimal" for s in r.raw.frame_status])
    assert ok[0] and not ok[1]
    ax = splot.load_curves(r, levels="L4/L5", quantities="compression").axes[0]
    points = [ln for ln in ax.get_lines() if ln.get_label() == "_isolated"]
    assert len(points) == 1
    np.testing.assert_array_equal(points[0].get_xdata(), [r.percent[0]])
    np.testing.assert_array_equal(points[0].get_ydata(), [r.quantity("compression", "L4/L5")[0]])


def test_muscle_and_passive_plots_mark_unsolved_frames_too(deadlift_pair):
    r = deadlift_pair[0]
    unsolved = np.array([s != "optimal" for s in r.raw.frame_status])
    for fig in (splot.muscle_groups(r), splot.passive_share(r)):
        marks = [ln for ln in fig.axes[0].get_lines() if ln.get_gid() == f"unsolved:{r.label}"]
        assert len(marks) == 1
        np.testing.assert_array_equal(marks[0].get_xdata(), r.percent[unsolved])


def test_frames_with_path_validity_warnings_are_marked_in_every_plot():
    # the 20 kg squat lift: the iliopsoas is used beyond its path validity at the pick-up (frames 0-5 of 21)
    r = spinesim.run("box_lift_20kg_squat_neutral")
    warned = r.warned_frames
    assert warned.any() and not warned.all()
    for fig in (splot.load_curves(r, quantities="compression"), splot.muscle_groups(r), splot.passive_share(r)):
        marks = [ln for ln in fig.axes[0].get_lines() if ln.get_gid() == f"warned:{r.label}"]
        assert len(marks) == 1
        np.testing.assert_array_equal(marks[0].get_xdata(), r.percent[warned])
        assert "path validity" in marks[0].get_label()
    # none where no frame is warned
    clean = spinesim.run("box_lift_20kg_round", frames=5, load_kg=10)
    assert not clean.warned_frames.any()
    fig = splot.load_curves(clean, quantities="compression")
    assert not [ln for ln in fig.axes[0].get_lines() if (ln.get_gid() or "").startswith("warned:")]


def test_no_unsolved_marks_when_every_frame_is_solved():
    r = spinesim.run("relaxed_standing", frames=1)
    fig = splot.load_curves(r, quantities="compression")
    assert not [ln for ln in fig.axes[0].get_lines() if (ln.get_gid() or "").startswith("unsolved:")]


def test_time_axis_and_no_limits(deadlift_pair):
    fig = splot.load_curves(deadlift_pair[0], quantities="compression", x="time", limits=False)
    ax = fig.axes[0]
    assert limit_values(ax) == [] and "[s]" in ax.get_xlabel()
    np.testing.assert_array_equal(data_lines(ax)[0].get_xdata(), deadlift_pair[0].time)


def test_other_plots(deadlift_pair, tmp_path):
    fig = splot.muscle_groups(deadlift_pair)
    assert len(fig.axes) == 2 and "[N]" in fig.axes[0].get_ylabel()
    es = [ln for ln in fig.axes[0].get_lines() if ln.get_label() == "Erector spinae"]
    np.testing.assert_array_equal(es[0].get_ydata(), deadlift_pair[0].group_force("erector_spinae"))
    fig = splot.passive_share(deadlift_pair)
    assert "[%]" in fig.axes[0].get_ylabel()
    for ext in ("png", "svg", "pdf"):
        path = splot.save(fig, tmp_path / f"share.{ext}")
        assert (tmp_path / f"share.{ext}").stat().st_size > 1000, path
    with pytest.raises(spinesim.InputError, match="bmp"):
        splot.save(fig, tmp_path / "x.bmp")
    with pytest.raises(spinesim.InputError, match="torque"):
        splot.load_curves(deadlift_pair, quantities=("torque",))


def test_plot_cli(deadlift_pair, plot_wrapper, tmp_path):
    h5 = tmp_path / "res.h5"
    for r, g in zip(deadlift_pair, ("neutral", "round")):
        spinesim.write_hdf5(r.raw, str(h5), g, False)
    out = tmp_path / "fig.png"
    p = subprocess.run([plot_wrapper, str(h5), "--output", str(out), "--levels", "L4/L5", "--quantity",
                        "compression", "shear_ap"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert out.stat().st_size > 10000
    out2 = tmp_path / "muscles.svg"
    p = subprocess.run([sys.executable, "-m", "spinesim", "plot", str(h5), "round", "--kind", "muscles",
                        "-o", str(out2)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert out2.exists()
    p = subprocess.run([sys.executable, "-m", "spinesim.plot_cli", str(h5), "nope", "-o", str(tmp_path / "n.png")],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode != 0 and "nope" in p.stderr


def test_plot_cli_bad_dpi_is_a_usage_error(deadlift_pair, tmp_path):
    # matplotlib raised a bare ValueError (a traceback) for --dpi 0 / -5 and for an image over 2^16 pixels
    h5 = tmp_path / "res.h5"
    spinesim.write_hdf5(deadlift_pair[0].raw, str(h5), "neutral", False)
    for dpi in ("0", "-5", "100000", "abc"):
        p = subprocess.run([sys.executable, "-m", "spinesim.plot_cli", str(h5), "-o", str(tmp_path / "d.png"),
                            "--dpi", dpi], capture_output=True, text=True, timeout=300)
        assert p.returncode == 2 and "--dpi" in p.stderr and dpi in p.stderr, p.stderr
        assert "Traceback" not in p.stderr
