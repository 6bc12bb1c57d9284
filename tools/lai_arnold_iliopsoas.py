#!/usr/bin/python3
"""Hip flexion moment arms of iliacus_r and psoas_r in the Lai-Arnold model (own points, own cylinders).

Source (numbers only, read from the model file): Lai AKM, Arnold AS, Wakeling JM (2017) "Why are antagonist muscles
co-activated in my simulation? A musculoskeletal model for analysing human locomotor tasks", Ann Biomed Eng
45:2762-2774 ("LaiArnoldModified2017"); file GitHub stanfordnmbl/opencap-core
opensimPipeline/Models/LaiArnoldModified2017_poly_withArms_weldHand.osim @ 5e5b47fb155fe15ad53fa9a711fc68151a071e98:
  pelvis WrapObjectSet: IL_at_brim_r, PS_at_brim_r (WrapCylinder: xyz_body_rotation, translation, radius, quadrant);
  iliacus_r / psoas_r GeometryPath (PathPoint P1..P4; PathWrap method hybrid, range 2 3 = segment P2 -> P3);
  hip_r CustomJoint: pelvis_offset translation (hip joint centre in the pelvis), rotation1 = hip_flexion_r about z.
Neither muscle crosses the knee, so the knee angle (straight or 90 deg) does not change these moment arms.

The cylinder wrap is a Python transcription of spinesim's libsim/src/kinematics/wrap_cylinder.cpp (which follows
OpenSim's WrapCylinder rules). Moment arm = -dL/dq by central differences, hip adduction and rotation zero.
tests/test_iliopsoas_source_models.cpp recomputes the same numbers with the C++ wrap code.
Usage: tools/lai_arnold_iliopsoas.py [--step DEG]
"""
import argparse
import math

import numpy as np

HIP_CENTRE = np.array([-0.056276, -0.07849, 0.07726])  # hip_r pelvis_offset translation

CYLINDERS = {  # xyz_body_rotation (rad), translation (m), radius (m), quadrant
    "IL_at_brim_r": ((-0.32, -0.24, 0.9), (-0.071, -0.065, 0.0756), 0.0549, "-y"),
    "PS_at_brim_r": ((-0.25, -0.27, 0.1), (-0.074, -0.06, 0.0656), 0.05, "-y"),
}

MUSCLES = {  # (segment, point) P1..P4, wrap cylinder; the wrap applies to P2 -> P3 (range 2 3)
    "iliacus_r": ([("pelvis", (-0.0605, 0.0309, 0.0843)), ("pelvis", (-0.0135, -0.0557, 0.0756)),
                   ("femur", (-0.0023, -0.0565, 0.0139)), ("femur", (-0.0122, -0.0637, 0.0196))], "IL_at_brim_r"),
    "psoas_r": ([("pelvis", (-0.0606, 0.062, 0.039)), ("pelvis", (-0.0205, -0.0654, 0.0656)),
                 ("femur", (-0.0132, -0.0467, 0.0046)), ("femur", (-0.0235, -0.0524, 0.0088))], "PS_at_brim_r"),
}


def rot(axis, a):
    c, s = math.cos(a), math.sin(a)
    if axis == "x":
        return np.array([[1, 0, 0], [0, c, -s], [0, s, c]])
    if axis == "y":
        return np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])
    return np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])


def turn(a):
    a = math.fmod(a, 2 * math.pi)
    return a + 2 * math.pi if a < 0 else a


def tangents(p, r):
    d = math.hypot(p[0], p[1])
    off = math.atan2(p[1], p[0])
    half = math.acos(min(1.0, r / d))
    return off + half, off - half, math.sqrt(max(0.0, d * d - r * r))


def wrap_length(p, s, r, axis, sign):
    """Length P -> S over the cylinder (axis z, radius r); axis -1 unconstrained, 0 x, 1 y; sign the allowed side.
    Returns (length, wrapped, arc angle)."""
    straight = float(np.linalg.norm(s - p))
    pp, ss = p[0] ** 2 + p[1] ** 2, s[0] ** 2 + s[1] ** 2
    if pp <= r * r or ss <= r * r:
        return straight, False, 0.0
    dx, dy = s[0] - p[0], s[1] - p[1]
    dd = dx * dx + dy * dy
    dp = p[0] * dx + p[1] * dy
    ds = s[0] * dx + s[1] * dy
    between = dd > 0 and dp < 0 and ds > 0
    penetrates = between and (pp - dp * dp / dd) < r * r
    constrained = axis >= 0

    def allowed(c):
        return sign * c >= 0

    if not constrained:
        if not penetrates:
            return straight, False, 0.0
    else:
        p_ok, s_ok = allowed(p[axis]), allowed(s[axis])
        if p_ok or s_ok:
            t = -dp / dd if dd > 0 else 0.0
            closest = p[0] + t * dx if axis == 0 else p[1] + t * dy
            forbidden = p_ok != s_ok and not allowed(closest)
            if not penetrates and not forbidden:
                return straight, False, 0.0
    tp_ccw, tp_cw, tp_len = tangents(p, r)
    ts_ccw, ts_cw, ts_len = tangents(s, r)
    arc_ccw, arc_cw = turn(ts_cw - tp_ccw), turn(tp_cw - ts_ccw)
    ccw_ok = cw_ok = True
    if constrained:
        def angle_ok(a):
            return allowed(math.cos(a) if axis == 0 else math.sin(a))

        def way_ok(a, b, arc):
            ea, eb = angle_ok(a), angle_ok(b)
            if not ea and not eb:
                return False
            return not (ea and eb and arc > math.pi)

        ccw_ok, cw_ok = way_ok(tp_ccw, ts_cw, arc_ccw), way_ok(ts_ccw, tp_cw, arc_cw)
        if not ccw_ok and not cw_ok:
            return straight, False, 0.0
    ccw = ccw_ok and (not cw_ok or arc_ccw <= arc_cw)
    angle = arc_ccw if ccw else arc_cw
    planar = tp_len + r * angle + ts_len
    rise = s[2] - p[2]
    return math.sqrt(planar * planar + rise * rise), True, angle


def length(muscle, q):
    points, cyl = MUSCLES[muscle]
    (ax, ay, az), t, r, quad = CYLINDERS[cyl]
    R = rot("x", ax) @ rot("y", ay) @ rot("z", az)
    to_cyl = lambda x: R.T @ (x - np.array(t))
    femur = rot("z", q)  # hip_flexion_r, adduction and rotation zero
    world = [np.array(x) if seg == "pelvis" else HIP_CENTRE + femur @ np.array(x) for seg, x in points]
    total, wrapped, arc = 0.0, False, 0.0
    for k in range(1, len(world)):
        if k == 2:  # range 2 3: P2 -> P3
            axis = -1 if quad == "all" else (0 if quad[1] == "x" else 1)
            sign = -1 if quad.startswith("-") else 1
            seg, wrapped, arc = wrap_length(to_cyl(world[1]), to_cyl(world[2]), r, axis, sign)
            total += seg
        else:
            total += float(np.linalg.norm(world[k] - world[k - 1]))
    return total, wrapped, arc


def moment_arm(muscle, deg, h=1e-6):
    q = math.radians(deg)
    return -(length(muscle, q + h)[0] - length(muscle, q - h)[0]) / (2 * h)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--step", type=float, default=1.0)
    args = ap.parse_args()
    print("hip_flexion_deg,iliacus_cm,iliacus_wrap_deg,psoas_cm,psoas_wrap_deg")
    deg = 0.0
    while deg <= 130 + 1e-9:
        row = [f"{deg:g}"]
        for m in ("iliacus_r", "psoas_r"):
            _, w, arc = length(m, math.radians(deg))
            row += [f"{100 * moment_arm(m, deg):.3f}", f"{math.degrees(arc) if w else 0:.1f}"]
        print(",".join(row))
        deg += args.step


if __name__ == "__main__":
    main()
