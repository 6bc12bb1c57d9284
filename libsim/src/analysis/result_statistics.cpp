#include "spinesim/result_statistics.hpp"

#include "results/family_totals.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace spinesim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Net flexion moment the tissues, muscles and coupler carry at a level: external loads plus the support contacts on
// the part above (a backrest, a bench under the chest).
double net_moment(const SimulationResult& r, Eigen::Index frame, Eigen::Index level) {
    const bool contacts = frame < r.contact_moment.rows() && level < r.contact_moment.cols();
    return r.external_moment(frame, level) + (contacts ? r.contact_moment(frame, level) : 0.0);
}

std::string normalised(const std::string& level) {
    std::string out;
    for (char c : level)
        if (c != '/' && c != '-' && c != '_') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// Largest over solved frames of value(frame) ("largest" = not <= the running peak, so NaN values are skipped only
// once a peak exists, as NaN compares false).
template <class F>
double solved_peak(const SimulationResult& r, Eigen::Index frames, F&& value) {
    double peak = kNaN;
    for (Eigen::Index i = 0; i < frames; ++i) {
        if (!frame_solved(r, i)) continue;
        const double v = value(i);
        if (!(v <= peak)) peak = v;
    }
    return peak;
}

}  // namespace

bool frame_solved(const SimulationResult& r, Eigen::Index frame) {
    const auto i = static_cast<std::size_t>(frame);
    return i >= r.frame_status.size() || r.frame_status[i] == "optimal";
}

std::size_t solved_frame_count(const SimulationResult& r) {
    std::size_t n = 0;
    for (Eigen::Index i = 0; i < r.time.size(); ++i) n += frame_solved(r, i) ? 1 : 0;
    return n;
}

ColumnStat column_stat(const SimulationResult& r, const Eigen::MatrixXd& m, Eigen::Index col) {
    ColumnStat s;
    if (col < 0 || col >= m.cols()) return s;
    double sum = 0.0;
    int count = 0;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        const double v = m(i, col);
        if (!frame_solved(r, i) || !std::isfinite(v)) continue;
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

Eigen::Index level_index(const SimulationResult& r, const std::string& name) {
    for (std::size_t l = 0; l < r.level_names.size(); ++l)
        if (normalised(r.level_names[l]) == normalised(name)) return static_cast<Eigen::Index>(l);
    return -1;
}

double peak_passive_share(const SimulationResult& r, Eigen::Index level) {
    if (level < 0) return kNaN;
    Eigen::Index at = -1;
    for (Eigen::Index i = 0; i < r.external_moment.rows(); ++i) {
        const double net = net_moment(r, i, level);
        if (!frame_solved(r, i) || !(std::abs(net) >= kMinPassiveShareMoment)) continue;
        if (at < 0 || std::abs(net) > std::abs(net_moment(r, at, level))) at = i;
    }
    if (at < 0) return kNaN;
    return (r.tissue_moment(at, level) + r.passive_muscle_moment(at, level)) / net_moment(r, at, level);
}

double lumbar_flexion_peak(const SimulationResult& r) {
    std::vector<Eigen::Index> columns;
    for (const std::string& level : r.level_names) {
        const std::string name = normalised(level) + ".flexion";
        for (std::size_t c = 0; c < r.coordinate_names.size(); ++c)
            if (r.coordinate_names[c] == name) columns.push_back(static_cast<Eigen::Index>(c));
    }
    if (columns.empty()) return kNaN;
    return solved_peak(r, r.coordinates.rows(), [&](Eigen::Index i) {
        double sum = 0.0;
        for (const Eigen::Index c : columns) sum += r.coordinates(i, c);
        return sum;
    });
}

double family_peak(const SimulationResult& r, const std::string& family) {
    const Eigen::MatrixXd total = results::family_totals(r, r.muscle_force, {family});
    const Eigen::Index muscles = std::min<Eigen::Index>(r.muscle_force.cols(), r.muscle_families.size());
    if (std::find(r.muscle_families.begin(), r.muscle_families.begin() + muscles, family) ==
        r.muscle_families.begin() + muscles)
        return kNaN;
    return solved_peak(r, total.rows(), [&](Eigen::Index i) { return total(i, 0); });
}

double coupling_moment_peak(const SimulationResult& r) {
    return solved_peak(r, r.coupling_moment.rows(),
                       [&](Eigen::Index i) { return r.coupling_moment.row(i).cwiseAbs().maxCoeff(); });
}

double peak_activation(const SimulationResult& r) {
    return solved_peak(r, r.max_activation.size(), [&](Eigen::Index i) { return r.max_activation[i]; });
}

std::vector<MusclePeak> top_muscles(const SimulationResult& r, int count) {
    std::vector<MusclePeak> all;
    for (Eigen::Index m = 0; m < r.muscle_force.cols() && m < static_cast<Eigen::Index>(r.muscle_names.size()); ++m) {
        const ColumnStat s = column_stat(r, r.muscle_force, m);
        if (!std::isfinite(s.peak)) continue;
        const auto k = static_cast<std::size_t>(m);
        all.push_back({r.muscle_names[k], k < r.muscle_families.size() ? r.muscle_families[k] : "", s.peak, s.peak_time});
    }
    std::stable_sort(all.begin(), all.end(), [](const MusclePeak& a, const MusclePeak& b) { return a.force > b.force; });
    if (count < 0) count = 0;
    if (static_cast<int>(all.size()) > count) all.resize(static_cast<std::size_t>(count));
    return all;
}

}  // namespace spinesim
