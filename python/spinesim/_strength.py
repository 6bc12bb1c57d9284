"""Strength factors (x mean male maximal force): the ``strength=`` argument and the common strength of several
results (the rule is libsim's, shared with the CLI)."""

from __future__ import annotations

from typing import Iterable, List, Optional, Union

from . import _spinesim as _core
from ._result import Result
from ._spinesim import InputError, SimulationResult


def _strength_factor(strength) -> float:
    """A fixed strength= argument as a number; InputError naming the field otherwise (was: ValueError "could not
    convert string to float"); True/False are refused, not read as 1/0)."""
    try:
        if isinstance(strength, bool):
            raise TypeError
        return float(strength)
    except (TypeError, ValueError):
        raise InputError(f"python: field 'strength' = {strength!r}: must be 'auto', None or a number (x mean male "
                         "max force)") from None


def _raw(result: Union[Result, SimulationResult, None]) -> Optional[SimulationResult]:
    return result.raw if isinstance(result, Result) else result


def _raw_results(results, field: str = "results") -> List[SimulationResult]:
    """The SimulationResults of an iterable of Result/SimulationResult; InputError naming the field and the offending
    item otherwise (was: TypeError "incompatible function arguments")."""
    if isinstance(results, (str, bytes, Result, SimulationResult)) or not isinstance(results, Iterable):
        raise InputError(f"python: field '{field}' = {results!r}: must be a list of Result or SimulationResult")
    out = []
    for i, r in enumerate(results):
        raw = _raw(r)
        if not isinstance(raw, SimulationResult):
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

