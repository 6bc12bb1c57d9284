// Validation against in vivo intradiscal pressure: the static postures of Wilke et al. 1999 (Spine 24:755-762) for
// one default subject, analysed with analyse_frame, compared as ratios to relaxed standing at L4/L5.
//
// Everything that is not the model itself lives in data/validation/: the measured values (wilke1999_idp.csv; the
// supplementary cases in wilke2001_supplementary.csv) and the one constant of the pressure model (idp_model.toml). The postures are defined in libsim/src/validation with the
// literature source of every angle; there is no per-case tuning.
#pragma once

#include "spinesim/frame_analysis.hpp"
#include "spinesim/model.hpp"

#include <string>
#include <vector>

namespace spinesim {

// One row of data/validation/wilke1999_idp.csv (or of wilke2001_supplementary.csv, same columns).
struct IdpMeasurement {
    std::string case_name;        // e.g. "sitting_slouched"
    double idp_mpa = 0.0;         // measured L4/L5 intradiscal pressure
    double ratio = 0.0;           // measured IDP / relaxed-standing IDP
    double anybody_ratio = -1.0;  // AnyBody model's predicted ratio, < 0 when not given
    std::string source;
};

// Throws InputError naming file:line for a malformed file.
std::vector<IdpMeasurement> load_idp_measurements(const std::string& csv_path);

// The pressure model: IDP = swelling_pressure + compression / (k A). swelling_pressure is the pressure of the
// unloaded, hydrated nucleus (see data/validation/idp_model.toml for the source); k and A are the model's.
struct IdpModel {
    double swelling_pressure_pa = 0.0;
};
IdpModel load_idp_model(const std::string& toml_path);

// The measured subject (data/validation/wilke1999_subject.toml: body_mass_kg, height_m, sex; Wilke et al. 1999:
// 70 kg, 1.68 m male), for whom `spinesim validate` builds its model. Throws InputError naming the file, the field
// and the value for a missing, unknown or implausible entry (validate_subject's ranges).
Subject load_validation_subject(const std::string& toml_path);

// The validation postures, in the order of the study table: lying_prone, lying_lateral, sitting_slouched,
// sitting_upright_unsupported, sitting_max_flexion, standing_relaxed, standing_flexed_forward.
std::vector<std::string> wilke_case_names();
// Supplementary standing cases of the same subject, Wilke et al. 2001 (Clin Biomech 16 Suppl 1:S111-S126) as
// summarised at kdttechnique.com (data/validation/wilke2001_supplementary.csv): standing_extended (thorax 20 deg
// backwards), standing_lateral_bending_right and its mirror image standing_lateral_bending_left (thorax 20 deg to
// the side). Reported beside the study table, not in its RMS.
std::vector<std::string> wilke_supplementary_case_names();
// A one-line description of the posture (angles and supports) for printing; any case of either list.
std::string wilke_case_description(const std::string& case_name);
// The FrameInput (posture + support contacts) of one case of either list. Throws InputError for an unknown case.
FrameInput wilke_case_input(const Model& model, const std::string& case_name);

struct ValidationRow {
    std::string case_name;
    double measured_idp_mpa = 0.0;
    double measured_ratio = 0.0;
    double anybody_ratio = -1.0;
    double compression_n = 0.0;        // L4/L5 compression
    double predicted_idp_pa = 0.0;     // swelling + compression / (k A)
    double predicted_ratio = 0.0;      // predicted IDP / predicted standing IDP
    double error_pct = 0.0;            // 100 (predicted - measured) / measured
    double max_activation = 0.0;       // max muscle stress / specific tension
    SolveStatus status = SolveStatus::IterationLimit;
};

struct ValidationReport {
    std::vector<ValidationRow> rows;
    // wilke_supplementary_case_names(), ratios to the same predicted standing; not in rms_error_pct or
    // max_abs_error_pct (those stay over the study table's six non-reference cases).
    std::vector<ValidationRow> supplementary_rows;
    IdpModel idp_model;
    double rms_error_pct = 0.0;        // over all cases except the reference (standing, 0 by definition)
    double max_abs_error_pct = 0.0;
    double standing_compression_n = 0.0;
    double standing_idp_pa = 0.0;
    bool all_solved = false;           // every frame of both lists reached SolveStatus::Optimal
    Subject subject;                   // the model's subject (spinesim validate: load_validation_subject)
};

// Runs all cases of both lists for `model` with the measurements and IDP model found under data_dir/validation/.
ValidationReport run_wilke_validation(const Model& model, const std::string& data_dir, const AnalysisOptions& options = {});

// Writes case,measured_ratio,predicted_ratio,error_pct,anybody_ratio,compression_n,predicted_idp_mpa (one row a case
// of the study table; the supplementary rows are not written: the file is the plot's input).
void write_validation_csv(const ValidationReport& report, const std::string& path);

}  // namespace spinesim
