// The common strength of a set of runs (the twins of a comparison, a table of `spinesim compare`): the smallest
// strength factor (Subject::strength_scale, 1 = mean male) at which every frame of every run is held, from the runs'
// per-frame strength_needed (strength_needed.hpp), and how the runs are run again at it. Used by `spinesim compare
// --strength auto`, spinesim.compare(strength="auto"), spinesim.common_strength and examples/uncertainty.py.
#pragma once

#include "spinesim/simulation.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace spinesim {

// The largest strength_to_hold_all() of the runs (null entries are skipped): NaN when every frame is held at the
// runs' own strength, +inf when some frame is not held even at kMaxStrengthScale.
double largest_strength_needed(const std::vector<const SimulationResult*>& runs);

// The smallest factor that holds every frame of every run: NaN when every frame is held already, +inf when some frame
// cannot be held by strength alone (not even at kMaxStrengthScale, an unsolved frame without a strength_needed such
// as a missed posture target, or a run that failed: a null entry).
double common_strength(const std::vector<const SimulationResult*>& runs);

// The factor that holds every frame strength can hold: common_strength() when it is finite or NaN; when it is
// infinite, the largest finite strength_needed of the runs (so that only the frames strength cannot hold stay
// unsolved), NaN when there is none.
double partial_common_strength(const std::vector<const SimulationResult*>& runs);

// One run under "--strength auto" (spinesim run / batch / summary, spinesim.run(strength="auto"), spinesim.summary):
// the scenario at its own subject's strength first; when its muscles cannot hold some frame and a larger factor holds
// them all (strength_to_hold_all() finite), again at that factor with `model` scaled to it (with_strength_scale, the
// same maximal forces as a model built for the stronger subject).
struct AutoStrengthRun {
    SimulationResult result;      // the run to report: the rerun when there was one
    double rerun_strength;        // the rerun's factor; NaN when every frame was held or no factor up to x5 holds them
    int frames_held_first = 0;    // frames the first run (the subject's own strength) held
    std::string note;             // strength_rerun_note(first run, rerun_strength, setting); empty without a rerun
};
// `model` must be the model of scenario.subject. Throws what simulate() throws.
AutoStrengthRun simulate_with_auto_strength(const Model& model, const Scenario& scenario, const std::string& setting);

// `overrides` with subject.strength_scale set to `factor`, written so that it reads back as the same double: the
// overrides of a run again at the common strength.
std::map<std::string, std::string> with_strength_override(std::map<std::string, std::string> overrides, double factor);

// The note of one run (at its own strength) run again at `factor`, the smallest factor that holds its every frame
// (strength_to_hold_all()): "strength x1.234 (<setting>; x1.000 holds 3 of 5 frames)".
std::string strength_rerun_note(const SimulationResult& run, double factor, const std::string& setting);

// The note above a table whose runs (label, result at their own strength) are run again at `factor`:
// "Strength x1.234 (<setting>): at the scenarios' strength (x1.000) the muscles hold a 3/5, b 5/5 frames; x1.234 is
// the smallest common factor ... (strength_needed). <fix>", e.g. setting "--strength auto", fix "Use --strength X to
// fix it.".
std::string common_strength_note(const std::vector<std::pair<std::string, const SimulationResult*>>& runs,
                                 double factor, const std::string& setting, const std::string& fix);

}  // namespace spinesim
