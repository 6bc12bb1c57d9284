// External loads and support contacts applied to the body in one frame.
#pragma once

#include "spinesim/model.hpp"

#include <string>
#include <vector>

namespace spinesim {

// A known force (world frame, N) applied at a point fixed on a segment (e.g. a held mass at the grip).
struct ExternalLoad {
    std::string label;
    int segment = -1;
    Vec3 location = Vec3::Zero();  // in the segment frame, m
    Vec3 force = Vec3::Zero();     // world, N
};

// A unilateral support at a point fixed on a segment (floor, bench, mat): unknown force with a non-negative
// component along `normal` (world) and friction inside a 4-sided pyramid of coefficient `friction`.
struct Contact {
    std::string label;
    int segment = -1;
    Vec3 location = Vec3::Zero();  // in the segment frame, m
    Vec3 normal = Vec3::UnitY();   // world, unit
    double friction = 0.6;
};

// Convenience: a load from a named body point of the model.
ExternalLoad load_at_point(const Model& model, const std::string& point, const Vec3& force, const std::string& label = "");
Contact contact_at_point(const Model& model, const std::string& point, const Vec3& normal, double friction,
                         const std::string& label = "");
// A mass held in the hands, shared equally by the named grip points (gravity only; inertia of the mass is added by
// the analysis when accelerations are known).
std::vector<ExternalLoad> held_mass(const Model& model, double mass_kg, const std::vector<std::string>& grip_points);

}  // namespace spinesim
