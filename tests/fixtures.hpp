// Shared test fixtures: the default 75 kg, 1.78 m male model (loaded once) and standing inputs.
#pragma once

#include "spinesim/frame_analysis.hpp"
#include "spinesim/model_loader.hpp"

namespace spinesim::test {

inline const Model& default_model() {
    static const Model model = load_model(Subject{75.0, 1.78, Sex::Male});
    return model;
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

}  // namespace spinesim::test
