"""Summarising runs as ``spinesim summary`` does: :func:`summary` and :class:`Summary`, the runs ranked by peak
L4/L5 compression."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Optional, Sequence

from ._comparison import _row_by
from ._result import Result
from ._running import _override_key, _thread_count, run
from ._spinesim import InputError, list_scenarios, scenario_path, summary_rows, summary_table
from ._strength import _strength_factor


class Summary:
    """Runs ranked by peak L4/L5 compression, as ``spinesim summary`` prints them (see :func:`summary`).

    Attributes:
        rows: a :class:`SummaryRow` per run, largest L4/L5 compression peak first: ``scenario``, ``title``,
            ``strength``, ``frames_solved`` / ``frames``, ``l4l5_compression_peak`` / ``_mean``,
            ``l4l5_shear_ap_peak``, ``l5s1_compression_peak``, ``l5s1_shear_ap_peak`` (N; peaks of largest
            magnitude, signed, over solved frames), ``passive_share`` (L4/L5 at the peak net moment, %),
            ``peak_activation`` (%) and ``flags`` (limits exceeded, path-validity warnings).
        results: {scenario: :class:`Result`} at the strength of its row.
        notes: the scenarios run again at a higher strength, e.g. "box_lift_20kg_round: strength x1.040
            (strength='auto'; x1.000 holds 18 of 21 frames)" (the CLI's STRENGTH lines).
    """

    def __init__(self, results: Sequence[Result], notes: Sequence[str] = ()):
        self.results = {r.label: r for r in results}
        self.notes = list(notes)
        self._runs = [(r.label, r.raw) for r in results]
        self.rows = summary_rows(self._runs)

    def row(self, scenario: str):
        """The row of a scenario."""
        return _row_by(self.rows, "scenario", scenario, "not in the summary")

    def to_text(self) -> str:
        """The table of ``spinesim summary`` (same rows, cells and alignment) followed by the limits note (rendered by
        the library, spinesim/summary_table.hpp)."""
        return summary_table(self._runs)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return f"<spinesim.Summary: {len(self.rows)} scenarios>"


def summary(names: Optional[Sequence[str]] = None, strength="auto", jobs: int = 2, data_dir: Optional[str] = None,
            **overrides) -> Summary:
    """One row per scenario ranked by peak L4/L5 compression, as ``spinesim summary`` does; returns a
    :class:`Summary` (``print()`` it for the table, or read ``.rows``).

    ``names``: scenario names (or paths); None: every scenario of the data directory. They are run with
    ``overrides`` (as :func:`run`: ``frames=5``, ``load_kg=100``, ...), ``jobs`` at a time.

    ``strength``: "auto" (default): a scenario whose muscles cannot hold some frames is run again at the smallest
    factor that holds every frame (``strength_to_hold_all()``; ``Summary.notes`` says so); a number: every scenario
    at that strength factor (x mean male max force); None: the scenarios' own strength.
    """
    if isinstance(names, (str, os.PathLike)):
        names = [names]
    names = [os.fspath(n) for n in names] if names is not None else list_scenarios(data_dir)
    if any(_override_key(k) == "subject.strength_scale" for k in overrides):
        raise InputError("python: field 'subject_strength_scale': use strength= for summary")
    if not names:  # was: an empty table
        raise InputError("python: field 'names' = []: no scenarios to summarise (None: every scenario)")
    if strength not in ("auto", None):
        overrides = {**overrides, "subject_strength_scale": _strength_factor(strength)}
    for name in names:  # unknown names fail before running
        scenario_path(name, data_dir)

    def one(name):
        r = run(name, data_dir=data_dir, label=name, strength="auto" if strength == "auto" else None, **overrides)
        return r, (name + ": " + r.strength_note) if r.strength_note else ""

    jobs = _thread_count(jobs)
    if jobs == 1 or len(names) <= 1:
        done = [one(n) for n in names]
    else:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            done = list(pool.map(one, names))
    return Summary([r for r, _ in done], [note for _, note in done if note])
