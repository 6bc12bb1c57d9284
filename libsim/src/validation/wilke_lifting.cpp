// Lifting 20 kg (Wilke 1999) against the article's box-lift scenarios: spinesim/lifting_validation.hpp.
#include "spinesim/lifting_validation.hpp"

#include "model/csv_reader.hpp"
#include "spinesim/common_strength.hpp"
#include "spinesim/error.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/scenario.hpp"
#include "spinesim/simulation.hpp"
#include "spinesim/strength_needed.hpp"

#include <algorithm>
#include <cmath>

namespace spinesim {

namespace {

struct LiftingMeasurement {
    std::string case_name, scenario;
    double idp_mpa = 0.0, ratio = 0.0;
};

std::vector<LiftingMeasurement> load_lifting_measurements(const std::string& csv_path) {
    const detail::CsvTable t = detail::read_csv(csv_path);
    const int c_case = t.column("case"), c_idp = t.column("idp_mpa"), c_ratio = t.column("ratio_to_standing"),
              c_scenario = t.column("scenario");
    std::vector<LiftingMeasurement> out;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        LiftingMeasurement m{detail::trim(t.text(r, c_case)), detail::trim(t.text(r, c_scenario)), t.number(r, c_idp),
                             t.number(r, c_ratio)};
        if (!(m.idp_mpa > 0) || !(m.ratio > 0))
            throw InputError(csv_path + ":" + std::to_string(t.line_numbers[r]), "idp_mpa/ratio_to_standing", "",
                             "must be positive");
        out.push_back(m);
    }
    if (out.size() != 2)
        throw InputError(csv_path, "rows", std::to_string(out.size()), "expected two lifts (round back, flexed knees)");
    return out;
}

}  // namespace

LiftingReport run_wilke_lifting_comparison(const Model& model, const std::string& data_dir,
                                           const ValidationReport& statics, const AnalysisOptions& options) {
    const std::vector<LiftingMeasurement> measured =
        load_lifting_measurements(data_dir + "/validation/wilke1999_lifting.csv");
    std::vector<Scenario> scenarios;
    for (const LiftingMeasurement& m : measured) {
        Scenario s = load_scenario(scenario_path(data_dir, m.scenario), {});
        s.subject = model.subject;  // the validation subject, whatever the file says
        s.lumbar_balance = options.lumbar_balance;
        s.criterion = options.solver.criterion;  // the statics' criterion: one model for the whole validation
        scenarios.push_back(std::move(s));
    }
    std::vector<SimulationResult> results;
    for (const Scenario& s : scenarios) results.push_back(simulate(model, s));
    std::vector<int> held(results.size(), 0);
    std::vector<const SimulationResult*> runs;
    for (std::size_t i = 0; i < results.size(); ++i) {
        for (const std::string& status : results[i].frame_status) held[i] += status == "optimal";
        runs.push_back(&results[i]);
    }
    const double common = largest_strength_needed(runs);
    double strength = model.subject.strength_scale;
    if (std::isfinite(common)) {  // a stronger lifter for both lifts
        strength = common;
        const Model stronger = with_strength_scale(model, strength);
        for (std::size_t i = 0; i < scenarios.size(); ++i) {
            scenarios[i].subject.strength_scale = strength;
            results[i] = simulate(stronger, scenarios[i]);
        }
    }

    const int level = model.lumbar_level_index("L4/L5");
    const double k_area = model.idp_correction_factor * model.lumbar_levels[level].disc_area;
    LiftingReport report;
    for (std::size_t i = 0; i < measured.size(); ++i) {
        const SimulationResult& r = results[i];
        LiftingRow row;
        row.case_name = measured[i].case_name;
        row.scenario = measured[i].scenario;
        row.measured_idp_mpa = measured[i].idp_mpa;
        row.measured_ratio = measured[i].ratio;
        row.strength_scale = strength;
        row.frames = static_cast<int>(r.frame_status.size());
        row.frames_held_at_subject = held[i];
        for (const std::string& status : r.frame_status) row.frames_solved += status == "optimal";
        row.peak_compression_n = std::nan("");
        for (Eigen::Index f = 0; f < r.compression.rows(); ++f)
            if (r.frame_status[static_cast<std::size_t>(f)] == "optimal" && !(r.compression(f, level) <= row.peak_compression_n))
                row.peak_compression_n = r.compression(f, level);
        row.predicted_idp_pa = statics.idp_model.swelling_pressure_pa + row.peak_compression_n / k_area;
        row.predicted_ratio = row.predicted_idp_pa / statics.standing_idp_pa;
        row.error_pct = 100.0 * (row.predicted_ratio - row.measured_ratio) / row.measured_ratio;
        report.rows.push_back(row);
    }
    report.measured_round_to_knees = report.rows[0].measured_idp_mpa / report.rows[1].measured_idp_mpa;
    report.predicted_round_to_knees = report.rows[0].predicted_idp_pa / report.rows[1].predicted_idp_pa;
    report.subject = model.subject;
    report.subject.strength_scale = strength;
    report.standing_idp_pa = statics.standing_idp_pa;
    return report;
}

LiftingReport run_wilke_lifting_validation(const std::string& data_dir, const AnalysisOptions& options) {
    const std::string csv = data_dir + "/validation/wilke1999_lifting.csv";
    const std::vector<LiftingMeasurement> measured = load_lifting_measurements(csv);
    if (measured.empty()) throw InputError(csv, "", "", "no lifting case");
    const Subject subject = load_scenario(scenario_path(data_dir, measured.front().scenario), {}).subject;
    for (const LiftingMeasurement& m : measured) {
        const Subject other = load_scenario(scenario_path(data_dir, m.scenario), {}).subject;
        if (other.body_mass_kg != subject.body_mass_kg || other.height_m != subject.height_m || other.sex != subject.sex ||
            other.strength_scale != subject.strength_scale)
            throw InputError(csv, "scenario", m.scenario,
                             "its [subject] differs from that of " + measured.front().scenario +
                                 " (the lifts are compared for one lifter)");
    }
    const Model model = load_model(subject, data_dir);
    return run_wilke_lifting_comparison(model, data_dir, run_wilke_validation(model, data_dir, options), options);
}

}  // namespace spinesim
