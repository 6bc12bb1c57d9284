#!/usr/bin/env python3
"""Predicted vs measured L4/L5 intradiscal pressure ratios (the CSV written by `spinesim validate`).

usage: plot_validation.py table.csv out.png
Exits with status 1 (and a message) if matplotlib is missing; `spinesim validate` then just reports the CSV.
"""
import csv
import sys


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception as exc:  # missing or broken matplotlib: not an error of the validation itself
        print(f"plot_validation: matplotlib unavailable ({exc})", file=sys.stderr)
        return 1
    with open(sys.argv[1], newline="") as f:
        rows = list(csv.DictReader(f))
    measured = [float(r["measured_ratio"]) for r in rows]
    predicted = [float(r["predicted_ratio"]) for r in rows]
    fig, ax = plt.subplots(figsize=(6, 6))
    top = 1.1 * max(measured + predicted)
    ax.plot([0, top], [0, top], "k-", lw=0.8, label="identity")
    ax.fill_between([0, top], [0, 0.9 * top], [0, 1.1 * top], color="0.9", label="±10 %")
    ax.scatter(measured, predicted, color="C0", zorder=3, label="spinesim")
    anybody = [(m, float(r["anybody_ratio"])) for m, r in zip(measured, rows) if r["anybody_ratio"]]
    if anybody:
        ax.scatter(*zip(*anybody), marker="x", color="C3", zorder=3, label="AnyBody (reported)")
    for m, p, r in zip(measured, predicted, rows):
        ax.annotate(r["case"], (m, p), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("measured IDP / standing (Wilke et al. 1999)")
    ax.set_ylabel("predicted IDP / standing")
    ax.set_title("L4/L5 intradiscal pressure ratio")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=120)
    return 0


if __name__ == "__main__":
    sys.exit(main())
