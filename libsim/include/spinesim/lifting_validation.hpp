// Lifting a 20 kg weight, round back vs bent knees: the peak L4/L5 intradiscal pressure of the article's box-lift
// scenarios against Wilke et al. 1999's in vivo values (data/validation/wilke1999_lifting.csv), as ratios to the
// model's relaxed standing of the static validation. Reported beside the static validation, not in its RMS: the
// lifting protocol of the measurement is not documented in the source used.
#pragma once

#include "spinesim/model.hpp"
#include "spinesim/validation.hpp"

#include <string>
#include <vector>

namespace spinesim {

struct LiftingRow {
    std::string case_name;             // e.g. "lifting_20kg_round_flexed_back"
    std::string scenario;              // the data/scenarios file simulated for it
    double measured_idp_mpa = 0.0;
    double measured_ratio = 0.0;       // measured IDP / measured relaxed-standing IDP
    double strength_scale = 1.0;       // the strength the lifts were run at (common to all rows, see below)
    int frames = 0;
    int frames_held_at_subject = 0;    // frames the subject's own strength holds
    int frames_solved = 0;             // frames solved at strength_scale (< frames: a posture the subject cannot take)
    double peak_compression_n = 0.0;   // L4/L5, over the frames of the lift
    double predicted_idp_pa = 0.0;     // swelling + peak compression / (k A)
    double predicted_ratio = 0.0;      // / the static validation's relaxed-standing IDP
    double error_pct = 0.0;
};

struct LiftingReport {
    std::vector<LiftingRow> rows;      // in file order
    double measured_round_to_knees = 0.0;   // IDP ratio round back / flexed knees (first row / second row)
    double predicted_round_to_knees = 0.0;
    Subject subject;                   // the lifter simulated
    double standing_idp_pa = 0.0;      // that lifter's relaxed-standing IDP, the reference of predicted_ratio
};

// Simulates every row's scenario for `model`'s subject. If the subject cannot hold some frames of any of them, all
// are run at the smallest common strength factor that holds every frame (strength_needed), as `spinesim compare`
// does, so that both lifts are compared for one lifter; the factor is reported per row. `statics` supplies the
// relaxed-standing IDP and the pressure model; `options` the lumbar balance and the sharing criterion (as for the
// static cases: one model for the whole validation). Throws InputError for a malformed file or an unknown scenario.
LiftingReport run_wilke_lifting_comparison(const Model& model, const std::string& data_dir,
                                           const ValidationReport& statics, const AnalysisOptions& options = {});

// The comparison as `spinesim validate` runs it: for the box-lift scenarios' own subject (their [subject] table,
// 75 kg 1.78 m: the hand path and balance targets of those files are not scaled to other statures, and a 1.68 m
// subject misses them late in the squat lift), with the ratios taken to THAT subject's relaxed standing of the static
// cases (run_wilke_validation for a model of that subject), not to the measured subject of the static validation.
// Throws InputError if the scenarios of data_dir/validation/wilke1999_lifting.csv do not share one subject.
LiftingReport run_wilke_lifting_validation(const std::string& data_dir, const AnalysisOptions& options = {});

}  // namespace spinesim
