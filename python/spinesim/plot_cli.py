"""spinesim-plot: figures from spinesim HDF5 results.

    spinesim-plot results.h5 [GROUP ...] --output fig.png [--levels L4/L5 L5/S1] [--quantity compression shear_ap]
                  [--kind curves|muscles|passive] [--x percent|time] [--title TEXT] [--no-limits] [--list]

(also ``python3 -m spinesim.plot_cli`` and ``python3 -m spinesim plot``). Without GROUPs every group in the file is
plotted. The format follows the extension of --output (.png, .svg, .pdf).
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from . import InputError, hdf5_groups, load_results
from . import plot as _plot


def _dpi(text: str) -> int:
    """--dpi: an integer in 10..1200 (matplotlib raised a bare ValueError for 0 or a negative value, and for an image
    over 2^16 pixels)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not an integer")
    if not 10 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"'{text}' must be between 10 and 1200")
    return value


def build_parser(prog: str = "spinesim-plot") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description="Plot lumbar loads, muscle-group forces or passive moment "
                                "shares from a spinesim HDF5 results file.")
    p.add_argument("results", help="HDF5 file written by 'spinesim run --output'")
    p.add_argument("groups", nargs="*", metavar="GROUP", help="result groups to plot (default: all)")
    p.add_argument("-o", "--output", help="figure file: .png, .svg or .pdf")
    p.add_argument("--kind", choices=["curves", "muscles", "passive"], default="curves",
                   help="curves: per-level loads (default); muscles: muscle-group forces; passive: passive share")
    p.add_argument("--levels", nargs="+", default=["L4/L5", "L5/S1"], metavar="LEVEL",
                   help="lumbar levels (default: L4/L5 L5/S1)")
    p.add_argument("--quantity", "--quantities", nargs="+", dest="quantities", default=["compression", "shear_ap"],
                   metavar="Q", help="quantities for --kind curves: " + ", ".join(_plot.QUANTITIES) +
                   " (default: compression shear_ap)")
    p.add_argument("--x", choices=["percent", "time"], default="percent", help="x axis (default: percent)")
    p.add_argument("--title", help="figure title")
    p.add_argument("--no-limits", action="store_true", help="do not draw the NIOSH / shear limit lines")
    p.add_argument("--dpi", type=_dpi, default=150, help="resolution of PNG output, 10-1200 (default: 150)")
    p.add_argument("--list", action="store_true", help="list the groups of the file and exit")
    return p


def main(argv: Optional[List[str]] = None, prog: str = "spinesim-plot") -> int:
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    try:
        if args.list:
            for g in hdf5_groups(args.results):
                print(g)
            return 0
        if not args.output:
            parser.error("--output is required (unless --list)")
        results = load_results(args.results, args.groups or None)
        if args.kind == "curves":
            fig = _plot.load_curves(results, levels=args.levels, quantities=args.quantities, x=args.x,
                                    limits=not args.no_limits, title=args.title)
        elif args.kind == "muscles":
            fig = _plot.muscle_groups(results, x=args.x, title=args.title)
        else:
            fig = _plot.passive_share(results, levels=args.levels, x=args.x, title=args.title)
        _plot.save(fig, args.output, dpi=args.dpi)
        print(f"{prog}: wrote {args.output} ({len(results)} result group(s))")
        return 0
    except InputError as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        return 2
    except (OSError, RuntimeError) as e:
        print(f"{prog}: error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
