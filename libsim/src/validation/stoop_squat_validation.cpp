// Stoop vs squat (von Arx et al. 2021) against the box-lift twins: spinesim/stoop_squat_validation.hpp.
#include "spinesim/stoop_squat_validation.hpp"

#include "model/csv_reader.hpp"
#include "spinesim/error.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/scenario.hpp"
#include "spinesim/simulation.hpp"

#include <iomanip>
#include <map>
#include <sstream>

namespace spinesim {

namespace {

constexpr const char* kStoop = "box_lift_20kg_round";
constexpr const char* kSquat = "box_lift_20kg_squat_neutral";
constexpr double kStudyLoadKg = 15.0;
constexpr double kDeg = 3.14159265358979323846 / 180.0;  // the CSV's lordosis ranges are in degrees

struct PublishedRow {
    std::string quantity;
    std::vector<std::string> levels;  // empty: not per level
    double low = 0.0, high = 0.0;
};

struct PublishedTable {
    std::string file;
    std::vector<PublishedRow> rows;

    // The row of `quantity` whose level list contains `level` (any row when `level` is empty).
    const PublishedRow& find(const std::string& quantity, const std::string& level = "") const {
        for (const PublishedRow& r : rows) {
            if (r.quantity != quantity) continue;
            if (level.empty()) return r;
            for (const std::string& l : r.levels)
                if (l == level) return r;
        }
        throw InputError(file, "quantity", quantity, level.empty() ? "no such row" : "no row for level " + level);
    }
};

PublishedTable load_published(const std::string& csv_path) {
    const detail::CsvTable t = detail::read_csv(csv_path);
    const int c_quantity = t.column("quantity"), c_levels = t.column("levels");
    const int c_low = t.column("stoop_minus_squat_low_bw"), c_high = t.column("stoop_minus_squat_high_bw");
    PublishedTable table{csv_path, {}};
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        PublishedRow row;
        row.quantity = detail::trim(t.text(r, c_quantity));
        for (const std::string& l : detail::split(t.text(r, c_levels), ' '))
            if (!detail::trim(l).empty()) row.levels.push_back(detail::trim(l));
        row.low = t.number(r, c_low);
        row.high = t.number(r, c_high);
        if (row.low > row.high)
            throw InputError(csv_path + ":" + std::to_string(t.line_numbers[r]), "stoop_minus_squat_low_bw",
                             t.text(r, c_low), "is above stoop_minus_squat_high_bw (" + t.text(r, c_high) + ")");
        table.rows.push_back(row);
    }
    return table;
}

// The lumbar flexion at pick-up of a twin, rad: its lumbar_flexion_fraction x the model's whole-lumbar flexion range.
double lumbar_flexion_of(const Scenario& s, const Model& model, const std::string& path) {
    const auto it = s.parameters.find("lumbar_flexion_fraction");
    if (it == s.parameters.end())
        throw InputError(path, "lumbar_flexion_fraction", "", "missing (the stoop vs squat comparison sets it)");
    return it->second * model.whole_lumbar_upper[0];
}

struct TwinRun {
    StoopSquatRun run;
    SimulationResult result;
};

// One twin with the study's box; `flexion_rad` < 0: the scenario's own lumbar flexion.
TwinRun run_twin(const Model& model, const std::string& data_dir, const char* name, double flexion_rad,
                 const AnalysisOptions& options) {
    const std::string path = scenario_path(data_dir, name);
    std::map<std::string, std::string> overrides{{"load_kg", std::to_string(kStudyLoadKg)}};
    if (flexion_rad >= 0) {
        std::ostringstream fraction;
        fraction << std::setprecision(17) << flexion_rad / model.whole_lumbar_upper[0];
        overrides["lumbar_flexion_fraction"] = fraction.str();
    }
    Scenario s = load_scenario(path, overrides);
    s.lumbar_balance = options.lumbar_balance;
    s.criterion = options.solver.criterion;
    TwinRun t{{name, lumbar_flexion_of(s, model, path), 0, 0}, simulate(model, s)};
    t.run.frames = static_cast<int>(t.result.frame_status.size());
    for (const std::string& status : t.result.frame_status) t.run.frames_solved += status == "optimal";
    return t;
}

double peak(const Eigen::MatrixXd& m, int level) { return m.col(level).maxCoeff(); }
double peak_magnitude(const Eigen::MatrixXd& m, int level) { return m.col(level).cwiseAbs().maxCoeff(); }

double compression_difference_bw(const TwinRun& stoop, const TwinRun& squat, int level, double body_weight) {
    return (peak(stoop.result.compression, level) - peak(squat.result.compression, level)) / body_weight;
}

double shear_difference_bw(const TwinRun& stoop, const TwinRun& squat, int level, double body_weight) {
    return (peak_magnitude(stoop.result.shear_ap, level) - peak_magnitude(squat.result.shear_ap, level)) / body_weight;
}

bool inside(double value, double low, double high) { return value >= low && value <= high; }

}  // namespace

bool StoopSquatReport::all_frames_solved() const {
    for (const StoopSquatRun* r : {&stoop, &squat, &own_stoop, &own_squat})
        if (r->frames_solved < r->frames) return false;
    return true;
}

StoopSquatReport run_von_arx_stoop_squat(const std::string& data_dir, const AnalysisOptions& options) {
    const PublishedTable published = load_published(data_dir + "/validation/von_arx2021_stoop_squat.csv");
    const Subject subject = load_scenario(scenario_path(data_dir, kStoop), {}).subject;
    const Subject other = load_scenario(scenario_path(data_dir, kSquat), {}).subject;
    if (other.body_mass_kg != subject.body_mass_kg || other.height_m != subject.height_m || other.sex != subject.sex ||
        other.strength_scale != subject.strength_scale)
        throw InputError(scenario_path(data_dir, kSquat), "subject", "",
                         std::string("differs from that of ") + kStoop + " (the twins are compared for one lifter)");
    const Model model = load_model(subject, data_dir);
    const TwinRun stoop = run_twin(model, data_dir, kStoop,
                                   published.find("lordosis_range_of_motion_deg_stoop").low * kDeg, options);
    const TwinRun squat = run_twin(model, data_dir, kSquat,
                                   published.find("lordosis_range_of_motion_deg_squat").low * kDeg, options);
    const TwinRun own_stoop = run_twin(model, data_dir, kStoop, -1.0, options);
    const TwinRun own_squat = run_twin(model, data_dir, kSquat, -1.0, options);

    StoopSquatReport report;
    report.load_kg = kStudyLoadKg;
    report.subject = subject;
    report.stoop = stoop.run;
    report.squat = squat.run;
    report.own_stoop = own_stoop.run;
    report.own_squat = own_squat.run;
    const double body_weight = subject.body_mass_kg * model.gravity;
    for (int l = 0; l < static_cast<int>(stoop.result.level_names.size()); ++l) {
        StoopSquatLevel v;
        v.level = stoop.result.level_names[static_cast<std::size_t>(l)];
        v.compression_bw = compression_difference_bw(stoop, squat, l, body_weight);
        v.shear_bw = shear_difference_bw(stoop, squat, l, body_weight);
        const PublishedRow& c = published.find("compression_peak", v.level);
        const PublishedRow& s = published.find("shear_ap_peak_magnitude", v.level);
        v.published_compression_low_bw = c.low;
        v.published_compression_high_bw = c.high;
        v.published_shear_low_bw = s.low;
        v.published_shear_high_bw = s.high;
        v.compression_in_range = inside(v.compression_bw, c.low, c.high);
        v.shear_in_range = inside(v.shear_bw, s.low, s.high);
        v.own_compression_bw = compression_difference_bw(own_stoop, own_squat, l, body_weight);
        v.own_shear_bw = shear_difference_bw(own_stoop, own_squat, l, body_weight);
        report.levels.push_back(v);
    }
    return report;
}

}  // namespace spinesim
