// A scenario's posture targets resolved against a Model: indices instead of names, checked once.
#pragma once

#include "spinesim/kinematics.hpp"
#include "spinesim/scenario.hpp"

#include <string>
#include <vector>

namespace spinesim::detail {

struct ResolvedTarget {
    const PostureTarget* source = nullptr;
    int index = -1;                 // coordinate, segment or point index (by kind)
    std::vector<int> points;        // ComOverPoints
    bool fixed = false;             // applied directly to the posture (target on a coordinate the solver may not move)
    bool metres = false;            // residual is a length (else an angle)
    std::string label;              // e.g. "point_height heel_r"
};

struct ResolvedLoad {
    const ScenarioLoad* source = nullptr;
    int point = -1;
};

struct PostureProblem {
    const Model* model = nullptr;   // a kinematics-only copy (no muscles) is enough and cheaper
    std::vector<int> free;          // coordinate indices the solver moves
    std::vector<ResolvedTarget> targets;
    std::vector<ResolvedLoad> loads;   // held masses, for ComOverPoints with include_loads
};

// Checks every name of the scenario against the model and every coordinate target against the range of motion.
// Throws InputError naming the scenario file (file:line of the definition), the field and the value.
PostureProblem resolve_posture_problem(const Model& model, const Scenario& scenario);

// The posture with every fixed target applied (other coordinates zero) at `phase`.
Posture fixed_posture(const PostureProblem& problem, double phase);

// Raw residuals (m or rad) of the non-fixed targets at the kinematic state in ws.
void target_residuals(const PostureProblem& problem, const Workspace& ws, double phase, std::vector<double>& out);

}  // namespace spinesim::detail
