"""Load-curve plots of spinesim results (pure matplotlib, Agg; pyplot is not used, so nothing global changes).

* :func:`load_curves`: per-level compression / shear (or other quantities) over the repetition, with the NIOSH
  compression limits (3400 N action limit, 6400 N maximum permissible limit; Waters et al. 1993, Ergonomics
  36:749) and the 1000 N shear limit (Gallagher & Marras 2012, Clin Biomech 27:973) as labelled dashed lines.
* :func:`muscle_groups`: summed force of each muscle family over the repetition.
* :func:`passive_share`: share of the external flexion moment carried passively (tissue + stretched muscle).
* :func:`sweep`: peak load against a swept parameter (e.g. the load mass).
* :func:`save`: PNG, SVG or PDF by file extension.

Every function takes a :class:`spinesim.Result`, a :class:`spinesim.SimulationResult` or a list of them, and
returns a :class:`matplotlib.figure.Figure`.
"""

from __future__ import annotations

import os
from typing import Iterable, List, Optional, Sequence, Union

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import InputError, Result, SimulationResult

__all__ = ["load_curves", "muscle_groups", "passive_share", "sweep", "save", "QUANTITIES", "LIMITS",
           "NIOSH_ACTION_LIMIT", "NIOSH_MAXIMUM_PERMISSIBLE_LIMIT", "SHEAR_LIMIT"]

NIOSH_ACTION_LIMIT = 3400.0               # N, Waters et al. 1993
NIOSH_MAXIMUM_PERMISSIBLE_LIMIT = 6400.0  # N, Waters et al. 1993
SHEAR_LIMIT = 1000.0                      # N, Gallagher & Marras 2012

# quantity -> (axis title, unit, scale from SI to the plotted unit)
QUANTITIES = {
    "compression": ("Compression", "N", 1.0),
    "shear_ap": ("Antero-posterior shear", "N", 1.0),
    "shear_lateral": ("Lateral shear", "N", 1.0),
    "intradiscal_pressure": ("Intradiscal pressure", "MPa", 1e-6),
    "external_moment": ("External flexion moment", "N·m", 1.0),
    "tissue_moment": ("Passive tissue extensor moment", "N·m", 1.0),
    "passive_muscle_moment": ("Passive muscle extensor moment", "N·m", 1.0),
    "passive_share": ("Passive share of the flexion moment", "%", 100.0),
}

# quantity -> [(value N, short label, full label, colour)]
LIMITS = {
    "compression": [
        (NIOSH_ACTION_LIMIT, "NIOSH action limit 3400 N",
         "NIOSH action limit 3400 N\n(Waters et al. 1993)", "#e08214"),
        (NIOSH_MAXIMUM_PERMISSIBLE_LIMIT, "NIOSH maximum permissible limit 6400 N",
         "NIOSH max. permissible limit\n6400 N (Waters et al. 1993)", "#b2182b"),
    ],
    "shear_ap": [
        (SHEAR_LIMIT, "Shear limit 1000 N", "Shear limit 1000 N\n(Gallagher & Marras 2012)", "#7b3294"),
    ],
}

_LEVEL_STYLES = ["-", (0, (1, 1.2)), "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2))]
_FAMILY_LABELS = {
    "erector_spinae": "Erector spinae", "multifidus": "Multifidus", "quadratus_lumborum": "Quadratus lumborum",
    "psoas": "Psoas", "abdominals": "Abdominals", "latissimus_dorsi": "Latissimus dorsi", "iliacus": "Iliacus",
    "hip": "Hip muscles",
}
_RC = {
    "font.size": 11, "axes.titlesize": 12, "axes.labelsize": 11, "xtick.labelsize": 10, "ytick.labelsize": 10,
    "legend.fontsize": 9.5, "figure.titlesize": 14, "axes.grid": True, "grid.alpha": 0.3, "lines.linewidth": 2.0,
}



def _single_frame_marker(xs):
    """A static posture (one frame) has no curve to draw: show it as a point."""
    return "o" if len(xs) == 1 else None

def _as_results(results, labels: Optional[Sequence[str]] = None) -> List[Result]:
    if isinstance(results, (Result, SimulationResult)):
        results = [results]
    out = [r if isinstance(r, Result) else Result(r) for r in results]
    if not out:
        raise InputError("python: field 'results': no results to plot")
    if labels is not None:
        if len(labels) != len(out):
            raise InputError(f"python: field 'labels': {len(labels)} labels for {len(out)} results")
        out = [Result(r.raw, r.overrides, lab) for r, lab in zip(out, labels)]
    return out


def _x(result: Result, x: str):
    if x == "percent":
        return result.percent, "Repetition [%]"
    if x == "time":
        return np.asarray(result.time), "Time [s]"
    raise InputError(f"python: field 'x' = '{x}': must be 'percent' or 'time'")


def _colours(n: int):
    cmap = matplotlib.colormaps["tab10"]
    return [cmap(i % 10) for i in range(n)]


def _new_figure(rows: int, cols: int = 1, width: float = 10.5, row_height: float = 3.4, sharex=True, sharey=False):
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, 0.8 + row_height * rows), layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(rows, cols, sharex=sharex, sharey=sharey, squeeze=False)
    return fig, axes


def _side_legend(ax, title: str):
    """Legend right of the axes: the data lines, then the limit lines (one entry per limit value)."""
    handles, seen = [], set()
    for line in ax.get_lines():
        label = line.get_label()
        if label.startswith("_") or label in seen:
            continue
        seen.add(label)
        handles.append(line)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title=title)


def _mark_isolated(ax, xs, y, colour):
    """A solved frame between unsolved ones (or at an end next to one) has no segment to draw: show it as a point
    (unlabelled, so not in the legend)."""
    y = np.asarray(y, dtype=float)
    if y.size < 2:
        return
    ok = np.isfinite(y)
    before = np.concatenate(([False], ok[:-1]))
    after = np.concatenate((ok[1:], [False]))
    isolated = ok & ~before & ~after
    if isolated.any():
        ax.plot(np.asarray(xs)[isolated], y[isolated], linestyle="none", marker="o", markersize=4, color=colour,
                label="_isolated", zorder=3)


def _mark_unsolved(ax, result, xs, colour):
    """Frames the muscles could not hold (or whose posture was missed) have no loads; the gap in the curve is marked
    with crosses along the bottom of the axes, in the result's colour, so that it is not read as a load of zero or a
    shorter movement. The markers' gid is "unsolved:<label>"."""
    bad = np.array([status != "optimal" for status in result.raw.frame_status], dtype=bool)
    if not bad.any():
        return
    line = ax.plot(np.asarray(xs)[bad], np.full(int(bad.sum()), 0.02), linestyle="none", marker="x", color=colour,
                   transform=ax.get_xaxis_transform(), clip_on=False, zorder=4,
                   label=f"{result.label}: frame not solved (no loads)")[0]
    line.set_gid(f"unsolved:{result.label}")


def _mark_warned(ax, result, xs, colour):
    """Frames whose muscle forces use a muscle outside its path validity (``frame_warnings``, e.g. the iliopsoas
    beyond ~100 deg of hip flexion, where its straight path turns it into a hip extensor) are solved but less
    trustworthy: open triangles along the top of the axes, in the result's colour, mark them. The markers' gid is
    "warned:<label>"."""
    warned = result.warned_frames
    if not warned.any():
        return
    line = ax.plot(np.asarray(xs)[warned], np.full(int(warned.sum()), 0.98), linestyle="none", marker="v",
                   markerfacecolor="none", color=colour, transform=ax.get_xaxis_transform(), clip_on=False, zorder=4,
                   label=f"{result.label}:\nmuscles outside their path validity")[0]
    line.set_gid(f"warned:{result.label}")


def _draw_limits(ax, quantity: str, data_min: float):
    for value, short, full, colour in LIMITS.get(quantity, []):
        values = [value]
        if data_min < -0.5 * value:  # loads of the other sign close to the limit: mark both
            values.append(-value)
        for v in values:
            line = ax.axhline(v, linestyle=(0, (6, 3)), linewidth=1.6, color=colour, label=full, zorder=1)
            line.set_gid(f"limit:{quantity}:{v:g}")


def load_curves(results, levels: Sequence[str] = ("L4/L5", "L5/S1"),
                quantities: Sequence[str] = ("compression", "shear_ap"), x: str = "percent",
                limits: bool = True, title: Optional[str] = None, labels: Optional[Sequence[str]] = None) -> Figure:
    """Per-level loads over the repetition: one subplot per quantity, one line per result (colour) and level
    (line style).

    Args:
        results: Result(s) or SimulationResult(s).
        levels: lumbar levels, e.g. ("L4/L5", "L5/S1").
        quantities: any of :data:`QUANTITIES` (compression, shear_ap, shear_lateral, intradiscal_pressure,
            external_moment, tissue_moment, passive_muscle_moment, passive_share).
        x: 'percent' (of the repetition) or 'time' (s).
        limits: draw the NIOSH compression limits and the shear limit as labelled dashed lines.
        title: figure title (default: from the results).
        labels: legend labels, one per result (default: Result.label).

    Each data line is a Line2D whose label is "<result label> <level>" and whose y data are the result's values
    in the axis unit (N for forces: the very values of the result).
    """
    results = _as_results(results, labels)
    if isinstance(levels, str):
        levels = [levels]
    if isinstance(quantities, str):
        quantities = [quantities]
    for q in quantities:
        if q not in QUANTITIES:
            raise InputError(f"python: field 'quantity' = '{q}': unknown quantity (one of {', '.join(QUANTITIES)})")
    fig, axes = _new_figure(len(quantities))
    colours = _colours(len(results))
    with matplotlib.rc_context(_RC):
        for ax, q in zip(axes[:, 0], quantities):
            name, unit, scale = QUANTITIES[q]
            data_min = np.inf
            for r, colour in zip(results, colours):
                xs, xlabel = _x(r, x)
                for li, level in enumerate(levels):
                    y = r.quantity(q, level) * scale if scale != 1.0 else r.quantity(q, level)
                    data_min = min(data_min, float(np.nanmin(y)) if y.size else 0.0)
                    ax.plot(xs, y, color=colour, linestyle=_LEVEL_STYLES[li % len(_LEVEL_STYLES)],
                            marker=_single_frame_marker(xs), label=f"{r.label} {level}", zorder=3)
                    _mark_isolated(ax, xs, y, colour)
                _mark_unsolved(ax, r, xs, colour)
                _mark_warned(ax, r, xs, colour)
            if limits:
                _draw_limits(ax, q, data_min)
            if q in ("shear_ap", "shear_lateral", "external_moment", "passive_share") or data_min < 0:
                ax.axhline(0.0, color="0.3", linewidth=0.8, zorder=1.5)
            ax.set_ylabel(f"{name} [{unit}]")
            ax.set_title(f"{name} at {', '.join(levels)}")
            ax.set_xlabel(xlabel)
            ax.xaxis.set_tick_params(labelbottom=True)
            if x == "percent":
                ax.set_xlim(0, 100)
        for ax in axes[:, 0]:
            _side_legend(ax, "Result, level")
        fig.suptitle(title if title is not None else _default_title("Lumbar spine loads", results))
    return fig


def _default_title(what: str, results: List[Result]) -> str:
    if len(results) == 1:
        d = getattr(results[0].raw, "definition", None)
        t = getattr(d, "title", "") if d is not None else ""
        return f"{what}: {t or results[0].label}"
    return what


def muscle_groups(results, groups: Optional[Iterable[str]] = None, x: str = "percent", title: Optional[str] = None,
                  labels: Optional[Sequence[str]] = None, min_force: float = 1.0) -> Figure:
    """Summed muscle-family forces over the repetition: one subplot per result (shared y axis), one line per
    family. Families whose force stays below ``min_force`` N are left out unless named in ``groups``."""
    results = _as_results(results, labels)
    all_groups = list(groups) if groups is not None else None
    fig, axes = _new_figure(len(results), row_height=3.2)
    with matplotlib.rc_context(_RC):
        family_colour = {f: c for f, c in zip(list(_FAMILY_LABELS), _colours(len(_FAMILY_LABELS)))}
        for ax, r in zip(axes[:, 0], results):
            xs, xlabel = _x(r, x)
            names = all_groups if all_groups is not None else r.groups
            for g in names:
                y = r.group_force(g)
                if all_groups is None and (y.size == 0 or np.nanmax(np.abs(y)) < min_force):
                    continue
                ax.plot(xs, y, label=_FAMILY_LABELS.get(g, g), color=family_colour.get(g),
                        marker=_single_frame_marker(xs), zorder=3)
                _mark_isolated(ax, xs, y, family_colour.get(g))
            _mark_unsolved(ax, r, xs, "0.2")
            _mark_warned(ax, r, xs, "0.2")
            ax.set_title(r.label)
            ax.set_ylabel("Muscle force [N]")
            ax.set_xlabel(xlabel)
            ax.xaxis.set_tick_params(labelbottom=True)
            if x == "percent":
                ax.set_xlim(0, 100)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="Muscle group")
        fig.suptitle(title if title is not None else _default_title("Muscle group forces (both sides)", results))
    return fig


def passive_share(results, levels: Sequence[str] = ("L4/L5", "L5/S1"), x: str = "percent",
                  title: Optional[str] = None, labels: Optional[Sequence[str]] = None) -> Figure:
    """Share of the external flexion moment carried by passive structures ((tissue + passive muscle moment) /
    external moment, %), one line per result (colour) and level (line style)."""
    results = _as_results(results, labels)
    if isinstance(levels, str):
        levels = [levels]
    fig, axes = _new_figure(1, row_height=4.2)
    ax = axes[0, 0]
    with matplotlib.rc_context(_RC):
        for r, colour in zip(results, _colours(len(results))):
            xs, xlabel = _x(r, x)
            for li, level in enumerate(levels):
                y = 100.0 * r.passive_share(level)
                ax.plot(xs, y, color=colour, marker=_single_frame_marker(xs),
                        linestyle=_LEVEL_STYLES[li % len(_LEVEL_STYLES)], label=f"{r.label} {level}", zorder=3)
                _mark_isolated(ax, xs, y, colour)
            _mark_unsolved(ax, r, xs, colour)
            _mark_warned(ax, r, xs, colour)
        ax.axhline(0.0, color="0.3", linewidth=0.8, zorder=1.5)
        ax.set_ylabel("Passive share of external\nflexion moment [%]")
        ax.set_xlabel(xlabel)
        if x == "percent":
            ax.set_xlim(0, 100)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="Result, level")
        fig.suptitle(title if title is not None else
                     _default_title("Passive (disc, ligaments, stretched muscle) share of the flexion moment", results))
    return fig


def sweep(results, parameter: str, quantity: str = "compression", level: str = "L4/L5", group_by: str = "scenario",
          limits: bool = True, title: Optional[str] = None) -> Figure:
    """Peak of a per-level quantity against a swept parameter (e.g. results of :func:`spinesim.batch` over
    ``grid={"load_kg": [...]}``): one line per scenario (or per ``Scenario.technique`` with
    ``group_by="technique"``), x = the parameter value from :attr:`Result.overrides`. A result with unsolved frames has
    no repetition peak: it is left out of the line and drawn as a hollow marker at the peak of its solved frames."""
    results = _as_results(results)
    if quantity not in QUANTITIES:
        raise InputError(f"python: field 'quantity' = '{quantity}': unknown quantity (one of {', '.join(QUANTITIES)})")
    series = {}
    for r in results:
        if parameter not in r.overrides:
            raise InputError(f"python: field 'parameter' = '{parameter}': result '{r.label}' has no such override")
        key = r.scenario if group_by == "scenario" else getattr(r.raw.definition, group_by)
        series.setdefault(key, []).append((float(r.overrides[parameter]), r.peak(quantity, level), r.solved))
    name, unit, scale = QUANTITIES[quantity]
    fig, axes = _new_figure(1, row_height=4.4)
    ax = axes[0, 0]
    with matplotlib.rc_context(_RC):
        data_min = np.inf
        partial_labelled = False
        for (key, pts), colour in zip(series.items(), _colours(len(series))):
            pts.sort()
            xs = np.array([p[0] for p in pts])
            ys = np.array([p[1] for p in pts]) * scale
            complete = np.array([p[2] for p in pts], dtype=bool)
            if np.isfinite(ys).any():
                data_min = min(data_min, float(np.nanmin(ys)))
            ax.plot(xs, np.where(complete, ys, np.nan), marker="o", color=colour,
                    label=str(key).replace("_", " ").capitalize(), zorder=3)
            if (~complete).any():
                ax.plot(xs[~complete], ys[~complete], linestyle="none", marker="o", markerfacecolor="none",
                        color=colour, zorder=3,
                        label=None if partial_labelled else "not every frame solved (peak of the solved frames)")
                partial_labelled = True
        if not np.isfinite(data_min):
            data_min = 0.0
        if limits:
            _draw_limits(ax, quantity, data_min)
        ax.set_xlabel(_parameter_label(parameter))
        ax.set_ylabel(f"Peak {name[0].lower() + name[1:]} at {level} [{unit}]")
        ax.legend(loc="best", frameon=True, framealpha=0.9)
        fig.suptitle(title if title is not None else f"Peak {name.lower()} at {level} against {parameter}")
    return fig


def _parameter_label(parameter: str) -> str:
    for suffix, unit in (("_kg", "kg"), ("_deg", "deg"), ("_m", "m"), ("_s", "s"), ("_n", "N")):
        if parameter.lower().endswith(suffix):
            return parameter[: -len(suffix)].replace("_", " ").capitalize() + f" [{unit}]"
    return parameter.replace("_", " ").capitalize()


_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def save(fig: Figure, path: Union[str, os.PathLike], dpi: int = 150) -> str:
    """Saves a figure as PNG, SVG or PDF according to the extension of ``path`` (parent folders are created).
    Returns the path."""
    path = os.fspath(path)
    ext = os.path.splitext(path)[1].lower()
    if ext not in _FORMATS:
        raise InputError(f"python: field 'path' = '{path}': unsupported figure format (use .png, .svg or .pdf)")
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    fig.savefig(path, format=_FORMATS[ext], dpi=dpi)
    return path
