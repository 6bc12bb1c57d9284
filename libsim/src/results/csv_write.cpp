// write_csv: one row per frame with per-level loads, the passive share and muscle-family totals.
#include "results/family_totals.hpp"

#include "spinesim/error.hpp"
#include "spinesim/results_io.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace spinesim {

namespace {

std::string number(double v) {
    if (!std::isfinite(v)) return "";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", v);
    return buffer;
}

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// strength_needed: empty when nothing was searched (NaN: held at the subject's strength), "inf" when not even x5.
std::string strength(double v) { return std::isinf(v) ? std::string("inf") : number(v); }

double value_at(const Eigen::MatrixXd& m, Eigen::Index frame, Eigen::Index col) {
    return (frame < m.rows() && col < m.cols()) ? m(frame, col) : std::nan("");
}

}  // namespace

void write_csv(const SimulationResult& r, const std::string& path) {
    const std::vector<std::string> families = results::result_families(r);
    const Eigen::MatrixXd totals = results::family_totals(r, r.muscle_force, families);
    std::ostringstream out;
    out << "time [s]";
    for (const std::string& level : r.level_names)
        out << ',' << level << " compression [N]," << level << " shear_ap [N]," << level << " shear_lateral [N],"
            << level << " IDP [MPa]," << level << " passive share [-]";
    for (const std::string& f : families) out << ',' << f << " force [N]";
    out << ",max activation [-],status,warnings,strength needed [x mean]\n";
    for (Eigen::Index i = 0; i < r.time.size(); ++i) {
        out << number(r.time[i]);
        for (Eigen::Index l = 0; l < static_cast<Eigen::Index>(r.level_names.size()); ++l) {
            // net moment carried by tissues and muscles: external loads + supports on the part above
            const double external = value_at(r.external_moment, i, l) +
                                    (r.contact_moment.size() ? value_at(r.contact_moment, i, l) : 0.0);
            const double passive = value_at(r.tissue_moment, i, l) + value_at(r.passive_muscle_moment, i, l);
            out << ',' << number(value_at(r.compression, i, l)) << ',' << number(value_at(r.shear_ap, i, l)) << ','
                << number(value_at(r.shear_lateral, i, l)) << ','
                << number(value_at(r.intradiscal_pressure, i, l) * 1e-6) << ','
                << (std::abs(external) > 1e-9 ? number(passive / external) : std::string());
        }
        for (Eigen::Index f = 0; f < totals.cols(); ++f) out << ',' << number(value_at(totals, i, f));
        out << ',' << number(i < r.max_activation.size() ? r.max_activation[i] : std::nan(""));
        out << ',' << quoted(static_cast<std::size_t>(i) < r.frame_status.size() ? r.frame_status[i] : "") << ','
            << quoted(static_cast<std::size_t>(i) < r.frame_warnings.size() ? r.frame_warnings[i] : "") << ','
            << strength(i < r.strength_needed.size() ? r.strength_needed[i] : std::nan("")) << '\n';
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw InputError(path, "path", path, "is a directory, not a file");
    // Written beside the target and renamed into place: a failed write (disk full, killed) leaves an existing file
    // as it was and no half-written one.
    const std::string temporary = path + ".partial";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        if (!file) throw InputError(path, "path", path, "cannot be created (does the directory exist and is it writable?)");
        file << out.str();
        file.flush();
        if (!file) {
            file.close();
            std::filesystem::remove(temporary, ec);
            throw InputError(path, "path", path, "write failed (disk full?)");
        }
    }
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        throw InputError(path, "path", path, "cannot replace the file");
    }
}

}  // namespace spinesim
