#!/usr/bin/env python3
"""Does "a round back loads the lumbar spine more" survive the model's uncertainties? Each round/neutral twin pair
(deadlift 140 kg, box lift 20 kg, hip hinge) is run under one-at-a-time variations of the muscle sharing criterion,
the lumbar balance, the subject and uncertain model constants, and the L4/L5 loads of the twins are compared.

    PYTHONPATH=<build>/python /usr/bin/python3 examples/uncertainty.py [--output FIG.png] [--frames 11] [--quick]
        [--jobs 2] [--json ROWS.json]

Each pair and variation is run as `spinesim compare --strength auto` does: if a twin leaves frames unsolved at the
subject's strength, both are run again at the smallest common strength factor that holds every frame of both
(spinesim.common_strength; where some frame cannot be held by strength alone, spinesim.partial_common_strength, so
that only those frames stay unsolved). Model constants are perturbed in a temporary copy of the data directory (the
repository's data/ is never edited):

* passive motion-segment moment-angle curves (motion_segments.toml [passive_moment], every coefficient of every
  direction) x0.7 and x1.3;
* muscle specific tension (muscle_properties.toml specific_tension_pa) x0.8 and x1.2;
* posterior-ligament end-of-range force (posterior_ligaments.toml interspinous_supraspinous_force_n, 134 N) x0.7 and
  x1.3: a single number from an abstract (Hindle et al. 1990) to which every ligament line is calibrated (the capsular
  and flavum shares, flagged in that file as quoted and not verified, are used only as ratios to it), so it scales
  every ligament line's stiffness; the intact curve stays the total passive flexion resistance, so this moves
  passive moment between the disc's pure moment and the ligament lines' forces.
"""

import argparse
import json
import math
import os
import re
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

import spinesim

LEVEL = "L4/L5"

PAIRS = [  # (label, neutral twin, round twin)
    ("deadlift 140 kg", "deadlift_140kg_neutral", "deadlift_140kg_round"),
    ("box lift 20 kg", "box_lift_20kg_squat_neutral", "box_lift_20kg_round"),
    ("hip hinge", "hip_hinge_neutral", "hip_hinge_round"),
]

# (label, scenario overrides, data edits: [(file in data/model, table or key, factor)]). The baseline is the
# scenarios' own settings: stress2, coupled lumbar balance, 75 kg 1.78 m male.
VARIATIONS = [
    ("baseline", {}, []),
    ("criterion stress3", {"criterion": "stress3"}, []),
    ("criterion minmax", {"criterion": "minmax"}, []),
    ("balance per_level", {"lumbar_balance": "per_level"}, []),
    ("body mass 60 kg", {"subject_body_mass_kg": 60.0}, []),
    ("body mass 90 kg", {"subject_body_mass_kg": 90.0}, []),
    ("height 1.65 m", {"subject_height_m": 1.65}, []),
    ("height 1.90 m", {"subject_height_m": 1.90}, []),
    ("female", {"subject_sex": "female"}, []),
    ("passive curves x0.7", {}, [("motion_segments.toml", "passive_moment", 0.7)]),
    ("passive curves x1.3", {}, [("motion_segments.toml", "passive_moment", 1.3)]),
    ("specific tension x0.8", {}, [("muscle_properties.toml", "specific_tension_pa", 0.8)]),
    ("specific tension x1.2", {}, [("muscle_properties.toml", "specific_tension_pa", 1.2)]),
    ("ligament force x0.7", {}, [("posterior_ligaments.toml", "interspinous_supraspinous_force_n", 0.7)]),
    ("ligament force x1.3", {}, [("posterior_ligaments.toml", "interspinous_supraspinous_force_n", 1.3)]),
]
QUICK_VARIATIONS = ["baseline", "criterion stress3", "criterion minmax", "body mass 60 kg", "body mass 90 kg",
                    "passive curves x1.3"]
QUICK_PAIRS = ["box lift 20 kg", "hip hinge"]
QUICK_FRAMES = 5

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _scale_numbers(text, factor):
    return _NUMBER.sub(lambda m: repr(float(m.group(0)) * factor), text)


def scale_toml(path, key, factor):
    """Multiplies, in a TOML file, every number of the table [key] or the number of the scalar `key = number`
    (comments kept). Exactly one such table or key must exist."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    table, hits = None, 0
    for i, line in enumerate(lines):
        code, sep, comment = line.partition("#")
        header = re.fullmatch(r"\s*\[([^\]]+)\]\s*", code)
        if header:
            table = header.group(1).strip()
            hits += table == key
            continue
        assignment = re.fullmatch(r"(\s*([A-Za-z0-9_]+)\s*=\s*)(.*?)(\s*)", code)
        if not assignment:
            continue
        if table == key or assignment.group(2) == key:
            hits += assignment.group(2) == key
            value = _scale_numbers(assignment.group(3), factor)
            lines[i] = assignment.group(1) + value + assignment.group(4) + sep + comment
    if hits != 1:
        raise ValueError(f"{path}: expected one table or key '{key}', found {hits}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def perturbed_data_dir(root, label, edits):
    """A copy of the default data directory under `root` with `edits` applied; None when there are no edits."""
    if not edits:
        return None
    path = os.path.join(root, re.sub(r"[^A-Za-z0-9]+", "_", label))
    shutil.copytree(spinesim.default_data_dir(), path)
    for file, key, factor in edits:
        scale_toml(os.path.join(path, "model", file), key, factor)
    return path


def twin_summary(r, frames):
    """L4/L5 numbers of one twin over the frames selected (boolean mask): peak and mean compression, the AP shear of
    largest magnitude (signed, + anterior), the passive share at the frame of peak net moment."""
    if not frames.any():
        return dict(peak=math.nan, mean=math.nan, shear=math.nan, passive_share=math.nan)
    comp = r.compression(LEVEL)[frames]
    shear = r.shear_ap(LEVEL)[frames]
    net = (r.external_moment(LEVEL) + r.contact_moment(LEVEL))[frames]
    return dict(peak=float(comp.max()), mean=float(comp.mean()), shear=float(shear[np.argmax(np.abs(shear))]),
                passive_share=float(r.passive_share(LEVEL)[frames][np.argmax(net)]))


def pair_strength(twins):
    """The strength factor to rerun a pair at (None: every frame is held at the subject's strength): the common
    factor of `spinesim compare --strength auto`; when some frame cannot be held by strength alone (a posture the
    subject cannot reach, or more than x5), the largest factor that the twins' other frames need, so that only
    those frames stay unsolved (and are reported): spinesim.partial_common_strength."""
    factor = spinesim.partial_common_strength(twins)
    return factor if math.isfinite(factor) else None


def unsolved_reason(twins):
    """Why frames of a pair are unsolved ('' when every frame is solved): a posture target the subject cannot reach,
    muscles that cannot hold the load even at x5, or another solver status."""
    reasons = []
    for r in twins:
        for status, need in zip(r.frame_status, r.strength_needed):
            if status == "optimal":
                continue
            reason = ("posture not reached" if "posture:" in status else "muscles short even at x5" if math.isinf(need)
                      else status.split(";")[0].split(":")[0])
            if reason not in reasons:
                reasons.append(reason)
    return ", ".join(reasons)


def analyse(pairs, variations, frames, jobs=2):
    """Runs every pair under every variation; returns {pair label: [row, ...]} in the order given. A row holds the
    variation, the strength used, the neutral and round twin summaries over the frames solved in both, the
    round/neutral ratios, `holds` (round peak > neutral peak) and `comparable` (every frame of both solved)."""
    with tempfile.TemporaryDirectory(prefix="spinesim_uncertainty_") as root:
        dirs = {label: perturbed_data_dir(root, label, edits) for label, _, edits in variations}
        cases = [(p, v) for p in pairs for v in variations]

        def run_case(case, strength=None):
            (_, neutral, round_), (label, overrides, _) = case
            extra = {} if strength is None else {"subject_strength_scale": strength}
            return [spinesim.run(name, data_dir=dirs[label], frames=frames, **overrides, **extra)
                    for name in (neutral, round_)]

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            first = list(pool.map(run_case, cases))
            factors = [pair_strength(twins) for twins in first]
            again = {i: pool.submit(run_case, cases[i], f) for i, f in enumerate(factors) if f is not None}
            final = [again[i].result() if i in again else twins for i, twins in enumerate(first)]

    table = {}
    for (pair, (label, _, _)), (n, r) in zip(cases, final):
        both = n.solved_frames & r.solved_frames
        sn, sr = twin_summary(n, both), twin_summary(r, both)
        table.setdefault(pair[0], []).append(dict(
            variation=label, strength=float(n.definition.subject.strength_scale), neutral=sn, round=sr,
            ratio_peak=sr["peak"] / sn["peak"], ratio_mean=sr["mean"] / sn["mean"],
            holds=bool(sr["peak"] > sn["peak"]), frames_compared=int(both.sum()), frames=int(both.size),
            comparable=bool(both.all()), unsolved=unsolved_reason((n, r))))
    return table


def print_table(pair, rows):
    print(f"\n{pair}: L4/L5, neutral (N) vs round (R); compression and AP shear in N, passive share at peak moment")
    head = (f"{'variation':22s} {'strength':>8s} {'N peak':>7s} {'R peak':>7s} {'ratio':>6s} {'N mean':>7s} "
            f"{'R mean':>7s} {'ratio':>6s} {'N shear':>7s} {'R shear':>7s} {'N pass':>6s} {'R pass':>6s}  R>N")
    print(head)
    print("-" * len(head))
    for row in rows:
        n, r = row["neutral"], row["round"]
        print(f"{row['variation']:22s} {row['strength']:8.2f} {n['peak']:7.0f} {r['peak']:7.0f} "
              f"{row['ratio_peak']:6.3f} {n['mean']:7.0f} {r['mean']:7.0f} {row['ratio_mean']:6.3f} "
              f"{n['shear']:7.0f} {r['shear']:7.0f} {n['passive_share']:6.2f} {r['passive_share']:6.2f}  "
              f"{'yes' if row['holds'] else 'NO':3s}" + ("" if row["comparable"] else
                                                      f"  ({row['frames_compared']}/{row['frames']} frames solved in "
                                                      f"both: {row['unsolved']})"))


def verdict(pair, rows):
    """One line: in how many comparable variations (every frame of both twins solved) round > neutral holds for peak
    L4/L5 compression, the ratio ranges, the variations where it flips and those not comparable."""
    ok = [row for row in rows if row["comparable"]]
    if not ok:
        return f"{pair}: no variation solved every frame of both twins"
    peak = [row["ratio_peak"] for row in ok]
    mean = [row["ratio_mean"] for row in ok]
    flips = [row["variation"] for row in ok if not row["holds"]]
    text = (f"{pair}: round > neutral peak {LEVEL} compression in {len(ok) - len(flips)} of {len(ok)} variations; "
            f"peak ratio {min(peak):.3f}-{max(peak):.3f}, mean ratio {min(mean):.3f}-{max(mean):.3f}")
    if flips:
        text += f"; round <= neutral under: {', '.join(flips)}"
    missing = [row for row in rows if not row["comparable"]]
    if missing:
        partial = sum(row["holds"] for row in missing)
        text += (f"; not comparable (frames unsolved): {', '.join(row['variation'] for row in missing)} (round > "
                 f"neutral over the frames solved in both in {partial} of {len(missing)})")
    return text


def figure(table, path):
    import spinesim.plot
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    pairs = list(table)
    labels = [row["variation"] for row in table[pairs[0]]]
    fig = Figure(figsize=(4.0 * len(pairs) + 1.5, 0.3 * len(labels) + 1.6), constrained_layout=True)
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, len(pairs), sharey=True, squeeze=False)[0]
    y = np.arange(len(labels))
    for ax, pair in zip(axes, pairs):
        rows = table[pair]
        ax.axvline(1.0, color="0.4", lw=1)
        ok = np.array([row["comparable"] for row in rows])
        peak = np.array([row["ratio_peak"] for row in rows])
        mean = np.array([row["ratio_mean"] for row in rows])
        ax.plot(peak[ok], y[ok], "o", color="C3", label="peak")
        ax.plot(mean[ok], y[ok], "s", mfc="none", color="C0", label="mean")
        if not ok.all():
            ax.plot(peak[~ok], y[~ok], "x", color="0.5", label="peak, frames unsolved")
        ax.set_title(pair)
        ax.set_xlabel(f"round / neutral {LEVEL} compression [-]")
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(y, labels)
    axes[0].invert_yaxis()
    handles = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(label, handle)
    # beside the last panel, where it cannot hide a point
    axes[-1].legend(list(handles.values()), list(handles), loc="upper left", bbox_to_anchor=(1.02, 1.0),
                    fontsize="small")
    spinesim.plot.save(fig, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--output", default=None, help="figure file (.png/.svg/.pdf) of the ratios (optional)")
    parser.add_argument("--frames", type=int, default=None, help=f"frames per run (default 11, --quick {QUICK_FRAMES})")
    parser.add_argument("--quick", action="store_true",
                        help=f"reduced set (the test's): {', '.join(QUICK_PAIRS)}; {', '.join(QUICK_VARIATIONS)}")
    parser.add_argument("--jobs", type=int, default=2, help="simulations run in parallel (default 2)")
    parser.add_argument("--json", default=None, help="write the rows to this JSON file")
    args = parser.parse_args(argv)

    pairs = [p for p in PAIRS if not args.quick or p[0] in QUICK_PAIRS]
    variations = [v for v in VARIATIONS if not args.quick or v[0] in QUICK_VARIATIONS]
    frames = args.frames if args.frames is not None else (QUICK_FRAMES if args.quick else 11)
    start = time.perf_counter()
    table = analyse(pairs, variations, frames, args.jobs)
    for pair, rows in table.items():
        print_table(pair, rows)
    print()
    for pair, rows in table.items():
        print(verdict(pair, rows))
    print(f"{len(pairs) * len(variations)} pair runs, {frames} frames each, in {time.perf_counter() - start:.0f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"frames": frames, "table": table}, f, indent=1)
        print(f"wrote {args.json}")
    if args.output:
        figure(table, args.output)
        print(f"wrote {args.output}")
    return table


if __name__ == "__main__":
    main()
