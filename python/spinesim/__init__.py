"""spinesim: lumbar-spine loads and muscle forces for exercises and lifts.

The compiled core (``spinesim._spinesim``) mirrors the C++ API; this package re-exports it and adds

* :class:`Result`, a wrapper of :class:`SimulationResult` with access by name
  (``res.compression("L4/L5")``, ``res.muscle_force("Ps_L1_VB_r")``, ``res.group_force("erector_spinae")``),
* :func:`run`, which loads a scenario by name or path, builds the model for its subject and simulates it,
* :func:`batch`, which runs scenarios over a parameter grid in threads (the simulation releases the GIL),
* :meth:`Result.metrics` and :func:`compare`, the metrics and the side-by-side table of ``spinesim compare``,
* :func:`summary`, the ranked table of ``spinesim summary``.

Rules and tables shared with the CLI (the common strength, the comparison and summary tables' text) are computed in
C++ (libsim) and called from here, so Python prints what the CLI prints.

Units are SI (N, m, N·m, kg, s, rad, Pa), except scenario parameters and overrides (``load_kg=100``,
``lumbar_flexion_deg=30``), which are in the scenario files' units (degrees, metres, kg, s; data/scenarios/README.md).
The limits ``NIOSH_ACTION_LIMIT`` (3400), ``NIOSH_MAXIMUM_LIMIT`` (6400) and ``SHEAR_LIMIT`` (1000) are in N. Example::

    import spinesim
    res = spinesim.run("deadlift_140kg_round", load_kg=100)
    print(res.compression("L4/L5").max())
"""

from __future__ import annotations

import itertools
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np

from ._spinesim import *  # noqa: F401,F403  (the C++ API)
from ._spinesim import (
    InputError,
    Model,
    Scenario,
    SimulationResult,
    Subject,
    __version__,
    load_model,
    load_scenario,
    read_hdf5,
    scenario_path,
    simulate,
)

from . import _spinesim as _core

__all__ = sorted({n for n in dir(_core) if not n.startswith("_") and n.isidentifier()} | {
    "Result", "run", "batch", "model_for", "load_results", "common_strength", "partial_common_strength", "compare",
    "Comparison", "ComparisonRow", "summary", "Summary", "validate", "Validation", "__version__"})


def _level_key(name: str) -> str:
    return name.replace("/", "").replace("-", "").replace(" ", "").upper()


class Result:
    """A :class:`SimulationResult` with named access.

    Arrays are per frame (NumPy, read-only views of the C++ result where possible). Frames that were not solved
    (``frame_status`` other than "optimal": a load the muscles cannot hold, a missed posture target) are NaN in the
    loads and forces returned here, so that no curve, peak or sum silently includes them (the closest-point values
    the solver reached are still in :attr:`raw`). The underlying result is available as :attr:`raw`; attributes not
    defined here (``coordinates``, ``frame_status``, ...) are forwarded to it.

    Args:
        raw: the C++ result.
        overrides: the parameter overrides the run used (for labels).
        label: legend label; default: scenario name plus overrides.
    """

    def __init__(self, raw: SimulationResult, overrides: Optional[Mapping[str, object]] = None,
                 label: Optional[str] = None):
        self.raw = raw
        self.overrides = dict(overrides or {})
        if label is None:
            label = raw.scenario or "result"
            if self.overrides:
                label += " (" + ", ".join(f"{k}={v}" for k, v in self.overrides.items()) + ")"
        self.label = label
        # run(strength="auto"): "strength x1.234 (strength='auto'; x1.000 holds 3 of 5 frames)" when it ran again
        self.strength_note = ""

    # ---- forwarding ---------------------------------------------------------------------------------------------
    def __getattr__(self, name):
        if name == "raw":  # not yet set (e.g. during unpickling)
            raise AttributeError(name)
        return getattr(self.raw, name)

    def __repr__(self) -> str:
        return f"<spinesim.Result {self.label!r}: {self.frames} frames>"

    # ---- axes ---------------------------------------------------------------------------------------------------
    @property
    def scenario(self) -> str:
        return self.raw.scenario

    @property
    def frames(self) -> int:
        return int(np.asarray(self.raw.time).shape[0])

    @property
    def time(self) -> np.ndarray:
        """Time of each frame, s."""
        return self.raw.time

    @property
    def percent(self) -> np.ndarray:
        """Progress through the repetition, % (0 at the first frame, 100 at the last)."""
        t = np.asarray(self.raw.time, dtype=float)
        n = t.shape[0]
        if n > 1 and t[-1] > t[0]:
            return 100.0 * (t - t[0]) / (t[-1] - t[0])
        return np.linspace(0.0, 100.0, n) if n > 1 else np.zeros(n)

    @property
    def levels(self) -> List[str]:
        return list(self.raw.level_names)

    # ---- look-ups -----------------------------------------------------------------------------------------------
    def level_index(self, level: str) -> int:
        """Column of a lumbar level, given as 'L4/L5' or 'L4L5'."""
        names = list(self.raw.level_names)
        if not isinstance(level, str):  # was: AttributeError "'NoneType' object has no attribute 'replace'"
            raise InputError(f"python: field 'level' = {level!r}: must be a level name such as 'L4/L5' "
                             f"(levels: {', '.join(names)})")
        key = _level_key(level)
        for i, n in enumerate(names):
            if _level_key(n) == key:
                return i
        raise InputError(f"python: field 'level' = '{level}': unknown lumbar level (levels: {', '.join(names)})")

    def muscle_index(self, muscle: str) -> int:
        names = self.raw.muscle_names
        try:
            return list(names).index(muscle)
        except ValueError:
            raise InputError(f"python: field 'muscle' = '{muscle}': unknown muscle ({len(names)} muscles, "
                             f"e.g. {', '.join(list(names)[:4])})") from None

    @property
    def solved_frames(self) -> np.ndarray:
        """Boolean per frame: True where the frame was solved ("optimal")."""
        return np.array([s == "optimal" for s in self.raw.frame_status], dtype=bool)

    @property
    def warned_frames(self) -> np.ndarray:
        """Boolean per frame: True where ``frame_warnings`` is not empty (muscles used outside their path validity;
        the frame is solved, but those muscles' forces are not anatomically valid)."""
        return np.array([bool(w) for w in self.raw.frame_warnings], dtype=bool)

    @property
    def strength_needed(self) -> np.ndarray:
        """Per frame: the smallest strength factor (x mean male maximal force) at which the muscles hold the frame,
        searched only for frames the subject's muscles cannot hold: NaN where they can, inf where not even x5 can.
        ``spinesim.run(name, subject_strength_scale=res.strength_to_hold_all())`` then solves every frame."""
        return np.asarray(self.raw.strength_needed, dtype=float)

    @property
    def max_activation(self) -> np.ndarray:
        """Per frame: the largest muscle force as a fraction of that muscle's maximal force (passive fibre force
        included), 0-1; NaN for unsolved frames."""
        return self._only_solved(np.asarray(self.raw.max_activation, dtype=float))

    def strength_to_hold_all(self) -> float:
        """The largest finite ``strength_needed`` (NaN when every frame is held, inf when some frame needs > x5)."""
        return float(self.raw.strength_to_hold_all())

    def _only_solved(self, values: np.ndarray) -> np.ndarray:
        """The values with unsolved frames (rows) set to NaN; a view when every frame is solved."""
        ok = self.solved_frames
        if ok.all():
            return values
        out = np.array(values, dtype=float, copy=True)
        out[~ok] = np.nan
        return out

    def _column(self, matrix, level: str) -> np.ndarray:
        return self._only_solved(np.asarray(matrix)[:, self.level_index(level)])

    # ---- per-level loads ----------------------------------------------------------------------------------------
    def compression(self, level: str) -> np.ndarray:
        """Compression at a level, N (positive pushes the vertebrae together)."""
        return self._column(self.raw.compression, level)

    def shear(self, level: str, direction: str = "ap") -> np.ndarray:
        """Shear at a level, N: direction 'ap' (+ superior vertebra loaded anteriorly) or 'lateral' (+ right)."""
        if direction in ("ap", "anteroposterior", "shear_ap"):
            return self._column(self.raw.shear_ap, level)
        if direction in ("lateral", "shear_lateral"):
            return self._column(self.raw.shear_lateral, level)
        raise InputError(f"python: field 'direction' = '{direction}': must be 'ap' or 'lateral'")

    def shear_ap(self, level: str) -> np.ndarray:
        """Antero-posterior shear at a level, N (+ superior vertebra loaded anteriorly)."""
        return self.shear(level, "ap")

    def shear_lateral(self, level: str) -> np.ndarray:
        """Lateral shear at a level, N (+ superior vertebra loaded to the right)."""
        return self.shear(level, "lateral")

    def intradiscal_pressure(self, level: str) -> np.ndarray:
        """Intradiscal pressure, Pa."""
        return self._column(self.raw.intradiscal_pressure, level)

    def external_moment(self, level: str) -> np.ndarray:
        """Flexion moment of gravity, inertia and loads above the level, N·m."""
        return self._column(self.raw.external_moment, level)

    def tissue_moment(self, level: str) -> np.ndarray:
        """Extensor moment of the passive motion segment, N·m."""
        return self._column(self.raw.tissue_moment, level)

    def passive_muscle_moment(self, level: str) -> np.ndarray:
        """Extensor moment of passive muscle fibres, N·m."""
        return self._column(self.raw.passive_muscle_moment, level)

    def flexion_deviation(self, level: str) -> np.ndarray:
        """Flexion of the level beyond the angle the lumbar rhythm gives it, rad (the levels' deviations sum to
        zero; each is within the model's rhythm_deviation_limit)."""
        return self._column(self.raw.flexion_deviation, level)

    def coupling_moment(self, level: str) -> np.ndarray:
        """Flexion moment carried by the rhythm coupler at the level, N·m (lumbar_balance = "coupled" only; zero
        otherwise). Not produced by any tissue: its size shows how far the coupling departs from per-level balance."""
        return self._column(self.raw.coupling_moment, level)

    def ligament_moment(self, level: str) -> np.ndarray:
        """Extensor moment of the posterior ligament lines at the level (part of tissue_moment), N·m."""
        return self._column(self.raw.ligament_moment, level)

    def ligament_force(self, level: str) -> np.ndarray:
        """Sum of the tensions of the level's posterior ligament lines, N."""
        return self._column(self.raw.ligament_force, level)

    def contact_moment(self, level: str) -> np.ndarray:
        """Flexion moment of the support contacts acting on the part above a level (a backrest, a bench), N·m."""
        return self._column(self.raw.contact_moment, level)

    def passive_share(self, level: str) -> np.ndarray:
        """(tissue + passive muscle moment) / net moment at a level, the net moment being the external loads plus
        the supports on the part above (fraction; NaN where it is below 1e-6 N·m in magnitude)."""
        passive = self.tissue_moment(level) + self.passive_muscle_moment(level)
        external = self.external_moment(level) + self.contact_moment(level)
        out = np.full(external.shape, np.nan)
        ok = np.abs(external) > 1e-6
        out[ok] = passive[ok] / external[ok]
        return out

    def quantity(self, name: str, level: str) -> np.ndarray:
        """Any per-level quantity by name: compression, shear_ap, shear_lateral, intradiscal_pressure,
        external_moment, tissue_moment, passive_muscle_moment, passive_share, flexion_deviation,
        coupling_moment, ligament_moment, ligament_force."""
        getters = {
            "compression": self.compression, "shear_ap": self.shear_ap, "shear_lateral": self.shear_lateral,
            "intradiscal_pressure": self.intradiscal_pressure, "external_moment": self.external_moment,
            "tissue_moment": self.tissue_moment, "passive_muscle_moment": self.passive_muscle_moment,
            "passive_share": self.passive_share, "flexion_deviation": self.flexion_deviation,
            "coupling_moment": self.coupling_moment, "ligament_moment": self.ligament_moment,
            "ligament_force": self.ligament_force,
        }
        if name == "shear":
            name = "shear_ap"
        if name not in getters:
            raise InputError(f"python: field 'quantity' = '{name}': unknown quantity "
                             f"(one of {', '.join(getters)})")
        return getters[name](level)

    def peak(self, name: str, level: str) -> float:
        """Largest value of a per-level quantity over the solved frames, in the quantity's unit (the largest value, not
        the largest magnitude that ``spinesim compare`` reports for shear)."""
        values = self.quantity(name, level)
        return float(np.nanmax(values)) if np.isfinite(values).any() else float("nan")

    # ---- muscles ------------------------------------------------------------------------------------------------
    def muscle_force(self, muscle: str) -> np.ndarray:
        """Total (active + passive) force of one muscle fascicle, N, e.g. 'Ps_L1_VB_r'."""
        return self._only_solved(np.asarray(self.raw.muscle_force)[:, self.muscle_index(muscle)])

    def muscle_passive_force(self, muscle: str) -> np.ndarray:
        """Passive (stretched-fibre) part of one muscle fascicle's force, N."""
        return self._only_solved(np.asarray(self.raw.muscle_passive_force)[:, self.muscle_index(muscle)])

    @property
    def groups(self) -> List[str]:
        """Muscle families present in this result, in the order of :func:`muscle_families`."""
        present = set(self.raw.muscle_families)
        return [f for f in muscle_families() if f in present]  # noqa: F405

    def group_force(self, group: str) -> np.ndarray:
        """Summed force of a muscle family, N: erector_spinae, multifidus, quadratus_lumborum, psoas, abdominals,
        latissimus_dorsi, iliacus, hip (both sides)."""
        known = muscle_families()  # noqa: F405
        if group not in known:
            raise InputError(f"python: field 'muscle group' = '{group}': unknown muscle group "
                             f"(one of {', '.join(known)})")
        mask = np.array([f == group for f in self.raw.muscle_families], dtype=bool)
        forces = np.asarray(self.raw.muscle_force)
        if mask.size == 0:
            return self._only_solved(np.zeros(forces.shape[0]))
        return self._only_solved(forces[:, mask].sum(axis=1))

    @property
    def solved(self) -> bool:
        return self.raw.all_frames_solved()

    # ---- comparison metrics -------------------------------------------------------------------------------------
    def metrics(self, details: bool = False) -> Dict[str, object]:
        """The metrics of ``spinesim compare`` (computed in C++, :func:`comparison_metrics`), in table order.

        Returns ``{label: value}``: labels carry the unit ("L4/L5 compression peak [N]"), values are floats in that
        unit (NaN when missing). Statistics are over solved frames; a peak is the value of largest magnitude, signed.
        The rows: strength (x mean male max force), frames solved, frames with path-validity warnings, L4/L5 and
        L5/S1 compression and AP shear peak and mean, L4/L5 passive share at peak moment [%], lumbar flexion peak
        [deg], L4/L5 posterior ligament tension peak, coupling moment peak, L4/L5 and L5/S1 IDP peaks [MPa], peak
        activation [%], the trunk muscle families' peaks and "muscle #1..5 peak [N]" (the strongest muscles' peak
        forces; their names in ``details``).

        With ``details=True`` the values are :class:`ComparisonMetric` objects instead: ``.value``, ``.flag`` (the
        limit exceeded: "> 3400 N (NIOSH AL)", "> 6400 N (NIOSH MPL)", "> 1000 N (shear limit)", or ""),
        ``.muscle`` (muscle rows), ``.out_of`` (counts: the number of frames), ``.difference`` / ``.relative``
        (whether a difference / a relative difference between runs is meaningful), ``.share`` (a share in %) and
        ``.format`` (the table's printf format).
        """
        metrics = comparison_metrics(self.raw)  # noqa: F405
        if details:
            return {m.label: m for m in metrics}
        return {m.label: float(m.value) for m in metrics}


# ---- running scenarios -------------------------------------------------------------------------------------------

_model_cache: Dict[Tuple, Model] = {}
_model_lock = threading.Lock()


def model_for(subject: Subject, data_dir: Optional[str] = None) -> Model:
    """The model for a subject, built once per (mass, height, sex, strength_scale, data_dir) and shared (models are
    immutable)."""
    data_dir = data_dir or default_data_dir()  # noqa: F405
    key = (subject.body_mass_kg, subject.height_m, str(subject.sex), subject.strength_scale,
           os.path.abspath(data_dir))
    with _model_lock:
        model = _model_cache.get(key)
        if model is None:
            model = load_model(subject, data_dir)
            _model_cache[key] = model
        return model


def run(scenario: Union[str, os.PathLike, Scenario], model: Optional[Model] = None, data_dir: Optional[str] = None,
        label: Optional[str] = None, strength=None, **overrides) -> Result:
    """Loads a scenario (name such as 'deadlift_140kg_round', or a path), applies ``overrides`` (parameters such
    as ``load_kg=100`` or settings such as ``frames=11``, ``subject_body_mass_kg=90`` or
    ``subject_strength_scale=1.5``; the dotted names work too), builds the default model for the scenario's subject
    (unless ``model`` is given) and simulates it.

    ``strength``: None (default): the scenario's subject as it is; a number: that strength factor (x mean male max
    force), as ``spinesim run --strength X`` and the same as the override ``subject_strength_scale=X``; "auto": as
    ``spinesim run --strength auto``, run again at the smallest factor that holds every frame when the muscles cannot
    hold some (the result's :attr:`Result.strength_note` says so; ``strength_scale`` in the result's subject is the
    factor used).

    A :class:`Scenario` object can be passed instead of a name (overrides and a fixed strength are then not allowed:
    change its fields).
    """
    if strength not in (None, "auto"):
        if any(_override_key(k) == "subject.strength_scale" for k in overrides):
            raise InputError("python: field 'strength': give either strength= or subject_strength_scale=")
        if isinstance(scenario, Scenario):
            raise InputError("python: field 'strength': set scenario.subject.strength_scale of a Scenario object")
        overrides = {**overrides, "subject_strength_scale": _strength_factor(strength)}
        strength = None
    if isinstance(scenario, Scenario):
        if overrides:
            raise InputError("python: field 'overrides': set the fields of a Scenario object instead of overrides")
        definition = scenario
    else:
        path = scenario_path(os.fspath(scenario), data_dir)
        # Settings use dotted names in the C++ API ("subject.body_mass_kg"); allow underscores in keyword form.
        definition = load_scenario(path, {_override_key(k): v for k, v in overrides.items()})
    if model is None:
        model = model_for(definition.subject, data_dir)
    if strength is None:
        return Result(simulate(model, definition), overrides, label)
    automatic = simulate_with_auto_strength(model, definition)  # noqa: F405
    result = Result(automatic.result, overrides, label)
    result.strength_note = automatic.note
    return result


def _override_key(key: str) -> str:
    for prefix in ("subject_", "subject__"):
        if key.startswith(prefix) and key[len(prefix):] in ("body_mass_kg", "height_m", "sex", "strength_scale"):
            return "subject." + key[len(prefix):]
    return key


def batch(scenarios: Union[str, Sequence[str]], grid: Optional[Mapping[str, Iterable]] = None, jobs: int = 2,
          data_dir: Optional[str] = None, **fixed) -> List[Result]:
    """Runs every scenario for every combination of the grid values, ``jobs`` runs at a time (threads).

    The order of the results is deterministic whatever ``jobs``: scenarios in the order given, then the grid
    combinations in ``itertools.product`` order of the grid's keys (the last key varies fastest). Each result's
    :attr:`Result.overrides` holds its grid values (plus ``fixed`` overrides).

    Example::

        results = spinesim.batch(["deadlift_140kg_neutral", "deadlift_140kg_round"],
                                 grid={"load_kg": [0, 50, 100, 150, 200]}, jobs=2)
    """
    if isinstance(scenarios, (str, os.PathLike)):
        scenarios = [scenarios]
    grid = dict(grid or {})
    keys = list(grid)
    for k in keys:  # was: an empty list silently ran nothing
        if isinstance(grid[k], (str, bytes)) or not isinstance(grid[k], Iterable) or not list(grid[k]):
            raise InputError(f"python: field 'grid[{k!r}]' = {grid[k]!r}: must be a non-empty list of values")
    combos = [dict(zip(keys, values)) for values in itertools.product(*(list(grid[k]) for k in keys))]
    tasks = [(s, {**fixed, **combo}) for s in scenarios for combo in combos]
    jobs = _thread_count(jobs)

    def one(task):
        name, overrides = task
        return run(name, data_dir=data_dir, **overrides)

    if jobs == 1 or len(tasks) <= 1:
        return [one(t) for t in tasks]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, tasks))  # map keeps the task order


def _thread_count(jobs) -> int:
    """A jobs= argument as a thread count: None or < 1 means one per core; InputError naming the field for anything
    that is not a whole number (was: TypeError "'<' not supported between 'str' and 'int'")."""
    if jobs is None:
        return os.cpu_count() or 1
    if isinstance(jobs, bool) or not isinstance(jobs, (int, np.integer)):
        raise InputError(f"python: field 'jobs' = {jobs!r}: must be a whole number of threads (None or < 1: one per "
                         "core)")
    return int(jobs) if jobs >= 1 else (os.cpu_count() or 1)


def _strength_factor(strength) -> float:
    """A fixed strength= argument as a number; InputError naming the field otherwise (was: ValueError "could not
    convert string to float")."""
    try:
        return float(strength)
    except (TypeError, ValueError):
        raise InputError(f"python: field 'strength' = {strength!r}: must be 'auto', None or a number (x mean male "
                         "max force)") from None


def _raw(result: Union[Result, SimulationResult, None]) -> Optional[SimulationResult]:
    return result.raw if isinstance(result, Result) else result


def _raw_results(results, field: str = "results") -> List[SimulationResult]:
    """The SimulationResults of an iterable of Result/SimulationResult; InputError naming the field and the offending
    item otherwise (was: TypeError "incompatible function arguments")."""
    if isinstance(results, (str, bytes, Result, SimulationResult)) or not isinstance(results, Iterable):  # noqa: F405
        raise InputError(f"python: field '{field}' = {results!r}: must be a list of Result or SimulationResult")
    out = []
    for i, r in enumerate(results):
        raw = _raw(r)
        if not isinstance(raw, SimulationResult):  # noqa: F405
            raise InputError(f"python: field '{field}[{i}]' = {r!r}: must be a Result or SimulationResult")
        out.append(raw)
    return out


def common_strength(results: Iterable[Union[Result, SimulationResult]]) -> float:
    """The smallest strength factor (x mean male maximal force) at which every frame of every result is held: the
    largest ``strength_to_hold_all()``. NaN when every frame is already held, inf when some frame cannot be held by
    strength alone (not even x5, or a missed posture). Rerun with ``subject_strength_scale=`` that factor to compare
    runs over their whole movement for one subject strong enough for all (as ``spinesim compare`` does). The rule is
    the library's (spinesim/common_strength.hpp), shared with the CLI."""
    return float(_core.common_strength(_raw_results(results)))


def partial_common_strength(results: Iterable[Union[Result, SimulationResult]]) -> float:
    """:func:`common_strength` when it is finite or NaN; when it is inf, the largest finite ``strength_needed`` of the
    results, the factor at which only the frames strength cannot hold (a missed posture, more than x5) stay unsolved;
    NaN when there is none."""
    return float(_core.partial_common_strength(_raw_results(results)))


def load_results(path: Union[str, os.PathLike], groups: Optional[Sequence[str]] = None) -> List[Result]:
    """Reads result groups from an HDF5 file written by ``spinesim run --output`` or :func:`write_hdf5`
    (all groups if ``groups`` is None), labelled by group name."""
    path = os.fspath(path)
    if isinstance(groups, str):  # one group name, not a sequence of one-letter names
        groups = [groups]
    if groups is not None and (not isinstance(groups, Iterable) or not all(isinstance(g, str) for g in groups)):
        raise InputError(f"python: field 'groups' = {groups!r}: must be None, a group name or a list of group names")
    if not groups:
        groups = hdf5_groups(path)  # noqa: F405
    return [Result(read_hdf5(path, g), label=g) for g in groups]


# ---- comparing two runs -------------------------------------------------------------------------------------------

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
        for ma, mb in zip(comparison_metrics(a.raw), comparison_metrics(b.raw)):  # noqa: F405
            difference, relative = metric_difference(ma, mb)  # noqa: F405
            self.rows.append(ComparisonRow(ma.label, float(ma.value), float(mb.value), difference, relative,
                                           (ma.flag, mb.flag), ma, mb))

    def row(self, label: str) -> ComparisonRow:
        """The row of a metric by its label, e.g. 'L4/L5 compression peak [N]'."""
        return _row_by(self.rows, "label", label, "unknown metric")

    def to_text(self) -> str:
        """The table of ``spinesim compare`` (same rows, cells and alignment), preceded by the strength note if any
        and followed by the limits note (rendered by the library, spinesim/comparison_table.hpp)."""
        head = self.note + "\n\n" if self.note else ""
        return head + comparison_table(list(zip(self.labels, (self.a.raw, self.b.raw))))  # noqa: F405

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
            note = common_strength_note(list(zip(labels, (ra.raw, rb.raw))), factor, "strength='auto'",  # noqa: F405
                                        "Pass strength=X to fix it.")
            ra, rb = run_both({"subject_strength_scale": factor})
    return Comparison(ra, rb, labels, note)


# ---- summarising runs ---------------------------------------------------------------------------------------------

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
        self.rows = summary_rows(self._runs)  # noqa: F405

    def row(self, scenario: str):
        """The row of a scenario."""
        return _row_by(self.rows, "scenario", scenario, "not in the summary")

    def to_text(self) -> str:
        """The table of ``spinesim summary`` (same rows, cells and alignment) followed by the limits note (rendered by
        the library, spinesim/summary_table.hpp)."""
        return summary_table(self._runs)  # noqa: F405

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
    names = [os.fspath(n) for n in names] if names is not None else list_scenarios(data_dir)  # noqa: F405
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


_CRITERIA = {"stress2": Criterion.SumStressSquared, "stress3": Criterion.SumStressCubed,  # noqa: F405
             "minmax": Criterion.MinMaxStress}  # noqa: F405
_BALANCES = {"coupled": LumbarBalance.RhythmCoupled, "per_level": LumbarBalance.PerLevel}  # noqa: F405


class Validation(NamedTuple):
    """:func:`validate`'s result: ``statics`` (:class:`ValidationReport`: the Wilke et al. 1999 postures, their RMS
    error in % and the standing L4/L5 load; ``statics.supplementary_rows``: standing extension and lateral bending,
    Wilke et al. 2001 as summarised at kdttechnique.com, not in the RMS) and ``lifting`` (:class:`LiftingReport`, None
    when not run)."""
    statics: "ValidationReport"  # noqa: F405
    lifting: Optional["LiftingReport"]  # noqa: F405

    def errors(self) -> Dict[str, float]:
        """Error of the predicted IDP ratio per static case, % (standing, the reference, is 0)."""
        return {r.case_name: r.error_pct for r in self.statics.rows}

    def supplementary_errors(self) -> Dict[str, float]:
        """Error of the predicted IDP ratio per supplementary case (extension, lateral bending), %."""
        return {r.case_name: r.error_pct for r in self.statics.supplementary_rows}


def validate(criterion: str = "stress2", lumbar_balance: str = "coupled", lifting: bool = True,
             data_dir: Optional[str] = None, subject: Optional["Subject"] = None) -> Validation:  # noqa: F405
    """``spinesim validate`` from Python: the Wilke et al. 1999 static postures for the measured subject (70 kg,
    1.68 m male, ``data/validation/wilke1999_subject.toml``), predicted vs measured L4/L5 intradiscal pressure ratios
    to relaxed standing (with the supplementary extension and lateral bending cases beside them, not in the RMS), and
    (``lifting``) the article's 20 kg box lifts against Wilke's lifting values (for the
    box-lift scenarios' own 75 kg, 1.78 m lifter, ratios to that lifter's relaxed standing).

    ``criterion``: "stress2", "stress3" or "minmax"; ``lumbar_balance``: "coupled" or "per_level"; ``data_dir``: a
    data directory (default :func:`default_data_dir`), e.g. a copy with one model constant changed for a sensitivity
    study; ``subject``: a :class:`Subject` to build the model for instead of the measured one (as the CLI's
    ``--mass/--height/--sex``). The numbers equal the CLI's.
    """
    if not isinstance(criterion, str) or criterion not in _CRITERIA:
        raise InputError(f"python: field 'criterion': {criterion!r} must be one of {', '.join(_CRITERIA)}")
    if not isinstance(lumbar_balance, str) or lumbar_balance not in _BALANCES:
        raise InputError(f"python: field 'lumbar_balance': {lumbar_balance!r} must be one of {', '.join(_BALANCES)}")
    data_dir = data_dir or default_data_dir()  # noqa: F405
    if subject is None:
        subject = load_validation_subject(os.path.join(data_dir, "validation", "wilke1999_subject.toml"))  # noqa: F405
    elif not isinstance(subject, Subject):  # noqa: F405
        raise InputError(f"python: field 'subject' = {subject!r}: must be a spinesim.Subject or None (the measured "
                         "subject)")
    model = model_for(subject, data_dir)
    options = AnalysisOptions(solver=SolverOptions(criterion=_CRITERIA[criterion]),  # noqa: F405
                              lumbar_balance=_BALANCES[lumbar_balance])
    statics = run_wilke_validation(model, data_dir, options)  # noqa: F405
    lifts = run_wilke_lifting_validation(data_dir, options) if lifting else None  # noqa: F405
    return Validation(statics, lifts)

