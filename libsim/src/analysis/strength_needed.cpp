// Search of the subject's strength factor for one frame (spinesim/strength_needed.hpp).
//
// Each probe solves the frame's muscle sharing with the scenario's own criterion at a trial factor, so the factor
// returned is one at which a run of the scenario holds the frame. (Holding is feasibility, which does not depend on
// the criterion; the criteria used to disagree by a few hundredths while the dual Newton refinement stopped early,
// docs/model.md "Infeasible frames and co-contraction under per-level balance".)
// A probe that holds costs ~0.4 ms; one that fails a whole infeasibility proof (hundreds of iterations, ~2-5 ms)
// unless the closest balance of the latest failed probe, or the solve's first stages, prove it fails (see
// sharing/strength_probe.hpp), and the posture's kinematics are computed once per search (2.6-3.3 ms per unheld frame
// coupled, 3.5-3.9 ms per level, from 4.2-4.5 / 4.5-6.0 ms with a full preparation per probe); with a hint (the
// neighbouring frame's answer) the search gallops outwards from it to a bracket and bisects there, instead of
// bisecting the whole range.
#include "spinesim/strength_needed.hpp"

#include "analysis/frame_problem.hpp"
#include "sharing/strength_probe.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace spinesim {

namespace {

void set_strength_scale(Model& model, double strength_scale) {
    model.subject.strength_scale = strength_scale;
    for (Muscle& m : model.muscles) m.max_force = m.pcsa * model.specific_tension * strength_scale;
}

}  // namespace

Model with_strength_scale(const Model& model, double strength_scale) {
    Model scaled = model;
    set_strength_scale(scaled, strength_scale);
    return scaled;
}

namespace {

// The probes of one search: analyse_frame()'s input checks (once) and its sharing problem, whose status (that of
// analyse_frame()) sharing::holds_sharing() gives, answering "not held" from the closest-point residual of an
// earlier unheld probe when that proves it; the joint loads analyse_frame() would go on to compute are not needed.
// The posture's kinematics and the loads that do not depend on strength are computed once; each probe rescales
// one copy of the model's maximal forces and assembles again (the same numbers as a model built at that factor).
class Prober {
public:
    Prober(const Model& model, const FrameInput& input, const AnalysisOptions& options)
        : input_(input), options_(options), scaled_(model), ws_(model) {}

    bool holds(double strength_scale) {
        set_strength_scale(scaled_, strength_scale);
        if (!prepared_) {
            detail::validate_frame_input(scaled_, input_, options_);
            frame_ = detail::prepare_frame_loads(scaled_, ws_, input_);
            prepared_ = true;
        }
        detail::assemble_frame(scaled_, ws_, input_, frame_, options_.lumbar_balance);
        return sharing::holds_sharing(frame_.assembled.problem, options_.solver, certificate_);
    }

private:
    const FrameInput& input_;
    const AnalysisOptions& options_;
    Model scaled_;                  // the model at the latest probe's strength
    Workspace ws_;                  // the posture's kinematics (independent of strength)
    detail::FrameProblem frame_;    // loads independent of strength; passive forces and problem of the latest probe
    bool prepared_ = false;
    Eigen::VectorXd certificate_;  // scaled closest-point residual of the latest fully solved unheld probe
};

}  // namespace

double strength_needed(const Model& model, const FrameInput& input, const AnalysisOptions& options, double lower,
                       double upper, double tolerance, double hint, bool lower_known_unheld) {
    Prober prober(model, input, options);
    if (!lower_known_unheld && prober.holds(lower)) return lower;
    // Grid k -> lower + k * tolerance (the last point is `upper`): the answer is reproducible whatever the path.
    const long steps = std::max(1L, static_cast<long>(std::ceil((upper - lower) / tolerance - 1e-9)));
    const auto at = [&](long k) { return k >= steps ? upper : lower + static_cast<double>(k) * tolerance; };
    long lo = 0, hi = steps;  // invariant: not held at lo; held at hi once `upper_checked`
    bool upper_checked = false;
    if (std::isfinite(hint) && hint > lower && hint < upper) {
        // Gallop from the grid point of the hint: 1, 2, 4, ... steps until the threshold is bracketed.
        const long start = std::clamp(static_cast<long>(std::llround((hint - lower) / tolerance)), 1L, steps - 1);
        if (prober.holds(at(start))) {
            hi = start;
            upper_checked = true;
            for (long d = 1; hi - lo > 1; d *= 2) {
                const long k = std::max(lo + 1, hi - d);
                if (!prober.holds(at(k))) {
                    lo = k;
                    break;
                }
                hi = k;
            }
        } else {
            lo = start;
            for (long d = 1; hi - lo > 1; d *= 2) {
                const long k = std::min(hi - 1, lo + d);
                if (prober.holds(at(k))) {
                    hi = k;
                    upper_checked = true;
                    break;
                }
                lo = k;
            }
        }
    }
    if (!upper_checked) {
        if (!prober.holds(at(hi))) return std::numeric_limits<double>::infinity();
    }
    while (hi - lo > 1) {
        const long mid = lo + (hi - lo) / 2;
        if (prober.holds(at(mid))) hi = mid;
        else lo = mid;
    }
    return at(hi);
}

}  // namespace spinesim
