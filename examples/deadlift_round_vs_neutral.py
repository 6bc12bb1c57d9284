#!/usr/bin/env python3
"""Round-back vs neutral-spine deadlift (140 kg): L4/L5 and L5/S1 compression and antero-posterior shear over the
repetition, with the NIOSH compression limits and the 1000 N shear limit.

    PYTHONPATH=<build>/python /usr/bin/python3 examples/deadlift_round_vs_neutral.py [--output FIG.png] [--load-kg 140]
        [--strength auto|X]

With --strength auto (default) the pair is run again, if the scenarios' subject cannot hold some frames, at the
smallest common strength factor that holds every frame of both (spinesim.common_strength), as `spinesim compare`.
"""

import argparse

import numpy as np

import spinesim
import spinesim.plot


def main():
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--output", default="deadlift_round_vs_neutral.png", help="figure file (.png/.svg/.pdf)")
    parser.add_argument("--load-kg", type=float, default=None, help="bar mass, kg (default: the scenarios' 140)")
    parser.add_argument("--strength", default="auto",
                        help="muscle strength factor (x every muscle's maximal force, 1 = mean male) or 'auto' "
                             "(default): the smallest that holds every frame of both twins")
    args = parser.parse_args()

    overrides = {} if args.load_kg is None else {"load_kg": args.load_kg}
    if args.strength != "auto":
        overrides["subject_strength_scale"] = float(args.strength)
    names = ["deadlift_140kg_neutral", "deadlift_140kg_round"]
    neutral, round_ = spinesim.batch(names, jobs=2, **overrides)
    if args.strength == "auto":
        factor = spinesim.common_strength([neutral, round_])
        if np.isfinite(factor):
            held = ", ".join(f"{r.scenario} {int(r.solved_frames.sum())}/{len(r.solved_frames)}" for r in (neutral, round_))
            print(f"mean-strength subject holds {held} frames; running both at strength x{factor:.2f}, the smallest "
                  f"common factor that holds every frame")
            neutral, round_ = spinesim.batch(names, jobs=2, subject_strength_scale=factor, **overrides)
    neutral.label, round_.label = "Neutral spine", "Round back"

    for r in (neutral, round_):
        status = "all frames solved" if r.solved else "frames not solved, e.g. " + next(
            st for st in r.frame_status if st != "optimal").split(";")[0]
        print(f"{r.label:14s} peak compression L4/L5 {r.peak('compression', 'L4/L5'):7.0f} N, "
              f"L5/S1 {r.peak('compression', 'L5/S1'):7.0f} N; peak AP shear L4/L5 "
              f"{r.peak('shear_ap', 'L4/L5'):6.0f} N, L5/S1 {r.peak('shear_ap', 'L5/S1'):6.0f} N ({status})")

    load = args.load_kg if args.load_kg is not None else neutral.definition.parameters["load_kg"]
    fig = spinesim.plot.load_curves([neutral, round_], levels=("L4/L5", "L5/S1"),
                                    quantities=("compression", "shear_ap"),
                                    title=f"Deadlift {load:g} kg: round back vs neutral spine (strength "
                                          f"x{neutral.definition.subject.strength_scale:.2f})")
    spinesim.plot.save(fig, args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
