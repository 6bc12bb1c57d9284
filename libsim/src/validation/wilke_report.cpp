// The validation report: the measured values and the pressure model read from data/validation/, every case of
// wilke_validation.cpp analysed for one model, the ratios to the predicted relaxed standing and their errors.
#include "spinesim/validation.hpp"

#include "model/csv_reader.hpp"
#include "spinesim/error.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace spinesim {

std::vector<IdpMeasurement> load_idp_measurements(const std::string& csv_path) {
    const detail::CsvTable t = detail::read_csv(csv_path);
    const int c_case = t.column("case"), c_idp = t.column("idp_mpa"), c_ratio = t.column("ratio_to_standing"),
              c_any = t.column("anybody_model_ratio"), c_src = t.column("source");
    std::vector<IdpMeasurement> out;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        IdpMeasurement m;
        m.case_name = detail::trim(t.text(r, c_case));
        m.idp_mpa = t.number(r, c_idp);
        m.ratio = t.number(r, c_ratio);
        if (!detail::trim(t.text(r, c_any)).empty()) m.anybody_ratio = t.number(r, c_any);
        m.source = detail::trim(t.text(r, c_src));
        if (!(m.idp_mpa > 0) || !(m.ratio > 0))
            throw InputError(csv_path + ":" + std::to_string(t.line_numbers[r]), "idp_mpa/ratio_to_standing", "",
                             "must be positive");
        out.push_back(m);
    }
    return out;
}

namespace {
toml::table parse_toml(const std::string& toml_path) {
    try {
        return toml::parse_file(toml_path);
    } catch (const toml::parse_error& e) {
        throw InputError(toml_path, "", "", std::string("cannot parse: ") + std::string(e.description()));
    }
}
}  // namespace

IdpModel load_idp_model(const std::string& toml_path) {
    const toml::table doc = parse_toml(toml_path);
    IdpModel m;
    const auto p = doc["swelling_pressure_pa"].value<double>();
    if (!p || !std::isfinite(*p) || *p < 0 || *p > 1e6)
        throw InputError(toml_path, "swelling_pressure_pa", "", "must be a number in [0, 1e6] Pa");
    m.swelling_pressure_pa = *p;
    return m;
}

Subject load_validation_subject(const std::string& toml_path) {
    const toml::table doc = parse_toml(toml_path);
    for (const auto& [key, value] : doc)
        if (key != "body_mass_kg" && key != "height_m" && key != "sex")
            throw InputError(toml_path, std::string(key.str()), "", "unknown key (expected body_mass_kg, height_m, sex)");
    Subject s;
    const auto number = [&](const char* key) {
        const auto v = doc[key].value<double>();
        if (!v) throw InputError(toml_path, key, "", "missing or not a number");
        return *v;
    };
    s.body_mass_kg = number("body_mass_kg");
    s.height_m = number("height_m");
    const auto sex = doc["sex"].value<std::string>();
    if (!sex) throw InputError(toml_path, "sex", "", "missing or not a string ('male' or 'female')");
    s.sex = parse_sex(*sex, toml_path);
    validate_subject(s, toml_path);
    return s;
}

namespace {
// The rows of `names`, measured values from `csv` (data_dir/validation/<csv>), before the ratios are known.
std::vector<ValidationRow> analyse_cases(const Model& model, const std::vector<std::string>& names, const std::string& csv_path,
                                         const IdpModel& idp, const AnalysisOptions& options, bool& all_solved) {
    const std::vector<IdpMeasurement> measured = load_idp_measurements(csv_path);
    const int level = model.lumbar_level_index("L4/L5");
    const double k_area = model.idp_correction_factor * model.lumbar_levels[level].disc_area;
    Workspace ws(model);
    std::vector<ValidationRow> rows;
    for (const std::string& name : names) {
        const IdpMeasurement* m = nullptr;
        for (const IdpMeasurement& x : measured)
            if (x.case_name == name) m = &x;
        if (!m) throw InputError(csv_path, "case", name, "measurement missing");
        const FrameResult r = analyse_frame(model, ws, wilke_case_input(model, name), options);
        ValidationRow row;
        row.case_name = name;
        row.measured_idp_mpa = m->idp_mpa;
        row.measured_ratio = m->ratio;
        row.anybody_ratio = m->anybody_ratio;
        row.status = r.status;
        row.compression_n = r.levels[level].compression;
        row.predicted_idp_pa = idp.swelling_pressure_pa + row.compression_n / k_area;
        row.max_activation = r.max_stress / (model.specific_tension * model.subject.strength_scale);
        all_solved = all_solved && r.status == SolveStatus::Optimal;
        rows.push_back(row);
    }
    return rows;
}

void set_ratio(ValidationRow& row, double standing_idp_pa) {
    row.predicted_ratio = row.predicted_idp_pa / standing_idp_pa;
    row.error_pct = 100.0 * (row.predicted_ratio - row.measured_ratio) / row.measured_ratio;
}
}  // namespace

ValidationReport run_wilke_validation(const Model& model, const std::string& data_dir, const AnalysisOptions& options) {
    ValidationReport report;
    report.subject = model.subject;
    report.idp_model = load_idp_model(data_dir + "/validation/idp_model.toml");
    report.all_solved = true;
    report.rows = analyse_cases(model, wilke_case_names(), data_dir + "/validation/wilke1999_idp.csv", report.idp_model,
                                options, report.all_solved);
    report.supplementary_rows = analyse_cases(model, wilke_supplementary_case_names(),
                                              data_dir + "/validation/wilke2001_supplementary.csv", report.idp_model,
                                              options, report.all_solved);
    for (const ValidationRow& row : report.rows)
        if (row.case_name == "standing_relaxed") {
            report.standing_compression_n = row.compression_n;
            report.standing_idp_pa = row.predicted_idp_pa;
        }
    double sum_sq = 0;
    int n = 0;
    for (ValidationRow& row : report.rows) {
        set_ratio(row, report.standing_idp_pa);
        if (row.case_name == "standing_relaxed") continue;
        sum_sq += row.error_pct * row.error_pct;
        ++n;
        report.max_abs_error_pct = std::max(report.max_abs_error_pct, std::abs(row.error_pct));
    }
    report.rms_error_pct = n ? std::sqrt(sum_sq / n) : 0.0;
    for (ValidationRow& row : report.supplementary_rows) set_ratio(row, report.standing_idp_pa);
    return report;
}

void write_validation_csv(const ValidationReport& report, const std::string& path) {
    std::ofstream out(path);
    if (!out) throw InputError(path, "", "", "cannot write the validation table");
    out << "case,measured_ratio,predicted_ratio,error_pct,anybody_ratio,compression_n,predicted_idp_mpa\n";
    for (const ValidationRow& r : report.rows) {
        out << r.case_name << ',' << r.measured_ratio << ',' << r.predicted_ratio << ',' << r.error_pct << ',';
        if (r.anybody_ratio >= 0) out << r.anybody_ratio;
        out << ',' << r.compression_n << ',' << r.predicted_idp_pa * 1e-6 << '\n';
    }
}

}  // namespace spinesim
