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

from ._spinesim import *  # noqa: F401,F403  (the C++ API)
from ._spinesim import __version__  # noqa: F401

from . import _spinesim as _core
# The Python API, one concept per module.
from ._comparison import Comparison, ComparisonRow, compare  # noqa: F401
from ._result import Result, load_results  # noqa: F401
from ._running import batch, model_for, run  # noqa: F401
from ._strength import common_strength, partial_common_strength  # noqa: F401
from ._summary import Summary, summary  # noqa: F401
from ._validation import Validation, validate  # noqa: F401

__all__ = sorted({n for n in dir(_core) if not n.startswith("_") and n.isidentifier()} | {
    "Result", "run", "batch", "model_for", "load_results", "common_strength", "partial_common_strength", "compare",
    "Comparison", "ComparisonRow", "summary", "Summary", "validate", "Validation", "__version__"})
