// Running a scenario: posture solver frame by frame, then the frame analysis with inertia and warm starts.
#pragma once

#include "spinesim/frame_analysis.hpp"
#include "spinesim/scenario.hpp"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace spinesim {

struct SimulationResult {
    std::string scenario;                       // Scenario::name
    Scenario definition;                        // with overrides applied
    Eigen::VectorXd time;                       // s, frames
    Eigen::MatrixXd coordinates;                // frames x coordinates (rad, m)
    Eigen::MatrixXd muscle_force;               // frames x muscles, N (total)
    Eigen::MatrixXd muscle_passive_force;       // frames x muscles, N
    Eigen::MatrixXd compression, shear_ap, shear_lateral;   // frames x lumbar levels, N
    Eigen::MatrixXd tissue_moment, passive_muscle_moment, external_moment;  // frames x levels, N·m
    Eigen::MatrixXd contact_moment;             // frames x levels, N·m: support contacts on the part above (LevelLoad)
    Eigen::MatrixXd intradiscal_pressure;       // frames x levels, Pa
    Eigen::MatrixXd flexion_deviation;          // frames x levels, rad: each level's flexion beyond its rhythm angle
    Eigen::MatrixXd coupling_moment;            // frames x levels, N·m: rhythm-coupler flexion moment (coupled balance)
    Eigen::MatrixXd ligament_moment;            // frames x levels, N·m: posterior ligament lines' part of tissue_moment
    Eigen::MatrixXd ligament_force;             // frames x levels, N: sum of the posterior ligament lines' tensions
    Eigen::MatrixXd contact_force;              // frames x (3 * contacts), N, world; zeros when inactive
    std::vector<std::string> contact_names;
    // per frame: max |A x - b| of the muscle sharing (N, N·m); RMS of the unweighted posture-target residuals with
    // lengths in mm and angles in degrees (so 1 ~ 1 mm / 1 deg)
    Eigen::VectorXd equality_residual, posture_residual;
    std::vector<std::string> frame_status;      // "optimal", the infeasibility message, or "posture: ..." when a
                                                // hard posture target is missed by more than 1 mm / 0.5 deg
    // per frame: muscles carrying force in a posture outside their path validity range (path_validity_warning in
    // frame_analysis.hpp); empty string when none. Reporting only: the frame's solution is the same.
    std::vector<std::string> frame_warnings;
    // per frame: the smallest strength factor (Subject::strength_scale, 1 = mean male) at which the muscles hold the
    // frame (spinesim/strength_needed.hpp), searched only for frames the subject's muscles cannot hold: NaN where
    // they can, a factor above the subject's where a stronger subject could, +inf where not even x5 could (or the
    // sharing failed for another reason).
    Eigen::VectorXd strength_needed;
    // per frame: the largest muscle force as a fraction of that muscle's maximal force (passive fibre force
    // included), 0-1: how close to maximal effort the frame is (1 where a muscle is at its bound).
    Eigen::VectorXd max_activation;
    std::vector<std::string> coordinate_names, muscle_names, muscle_families, level_names;
    bool all_frames_solved() const;
    int frames_with_warnings() const;  // frames whose frame_warnings entry is not empty
    // The largest finite strength_needed (the factor that holds every frame the muscles could not), NaN when every
    // frame was held at the subject's strength, +inf when some frame cannot be held at any factor up to x5.
    double strength_to_hold_all() const;
};

// Throws InputError for bad scenarios (unknown names, unreachable postures beyond the range of motion); frames the
// muscles cannot hold are reported in frame_status (and all_frames_solved() is false).
SimulationResult simulate(const Model& model, const Scenario& scenario);

// The analysis input of frame i of a scenario whose postures (one per frame) are q: posture, neighbouring postures
// for inertia, active contacts and loads. simulate() uses it; so do benchmarks that re-solve recorded frames.
FrameInput scenario_frame_input(const Model& model, const Scenario& scenario, const std::vector<Posture>& q, int frame);

}  // namespace spinesim
