// How strong a subject must be to hold a frame: the smallest strength factor (Subject::strength_scale, 1 = mean
// male) at which the muscles can carry the frame's loads. The answer to "who can do this lift?" when the model's
// mean-strength subject cannot (a 140 kg deadlift), in the spirit of 3DSSPP's strength capability, but as one factor
// on every muscle's maximal force rather than per-joint population percentiles.
#pragma once

#include "spinesim/frame_analysis.hpp"
#include "spinesim/model.hpp"

#include <limits>

namespace spinesim {

// Largest factor searched (the range Subject accepts, subject.cpp).
constexpr double kMaxStrengthScale = 5.0;

// A copy of `model` whose subject has strength factor `strength_scale`: every muscle's maximal force becomes
// PCSA x specific tension x strength_scale (and with it the passive fibre force, a fraction of it). Geometry, PCSA
// and the stress criteria are unchanged, so where no force bound is active the muscle sharing is the same.
Model with_strength_scale(const Model& model, double strength_scale);

// The smallest strength factor in [lower, upper] at which analyse_frame() solves the frame (status Optimal) with
// `options` (the scenario's criterion and balance), on the grid lower + k * tolerance (upper the last point), so the
// returned factor itself holds the frame and one step less does not. Returns `lower` if the frame is held there
// (not checked when lower_known_unheld) and +infinity if it is not held even at `upper` (or fails for a reason
// other than strength). `hint` (e.g. the neighbouring frame's answer; NaN = none) only speeds the search up.
// Assumes, as the bounds 0 <= F <= F_max do, that a stronger subject can hold whatever a weaker one can.
double strength_needed(const Model& model, const FrameInput& input, const AnalysisOptions& options, double lower,
                       double upper = kMaxStrengthScale, double tolerance = 0.01,
                       double hint = std::numeric_limits<double>::quiet_NaN(), bool lower_known_unheld = false);

}  // namespace spinesim
