#include "report_table.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

namespace spinesim::cli {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;
constexpr double kMinExternalMoment = 5.0;  // N·m: below this the passive share is not meaningful

// ---- statistics over solved frames ----

bool solved(const SimulationResult& r, Eigen::Index frame) {
    const auto i = static_cast<std::size_t>(frame);
    return i >= r.frame_status.size() || r.frame_status[i] == "optimal";
}

struct Stat {
    double peak = kNaN;  // largest magnitude, signed
    double mean = kNaN;
    double peak_time = kNaN;
};

Stat column_stat(const SimulationResult& r, const Eigen::MatrixXd& m, Eigen::Index col) {
    Stat s;
    if (col < 0 || col >= m.cols()) return s;
    double sum = 0.0;
    int count = 0;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        const double v = m(i, col);
        if (!solved(r, i) || !std::isfinite(v)) continue;
        if (count == 0 || std::abs(v) > std::abs(s.peak)) {
            s.peak = v;
            s.peak_time = i < r.time.size() ? r.time[i] : kNaN;
        }
        sum += v;
        ++count;
    }
    if (count > 0) s.mean = sum / count;
    return s;
}

// Net flexion moment the tissues, muscles and coupler carry at a level: external loads plus the support contacts on
// the part above (a backrest, a bench under the chest).
double net_moment(const SimulationResult& r, Eigen::Index frame, Eigen::Index level) {
    const bool contacts = frame < r.contact_moment.rows() && level < r.contact_moment.cols();
    return r.external_moment(frame, level) + (contacts ? r.contact_moment(frame, level) : 0.0);
}

// Passive share (tissue + passive muscle moment over the net moment) at the solved frame where the net moment is
// largest: the ratio at small moments (upright frames) says nothing about who carries the load.
double peak_passive_share(const SimulationResult& r, Eigen::Index level) {
    if (level < 0) return kNaN;
    Eigen::Index at = -1;
    for (Eigen::Index i = 0; i < r.external_moment.rows(); ++i) {
        const double net = net_moment(r, i, level);
        if (!solved(r, i) || !(std::abs(net) >= kMinExternalMoment)) continue;
        if (at < 0 || std::abs(net) > std::abs(net_moment(r, at, level))) at = i;
    }
    if (at < 0) return kNaN;
    return (r.tissue_moment(at, level) + r.passive_muscle_moment(at, level)) / net_moment(r, at, level);
}

std::string normalised(const std::string& level) {
    std::string out;
    for (char c : level)
        if (c != '/' && c != '-' && c != '_') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

Eigen::Index level_index(const SimulationResult& r, const std::string& name) {
    for (std::size_t l = 0; l < r.level_names.size(); ++l)
        if (normalised(r.level_names[l]) == normalised(name)) return static_cast<Eigen::Index>(l);
    return -1;
}

// Largest total lumbar flexion over the solved frames: the sum of the "<level>.flexion" coordinates of the lumbar
// joints (rad, + = flexion); NaN when the result has none of them.
double lumbar_flexion_peak(const SimulationResult& r) {
    std::vector<Eigen::Index> columns;
    for (const std::string& level : r.level_names) {
        const std::string name = normalised(level) + ".flexion";
        for (std::size_t c = 0; c < r.coordinate_names.size(); ++c)
            if (r.coordinate_names[c] == name) columns.push_back(static_cast<Eigen::Index>(c));
    }
    if (columns.empty()) return kNaN;
    double peak = kNaN;
    for (Eigen::Index i = 0; i < r.coordinates.rows(); ++i) {
        if (!solved(r, i)) continue;
        double sum = 0.0;
        for (const Eigen::Index c : columns) sum += r.coordinates(i, c);
        if (!(sum <= peak)) peak = sum;
    }
    return peak;
}

struct MusclePeak {
    std::string name, family;
    double force = 0.0, time = 0.0;
};

std::vector<MusclePeak> top_muscles(const SimulationResult& r, int top) {
    std::vector<MusclePeak> all;
    for (Eigen::Index m = 0; m < r.muscle_force.cols() && m < static_cast<Eigen::Index>(r.muscle_names.size()); ++m) {
        const Stat s = column_stat(r, r.muscle_force, m);
        if (!std::isfinite(s.peak)) continue;
        const auto k = static_cast<std::size_t>(m);
        all.push_back({r.muscle_names[k], k < r.muscle_families.size() ? r.muscle_families[k] : "", s.peak, s.peak_time});
    }
    std::stable_sort(all.begin(), all.end(), [](const MusclePeak& a, const MusclePeak& b) { return a.force > b.force; });
    if (static_cast<int>(all.size()) > top) all.resize(static_cast<std::size_t>(top));
    return all;
}

// Peak over solved frames of a muscle family's summed force (both sides), N; NaN if the family has no muscle.
double family_peak(const SimulationResult& r, const std::string& family) {
    double peak = kNaN;
    bool any = false;
    for (Eigen::Index i = 0; i < r.muscle_force.rows(); ++i) {
        if (!solved(r, i)) continue;
        double sum = 0.0;
        for (Eigen::Index m = 0; m < r.muscle_force.cols() && m < static_cast<Eigen::Index>(r.muscle_families.size()); ++m)
            if (r.muscle_families[static_cast<std::size_t>(m)] == family) {
                sum += r.muscle_force(i, m);
                any = true;
            }
        if (!(sum <= peak)) peak = sum;
    }
    return any ? peak : kNaN;
}

std::size_t solved_frames(const SimulationResult& r) {
    std::size_t n = 0;
    for (Eigen::Index i = 0; i < r.time.size(); ++i) n += solved(r, i) ? 1 : 0;
    return n;
}

// ---- formatting ----

std::string fmt(double v, const char* format = "%.0f") {
    if (!std::isfinite(v)) return "n/a";
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, format, v);
    std::string out = buffer;
    if (out.size() > 1 && out[0] == '-' && out.find_first_of("123456789") == std::string::npos) out.erase(0, 1);  // "-0"
    return out;
}

std::string with_flag(const std::string& value, const std::string& flag) {
    return flag.empty() ? value : value + "  " + flag;
}

// Columns aligned; the first left-aligned, the others right-aligned.
void print_table(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (width.size() <= c) width.push_back(0);
            width[c] = std::max(width[c], row[c].size());
        }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string line;
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            const std::string& cell = rows[r][c];
            const std::string pad(width[c] - cell.size(), ' ');
            line += c == 0 ? cell + pad : "  " + pad + cell;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::printf("%s\n", line.c_str());
        if (r == 0) {
            std::size_t total = 0;
            for (std::size_t w : width) total += w + 2;
            std::printf("%s\n", std::string(total - 2, '-').c_str());
        }
    }
}

void print_limits_note() {
    std::printf("Limits: compression %.0f N action limit (AL) / %.0f N maximum permissible limit (MPL), NIOSH (Waters "
                "et al. 1993, Ergonomics 36:749); shear %.0f N (Gallagher & Marras 2012, Clin Biomech 27:973).\n"
                "Peaks are over solved frames; shear peak = largest magnitude, signed (+ = superior vertebra loaded "
                "anteriorly). Passive share = (tissue + passive muscle moment) / net moment (external loads + supports on the part "
                "above), at the frame of the largest net moment.\n",
                kNioshActionLimit, kNioshMaximumLimit, kShearLimit);
}

// One comparison row: a value per run (NaN if missing) with its text.
struct Metric {
    std::string label;
    std::vector<double> values;
    std::vector<std::string> texts;
    bool numeric = true;
    bool relative = true;  // difference also as a % of the first value (not for quantities that start near zero)
};

}  // namespace

std::string compression_flag(double peak) {
    if (peak > kNioshMaximumLimit) return "> 6400 N (NIOSH MPL)";
    if (peak > kNioshActionLimit) return "> 3400 N (NIOSH AL)";
    return "";
}

std::string shear_flag(double peak) { return std::abs(peak) > kShearLimit ? "> 1000 N (shear limit)" : ""; }

void print_run_report(const SimulationResult& r, int top) {
    const Scenario& s = r.definition;
    std::printf("%s (%s): %.1f kg, %.2f m %s, strength x%.3g; %zu of %zu frames solved\n\n",
                s.title.empty() ? r.scenario.c_str() : s.title.c_str(), r.scenario.c_str(), s.subject.body_mass_kg,
                s.subject.height_m, to_string(s.subject.sex).c_str(), s.subject.strength_scale,
                solved_frames(r), static_cast<std::size_t>(r.time.size()));
    std::vector<std::vector<std::string>> rows = {{"level", "compr. peak [N]", "compr. mean [N]", "AP shear peak [N]",
                                                   "AP shear mean [N]", "lat. shear peak [N]", "IDP peak [MPa]",
                                                   "passive share at peak moment", "flags"}};
    for (std::size_t l = 0; l < r.level_names.size(); ++l) {
        const auto k = static_cast<Eigen::Index>(l);
        const Stat c = column_stat(r, r.compression, k), ap = column_stat(r, r.shear_ap, k);
        const Stat lat = column_stat(r, r.shear_lateral, k), idp = column_stat(r, r.intradiscal_pressure, k);
        std::string flags = compression_flag(c.peak);
        const std::string sf = shear_flag(ap.peak);
        if (!sf.empty()) flags += (flags.empty() ? "" : ", ") + sf;
        rows.push_back({r.level_names[l], fmt(c.peak), fmt(c.mean), fmt(ap.peak), fmt(ap.mean), fmt(lat.peak),
                        fmt(idp.peak * 1e-6, "%.2f"), fmt(peak_passive_share(r, k) * 100.0, "%.0f%%"), flags});
    }
    print_table(rows);
    std::printf("\nTop %d muscles by peak force:\n", top);
    std::vector<std::vector<std::string>> muscles = {{"muscle", "family", "peak [N]", "at [s]"}};
    for (const MusclePeak& m : top_muscles(r, top)) muscles.push_back({m.name, m.family, fmt(m.force), fmt(m.time, "%.2f")});
    print_table(muscles);
    std::printf("\n");
    print_limits_note();
}

void print_comparison(const std::vector<std::pair<std::string, const SimulationResult*>>& runs) {
    std::vector<Metric> metrics;
    auto add = [&](const std::string& label, auto value_of, const char* format, auto flag_of) {
        Metric m{label, {}, {}, true};
        for (const auto& run : runs) {
            const double v = value_of(*run.second);
            m.values.push_back(v);
            m.texts.push_back(with_flag(fmt(v, format), std::isfinite(v) ? flag_of(v) : ""));
        }
        metrics.push_back(std::move(m));
    };
    auto no_flag = [](double) { return std::string(); };
    for (const char* level : {"L4/L5", "L5/S1"}) {
        const std::string lv = level;
        auto stat = [lv](const Eigen::MatrixXd SimulationResult::*field, bool peak) {
            return [lv, field, peak](const SimulationResult& r) {
                const Stat s = column_stat(r, r.*field, level_index(r, lv));
                return peak ? s.peak : s.mean;
            };
        };
        add(lv + " compression peak [N]", stat(&SimulationResult::compression, true), "%.0f", compression_flag);
        add(lv + " compression mean [N]", stat(&SimulationResult::compression, false), "%.0f", no_flag);
        add(lv + " AP shear peak [N]", stat(&SimulationResult::shear_ap, true), "%.0f", shear_flag);
        add(lv + " AP shear mean [N]", stat(&SimulationResult::shear_ap, false), "%.0f", no_flag);
    }
    add("L4/L5 passive share at peak moment [%]",
        [](const SimulationResult& r) { return 100.0 * peak_passive_share(r, level_index(r, "L4/L5")); }, "%.0f", no_flag);
    // The article's mechanism: a round back stretches the posterior passive tissues. Lumbar flexion (sum of the five
    // levels' flexion angles, + = flexion) and the posterior ligament lines' tension at L4/L5.
    add("lumbar flexion peak, L1/L2 to L5/S1 [deg]", [](const SimulationResult& r) {
        return 180.0 / kPi * lumbar_flexion_peak(r);
    }, "%.0f", no_flag);
    add("L4/L5 posterior ligament tension peak [N]", [](const SimulationResult& r) {
        return column_stat(r, r.ligament_force, level_index(r, "L4/L5")).peak;
    }, "%.0f", no_flag);
    metrics[metrics.size() - 2].relative = false;  // near zero in a neutral spine: a % change says nothing
    metrics[metrics.size() - 1].relative = false;
    // The rhythm coupler's constraint moment (coupled balance): not produced by any tissue, shown so that its size
    // can be judged against the external moment.
    add("coupling moment peak, any level [N·m]", [](const SimulationResult& r) {
        double peak = kNaN;
        for (Eigen::Index i = 0; i < r.coupling_moment.rows(); ++i)
            if (solved(r, i)) {
                const double v = r.coupling_moment.row(i).cwiseAbs().maxCoeff();
                if (!(v <= peak)) peak = v;
            }
        return peak;
    }, "%.0f", no_flag);
    for (const char* level : {"L4/L5", "L5/S1"}) {
        const std::string lv = level;
        add(lv + " IDP peak [MPa]", [lv](const SimulationResult& r) {
            return 1e-6 * column_stat(r, r.intradiscal_pressure, level_index(r, lv)).peak;
        }, "%.2f", no_flag);
    }
    add("peak activation (largest force / max force) [%]", [](const SimulationResult& r) {
        double peak = kNaN;
        for (Eigen::Index i = 0; i < r.max_activation.size(); ++i)
            if (solved(r, i) && !(r.max_activation[i] <= peak)) peak = r.max_activation[i];
        return 100.0 * peak;
    }, "%.0f", no_flag);
    // The trunk muscle groups the question is about ("which muscles carry it"), summed over both sides.
    for (const char* family : {"erector_spinae", "multifidus", "quadratus_lumborum", "psoas", "abdominals",
                               "latissimus_dorsi"}) {
        const std::string f = family;
        add(f + " peak [N]", [f](const SimulationResult& r) { return family_peak(r, f); }, "%.0f", no_flag);
    }
    for (int k = 0; k < 5; ++k) {
        Metric m{"muscle #" + std::to_string(k + 1) + " peak [N]", {}, {}, false};
        for (const auto& run : runs) {
            const std::vector<MusclePeak> top = top_muscles(*run.second, 5);
            m.values.push_back(kNaN);
            m.texts.push_back(k < static_cast<int>(top.size()) ? top[k].name + " " + fmt(top[k].force) : "");
        }
        metrics.push_back(std::move(m));
    }

    const bool difference = runs.size() == 2;
    std::vector<std::vector<std::string>> rows(1, {"metric"});
    for (const auto& run : runs) rows[0].push_back(run.first);
    if (difference) rows[0].push_back("difference");
    std::vector<std::string> strength{"strength (x mean male max force)"};
    for (const auto& run : runs) strength.push_back(fmt(run.second->definition.subject.strength_scale, "%.3g"));
    if (difference) strength.push_back("");
    rows.push_back(strength);
    std::vector<std::string> status{"frames solved"};
    for (const auto& run : runs)
        status.push_back(std::to_string(solved_frames(*run.second)) + "/" + std::to_string(run.second->time.size()));
    if (difference) status.push_back("");
    rows.push_back(status);
    std::vector<std::string> warned{"frames with path-validity warnings"};
    for (const auto& run : runs)
        warned.push_back(std::to_string(run.second->frames_with_warnings()) + "/" + std::to_string(run.second->time.size()));
    if (difference) warned.push_back("");
    rows.push_back(warned);
    for (const Metric& m : metrics) {
        std::vector<std::string> row{m.label};
        row.insert(row.end(), m.texts.begin(), m.texts.end());
        if (difference) {
            const double a = m.values[0], b = m.values[1], d = b - a;
            // A share in % differs by percentage points; a relative change of a share is not shown (of a share near
            // zero it is meaningless, e.g. 0.06 % -> 0.24 % is not "+319 %").
            const bool share = m.label.find("[%]") != std::string::npos;
            std::string text;
            if (m.numeric && std::isfinite(d))
                text = share ? fmt(d, "%+.1f") + " pp" : fmt(d, std::abs(d) < 10 ? "%+.2f" : "%+.0f");
            if (!text.empty() && !share && m.relative && std::abs(a) > 1e-9) text += " (" + fmt(100.0 * d / std::abs(a), "%+.0f%%") + ")";
            row.push_back(text);
        }
        rows.push_back(std::move(row));
    }
    print_table(rows);
    std::printf("\n");
    print_limits_note();
}

void print_summary(const std::vector<std::pair<std::string, const SimulationResult*>>& runs) {
    struct Row {
        std::string label;
        const SimulationResult* r;
        double peak;
    };
    std::vector<Row> sorted;
    for (const auto& [label, r] : runs)
        sorted.push_back({label, r, column_stat(*r, r->compression, level_index(*r, "L4/L5")).peak});
    std::stable_sort(sorted.begin(), sorted.end(), [](const Row& a, const Row& b) {
        return (std::isnan(b.peak) && !std::isnan(a.peak)) || a.peak > b.peak;
    });
    std::vector<std::vector<std::string>> rows = {{"scenario", "strength", "frames", "L4/L5 compr. peak [N]",
                                                   "mean [N]", "L4/L5 AP shear peak [N]", "L5/S1 compr. peak [N]",
                                                   "L5/S1 AP shear peak [N]", "passive share [%]", "peak act. [%]",
                                                   "flags"}};
    for (const Row& row : sorted) {
        const SimulationResult& r = *row.r;
        const Eigen::Index l4 = level_index(r, "L4/L5"), l5 = level_index(r, "L5/S1");
        const Stat c4 = column_stat(r, r.compression, l4), s4 = column_stat(r, r.shear_ap, l4);
        const Stat c5 = column_stat(r, r.compression, l5), s5 = column_stat(r, r.shear_ap, l5);
        double activation = kNaN;
        for (Eigen::Index i = 0; i < r.max_activation.size(); ++i)
            if (solved(r, i) && !(r.max_activation[i] <= activation)) activation = r.max_activation[i];
        std::string flags = compression_flag(std::max(c4.peak, c5.peak));
        const std::string sf = shear_flag(std::abs(s4.peak) > std::abs(s5.peak) ? s4.peak : s5.peak);
        if (!sf.empty()) flags += (flags.empty() ? "" : "; ") + sf;
        if (r.frames_with_warnings() > 0) flags += (flags.empty() ? "" : "; ") + std::string("path-validity warnings");
        rows.push_back({row.label, fmt(r.definition.subject.strength_scale, "x%.2f"),
                        std::to_string(solved_frames(r)) + "/" + std::to_string(r.time.size()), fmt(c4.peak),
                        fmt(c4.mean), fmt(s4.peak), fmt(c5.peak), fmt(s5.peak),
                        fmt(100.0 * peak_passive_share(r, l4)), fmt(100.0 * activation), flags});
    }
    print_table(rows);
    std::printf("\n");
    print_limits_note();
}

}  // namespace spinesim::cli
