// Posture solver: Levenberg-Marquardt (Ceres) on the weighted target residuals, each scaled by its tolerance
// (1 mm or 0.5 deg) so that lengths and angles are commensurate; free coordinates bounded to their range of motion,
// free lumbar coordinates together to the whole-lumbar range (lumbar_range.hpp).
// Numeric (central) differences over update_kinematics: the kinematics are cheap without muscles.
#include "simulation/posture_solver.hpp"

#include "simulation/lumbar_range.hpp"

#include <ceres/ceres.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace spinesim::detail {

namespace {

constexpr double kRadToDeg = 180.0 / 3.14159265358979323846;

// Stiffness of the whole-lumbar range residual: an angle beyond the range weighs 1000 x as much as an angle target of
// the largest weight missed by the same angle. A target of that weight pulling beyond the range (a hand 0.5 m further
// down, ~9 mm per degree of lumbar flexion) is then balanced ~1e-3 deg beyond it, far inside kLumbarRangeTolerance.
constexpr double kLumbarRangeStiffness = 1e3;

struct PostureCost {
    const PostureProblem* problem;
    double phase;
    Posture base;                     // fixed coordinates
    Workspace* ws;                    // owned by the caller, used sequentially (Ceres runs single-threaded here)
    std::vector<double>* scratch;

    bool operator()(double const* const* x, double* residual) const {
        Posture q = base;
        for (std::size_t k = 0; k < problem->free.size(); ++k) q[problem->free[k]] = x[0][k];
        if (!q.allFinite()) return false;
        update_kinematics(*problem->model, q, *ws);
        target_residuals(*problem, *ws, phase, *scratch);
        std::size_t row = 0;
        for (const ResolvedTarget& r : problem->targets) {
            if (r.fixed) continue;
            const double tolerance = r.metres ? kLengthTolerance : kAngleTolerance;
            residual[row] = r.source->weight * (*scratch)[row] / tolerance;
            ++row;
        }
        return true;
    }
};

std::size_t residual_count(const PostureProblem& problem) {
    std::size_t n = 0;
    for (const ResolvedTarget& r : problem.targets) n += r.fixed ? 0 : 1;
    return n;
}

// Residual per radian beyond the whole-lumbar range (see kLumbarRangeStiffness).
double lumbar_range_scale(const PostureProblem& problem) {
    double weight = 1.0;
    for (const ResolvedTarget& r : problem.targets)
        if (!r.fixed) weight = std::max(weight, r.source->weight);
    return kLumbarRangeStiffness * weight / kAngleTolerance;
}

}  // namespace

PostureSolution solve_posture(const PostureProblem& problem, double phase, const Posture& start, Workspace& ws) {
    const Model& model = *problem.model;
    PostureSolution out;
    out.q = fixed_posture(problem, phase);
    const std::size_t nfree = problem.free.size(), nres = residual_count(problem);
    std::vector<double> scratch;

    if (nfree > 0 && nres > 0) {
        std::vector<double> x(nfree);
        for (std::size_t k = 0; k < nfree; ++k) {
            const Coordinate& c = model.coordinates[problem.free[k]];
            x[k] = std::min(std::max(start[problem.free[k]], c.lower), c.upper);
        }
        auto* cost = new ceres::DynamicNumericDiffCostFunction<PostureCost, ceres::CENTRAL>(
            new PostureCost{&problem, phase, out.q, &ws, &scratch});
        cost->AddParameterBlock(static_cast<int>(nfree));
        cost->SetNumResiduals(static_cast<int>(nres));
        ceres::Problem ceres_problem;
        ceres_problem.AddResidualBlock(cost, nullptr, x.data());
        add_lumbar_range_residuals(problem, out.q, lumbar_range_scale(problem), x.data(), ceres_problem);
        for (std::size_t k = 0; k < nfree; ++k) {
            const Coordinate& c = model.coordinates[problem.free[k]];
            ceres_problem.SetParameterLowerBound(x.data(), static_cast<int>(k), c.lower);
            ceres_problem.SetParameterUpperBound(x.data(), static_cast<int>(k), c.upper);
        }
        ceres::Solver::Options options;
        options.linear_solver_type = ceres::DENSE_QR;
        options.max_num_iterations = 500;
        options.function_tolerance = 1e-14;
        options.gradient_tolerance = 1e-14;
        options.parameter_tolerance = 1e-12;
        options.num_threads = 1;   // deterministic; the workspace is used sequentially
        options.logging_type = ceres::SILENT;
        options.minimizer_progress_to_stdout = false;
        ceres::Solver::Summary summary;
        ceres::Solve(options, &ceres_problem, &summary);
        for (std::size_t k = 0; k < nfree; ++k) out.q[problem.free[k]] = x[k];
    }

    // Report: RMS in mm / deg, every hard target missed beyond its tolerance and a whole-lumbar angle beyond its range
    // (a posture the subject cannot take).
    update_kinematics(model, out.q, ws);
    target_residuals(problem, ws, phase, scratch);
    double sum = 0.0;
    std::ostringstream missed;
    std::size_t row = 0;
    for (const ResolvedTarget& r : problem.targets) {
        if (r.fixed) continue;
        const double e = scratch[row++];
        const double shown = r.metres ? e * 1e3 : e * kRadToDeg;
        sum += shown * shown;
        const double tolerance = r.metres ? kLengthTolerance : kAngleTolerance;
        if (r.source->hard && std::abs(e) > tolerance) {
            if (missed.tellp() > 0) missed << "; ";
            missed << r.label << " missed by " << shown << (r.metres ? " mm" : " deg");
        }
    }
    const std::string beyond_range = lumbar_range_violations(model, out.q);
    if (!beyond_range.empty()) missed << (missed.tellp() > 0 ? "; " : "") << beyond_range;
    out.rms = row ? std::sqrt(sum / static_cast<double>(row)) : 0.0;
    out.missed = missed.str();
    return out;
}

}  // namespace spinesim::detail
