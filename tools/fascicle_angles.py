#!/usr/bin/env python3
"""Sagittal line of action of the back muscles at one lumbar disc, and a decomposition of its AP shear.

usage: fascicle_angles.py [--level L4/L5] [--frames N] [--set key=value ...] [scenario ...]
       (default scenarios: hip_hinge_neutral hip_hinge_round; needs the built Python module on PYTHONPATH,
        e.g. PYTHONPATH=build/python /usr/bin/python3 tools/fascicle_angles.py)

For every right-side erector spinae and multifidus fascicle that crosses the level, the angle (deg) between its
net force on the superior vertebra's subtree and the disc normal (the disc frame belongs to the inferior vertebra,
as in the joint-reaction report): negative = the fascicle pulls the superior vertebra posteriorly (posterior shear),
positive = anteriorly. Columns: the upright reference posture, then each scenario at the frame of the largest
external flexion moment at the level.

Then, per scenario, the level's AP shear at that frame split into the muscle groups (force x direction, both
sides) and the rest (weight and inertia above the level, ligament lines), with the inclination of the inferior
vertebra. docs/model.md ("Round vs neutral shear") quotes this output.
"""
import argparse
import math

import numpy as np

import spinesim as ss

GROUPS = [
    ("pars lumborum (IL_L, LTpL)", ("IL_L", "LTpL")),
    ("pars thoracis (IL_R, LTpT)", ("IL_R", "LTpT")),
    ("multifidus (MF)", ("MF_",)),
]


def disc_axes(model, ws, level):
    lv = model.lumbar_levels[level]
    rot = np.array(ws.pose[model.joints[lv.joint].parent])[:3, :3]
    t = lv.normal_tilt
    normal = rot @ np.array([math.sin(t), math.cos(t), 0.0])
    anterior = rot @ np.array([math.cos(t), -math.sin(t), 0.0])
    return lv.joint, normal, anterior, rot


def directions(model, q, level):
    ws = ss.Workspace(model)
    ss.update_kinematics(model, np.asarray(q, dtype=float), ws)
    joint, normal, anterior, rot = disc_axes(model, ws, level)
    d = np.array(ws.muscle_direction)[3 * joint:3 * joint + 3, :]
    inclination = math.degrees(math.atan2(rot[0, 1], rot[1, 1]))  # inferior vertebra's long axis from vertical
    return d, normal, anterior, inclination


def angle(d, normal, anterior):
    return math.degrees(math.atan2(d @ anterior, -(d @ normal)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*", default=["hip_hinge_neutral", "hip_hinge_round"])
    ap.add_argument("--level", default="L4/L5")
    ap.add_argument("--frames", type=int, default=21)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="scenario override, e.g. lumbar_balance=per_level")
    a = ap.parse_args()
    overrides = {"frames": str(a.frames)}
    overrides.update(kv.split("=", 1) for kv in a.set)

    runs = []
    model = None
    for name in a.scenarios:
        sc = ss.load_scenario(ss.scenario_path(name), overrides)
        model = ss.model_for(sc.subject)
        r = ss.simulate(model, sc)
        runs.append((name, r))
    level = model.lumbar_level_index(a.level)
    muscles = [i for i, m in enumerate(model.muscles)
               if m.side > 0 and m.family in ("erector_spinae", "multifidus")]

    columns = [("reference", np.zeros(model.coordinate_count), None)]
    for name, r in runs:
        at = int(np.argmax(np.array(r.external_moment)[:, level]))
        columns.append((f"{name}@{at}", np.array(r.coordinates)[at], (r, at)))
    geometry = [directions(model, q, level) for _, q, _ in columns]

    print(f"Sagittal angle to the {a.level} disc normal, deg (- = posterior shear on the superior vertebra)")
    print(f"{'fascicle':16s}" + "".join(f"{c[0]:>28s}" for c in columns) + f"{'PCSA cm2':>10s}")
    for i in muscles:
        if np.linalg.norm(geometry[0][0][:, i]) < 1e-9:
            continue
        row = "".join(f"{angle(g[0][:, i], g[1], g[2]):28.1f}" for g in geometry)
        print(f"{model.muscles[i].name:16s}{row}{model.muscles[i].pcsa * 1e4:10.2f}")
    for label, prefixes in GROUPS:
        idx = [i for i in muscles if model.muscles[i].name.startswith(prefixes)
               and np.linalg.norm(geometry[0][0][:, i]) > 1e-9]
        row = ""
        for d, n, an, _ in geometry:
            w = np.array([model.muscles[i].pcsa for i in idx])
            row += f"{angle(d[:, idx] @ w, n, an):28.1f}"
        print(f"{'PCSA-weighted':16s}{row}   {label}")

    print(f"\n{a.level} AP shear at the frame of the largest moment, N (+ anterior), split by source")
    for (label, q, run), (d, n, an, incl) in zip(columns[1:], geometry[1:]):
        r, at = run
        f = np.array(r.muscle_force)[at]
        shear = f * (d.T @ an)
        comp = -f * (d.T @ n)
        total = np.array(r.shear_ap)[at, level]
        parts = []
        grouped = np.zeros(len(model.muscles), dtype=bool)
        for g, prefixes in GROUPS:
            sel = np.array([m.name.startswith(prefixes) for m in model.muscles])
            grouped |= sel
            parts.append(f"{g} {shear[sel].sum():.0f} (compression {comp[sel].sum():.0f})")
        parts.append(f"other muscles {shear[~grouped].sum():.0f}")
        print(f"  {label}: inferior vertebra inclined {incl:.1f} deg; shear {total:.0f} = " + ", ".join(parts) +
              f", weight/inertia/ligament lines {total - shear.sum():.0f}; compression "
              f"{np.array(r.compression)[at, level]:.0f}; ligament tension {np.array(r.ligament_force)[at, level]:.0f}")


if __name__ == "__main__":
    main()
