// One frame of the pipeline: posture -> kinematics -> required joint loads -> muscle sharing -> joint reactions.
#pragma once

#include "spinesim/kinematics.hpp"
#include "spinesim/loads.hpp"
#include "spinesim/lumbar_balance.hpp"
#include "spinesim/model.hpp"
#include "spinesim/sharing_problem.hpp"

#include <Eigen/Core>

#include <optional>
#include <string>
#include <vector>

namespace spinesim {

struct FrameInput {
    Posture q;
    // Neighbouring postures for inertial loads (central differences); without them the frame is static.
    std::optional<Posture> q_previous, q_next;
    double time_step = 0.0;                 // s, between q_previous, q and q_next
    std::vector<ExternalLoad> loads;
    std::vector<Contact> contacts;
    // Mass carried with the hands, accelerated with the grip points when neighbouring postures are given.
    double held_mass_kg = 0.0;
    std::vector<std::string> held_mass_points;
};

// Loads at one lumbar level, in the disc frame of the inferior vertebra.
struct LevelLoad {
    double compression = 0.0;       // N, along the disc normal, positive pushing the vertebrae together
    double shear_ap = 0.0;          // N, positive: superior vertebra loaded anteriorly
    double shear_lateral = 0.0;     // N, positive: superior vertebra loaded to the right
    double tissue_flexion_moment = 0.0;  // N·m, extensor moment carried by the passive motion segment (positive
                                         // when resisting flexion), including the effect of flexion_deviation:
                                         // disc (pure moment) + ligament_flexion_moment
    double ligament_flexion_moment = 0.0;  // N·m, the posterior ligament lines' part of it (their forces' moment)
    double ligament_force = 0.0;           // N, sum of the tensions of the level's posterior ligament lines
    double ligament_compression = 0.0;     // N, the lines' part of `compression` (their pull along the disc normal)
    double ligament_shear_ap = 0.0;        // N, the lines' part of `shear_ap` (+ superior vertebra pulled anteriorly)
    double flexion_deviation = 0.0;      // rad, the level's flexion beyond (positive) its rhythm angle (PerLevel)
    double coupling_flexion_moment = 0.0;  // N·m, generalised flexion moment of the rhythm coupler (RhythmCoupled):
                                           // the part of the level's balance carried by the coupling constraint
    double passive_muscle_flexion_moment = 0.0;  // N·m, extensor moment of passive (stretched) muscle fibres
    double external_flexion_moment = 0.0;        // N·m, flexion moment of gravity, inertia and loads on the part above
    double contact_flexion_moment = 0.0;         // N·m, flexion moment of the support contacts acting on the part
                                                 // above (a backrest, a bench under the chest): external + contact
                                                 // is the net moment the tissues, muscles and coupler carry
    double intradiscal_pressure = 0.0;           // Pa
};

struct FrameResult {
    SolveStatus status = SolveStatus::IterationLimit;
    std::string message;                     // infeasibility report (joint row, missing moment, fascicles at max force)
    std::string warning;                     // path_validity_warning() of the solution, empty when none
    Eigen::VectorXd muscle_force;            // N, total (active + passive) per muscle
    Eigen::VectorXd muscle_active_force;     // N
    Eigen::VectorXd muscle_passive_force;    // N
    std::vector<Vec3> contact_force;         // N, world, per contact
    std::vector<LevelLoad> levels;           // Model::lumbar_levels order
    // Per lumbar level (flexion, lateral bending, axial rotation). PerLevel: deviation from the rhythm, rad (each
    // coordinate's deviations sum to zero); zero when coupled. RhythmCoupled: generalised constraint moments of the
    // rhythm coupler, N·m (share-weighted sum zero); zero per level.
    std::vector<Vec3> rhythm_deviation;
    std::vector<Vec3> coupling_moment;
    std::vector<Vec3> joint_reaction;        // N, world: force on each joint's child subtree from its parent
    std::vector<Vec3> actuator_moment;       // N·m, world: ideal actuator moment at joints without muscle balance
    double equality_residual = 0.0;
    double optimality_residual = 0.0;
    double objective = 0.0;
    double max_stress = 0.0;                 // Pa
    int iterations = 0;
    Eigen::VectorXd multipliers;             // for warm starts
};

struct AnalysisOptions {
    SolverOptions solver;
    bool check_range_of_motion = true;
    LumbarBalance lumbar_balance = kDefaultLumbarBalance;
};

// Runs the whole frame. ws is the caller's workspace (not shared between threads). Throws InputError for bad input
// (posture beyond range of motion, NaN); infeasibility is reported in the result.
FrameResult analyse_frame(const Model& model, Workspace& ws, const FrameInput& input, const AnalysisOptions& options,
                          const WarmStart* warm_start = nullptr);

// Muscles carrying force (> 1 % of their max force) in a posture outside their path validity range
// (Muscle::validity_coordinate, data/model/muscle_path_validity.csv), grouped by coordinate and bound, e.g.
// "iliacus_r, Ps_L5_VB_r used outside their path validity (hip_r.flexion 126 deg > 100 deg): 1530 N" with the groups'
// total force; "; " between groups. Empty when no such muscle carries force.
std::string path_validity_warning(const Model& model, const Posture& q, const Eigen::VectorXd& muscle_force);

// Muscle-group totals: "erector_spinae", "multifidus", "quadratus_lumborum", "psoas", "abdominals",
// "latissimus_dorsi", "iliacus", "hip".
double family_force(const Model& model, const Eigen::VectorXd& muscle_force, const std::string& family);
std::vector<std::string> muscle_families();

}  // namespace spinesim
