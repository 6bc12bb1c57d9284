#!/usr/bin/env python3
"""Convert the Christophy et al. 2012 lumbar fascicle set into spinesim's segment frames.

Input : shared/reference/christophy_muscles.json (numbers of Christophy, Senan, Lotz & O'Reilly 2012,
        Biomech Model Mechanobiol 11:19-34, as distributed in amir-abdi/artisynth-rl ChristophyMuscle.txt, MIT).
Output: data/model/muscles_lumbar_christophy2012.csv (right side only; the left side is the mirror image z -> -z,
        built at run time).

Frame conversion (every spinesim segment frame has its origin at the segment's proximal joint centre and is
un-rotated in the reference upright posture; x anterior, y superior, z right):
  pelvis  : Christophy pelvis frame (origin mid-ASIS) = spinesim pelvis frame.
  sacrum  : Christophy sacrum origin = pelvis origin - (0, 0.049, 0)     -> re-homed to the pelvis.
  lumbarK : Christophy lumbarK frame origin = joint centre - location_in_child  (Christophy 2012 skeleton,
            mjhmilla/kinematicPassengerModel, MIT; see shared/reference/anatomy-notes.md section 2.1).
  torso   : Christophy torso origin (welded to lumbar1 at (0.0025, -0.089, 0)) -> spinesim thorax frame whose
            origin is the T12/L1 centre, placed one L2-chord above the L1/L2 centre (design decision, documented in
            data/model/skeleton.toml).
  Abdomen : auxiliary body of the obliques (coupled to trunk flexion in Christophy's model). Each Abdomen point is
            re-homed to the pelvis: thorax-to-Abdomen fascicles (EO1-EO4) then span the lumbar joints as the abdominal
            wall does; pelvis-to-Abdomen fascicles (IO1-IO3) span no lumbar joint (zero lumbar moment arms). Height
            and width are kept
            (Abdomen origin 0.0711 m above the sacrum origin, MyoTorso), and the antero-posterior coordinate is put on
            the rectus abdominis line at that height plus the point's own small x offset, i.e. the obliques insert
            into the rectus sheath (design decision, not a published coordinate).
  r_humerus: latissimus dorsi insertion, re-homed to spinesim's upper_arm_r frame whose origin is the
            glenohumeral centre (same as the OpenSim humerus frame).
PCSA: Christophy's F_max corresponds to 46 N/cm^2 times the Bogduk 1992 PCSA (derived in anatomy-notes 1.2), so
      pcsa_cm2 = F_max / 46.
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
SRC = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/reference/christophy_muscles.json"
OUT = ROOT / "data/model/muscles_lumbar_christophy2012.csv"

SACRUM_IN_PELVIS = (0.0, -0.049, 0.0)
# joint centres in the pelvis frame (Christophy 2012 skeleton, derived in anatomy-notes 2.1)
L5S1 = (-0.0980, 0.0220)
L4L5 = (-0.0880, 0.0516)
L3L4 = (-0.0890, 0.0861)
L2L3 = (-0.0964, 0.1185)
L1L2 = (-0.1051, 0.1474)
T12L1 = (L1L2[0] + (L1L2[0] - L2L3[0]), L1L2[1] + (L1L2[1] - L2L3[1]))
LOCATION_IN_CHILD = {
    "lumbar5": (0.0, 0.0),
    "lumbar4": (0.001, -0.0025),
    "lumbar3": (-0.0006, -0.0012),
    "lumbar2": (-0.0013, -0.0039),
    "lumbar1": (0.0014, -0.0038),
}
JOINT_OF = {"lumbar5": L5S1, "lumbar4": L4L5, "lumbar3": L3L4, "lumbar2": L2L3, "lumbar1": L1L2}
SEGMENT_OF = {"lumbar5": "L5", "lumbar4": "L4", "lumbar3": "L3", "lumbar2": "L2", "lumbar1": "L1"}
TORSO_IN_LUMBAR1 = (0.0025, -0.089)
ABDOMEN_ABOVE_SACRUM = 0.0711


def lumbar_origin_in_pelvis(body):
    jc, lc = JOINT_OF[body], LOCATION_IN_CHILD[body]
    return (jc[0] - lc[0], jc[1] - lc[1])


def to_pelvis(x, y, z, body):
    """Point in the pelvis frame (reference posture)."""
    if body == "pelvis":
        return (x, y, z)
    if body == "sacrum":
        return (x + SACRUM_IN_PELVIS[0], y + SACRUM_IN_PELVIS[1], z)
    if body in JOINT_OF:
        o = lumbar_origin_in_pelvis(body)
        return (x + o[0], y + o[1], z)
    if body == "torso":
        o1 = lumbar_origin_in_pelvis("lumbar1")
        return (x + o1[0] + TORSO_IN_LUMBAR1[0], y + o1[1] + TORSO_IN_LUMBAR1[1], z)
    raise ValueError(body)


def main():
    muscles = json.loads(SRC.read_text())
    right = [m for m in muscles if m["name"].endswith("_r")]
    ra = next(m for m in right if m["name"] == "rect_abd_r")
    ra_pts = [to_pelvis(*p[:3], p[3]) for p in ra["points"]]

    def ra_x_at(y):
        (x0, y0, _), (x1, y1, _) = ra_pts[0], ra_pts[-1]
        return x0 + (x1 - x0) * (y - y0) / (y1 - y0)

    rows = []
    for m in right:
        pts = []
        for x, y, z, body, _ in m["points"]:
            if m["name"] == "rect_abd_r" and body == "pelvis" and z < 0:
                z = -z  # sign slip in the source (anatomy-notes 1.3): the right RA attaches right of the midline
            if body == "Abdomen":
                yp = y + ABDOMEN_ABOVE_SACRUM + SACRUM_IN_PELVIS[1]
                xp = ra_x_at(yp) + x
                # Every Abdomen point goes to the pelvis. Thorax-to-Abdomen fascicles (EO1-EO4) then span the lumbar
                # spine as the abdominal wall does. Pelvis-to-Abdomen fascicles (IO1-IO3, iliac crest to the lower
                # aponeurosis, nearly horizontal and below L4) span no lumbar joint in a rigid-segment model: they
                # stay in the model with zero lumbar moment arms (homing them on the thorax would make them pull the
                # thorax downward-upward through points below the pelvis brim, which no real fibre does).
                pts.append(("pelvis", xp, yp, z))
            elif body == "r_humerus":
                pts.append(("upper_arm_r", x, y, z))
            elif body in JOINT_OF:
                px, py, pz = to_pelvis(x, y, z, body)
                jc = JOINT_OF[body]
                pts.append((SEGMENT_OF[body], px - jc[0], py - jc[1], pz))
            elif body == "torso":
                px, py, pz = to_pelvis(x, y, z, body)
                pts.append(("thorax", px - T12L1[0], py - T12L1[1], pz))
            else:
                pts.append(("pelvis",) + to_pelvis(x, y, z, body))
        # collapse consecutive points on the same segment that coincide (none expected) and keep order
        path = ";".join(f"{s} {x:.6f} {y:.6f} {z:.6f}" for s, x, y, z in pts)
        group = m["group"] or ("iliocostalis_pars_thoracis" if m["name"].startswith("IL_R") else
                               "longissimus_pars_thoracis" if m["name"].startswith("LTpT") else "")
        rows.append(f'{m["name"][:-2]},{group},{m["Fmax"] / 46.0:.6f},{m["L0"]:.6f},{m["Ls"]:.6f},'
                    f'{m["penn"]:.4f},{path}')
    header = [
        "# Lumbar fascicles of Christophy M, Faruk Senan NA, Lotz JC, O'Reilly OM (2012) A musculoskeletal model",
        "# for the lumbar spine. Biomech Model Mechanobiol 11:19-34, doi:10.1007/s10237-011-0290-6.",
        "# Numbers read from amir-abdi/artisynth-rl ChristophyMuscle.txt (MIT, (c) 2018 Amir Abdi), the SimTK",
        "# 'lumbarspine' model export. Converted by tools/convert_christophy.py (see its docstring for every frame",
        "# change; the right rectus abdominis pelvis z sign slip is corrected; Abdomen points re-homed to the pelvis).",
        "# Right side only; the left side is the mirror image (z -> -z) built at load time; names get _r / _l.",
        "# Reference geometry: Christophy's 1.70 m male (anatomy-notes 2.1); segment frames: origin at the proximal",
        "# joint centre, x anterior, y superior, z right, metres.",
        "# pcsa_cm2 = Christophy F_max / 46 N/cm^2 (implied specific tension, derived in anatomy-notes 1.2 from",
        "# Bogduk, Macintosh & Pearcy 1992 Spine 17:897 PCSAs).",
        "# optimal_fiber_length_m, tendon_slack_length_m, pennation_deg: Christophy 2012 values as read.",
        "name,group,pcsa_cm2,optimal_fiber_length_m,tendon_slack_length_m,pennation_deg,path",
    ]
    OUT.write_text("\n".join(header + rows) + "\n")
    print(f"wrote {len(rows)} right-side fascicles to {OUT}; T12/L1 centre in pelvis frame = {T12L1}")


if __name__ == "__main__":
    main()
