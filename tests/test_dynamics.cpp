// Inertial loads of moving frames (finite-difference kinematics from the neighbouring postures): Euler's equations
// for a rigid segment in closed form, and Newton's second law for the whole body carrying a held mass.
#include "fixtures.hpp"

#include "analysis/frame_problem.hpp"
#include "model/model_build.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace spinesim;

namespace {

// A base on a free joint and an "upper" segment on a ball joint ("L5S1") at the base origin, the upper segment's
// centre of mass on the joint centre and its principal moments of inertia all different (m k^2 = 0.02, 0.08,
// 0.18 kg m^2), so that a rotation about a non-principal axis needs a gyroscopic moment. One midline extensor, four
// floor points under the base and two grip points on the base.
Model spinning_model() {
    ModelBuilder b(Subject{}, "synthetic");
    b.add_segment({"base", 10.0, Vec3(0, -0.1, 0), Vec3(0.1, 0.1, 0.1)});
    b.add_segment({"upper", 2.0, Vec3::Zero(), Vec3(0.1, 0.2, 0.3)});
    b.add_joint({"ground_base", "free", "ground", "base", Vec3::Zero(), {}, {}, {}}, "test");
    b.add_joint({"L5S1", "ball", "base", "upper", Vec3::Zero(), {"flexion", "lateral_bending", "axial_rotation"},
                 {-1, 1, 1}, {{-3, 3}, {-3, 3}, {-3, 3}}},
                "test");
    for (double x : {-0.5, 0.5})
        for (double z : {-0.5, 0.5}) b.add_point("foot" + std::to_string(x) + std::to_string(z), "base", Vec3(x, -0.5, z), "test");
    b.add_point("grip_r", "base", Vec3(0.1, 0.0, 0.2), "test");
    b.add_point("grip_l", "base", Vec3(0.1, 0.0, -0.2), "test");
    b.finish_skeleton();
    Muscle m;
    m.name = "extensor";
    m.group = "erector";
    m.pcsa = 1e-3;
    m.path = {{0, Vec3(-0.05, -0.2, 0)}, {1, Vec3(-0.05, 0.2, 0)}};
    b.add_muscle(m);
    b.model().specific_tension = 1e9;
    b.finish_muscles();
    Model model = b.take();
    model.lumbar_levels[0].disc_area = 1e-3;
    return model;
}

// World orientation of the upper segment for L5S1 coordinates (flexion, lateral bending, axial rotation), built
// from the documented ISB sequence Rz(-q1) Rx(q2) Ry(q3) rather than from the library.
Mat3 upper_orientation(double q1, double q2, double q3) {
    return (Eigen::AngleAxisd(-q1, Vec3::UnitZ()) * Eigen::AngleAxisd(q2, Vec3::UnitX()) *
            Eigen::AngleAxisd(q3, Vec3::UnitY())).toRotationMatrix();
}

Posture upper_posture(const Model& model, double q1, double q2, double q3) {
    Posture q = reference_posture(model);
    set_coordinate(model, q, "L5S1.flexion", q1);
    set_coordinate(model, q, "L5S1.lateral_bending", q2);
    set_coordinate(model, q, "L5S1.axial_rotation", q3);
    return q;
}

}  // namespace

// Frames with q2 = Omega t at t = -h, 0, h: a rotation at constant angular velocity omega = Omega Rz(-q1) x about a
// fixed axis through the centre of mass. The central differences of such a motion are exact (rounding only), so
// Euler's equation gives the inertial moment in closed form: M = -(omega x I_world omega), I_world = R I R^T, with
// no angular acceleration and no force. Tolerance 1e-9 relative: rounding of the rotation logs over h = 0.01 s.
TEST_CASE("steady spin about a non-principal axis: the inertial moment is the gyroscopic -(w x I w)", "[dynamics]") {
    Model model = spinning_model();
    model.gravity = 0.0;
    Workspace ws(model);
    const double q1 = 0.4, q3 = 0.5, omega_rate = 3.0, h = 0.01;
    FrameInput in;
    in.q = upper_posture(model, q1, 0.0, q3);
    in.q_previous = upper_posture(model, q1, -omega_rate * h, q3);
    in.q_next = upper_posture(model, q1, omega_rate * h, q3);
    in.time_step = h;
    const detail::AppliedLoads applied = detail::prepare_frame(model, ws, in).applied;

    const Mat3 r = upper_orientation(q1, 0.0, q3);
    const Segment& upper = model.segments[model.segment_index("upper")];
    const Mat3 inertia_world = r * upper.inertia * r.transpose();
    const Vec3 omega = omega_rate * (Eigen::AngleAxisd(-q1, Vec3::UnitZ()) * Vec3::UnitX());
    const Vec3 expected = -omega.cross(inertia_world * omega);
    REQUIRE(expected.norm() > 0.05);  // the axis is far from principal: a sizeable gyroscopic moment
    const int joint = model.joint_index("L5S1");
    CHECK((applied.on_subtree[joint].moment - expected).norm() < 1e-9 * expected.norm());
    CHECK(applied.on_subtree[joint].force.norm() < 1e-9);
    // the base is at rest: the whole body's inertial load is the upper segment's pure couple
    CHECK((applied.on_body.moment - expected).norm() < 1e-9 * expected.norm());
    CHECK(applied.on_body.force.norm() < 1e-9);
}

// Spin-up from rest about the upper segment's own y axis (a principal axis, so no gyroscopic term): frames
// q3 = 0, 0, alpha h^2 give angular acceleration alpha along that axis and Euler's equation M = -I_yy alpha.
// Tolerance 1e-9 relative (rounding only: the differences are exact for this motion).
TEST_CASE("spin-up about a principal axis: the inertial moment is -I alpha, opposing the acceleration", "[dynamics]") {
    Model model = spinning_model();
    model.gravity = 0.0;
    Workspace ws(model);
    const double q1 = 0.3, alpha = 40.0, h = 0.01;
    FrameInput in;
    in.q = upper_posture(model, q1, 0.0, 0.0);
    in.q_previous = in.q;
    in.q_next = upper_posture(model, q1, 0.0, alpha * h * h);
    in.time_step = h;
    const detail::AppliedLoads applied = detail::prepare_frame(model, ws, in).applied;
    const Vec3 axis = upper_orientation(q1, 0.0, 0.0).col(1);  // the segment's y axis in the world
    const Segment& upper = model.segments[model.segment_index("upper")];
    const Vec3 expected = -upper.inertia(1, 1) * alpha * axis;
    const int joint = model.joint_index("L5S1");
    CHECK((applied.on_subtree[joint].moment - expected).norm() < 1e-9 * expected.norm());
}

// Newton's second law for the whole body: standing on the floor and accelerating upwards at a (frames ty = 0, 0,
// a h^2), the floor must push (m_body + m_held) (g + a) whatever the number of grip points the held mass is shared
// between. The upper segment's centre of mass is on the joint centre, so no muscle force is needed.
// Tolerance 1e-9 relative: the solver's equality residual is ~1e-12 of the body weight.
TEST_CASE("accelerating upwards with a held mass: the floor carries (m + M)(g + a)", "[dynamics]") {
    const Model model = spinning_model();
    Workspace ws(model);
    const double a = 2.5, h = 0.02, held = 7.0;
    FrameInput in;
    in.q = reference_posture(model);
    in.q_previous = in.q;
    Posture up = in.q;
    set_coordinate(model, up, "base.ty", a * h * h);
    in.q_next = up;
    in.time_step = h;
    in.held_mass_kg = held;
    in.held_mass_points = {"grip_r", "grip_l"};
    for (const BodyPoint& p : model.points)
        if (p.name.rfind("foot", 0) == 0) in.contacts.push_back({p.name, p.segment, p.location, Vec3::UnitY(), 1.0});
    AnalysisOptions options;
    options.check_range_of_motion = false;
    const FrameResult r = analyse_frame(model, ws, in, options);
    REQUIRE(r.status == SolveStatus::Optimal);
    Vec3 floor = Vec3::Zero();
    for (const Vec3& f : r.contact_force) floor += f;
    const double expected = (model.total_mass() + held) * (model.gravity + a);
    CHECK(floor.y() == Approx(expected).epsilon(1e-9));
    CHECK(std::abs(floor.x()) < 1e-9 * expected);
    CHECK(std::abs(floor.z()) < 1e-9 * expected);
}
