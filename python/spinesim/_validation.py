"""``spinesim validate`` from Python: :func:`validate` and its :class:`Validation` result."""

from __future__ import annotations

import os
from typing import Dict, NamedTuple, Optional

from ._running import model_for
from ._spinesim import (
    AnalysisOptions,
    Criterion,
    InputError,
    LiftingReport,
    LumbarBalance,
    SolverOptions,
    StoopSquatReport,
    Subject,
    ValidationReport,
    default_data_dir,
    load_validation_subject,
    run_von_arx_stoop_squat,
    run_wilke_lifting_validation,
    run_wilke_validation,
)


_CRITERIA = {"stress2": Criterion.SumStressSquared, "stress3": Criterion.SumStressCubed,
             "minmax": Criterion.MinMaxStress}
_BALANCES = {"coupled": LumbarBalance.RhythmCoupled, "per_level": LumbarBalance.PerLevel}


class Validation(NamedTuple):
    """:func:`validate`'s result: ``statics`` (:class:`ValidationReport`: the Wilke et al. 1999 postures, their RMS
    error in % and the standing L4/L5 load; ``statics.supplementary_rows``: standing extension and lateral bending,
    Wilke et al. 2001 as summarised at kdttechnique.com, not in the RMS), ``lifting`` (:class:`LiftingReport`, None
    when not run) and ``stoop_squat`` (:class:`StoopSquatReport`: stoop minus squat against von Arx et al. 2021, None
    when not run)."""
    statics: "ValidationReport"
    lifting: Optional["LiftingReport"]
    stoop_squat: Optional["StoopSquatReport"] = None

    def errors(self) -> Dict[str, float]:
        """Error of the predicted IDP ratio per static case, % (standing, the reference, is 0)."""
        return {r.case_name: r.error_pct for r in self.statics.rows}

    def supplementary_errors(self) -> Dict[str, float]:
        """Error of the predicted IDP ratio per supplementary case (extension, lateral bending), %."""
        return {r.case_name: r.error_pct for r in self.statics.supplementary_rows}


def validate(criterion: str = "stress2", lumbar_balance: str = "coupled", lifting: bool = True,
             data_dir: Optional[str] = None, subject: Optional["Subject"] = None,
             stoop_squat: bool = True) -> Validation:
    """``spinesim validate`` from Python: the Wilke et al. 1999 static postures for the measured subject (70 kg,
    1.68 m male, ``data/validation/wilke1999_subject.toml``), predicted vs measured L4/L5 intradiscal pressure ratios
    to relaxed standing (with the supplementary extension and lateral bending cases beside them, not in the RMS), and
    (``lifting``) the article's 20 kg box lifts against Wilke's lifting values (for the
    box-lift scenarios' own 75 kg, 1.78 m lifter, ratios to that lifter's relaxed standing), and (``stoop_squat``) the
    box-lift twins with a 15 kg box against the stoop minus squat ranges of von Arx et al. 2021 (same lifter).

    ``criterion``: "stress2", "stress3" or "minmax"; ``lumbar_balance``: "coupled" or "per_level"; ``data_dir``: a
    data directory (default :func:`default_data_dir`), e.g. a copy with one model constant changed for a sensitivity
    study; ``subject``: a :class:`Subject` to build the model for instead of the measured one (as the CLI's
    ``--mass/--height/--sex``). The numbers equal the CLI's.
    """
    if not isinstance(criterion, str) or criterion not in _CRITERIA:
        raise InputError(f"python: field 'criterion': {criterion!r} must be one of {', '.join(_CRITERIA)}")
    if not isinstance(lumbar_balance, str) or lumbar_balance not in _BALANCES:
        raise InputError(f"python: field 'lumbar_balance': {lumbar_balance!r} must be one of {', '.join(_BALANCES)}")
    data_dir = data_dir or default_data_dir()
    if subject is None:
        subject = load_validation_subject(os.path.join(data_dir, "validation", "wilke1999_subject.toml"))
    elif not isinstance(subject, Subject):
        raise InputError(f"python: field 'subject' = {subject!r}: must be a spinesim.Subject or None (the measured "
                         "subject)")
    model = model_for(subject, data_dir)
    options = AnalysisOptions(solver=SolverOptions(criterion=_CRITERIA[criterion]),
                              lumbar_balance=_BALANCES[lumbar_balance])
    statics = run_wilke_validation(model, data_dir, options)
    lifts = run_wilke_lifting_validation(data_dir, options) if lifting else None
    stoop_squat_report = run_von_arx_stoop_squat(data_dir, options) if stoop_squat else None
    return Validation(statics, lifts, stoop_squat_report)

