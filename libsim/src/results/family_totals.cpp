#include "results/family_totals.hpp"

#include "spinesim/frame_analysis.hpp"

#include <algorithm>

namespace spinesim::results {

std::vector<std::string> result_families(const SimulationResult& result) {
    std::vector<std::string> out;
    auto present = [&](const std::string& f) {
        return std::find(result.muscle_families.begin(), result.muscle_families.end(), f) != result.muscle_families.end();
    };
    for (const std::string& f : muscle_families())
        if (present(f)) out.push_back(f);
    for (const std::string& f : result.muscle_families)
        if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    return out;
}

Eigen::MatrixXd family_totals(const SimulationResult& result, const Eigen::MatrixXd& forces,
                              const std::vector<std::string>& families) {
    Eigen::MatrixXd totals = Eigen::MatrixXd::Zero(forces.rows(), static_cast<Eigen::Index>(families.size()));
    const Eigen::Index muscles = std::min<Eigen::Index>(forces.cols(), result.muscle_families.size());
    for (Eigen::Index m = 0; m < muscles; ++m) {
        const auto it = std::find(families.begin(), families.end(), result.muscle_families[m]);
        if (it != families.end()) totals.col(it - families.begin()) += forces.col(m);
    }
    return totals;
}

}  // namespace spinesim::results
