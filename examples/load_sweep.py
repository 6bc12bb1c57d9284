#!/usr/bin/env python3
"""Peak L4/L5 compression against the bar mass (0-200 kg) for the round-back and the neutral-spine deadlift, with
the NIOSH action limit (3400 N) and maximum permissible limit (6400 N).

    PYTHONPATH=<build>/python /usr/bin/python3 examples/load_sweep.py [--output FIG.png] [--step 20] [--jobs 2]
"""

import argparse

import numpy as np

import spinesim
import spinesim.plot


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="load_sweep.png", help="figure file (.png/.svg/.pdf)")
    parser.add_argument("--max-kg", type=float, default=200.0, help="largest bar mass, kg (default 200)")
    parser.add_argument("--step", type=float, default=20.0, help="bar mass step, kg (default 20)")
    parser.add_argument("--jobs", type=int, default=2, help="simulations run in parallel (default 2)")
    parser.add_argument("--level", default="L4/L5", help="lumbar level (default L4/L5)")
    args = parser.parse_args()

    loads = [float(x) for x in np.arange(0.0, args.max_kg + 0.5 * args.step, args.step)]
    results = spinesim.batch(["deadlift_140kg_neutral", "deadlift_140kg_round"], grid={"load_kg": loads},
                             jobs=args.jobs)
    print(f"{'load [kg]':>9s} {'neutral [N]':>12s} {'round [N]':>12s}")
    n = len(loads)
    for i, load in enumerate(loads):
        neutral, round_ = results[i], results[n + i]
        print(f"{load:9.0f} {neutral.peak('compression', args.level):12.0f} {round_.peak('compression', args.level):12.0f}"
              + ("" if neutral.solved and round_.solved else "   (some frames not solved)"))

    fig = spinesim.plot.sweep(results, parameter="load_kg", quantity="compression", level=args.level,
                              group_by="technique",
                              title=f"Deadlift: peak {args.level} compression against bar mass")
    spinesim.plot.save(fig, args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
