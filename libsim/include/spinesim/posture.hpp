// A posture is the vector q of all generalised coordinates (Model::coordinates order): pelvis translation (m) and
// rotation (rad), then every joint's rotations (rad). Helpers to set coordinates by name and to distribute a total
// lumbar motion over the five levels with the lumbopelvic rhythm.
#pragma once

#include "spinesim/model.hpp"

#include <Eigen/Core>

#include <string>

namespace spinesim {

using Posture = Eigen::VectorXd;

Posture reference_posture(const Model& model);  // all zeros: upright reference standing

void set_coordinate(const Model& model, Posture& q, const std::string& name, double value);
double get_coordinate(const Model& model, const Posture& q, const std::string& name);

// Total lumbar flexion, lateral bending (right +) and axial rotation (left +), rad, distributed by the rhythm.
void set_lumbar_motion(const Model& model, Posture& q, double flexion, double lateral_bending, double axial_rotation);
double total_lumbar_flexion(const Model& model, const Posture& q);

// Throws InputError(origin, coordinate name, value in degrees) if any rotational coordinate is not finite or lies
// outside its range of motion by more than `tolerance` rad.
void check_range_of_motion(const Model& model, const Posture& q, const std::string& origin, double tolerance = 1e-9);

// Left/right mirror image of a posture (z -> -z): swaps _r/_l coordinates, negates lateral/axial rotations of
// midline joints and the pelvis z translation, list and rotation.
Posture mirror_posture(const Model& model, const Posture& q);

}  // namespace spinesim
