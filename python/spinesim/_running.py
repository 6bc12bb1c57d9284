"""Running scenarios: :func:`model_for` (the shared model of a subject), :func:`run` and :func:`batch` (a
parameter grid in threads), and the argument helpers they share with compare and summary."""

from __future__ import annotations

import itertools
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from ._result import Result
from ._spinesim import (
    InputError,
    Model,
    Scenario,
    Subject,
    default_data_dir,
    load_model,
    load_scenario,
    scenario_path,
    simulate,
    simulate_with_auto_strength,
)
from ._strength import _strength_factor


_model_cache: Dict[Tuple, Model] = {}
_model_lock = threading.Lock()


def model_for(subject: Subject, data_dir: Optional[str] = None) -> Model:
    """The model for a subject, built once per (mass, height, sex, strength_scale, data_dir) and shared (models are
    immutable)."""
    data_dir = data_dir or default_data_dir()
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
        definition = _load_with_overrides(path, overrides)
    if model is None:
        model = model_for(definition.subject, data_dir)
    if strength is None:
        return Result(simulate(model, definition), overrides, label)
    automatic = simulate_with_auto_strength(model, definition)
    result = Result(automatic.result, overrides, label)
    result.strength_note = automatic.note
    return result


def _load_with_overrides(path: str, overrides: Mapping) -> Scenario:
    """load_scenario with keyword-style overrides. Settings use dotted names in the C++ API ("subject.body_mass_kg");
    keywords take underscores, and a suggestion for a misspelt override is given in the keyword form."""
    try:
        return load_scenario(path, {_override_key(k): v for k, v in overrides.items()})
    except InputError as e:
        head, sep, suggestion = str(e).partition("; did you mean ")
        if sep and head.find("(override)") >= 0 and "'subject." in suggestion:
            raise InputError(head + sep + suggestion.replace("'subject.", "'subject_")) from None
        raise


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
