// Whole-lumbar range of motion: the posture solver's residual blocks and the check of a solved posture.
#include "simulation/lumbar_range.hpp"

#include <ceres/ceres.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>
#include <vector>

namespace spinesim::detail {

namespace {

constexpr double kRadToDeg = 180.0 / 3.14159265358979323846;
const char* const kComponentName[3] = {"flexion", "lateral bending", "axial rotation"};

bool has_range(const Model& model, int k) {
    return std::isfinite(model.whole_lumbar_lower[k]) || std::isfinite(model.whole_lumbar_upper[k]);
}

// scale x (whole-lumbar angle - nearest bound) outside [lower, upper], 0 inside; the angle is the fixed levels' sum
// plus the free levels' entries of x. Linear in x outside the range, so the Jacobian is exact.
class WholeLumbarRangeCost final : public ceres::CostFunction {
public:
    WholeLumbarRangeCost(int parameters, std::vector<int> slots, double fixed_sum, double lower, double upper,
                         double scale)
        : slots_(std::move(slots)), fixed_sum_(fixed_sum), lower_(lower), upper_(upper), scale_(scale) {
        set_num_residuals(1);
        mutable_parameter_block_sizes()->push_back(parameters);
    }

    bool Evaluate(double const* const* x, double* residual, double** jacobians) const override {
        double angle = fixed_sum_;
        for (const int s : slots_) angle += x[0][s];
        const double beyond = angle > upper_ ? angle - upper_ : angle < lower_ ? angle - lower_ : 0.0;
        residual[0] = scale_ * beyond;
        if (jacobians != nullptr && jacobians[0] != nullptr) {
            std::fill(jacobians[0], jacobians[0] + parameter_block_sizes()[0], 0.0);
            if (beyond != 0.0)
                for (const int s : slots_) jacobians[0][s] = scale_;
        }
        return true;
    }

private:
    std::vector<int> slots_;   // positions in x of the component's free lumbar coordinates
    double fixed_sum_, lower_, upper_, scale_;
};

}  // namespace

double whole_lumbar_angle(const Model& model, const Posture& q, int component) {
    double sum = 0.0;
    for (const LumbarLevel& level : model.lumbar_levels)
        sum += q[model.joints[level.joint].first_coordinate + component];
    return sum;
}

void add_lumbar_range_residuals(const PostureProblem& problem, const Posture& base, double scale, double* x,
                                ceres::Problem& ceres_problem) {
    const Model& model = *problem.model;
    const int nfree = static_cast<int>(problem.free.size());
    for (int k = 0; k < 3; ++k) {
        if (!has_range(model, k)) continue;
        std::vector<int> slots;
        double fixed_sum = 0.0;
        for (const LumbarLevel& level : model.lumbar_levels) {
            const int c = model.joints[level.joint].first_coordinate + k;
            const auto it = std::find(problem.free.begin(), problem.free.end(), c);
            if (it == problem.free.end()) fixed_sum += base[c];
            else slots.push_back(static_cast<int>(it - problem.free.begin()));
        }
        if (slots.empty()) continue;   // fixed levels only: checked against the range when the scenario is read
        const double lower = model.whole_lumbar_lower[k], upper = model.whole_lumbar_upper[k];
        auto* cost = new WholeLumbarRangeCost(nfree, std::move(slots), fixed_sum, lower, upper, scale);
        ceres_problem.AddResidualBlock(cost, nullptr, x);   // the problem owns the cost
    }
}

std::string lumbar_range_violations(const Model& model, const Posture& q, double tolerance) {
    std::ostringstream out;
    for (int k = 0; k < 3; ++k) {
        if (!has_range(model, k)) continue;
        const double angle = whole_lumbar_angle(model, q, k);
        const double lower = model.whole_lumbar_lower[k], upper = model.whole_lumbar_upper[k];
        if (angle >= lower - tolerance && angle <= upper + tolerance) continue;
        if (out.tellp() > 0) out << "; ";
        out << "whole-lumbar " << kComponentName[k] << " " << angle * kRadToDeg << " deg beyond its range of motion ["
            << lower * kRadToDeg << ", " << upper * kRadToDeg << "] deg";
    }
    return out.str();
}

}  // namespace spinesim::detail
