// Search of the subject's strength factor for one frame (spinesim/strength_needed.hpp).
//
// Each probe solves the frame's muscle sharing with the scenario's own criterion at a trial factor, so the factor
// returned is one at which a run of the scenario holds the frame. (Holding is feasibility, which does not depend on
// the criterion; the criteria used to disagree by a few hundredths while the dual Newton refinement stopped early,
// docs/model.md "Infeasible frames and co-contraction under per-level balance".)
// A probe that fails costs a whole infeasibility proof (hundreds of iterations, ~2 ms), one that holds ~0.4 ms;
// with a hint (the neighbouring frame's answer) the search gallops outwards from it to a bracket and bisects
// there, instead of bisecting the whole range.
#include "spinesim/strength_needed.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace spinesim {

Model with_strength_scale(const Model& model, double strength_scale) {
    Model scaled = model;
    scaled.subject.strength_scale = strength_scale;
    for (Muscle& m : scaled.muscles) m.max_force = m.pcsa * scaled.specific_tension * strength_scale;
    return scaled;
}

namespace {

bool holds(const Model& model, const FrameInput& input, const AnalysisOptions& options, double strength_scale) {
    const Model scaled = with_strength_scale(model, strength_scale);
    Workspace ws(scaled);
    return analyse_frame(scaled, ws, input, options).status == SolveStatus::Optimal;
}

}  // namespace

double strength_needed(const Model& model, const FrameInput& input, const AnalysisOptions& options, double lower,
                       double upper, double tolerance, double hint, bool lower_known_unheld) {
    if (!lower_known_unheld && holds(model, input, options, lower)) return lower;
    // Grid k -> lower + k * tolerance (the last point is `upper`): the answer is reproducible whatever the path.
    const long steps = std::max(1L, static_cast<long>(std::ceil((upper - lower) / tolerance - 1e-9)));
    const auto at = [&](long k) { return k >= steps ? upper : lower + static_cast<double>(k) * tolerance; };
    long lo = 0, hi = steps;  // invariant: not held at lo; held at hi once `upper_checked`
    bool upper_checked = false;
    if (std::isfinite(hint) && hint > lower && hint < upper) {
        // Gallop from the grid point of the hint: 1, 2, 4, ... steps until the threshold is bracketed.
        const long start = std::clamp(static_cast<long>(std::llround((hint - lower) / tolerance)), 1L, steps - 1);
        if (holds(model, input, options, at(start))) {
            hi = start;
            upper_checked = true;
            for (long d = 1; hi - lo > 1; d *= 2) {
                const long k = std::max(lo + 1, hi - d);
                if (!holds(model, input, options, at(k))) {
                    lo = k;
                    break;
                }
                hi = k;
            }
        } else {
            lo = start;
            for (long d = 1; hi - lo > 1; d *= 2) {
                const long k = std::min(hi - 1, lo + d);
                if (holds(model, input, options, at(k))) {
                    hi = k;
                    upper_checked = true;
                    break;
                }
                lo = k;
            }
        }
    }
    if (!upper_checked) {
        if (!holds(model, input, options, at(hi))) return std::numeric_limits<double>::infinity();
    }
    while (hi - lo > 1) {
        const long mid = lo + (hi - lo) / 2;
        if (holds(model, input, options, at(mid))) hi = mid;
        else lo = mid;
    }
    return at(hi);
}

}  // namespace spinesim
