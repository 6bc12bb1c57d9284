// Whole-frame physics: closed-form lever arm, zero load, mirror symmetry, world invariance, equilibrium.
#include "fixtures.hpp"

#include "analysis/frame_problem.hpp"
#include "model/model_build.hpp"
#include "spinesim/error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

using namespace spinesim;
using Catch::Matchers::Contains;

namespace {

// Two rigid bodies joined by one ball joint ("L5S1") at the origin; one vertical muscle at lever arm d behind the
// joint; no gravity, no passive tissue; four floor contacts under the base.
Model lever_model(double d) {
    ModelBuilder b(Subject{}, "synthetic");
    b.add_segment({"base", 1.0, Vec3::Zero(), Vec3(0.1, 0.1, 0.1)});
    b.add_segment({"upper", 1.0, Vec3(0, 0.2, 0), Vec3(0.1, 0.1, 0.1)});
    JointSpec free{"ground_base", "free", "ground", "base", Vec3::Zero(), {}, {}, {}};
    b.add_joint(free, "test");
    JointSpec ball{"L5S1", "ball", "base", "upper", Vec3::Zero(), {"flexion", "lateral_bending", "axial_rotation"},
                   {-1, 1, 1}, {{-1, 1}, {-1, 1}, {-1, 1}}};
    b.add_joint(ball, "test");
    for (double x : {-0.5, 0.5})
        for (double z : {-0.5, 0.5}) b.add_point("foot" + std::to_string(x) + std::to_string(z), "base", Vec3(x, -0.5, z), "test");
    b.finish_skeleton();
    Muscle m;
    m.name = "extensor";
    m.group = "erector";
    m.pcsa = 1e-3;
    m.path = {{0, Vec3(-d, -0.2, 0)}, {1, Vec3(-d, 0.2, 0)}};
    b.add_muscle(m);
    b.model().specific_tension = 1e9;
    b.finish_muscles();
    Model model = b.take();
    model.gravity = 0.0;
    model.lumbar_levels[0].disc_area = 1e-3;
    return model;
}

}  // namespace

TEST_CASE("a single muscle with a known lever arm gives the textbook compression F = W D / d, C = F + W", "[analysis]") {
    const double d = 0.05, D = 0.30, W = 200.0;
    const Model model = lever_model(d);
    Workspace ws(model);
    FrameInput in;
    in.q = reference_posture(model);
    in.loads.push_back({"weight", 1, Vec3(D, 0.3, 0), Vec3(0, -W, 0)});
    for (const BodyPoint& p : model.points) in.contacts.push_back({p.name, p.segment, p.location, Vec3::UnitY(), 1.0});
    AnalysisOptions options;
    options.check_range_of_motion = false;
    const FrameResult r = analyse_frame(model, ws, in, options);
    REQUIRE(r.status == SolveStatus::Optimal);
    const double F = W * D / d;
    // both sides of the mirrored muscle pair share the force equally
    CHECK(r.muscle_force.sum() == Approx(F).epsilon(1e-9));
    CHECK(r.levels[0].compression == Approx(F + W).epsilon(1e-9));
    CHECK(std::abs(r.levels[0].shear_ap) < 1e-9);
    CHECK(r.levels[0].external_flexion_moment == Approx(W * D).epsilon(1e-12));
    CHECK(r.equality_residual < 1e-6);
}

TEST_CASE("no gravity, no load: zero muscle force and zero joint load", "[analysis]") {
    Model model = test::default_model();
    model.gravity = 0.0;
    Workspace ws(model);
    const FrameInput in = test::standing_input(model);
    const FrameResult r = analyse_frame(model, ws, in, AnalysisOptions{});
    REQUIRE(r.status == SolveStatus::Optimal);
    CHECK(r.muscle_force.cwiseAbs().maxCoeff() < 1e-6);
    for (const LevelLoad& l : r.levels) {
        CHECK(std::abs(l.compression) < 1e-6);
        CHECK(std::abs(l.shear_ap) < 1e-6);
    }
}

TEST_CASE("relaxed standing: symmetric forces, physiological L4/L5 compression, exact equilibrium", "[analysis][symmetry]") {
    const Model& model = test::default_model();
    Workspace ws(model);
    const FrameResult r = analyse_frame(model, ws, test::standing_input(model), AnalysisOptions{});
    REQUIRE(r.status == SolveStatus::Optimal);
    CHECK(r.equality_residual <= 1e-6);
    for (std::size_t i = 0; i < model.muscles.size(); ++i)
        CHECK(r.muscle_force[i] == Approx(r.muscle_force[model.muscles[i].mirror]).margin(1e-5));
    const LevelLoad& l4l5 = r.levels[model.lumbar_level_index("L4/L5")];
    CHECK(std::abs(l4l5.shear_lateral) < 1e-5);
    // compression carries at least the weight above L4/L5 (projected on the disc normal) plus the muscle forces;
    // standing L4/L5 compression in vivo is ~ 500-900 N (Wilke 1999 IDP 0.5 MPa x 0.66 x disc area)
    const int l4l5_joint = model.joint_index("L4L5");
    double above = 0;
    for (std::size_t s = 0; s < model.segments.size(); ++s) above += model.subtree[l4l5_joint][s] ? model.segments[s].mass : 0.0;
    const double tilt = model.lumbar_levels[model.lumbar_level_index("L4/L5")].normal_tilt;
    CHECK(l4l5.compression > above * model.gravity * std::cos(tilt));
    CHECK(l4l5.compression < 900.0);
    // the feet carry the body weight
    double vertical = 0;
    for (const Vec3& f : r.contact_force) vertical += f.y();
    CHECK(vertical == Approx(model.total_mass() * model.gravity).epsilon(1e-9));
}

TEST_CASE("mirror-image postures give mirror-image muscle forces and loads", "[analysis][symmetry]") {
    const Model& model = test::default_model();
    Workspace ws(model);
    FrameInput right = test::standing_input(model, 20, 20, 10);
    set_lumbar_motion(model, right.q, 20 * test::kDeg, 8 * test::kDeg, 6 * test::kDeg);
    FrameInput left = right;
    left.q = mirror_posture(model, right.q);
    for (Contact& c : left.contacts) {
        const std::string mirrored = c.label.back() == 'r' ? c.label.substr(0, c.label.size() - 1) + "l"
                                                          : c.label.substr(0, c.label.size() - 1) + "r";
        c = contact_at_point(model, mirrored, Vec3::UnitY(), 0.6);
    }
    const FrameResult a = analyse_frame(model, ws, right, AnalysisOptions{});
    const FrameResult b = analyse_frame(model, ws, left, AnalysisOptions{});
    REQUIRE(a.status == SolveStatus::Optimal);
    REQUIRE(b.status == SolveStatus::Optimal);
    for (std::size_t i = 0; i < model.muscles.size(); ++i)
        CHECK(a.muscle_force[i] == Approx(b.muscle_force[model.muscles[i].mirror]).margin(1e-4));
    for (std::size_t l = 0; l < a.levels.size(); ++l) {
        CHECK(a.levels[l].compression == Approx(b.levels[l].compression).epsilon(1e-7));
        CHECK(a.levels[l].shear_lateral == Approx(-b.levels[l].shear_lateral).margin(1e-4));
    }
}

TEST_CASE("results do not depend on where the subject stands or faces in the world", "[analysis]") {
    const Model& model = test::default_model();
    Workspace ws(model);
    const FrameInput home = test::standing_input(model, 30, 30, 15);
    FrameInput moved = home;
    set_coordinate(model, moved.q, "pelvis.tx", 3.0);
    set_coordinate(model, moved.q, "pelvis.ty", -1.2);
    set_coordinate(model, moved.q, "pelvis.tz", 7.5);
    set_coordinate(model, moved.q, "pelvis.rotation", 2.1);  // turned about the vertical
    const FrameResult a = analyse_frame(model, ws, home, AnalysisOptions{});
    const FrameResult b = analyse_frame(model, ws, moved, AnalysisOptions{});
    REQUIRE(a.status == SolveStatus::Optimal);
    REQUIRE(b.status == SolveStatus::Optimal);
    for (std::size_t l = 0; l < a.levels.size(); ++l) {
        CHECK(a.levels[l].compression == Approx(b.levels[l].compression).epsilon(1e-7));
        CHECK(a.levels[l].shear_ap == Approx(b.levels[l].shear_ap).margin(1e-5));
    }
    CHECK((a.muscle_force - b.muscle_force).cwiseAbs().maxCoeff() < 1e-4);
}

TEST_CASE("flexing forward with a load raises compression, and passive tissue carries moment near end range", "[analysis]") {
    const Model& model = test::default_model();
    Workspace ws(model);
    const FrameResult upright = analyse_frame(model, ws, test::standing_input(model), AnalysisOptions{});
    // trunk 60 deg forward with 50 deg of lumbar flexion (83 % of its range), balanced over the feet
    const FrameResult bent = analyse_frame(model, ws, test::balanced_standing(model, 60, 50, 0), AnalysisOptions{});
    REQUIRE(bent.status == SolveStatus::Optimal);
    const int l4 = model.lumbar_level_index("L4/L5");
    CHECK(bent.levels[l4].compression > 2.5 * upright.levels[l4].compression);
    CHECK(bent.levels[l4].tissue_flexion_moment + bent.levels[l4].passive_muscle_flexion_moment > 10.0);
}

// Equilibrium rows are world moment components; their anatomical label must follow the posture. Lying on the right
// side (pelvis list +90 deg) the world z axis is the body's long axis (axial rotation) and world y is its
// left-right axis (flexion-extension); the labels used to be fixed to upright standing, so infeasibility reports
// and diagnostics named the wrong anatomical axis in side-lying, side-plank and side-reach postures.
TEST_CASE("equilibrium row labels follow the posture (side lying: world z is axial rotation)", "[analysis]") {
    const Model& model = test::default_model();
    Workspace ws(model);
    auto names = [&](const FrameInput& in) { return detail::prepare_frame(model, ws, in).assembled.problem.row_names; };
    auto has = [](const std::vector<std::string>& v, const std::string& s) {
        for (const std::string& x : v)
            if (x == s) return true;
        return false;
    };
    const std::vector<std::string> upright = names(test::standing_input(model));
    CHECK(has(upright, "L4L5 moment about x (lateral bending)"));
    CHECK(has(upright, "L4L5 moment about y (axial rotation)"));
    CHECK(has(upright, "L4L5 moment about z (flexion-extension)"));
    CHECK(has(upright, "whole-body moment about z (flexion-extension) (supports)"));

    FrameInput side = test::standing_input(model);
    set_coordinate(model, side.q, "pelvis.list", 90.0 * test::kDeg);
    const std::vector<std::string> lying = names(side);
    CHECK(has(lying, "L4L5 moment about x (lateral bending)"));
    CHECK(has(lying, "L4L5 moment about y (flexion-extension)"));
    CHECK(has(lying, "L4L5 moment about z (axial rotation)"));
    CHECK(has(lying, "whole-body moment about z (axial rotation) (supports)"));

    // prone (pelvis tilted 90 deg forward): world y is the long axis, world x the antero-posterior one
    FrameInput prone = test::standing_input(model);
    set_coordinate(model, prone.q, "pelvis.anterior_tilt", 90.0 * test::kDeg);
    const std::vector<std::string> face_down = names(prone);
    CHECK(has(face_down, "L4L5 moment about x (axial rotation)"));
    CHECK(has(face_down, "L4L5 moment about y (lateral bending)"));
    CHECK(has(face_down, "L4L5 moment about z (flexion-extension)"));
}

// The subject's strength_scale multiplies every max force but not the PCSA, so under the stress criteria only the
// upper bounds of the muscle forces move (and the passive fibre force, zero when no fascicle is stretched).
TEST_CASE("strength_scale: a saturated extensor frame becomes feasible, unbounded frames are unchanged",
          "[analysis][strength]") {
    const Model& base = test::default_model();
    const Model strong = load_model(Subject{75.0, 1.78, Sex::Male, 1.5});
    const Model stronger = load_model(Subject{75.0, 1.78, Sex::Male, 3.0});
    Workspace ws(base);

    SECTION("trunk 45 deg forward, 20 deg lumbar flexion, 80 kg in the hands: too heavy at scale 1") {
        const FrameInput in = test::balanced_standing(base, 45, 20, 80);
        const FrameResult weak = analyse_frame(base, ws, in, AnalysisOptions{});
        CHECK(weak.status == SolveStatus::Infeasible);
        CHECK_THAT(weak.message, Contains("flexion-extension"));
        // the message also counts the fascicles at their upper bound per family ("erector_spinae 70/76"), and only
        // families that have one: the lumbar extensors limit, the hip flexors do not
        CHECK_THAT(weak.message, Contains("; at maximal force: "));
        CHECK_THAT(weak.message, Contains("erector_spinae "));
        CHECK_THAT(weak.message, Contains("/76"));
        CHECK_THAT(weak.message, !Contains("iliacus"));
        const FrameResult ok = analyse_frame(strong, ws, in, AnalysisOptions{});
        REQUIRE(ok.status == SolveStatus::Optimal);
        CHECK(ok.equality_residual < 1e-6);
        // the frame needs more than the scale-1 capacity of some fascicles, all of them lumbar extensors (a negative
        // flexion moment arm at L4/L5: erectors, multifidus, and the posterior abdominal-wall fascicles that extend)
        Workspace kin(base);
        update_kinematics(base, in.q, kin);
        const int l4l5 = base.joints[base.joint_index("L4L5")].first_coordinate;
        std::set<std::string> over;
        for (std::size_t i = 0; i < base.muscles.size(); ++i) {
            CHECK(ok.muscle_force[i] <= strong.muscles[i].max_force * (1 + 1e-9) + 1e-6);
            if (ok.muscle_force[i] > base.muscles[i].max_force * (1 + 1e-6)) {
                over.insert(base.muscles[i].family);
                INFO(base.muscles[i].name);
                CHECK(moment_arm(base, kin, static_cast<int>(i), l4l5) < 0.0);
            }
        }
        CHECK(over.count("erector_spinae") == 1);
    }

    SECTION("standing frames far from every bound: identical forces at any scale") {
        for (const FrameInput& in : {test::standing_input(base), test::standing_input(base, 0, 0, 20)}) {
            const FrameResult a = analyse_frame(base, ws, in, AnalysisOptions{});
            REQUIRE(a.status == SolveStatus::Optimal);
            REQUIRE(a.muscle_passive_force.cwiseAbs().maxCoeff() < 1e-9);  // nothing stretched
            double activation = 0;
            for (std::size_t i = 0; i < base.muscles.size(); ++i)
                activation = std::max(activation, a.muscle_force[i] / base.muscles[i].max_force);
            REQUIRE(activation < 0.9);  // no upper bound active at scale 1
            const double largest = a.muscle_force.cwiseAbs().maxCoeff();
            for (const Model* m : {&strong, &stronger}) {
                INFO("strength_scale " << m->subject.strength_scale);
                const FrameResult b = analyse_frame(*m, ws, in, AnalysisOptions{});
                REQUIRE(b.status == SolveStatus::Optimal);
                for (Eigen::Index i = 0; i < a.muscle_force.size(); ++i)
                    CHECK(b.muscle_force[i] == Approx(a.muscle_force[i]).epsilon(1e-9).margin(1e-9 * largest));
                for (std::size_t l = 0; l < a.levels.size(); ++l) {
                    CHECK(b.levels[l].compression == Approx(a.levels[l].compression).epsilon(1e-9));
                    CHECK(b.levels[l].shear_ap == Approx(a.levels[l].shear_ap).epsilon(1e-9).margin(1e-9 * largest));
                }
            }
        }
    }
}

// A force through the L5/S1 joint centre (no moment, so no muscle force) on a disc whose normal is tilted anteriorly
// by tau: the joint reaction is minus the force, and its disc components follow from docs/conventions.md in closed
// form, n = (sin tau, cos tau, 0), anterior t = (cos tau, -sin tau, 0):
//   compression = W cos tau - Fx sin tau, AP shear = Fx cos tau + W sin tau (the weight slides the superior vertebra
//   down the anteriorly sloping disc), lateral shear = Fz; IDP = compression / (0.66 disc area) (Nachemson).
// An orthonormal decomposition keeps the magnitude of the reaction. Tolerances 1e-9 relative: exact arithmetic up
// to the solver's equality residual (~1e-12 N here).
TEST_CASE("disc components of a known reaction on a tilted disc: compression, AP and lateral shear, IDP", "[analysis]") {
    Model model = lever_model(0.05);
    const double tau = 25.0 * test::kDeg, W = 300.0, Fx = 40.0, Fz = -25.0;
    model.lumbar_levels[0].normal_tilt = tau;
    Workspace ws(model);
    FrameInput in;
    in.q = reference_posture(model);
    in.loads.push_back({"push", 1, Vec3::Zero(), Vec3(Fx, -W, Fz)});
    for (const BodyPoint& p : model.points) in.contacts.push_back({p.name, p.segment, p.location, Vec3::UnitY(), 1.0});
    AnalysisOptions options;
    options.check_range_of_motion = false;
    const FrameResult r = analyse_frame(model, ws, in, options);
    REQUIRE(r.status == SolveStatus::Optimal);
    CHECK(r.muscle_force.cwiseAbs().maxCoeff() < 1e-9);
    const LevelLoad& l = r.levels[0];
    CHECK(l.compression == Approx(W * std::cos(tau) - Fx * std::sin(tau)).epsilon(1e-9));
    CHECK(l.shear_ap == Approx(Fx * std::cos(tau) + W * std::sin(tau)).epsilon(1e-9));
    CHECK(l.shear_lateral == Approx(Fz).epsilon(1e-9));
    CHECK(l.intradiscal_pressure == Approx(l.compression / (0.66 * 1e-3)).epsilon(1e-9));
    const double components = std::sqrt(l.compression * l.compression + l.shear_ap * l.shear_ap + l.shear_lateral * l.shear_lateral);
    CHECK(components == Approx(r.joint_reaction[model.joint_index("L5S1")].norm()).epsilon(1e-9));
}

// Friction is modelled by a four-sided pyramid (capacity mu N along its edges, mu N / sqrt 2 between them). Turning
// the whole body about the vertical must turn the pyramid with it: a push along the body's anterior axis at 0.9 mu
// of the weight is held facing any heading, 45 deg included (where a world-fixed pyramid holds only 0.71 mu).
// Also whole-body equilibrium: the supports carry minus the push. 1e-9 relative: solver residual ~1e-12.
TEST_CASE("a push near the friction limit is held whatever the heading (the friction pyramid turns with the body)",
          "[analysis]") {
    const Model model = lever_model(0.05);
    const double W = 300.0, mu = 0.5, push = 0.9 * mu * W;
    AnalysisOptions options;
    options.check_range_of_motion = false;
    for (double heading_deg : {0.0, 45.0, 120.0}) {
        INFO("heading " << heading_deg << " deg");
        const double psi = heading_deg * test::kDeg;
        Workspace ws(model);
        FrameInput in;
        in.q = reference_posture(model);
        set_coordinate(model, in.q, "base.rotation", psi);  // about +y: body x axis = (cos psi, 0, -sin psi)
        const Vec3 anterior(std::cos(psi), 0.0, -std::sin(psi));
        in.loads.push_back({"push", 1, Vec3::Zero(), push * anterior - W * Vec3::UnitY()});
        for (const BodyPoint& p : model.points) in.contacts.push_back({p.name, p.segment, p.location, Vec3::UnitY(), mu});
        const FrameResult r = analyse_frame(model, ws, in, options);
        REQUIRE(r.status == SolveStatus::Optimal);
        Vec3 floor = Vec3::Zero();
        for (const Vec3& f : r.contact_force) floor += f;
        CHECK((floor - (W * Vec3::UnitY() - push * anterior)).norm() < 1e-9 * W);
    }
}
