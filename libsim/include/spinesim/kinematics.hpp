// Per-evaluation kinematic state (the "Data" of the Model/Data pair) and the function that fills it.
#pragma once

#include "spinesim/model.hpp"
#include "spinesim/posture.hpp"

#include <Eigen/Core>
#include <Eigen/Geometry>

#include <vector>

namespace spinesim {

struct Workspace {
    explicit Workspace(const Model& model);

    Posture q;
    std::vector<Eigen::Isometry3d> pose;          // segment frame -> world
    std::vector<Vec3> joint_centre;               // world, m
    std::vector<Mat3> joint_axes;                 // world unit axes of the joint's rotational coordinates (columns)
    std::vector<std::vector<Vec3>> muscle_points; // world, m
    Eigen::VectorXd muscle_length;                // m
    // Per unit muscle tension: the moment about joint j's centre (rows 3j..3j+2) and the net force (same rows) that
    // the muscle applies to the subtree distal to joint j (world frame). Zero if the muscle does not cross j.
    Eigen::MatrixXd muscle_moment;                // (3 * joints) x muscles, m
    Eigen::MatrixXd muscle_direction;             // (3 * joints) x muscles, dimensionless
    // The same per unit tension for the posterior ligament lines (Model::ligaments), and their lengths.
    Eigen::VectorXd ligament_length;              // m
    Eigen::MatrixXd ligament_moment;              // (3 * joints) x ligaments, m
    Eigen::MatrixXd ligament_direction;           // (3 * joints) x ligaments, dimensionless
    std::vector<int> active_points;               // scratch: indices of the active path points of one muscle
    // Wrapping (muscles with Muscle::wrap >= 0): whether the path wraps over the cylinder in this posture, after
    // which path point (index into Muscle::path) the two tangent points are inserted, and the tangent points
    // (world, m; t1 on the origin side). The tangent points belong to the cylinder's segment, so forces and
    // moments enter equilibrium like those of via points; the path length includes the helical arc between them.
    struct MuscleWrap {
        bool wrapped = false;
        int after = -1;
        Vec3 t1 = Vec3::Zero(), t2 = Vec3::Zero();
    };
    std::vector<MuscleWrap> muscle_wrap;
    std::vector<Vec3> path_points;                // scratch: the path of one muscle with its tangent points
    std::vector<int> path_segments;               // scratch: segment of each of path_points
};

// Forward kinematics, muscle paths, lengths and moment arms at posture q.
void update_kinematics(const Model& model, const Posture& q, Workspace& ws);

// World position of a body point (segment + local location).
Vec3 world_point(const Workspace& ws, int segment, const Vec3& local);

// Moment arm of muscle i about coordinate k at the state in ws: -dL_i/dq_k (m), from the moment vector.
double moment_arm(const Model& model, const Workspace& ws, int muscle, int coordinate);

// Whole-body centre of mass, world, m.
Vec3 centre_of_mass(const Model& model, const Workspace& ws);

}  // namespace spinesim
