"""The :class:`Result` wrapper of :class:`SimulationResult` (access by level, muscle and muscle-group name) and
:func:`load_results`, which reads Results from an HDF5 file."""

from __future__ import annotations

import os
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Union

import numpy as np

from ._spinesim import (InputError, SimulationResult, comparison_metrics, did_you_mean, hdf5_groups, muscle_families,
                        read_hdf5)


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
        raise InputError(f"python: field 'level' = '{level}': unknown lumbar level (levels: {', '.join(names)})"
                         f"{did_you_mean(level, list(names))}")

    def muscle_index(self, muscle: str) -> int:
        names = self.raw.muscle_names
        try:
            return list(names).index(muscle)
        except ValueError:
            raise InputError(f"python: field 'muscle' = '{muscle}': unknown muscle ({len(names)} muscles, "
                             f"e.g. {', '.join(list(names)[:4])}){did_you_mean(muscle, list(names))}") from None

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
        return [f for f in muscle_families() if f in present]

    def group_force(self, group: str) -> np.ndarray:
        """Summed force of a muscle family, N: erector_spinae, multifidus, quadratus_lumborum, psoas, abdominals,
        latissimus_dorsi, iliacus, hip (both sides)."""
        known = muscle_families()
        if group not in known:
            raise InputError(f"python: field 'muscle group' = '{group}': unknown muscle group "
                             f"(one of {', '.join(known)}){did_you_mean(group, list(known))}")
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
        metrics = comparison_metrics(self.raw)
        if details:
            return {m.label: m for m in metrics}
        return {m.label: float(m.value) for m in metrics}


def load_results(path: Union[str, os.PathLike], groups: Optional[Sequence[str]] = None) -> List[Result]:
    """Reads result groups from an HDF5 file written by ``spinesim run --output`` or :func:`write_hdf5`
    (all groups if ``groups`` is None), labelled by group name."""
    path = os.fspath(path)
    if isinstance(groups, str):  # one group name, not a sequence of one-letter names
        groups = [groups]
    if groups is not None and (not isinstance(groups, Iterable) or not all(isinstance(g, str) for g in groups)):
        raise InputError(f"python: field 'groups' = {groups!r}: must be None, a group name or a list of group names")
    if not groups:
        groups = hdf5_groups(path)
    return [Result(read_hdf5(path, g), label=g) for g in groups]
