"""``python3 -m spinesim plot results.h5 --output fig.png ...`` (see spinesim.plot_cli)."""

import sys

from .plot_cli import main

USAGE = "usage: python3 -m spinesim plot RESULTS.h5 [GROUP ...] --output FIG.png [options]  (plot --help for more)"

if __name__ == "__main__":
    argv = sys.argv[1:]
    if not argv or argv[0] in ("-h", "--help"):
        print(USAGE)
        sys.exit(0 if argv else 2)
    if argv[0] != "plot":
        print(f"spinesim: unknown command '{argv[0]}'\n{USAGE}", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(argv[1:], prog="spinesim plot"))
