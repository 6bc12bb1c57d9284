#!/usr/bin/env python3
"""Peak L4/L5 compression against the bar mass (0-200 kg) for the round-back and the neutral-spine deadlift, with
the NIOSH action limit (3400 N) and maximum permissible limit (6400 N); with --lift box, against the box mass
(default 0-25 kg in 5 kg steps) for the stoop (round back) and the squat (neutral back) box lift.

    PYTHONPATH=<build>/python /usr/bin/python3 examples/load_sweep.py [--lift deadlift|box] [--output FIG.png]
        [--max-kg KG] [--step KG] [--jobs 2]
"""

import argparse

import numpy as np

import spinesim
import spinesim.plot


def main():
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--output", default="load_sweep.png", help="figure file (.png/.svg/.pdf)")
    parser.add_argument("--lift", choices=["deadlift", "box"], default="deadlift",
                        help="deadlift twins (default) or box-lift twins")
    parser.add_argument("--max-kg", type=float, default=None, help="largest load, kg (default 200 deadlift, 25 box)")
    parser.add_argument("--step", type=float, default=None, help="load step, kg (default 20 deadlift, 5 box)")
    parser.add_argument("--jobs", type=int, default=2, help="simulations run in parallel (default 2)")
    parser.add_argument("--level", default="L4/L5", help="lumbar level (default L4/L5)")
    args = parser.parse_args()

    box = args.lift == "box"
    max_kg = args.max_kg if args.max_kg is not None else (25.0 if box else 200.0)
    step = args.step if args.step is not None else (5.0 if box else 20.0)
    loads = [float(x) for x in np.arange(0.0, max_kg + 0.5 * step, step)]
    twins = (["box_lift_20kg_squat_neutral", "box_lift_20kg_round"] if box
             else ["deadlift_140kg_neutral", "deadlift_140kg_round"])
    results = spinesim.batch(twins, grid={"load_kg": loads}, jobs=args.jobs)
    print(f"{'load [kg]':>9s} {'neutral [N]':>12s} {'round [N]':>12s}")
    n = len(loads)
    for i, load in enumerate(loads):
        neutral, round_ = results[i], results[n + i]
        print(f"{load:9.0f} {neutral.peak('compression', args.level):12.0f} {round_.peak('compression', args.level):12.0f}"
              + ("" if neutral.solved and round_.solved else "   (some frames not solved)"))

    fig = spinesim.plot.sweep(results, parameter="load_kg", quantity="compression", level=args.level,
                              group_by="technique",
                              title=(f"Box lift: peak {args.level} compression against box mass" if box
                                     else f"Deadlift: peak {args.level} compression against bar mass"))
    spinesim.plot.save(fig, args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
