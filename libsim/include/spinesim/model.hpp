// The immutable model description: segments, joints, coordinates, muscles, landmarks, passive properties.
// Built once for a subject from the files in data/ (see model_loader.hpp); shared read-only by any number of
// threads. Everything computed for a posture lives in a Workspace (kinematics.hpp).
//
// Frames and signs (docs/conventions.md): world and segment frames are x anterior, y superior, z right; gravity is
// -y. Segment frame origins sit at the segment's proximal joint centre; all segment frames coincide in orientation
// with the world in the reference upright posture (all coordinates zero).
#pragma once

#include "spinesim/subject.hpp"

#include <Eigen/Core>
#include <Eigen/Geometry>

#include <array>
#include <limits>
#include <string>
#include <vector>

namespace spinesim {

using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;

struct Segment {
    std::string name;
    int parent_joint = -1;     // index of the joint whose child this segment is
    double mass = 0.0;         // kg
    Vec3 com = Vec3::Zero();   // m, in the segment frame
    Mat3 inertia = Mat3::Zero();  // kg m^2 about the COM, segment axes
};

enum class JointType { Free, Ball, Hinge, Weld };

struct Joint {
    std::string name;
    JointType type = JointType::Weld;
    int parent = -1;                     // segment index, -1 = ground
    int child = -1;                      // segment index
    Vec3 location = Vec3::Zero();        // joint centre in the parent frame, m
    int first_coordinate = -1;           // index into the coordinate vector q
    int coordinate_count = 0;            // 6 free, 3 ball, 1 hinge, 0 weld
    std::array<int, 3> axis{{2, 0, 1}};  // rotation axes (0 x, 1 y, 2 z) of the rotational coordinates in order
    std::array<double, 3> sign{{1, 1, 1}};
    int lumbar_level = -1;               // index into Model::lumbar_levels, -1 if not a lumbar level
    bool muscle_balanced = false;        // equilibrium enforced with muscles (lumbar levels, hips)
    // Costed ideal actuator (data/model/arm_strength.toml, when `costed = true`): the joint's moment about each
    // rotational coordinate axis (fixed in the child segment) is a sharing variable costed like a muscle at the same
    // activation tau / strength. strength[k] = {positive, negative direction of coordinate k}, N·m. Joints without it
    // (and not muscle_balanced) get a free ideal actuator after the solve.
    bool actuator_costed = false;
    std::array<std::array<double, 2>, 3> actuator_strength{};
};

struct Coordinate {
    std::string name;                    // "<joint>.<coordinate>", e.g. "L4L5.flexion", "pelvis.tx"
    int joint = -1;
    double lower = 0.0, upper = 0.0;     // rad (or m for translations)
    bool rotational = true;
};

struct PathPoint {
    int segment = -1;
    Vec3 location = Vec3::Zero();        // in the segment frame, m
    // Conditional via point (OpenSim's ConditionalPathPoint): part of the path only while coordinate
    // condition_coordinate lies in [condition_min, condition_max] (rad). -1 = always part of the path.
    int condition_coordinate = -1;
    double condition_min = 0.0, condition_max = 0.0;
    bool active(const Eigen::VectorXd& q) const {
        return condition_coordinate < 0 ||
               (q[condition_coordinate] >= condition_min && q[condition_coordinate] <= condition_max);
    }
};

// A wrapping cylinder fixed to a segment (OpenSim WrapCylinder). Muscles that name it run over its surface instead of
// through it (libsim/src/kinematics/wrap_cylinder.hpp): the path between two adjacent active path points is
// replaced by the shortest path over the cylinder when the straight segment would penetrate it or pass on its
// forbidden side (quadrant).
struct WrapCylinder {
    std::string name;                    // e.g. "Gmax1_at_pelvis_r"
    int segment = -1;
    int joint = -1;                      // only path segments crossing this joint (segment <-> its child) wrap
    Eigen::Isometry3d frame = Eigen::Isometry3d::Identity();  // cylinder frame (axis z) -> segment frame
    double radius = 0.0;                 // m
    double length = 0.0;                 // m (display; the wrap treats the cylinder as infinitely long)
    int quadrant_axis = -1;              // -1 "all", 0 x, 1 y (cylinder frame)
    int quadrant_sign = 0;               // +1 / -1: the side of the cylinder the path may lie on
    int mirror = -1;                     // index of the contralateral cylinder
};

struct Muscle {
    std::string name;                    // e.g. "IL_L1_r"
    std::string group;                   // e.g. "iliocostalis_lumborum_pars_lumborum"
    std::string family;                  // "erector_spinae", "multifidus", "quadratus_lumborum", "psoas",
                                         // "abdominals", "latissimus_dorsi", "hip"
    int side = 1;                        // +1 right, -1 left
    std::vector<PathPoint> path;         // origin ... insertion
    double pcsa = 0.0;                   // m^2
    double max_force = 0.0;              // N = pcsa * specific tension * subject.strength_scale
    double reference_length = 0.0;      // path length in the reference posture, m
    bool passive_fibre_force = true;     // passive force from fibre stretch (see muscle_properties.toml)
    int mirror = -1;                     // index of the contralateral fascicle
    int wrap = -1;                       // index into Model::wrap_cylinders, -1 = straight segments only
    // Path validity (data/model/muscle_path_validity.csv): the path is anatomically valid only while coordinate
    // validity_coordinate lies in [validity_min, validity_max] (rad). Outside, the force is still computed (the
    // optimisation is unchanged) but the frame reports a warning (FrameResult::warning). -1 = valid everywhere.
    int validity_coordinate = -1;
    double validity_min = 0.0, validity_max = 0.0;
    std::string validity_reason;         // why the path is invalid beyond the range (the data file's reason column)
    bool path_valid(const Eigen::VectorXd& q) const {
        return validity_coordinate < 0 ||
               (q[validity_coordinate] >= validity_min && q[validity_coordinate] <= validity_max);
    }
};

struct BodyPoint {
    std::string name;
    int segment = -1;
    Vec3 location = Vec3::Zero();
};

// Passive moment-angle polynomial M = (p1 |t|^2 + p2 |t| + p3) t with t in degrees, M in N·m.
struct MomentAngleCurve {
    std::array<double, 3> p{{0, 0, 0}};
};

struct LumbarLevel {
    std::string name;                    // "L4/L5"
    int joint = -1;
    double disc_area = 0.0;              // m^2
    double normal_tilt = 0.0;            // rad, positive: disc normal tilted anteriorly (in the inferior segment)
    double flexion_share = 0.0, lateral_share = 0.0, axial_share = 0.0;  // lumbopelvic rhythm fractions
    // Flexion resistance of the level's posterior ligament lines (N·m, positive resisting flexion) in pure flexion of
    // this level alone, sampled at flexion = ligament_table_start + i * ligament_table_step (rad). The disc's pure
    // moment is the intact curve minus this (posterior_ligaments.toml); empty when the model has no ligament lines.
    std::vector<double> ligament_flexion_table;
    double ligament_table_start = 0.0, ligament_table_step = 0.0;
};

// A posterior ligament of one lumbar level: a straight, tension-only line between the inferior and the superior
// vertebra, F = stiffness * (L - slack_length)^2 for L > slack_length (posterior_ligaments.toml).
struct Ligament {
    std::string name;                    // "L4/L5 interspinous", "L4/L5 capsular_l"
    std::string group;                   // supraspinous, interspinous, flavum, capsular
    int level = -1;                      // index into Model::lumbar_levels
    int inferior = -1, superior = -1;    // segment indices
    Vec3 inferior_point = Vec3::Zero();  // in the inferior segment's frame, m
    Vec3 superior_point = Vec3::Zero();  // in the superior segment's frame, m
    double slack_length = 0.0;           // m
    double stiffness = 0.0;              // N/m^2
};

struct Model {
    Subject subject;
    std::string data_dir;
    double gravity = 9.81;               // m/s^2 along -y
    std::vector<Segment> segments;
    std::vector<Joint> joints;
    std::vector<Coordinate> coordinates;
    std::vector<Muscle> muscles;
    std::vector<WrapCylinder> wrap_cylinders;
    std::vector<BodyPoint> points;
    std::vector<LumbarLevel> lumbar_levels;   // inferior to superior: L5/S1 ... L1/L2
    MomentAngleCurve flexion_curve, extension_curve, lateral_curve, axial_curve;
    std::vector<Ligament> ligaments;     // posterior ligament lines of the lumbar levels
    double idp_correction_factor = 0.66;
    // Largest deviation of one level from the rhythm-prescribed angle (rad), about the flexion, lateral-bending and
    // axial-rotation coordinates. The sharing problem lets each level deviate within it (total lumbar angle kept),
    // the passive motion segment carrying the change of moment (lumbar_rhythm.toml, docs/model.md).
    Vec3 rhythm_deviation_limit = Vec3::Zero();
    // Whole-lumbar range of motion (rad; flexion, lateral bending, axial rotation; the sum over the five levels of the
    // rhythm-distributed angle): a whole-lumbar posture target beyond it is an input error (lumbar_rhythm.toml); the
    // posture solver keeps free lumbar coordinates inside it and reports a frame it leaves beyond.
    // Axial rotation: +-infinity here, bounded by the per-level limits.
    Vec3 whole_lumbar_lower = Vec3::Constant(-std::numeric_limits<double>::infinity());
    Vec3 whole_lumbar_upper = Vec3::Constant(std::numeric_limits<double>::infinity());
    double specific_tension = 0.9e6;     // Pa
    double passive_shape_factor = 4.0;
    double passive_strain_at_fmax = 0.6;
    // subtree[j][s] is true when segment s lies distal to joint j (on the child side)
    std::vector<std::vector<char>> subtree;

    int segment_index(const std::string& name) const;      // throws InputError if unknown
    int joint_index(const std::string& name) const;
    int coordinate_index(const std::string& name) const;
    int muscle_index(const std::string& name) const;
    int point_index(const std::string& name) const;
    int lumbar_level_index(const std::string& name) const;  // accepts "L4/L5" or "L4L5"
    int coordinate_count() const { return static_cast<int>(coordinates.size()); }
    double total_mass() const;
};

}  // namespace spinesim
