"""Comparing two runs as ``spinesim compare`` does: :func:`compare`, :class:`Comparison` and its
:class:`ComparisonRow` rows."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import List, NamedTuple, Optional, Tuple, Union

import numpy as np

from ._result import Result
from ._running import _override_key, _thread_count, run
from ._spinesim import InputError, common_strength_note, comparison_metrics, comparison_table, metric_difference
from ._strength import _strength_factor, common_strength


class ComparisonRow(NamedTuple):
    """One row of a :class:`Comparison`: ``difference`` = value_b - value_a and ``relative`` = difference /
    |value_a| (a fraction), each None where not meaningful (strength, counts, muscle ranks; no relative change of
    shares or of quantities near zero in a neutral spine, nor against a negligible value_a: shown as 0 in the table,
    or below ``RELATIVE_REFERENCE_FRACTION`` (1 %) of the larger magnitude of the two) or missing; ``flags`` =
    (flag_a, flag_b), '' for none; ``metric_a`` / ``metric_b`` the :class:`ComparisonMetric` objects (muscle names,
    formats). The rule is libsim's ``metric_difference``, so ``to_text()`` shows a percentage exactly where
    ``relative`` is not None."""
    label: str
    value_a: float
    value_b: float
    difference: Optional[float]
    relative: Optional[float]
    flags: Tuple[str, str]
    metric_a: object
    metric_b: object


def _row_by(rows, field: str, value: str, missing: str):
    """The row whose attribute `field` is `value`; InputError naming the others if there is none."""
    for r in rows:
        if getattr(r, field) == value:
            return r
    raise InputError(f"python: field '{field}' = '{value}': {missing} "
                     f"(one of {', '.join(getattr(r, field) for r in rows)})")


class Comparison:
    """Two runs side by side, as ``spinesim compare`` prints them (see :func:`compare`).

    Attributes:
        a, b: the two :class:`Result` objects.
        labels: their column labels.
        strength: the strength factor (x mean male max force) both were run at; None if they differ.
        note: why the strength was raised ('' when it was not).
        rows: a :class:`ComparisonRow` per metric, in table order.
    """

    def __init__(self, a: Result, b: Result, labels: Tuple[str, str], note: str = ""):
        self.a, self.b, self.labels, self.note = a, b, labels, note
        sa = float(a.definition.subject.strength_scale)
        sb = float(b.definition.subject.strength_scale)
        self.strength = sa if sa == sb else None
        self.rows: List[ComparisonRow] = []
        for ma, mb in zip(comparison_metrics(a.raw), comparison_metrics(b.raw)):
            difference, relative = metric_difference(ma, mb)
            self.rows.append(ComparisonRow(ma.label, float(ma.value), float(mb.value), difference, relative,
                                           (ma.flag, mb.flag), ma, mb))

    def row(self, label: str) -> ComparisonRow:
        """The row of a metric by its label, e.g. 'L4/L5 compression peak [N]'."""
        return _row_by(self.rows, "label", label, "unknown metric")

    def to_text(self) -> str:
        """The table of ``spinesim compare`` (same rows, cells and alignment), preceded by the strength note if any
        and followed by the limits note (rendered by the library, spinesim/comparison_table.hpp)."""
        head = self.note + "\n\n" if self.note else ""
        return head + comparison_table(list(zip(self.labels, (self.a.raw, self.b.raw))))

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return f"<spinesim.Comparison {self.labels[0]!r} vs {self.labels[1]!r}: {len(self.rows)} metrics>"


def compare(a: Union[str, os.PathLike, Result], b: Union[str, os.PathLike, Result], strength="auto",
            data_dir: Optional[str] = None, jobs: int = 2, **overrides) -> Comparison:
    """Compares two runs as ``spinesim compare a b`` does and returns a :class:`Comparison` (``print()`` it for the
    table, or read ``.rows``).

    ``a`` and ``b`` are scenario names (or paths), run with ``overrides`` (as :func:`run`: ``frames=5``,
    ``load_kg=100``, ...), ``jobs`` at a time, or :class:`Result` objects, compared as they are.

    ``strength``: "auto" (default): when both are scenario names and either leaves frames its muscles cannot hold,
    both are run again at :func:`common_strength` of the two, the smallest factor that holds every frame of both
    (``Comparison.note`` says so); a number: both run with that strength factor (x mean male max force); None: the
    scenarios' own strength. A ``subject_strength_scale`` override counts as a fixed strength.
    """
    given = [x for x in (a, b) if isinstance(x, Result)]
    strength_override = any(_override_key(k) == "subject.strength_scale" for k in overrides)
    if given and (overrides or strength not in ("auto", None)):
        raise InputError("python: field 'compare': overrides and strength apply to scenario names, not to Results")
    if strength not in ("auto", None):
        if strength_override:
            raise InputError("python: field 'strength': give either strength= or subject_strength_scale=")
        overrides = {**overrides, "subject_strength_scale": _strength_factor(strength)}
    labels = tuple(x.label if isinstance(x, Result) else os.fspath(x) for x in (a, b))

    def run_both(extra):
        todo = [(i, x) for i, x in enumerate((a, b)) if not isinstance(x, Result)]

        def one(item):
            return run(item[1], data_dir=data_dir, **{**overrides, **extra})

        if _thread_count(jobs) > 1 and len(todo) > 1:
            with ThreadPoolExecutor(max_workers=2) as pool:
                done = list(pool.map(one, todo))
        else:
            done = [one(t) for t in todo]
        out = [a, b]
        for (i, _), r in zip(todo, done):
            out[i] = r
        return out

    ra, rb = run_both({})
    note = ""
    if strength == "auto" and not given and not strength_override:
        factor = common_strength([ra, rb])
        if np.isfinite(factor):
            note = common_strength_note(list(zip(labels, (ra.raw, rb.raw))), factor, "strength='auto'",
                                        "Pass strength=X to fix it.")
            ra, rb = run_both({"subject_strength_scale": factor})
    return Comparison(ra, rb, labels, note)
