// Shared test fixtures: the default 75 kg, 1.78 m male model and the validation subject's model (each loaded once)
// and standing inputs.
#pragma once

#include "spinesim/frame_analysis.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/simulation.hpp"
#include "spinesim/scenario.hpp"
#include "spinesim/standing_posture.hpp"
#include "spinesim/validation.hpp"

#include <map>
#include <string>

namespace spinesim::test {

inline const Model& default_model() {
    static const Model model = load_model(Subject{75.0, 1.78, Sex::Male});
    return model;
}

// The model of `spinesim validate`: the measured subject of Wilke et al. 1999 (70 kg, 1.68 m male,
// data/validation/wilke1999_subject.toml), loaded once.
inline const Model& validation_model() {
    static const Model model =
        load_model(load_validation_subject(default_data_dir() + "/validation/wilke1999_subject.toml"));
    return model;
}

// A scenario of data/scenarios run with `frames` frames on the default model, once per (name, frames) and cached.
inline const SimulationResult& scenario_run(const std::string& name, int frames) {
    static std::map<std::pair<std::string, int>, SimulationResult> cache;
    auto it = cache.find({name, frames});
    if (it == cache.end()) {
        const Scenario s = load_scenario(scenario_path(default_data_dir(), name), {{"frames", std::to_string(frames)}});
        it = cache.emplace(std::make_pair(name, frames), simulate(default_model(), s)).first;
    }
    return it->second;
}

inline constexpr double kDeg = 3.14159265358979323846 / 180.0;

// Standing on heels and forefeet of both feet; trunk inclined by hip flexion (pelvis tilted with it).
inline FrameInput standing_input(const Model& model, double lumbar_flexion_deg = 0, double hip_flexion_deg = 0,
                                 double held_mass_kg = 0) {
    FrameInput in;
    in.q = reference_posture(model);
    set_lumbar_motion(model, in.q, lumbar_flexion_deg * kDeg, 0, 0);
    set_coordinate(model, in.q, "pelvis.anterior_tilt", hip_flexion_deg * kDeg);
    set_coordinate(model, in.q, "hip_r.flexion", hip_flexion_deg * kDeg);
    set_coordinate(model, in.q, "hip_l.flexion", hip_flexion_deg * kDeg);
    for (const char* p : {"heel_r", "ball_r", "heel_l", "ball_l"})
        in.contacts.push_back(contact_at_point(model, p, Vec3::UnitY(), 0.6));
    in.held_mass_kg = held_mass_kg;
    if (held_mass_kg > 0) in.held_mass_points = {"grip_r", "grip_l"};
    return in;
}

// A balanced static standing posture (feet flat, centre of mass over the feet) from the posture solver.
inline FrameInput balanced_standing(const Model& model, double trunk_inclination_deg, double lumbar_flexion_deg,
                                    double held_mass_kg) {
    StandingPosture p;
    p.trunk_inclination = trunk_inclination_deg * kDeg;
    p.lumbar_flexion = lumbar_flexion_deg * kDeg;
    p.held_mass_kg = held_mass_kg;
    const Scenario s = standing_posture_scenario(model.subject, p);
    const SimulationResult r = simulate(model, s);
    return scenario_frame_input(model, s, {r.coordinates.row(0).transpose()}, 0);
}

}  // namespace spinesim::test
