// Costed arm actuators (data/model/arm_strength.toml, Joint::actuator_costed): the shoulder and elbow moments enter
// the muscle sharing as actuators costed like muscles at the same activation, instead of free ideal actuators.
#include "fixtures.hpp"

#include "analysis/frame_problem.hpp"
#include "spinesim/scenario.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

using namespace spinesim;

namespace {

// The default model with the shoulders and elbows costed (their strengths come from arm_strength.toml).
Model costed_arms_model() {
    Model model = test::default_model();
    for (Joint& j : model.joints)
        if (j.name.rfind("shoulder_", 0) == 0 || j.name.rfind("elbow_", 0) == 0) {
            REQUIRE(j.actuator_strength[0][0] > 0);
            j.actuator_costed = true;
        }
    return model;
}

Scenario leg_raise_with_grip() {
    Scenario s = load_scenario(scenario_path(default_data_dir(), "bench_leg_raise"), {{"frames", "7"}});
    for (const char* p : {"grip_r", "grip_l"}) {
        ScenarioContact c;
        c.point = p;
        c.normal = Vec3(0, -1, 0);  // the bench pushes the hands down: the hands pull on the bench
        c.friction = 0.0;
        s.contacts.push_back(c);
    }
    return s;
}

double peak(const Eigen::VectorXd& v) { return v.maxCoeff(); }

}  // namespace

TEST_CASE("the arm strengths are read for both sides and stay off unless costed", "[arm_actuators]") {
    const Model& model = test::default_model();
    for (const char* name : {"shoulder_r", "shoulder_l", "elbow_r", "elbow_l"}) {
        const Joint& j = model.joints[static_cast<std::size_t>(model.joint_index(name))];
        INFO(name);
        CHECK(j.actuator_strength[0][0] > 0);
        CHECK(j.actuator_strength[0][1] > 0);
        CHECK_FALSE(j.muscle_balanced);
        CHECK_FALSE(j.actuator_costed);  // arm_strength.toml: costed = false (what-if)
    }
}

TEST_CASE("a costed shoulder actuator carries the moment the arm needs for a held load", "[arm_actuators]") {
    const Model model = costed_arms_model();
    Workspace ws(model);
    FrameInput in = test::standing_input(model);
    set_coordinate(model, in.q, "shoulder_r.flexion", 90 * test::kDeg);
    const BodyPoint& grip = model.points[static_cast<std::size_t>(model.point_index("grip_r"))];
    in.loads.push_back({"held 10 kg", grip.segment, grip.location, Vec3(0, -10 * 9.81, 0)});
    AnalysisOptions options;
    const FrameResult r = analyse_frame(model, ws, in, options);
    REQUIRE(r.status == SolveStatus::Optimal);
    CHECK(r.equality_residual <= 1e-6);

    // What the arm needs, from first principles: gravity on the upper arm and forearm, the load, and the muscles
    // crossing the shoulder (latissimus dorsi) about the shoulder centre.
    const int sh = model.joint_index("shoulder_r");
    const Vec3 c = ws.joint_centre[sh];
    Vec3 load = Vec3::Zero();
    for (std::size_t s = 0; s < model.segments.size(); ++s)
        if (model.subtree[sh][s])
            load += (ws.pose[s] * model.segments[s].com - c).cross(Vec3(0, -model.segments[s].mass * model.gravity, 0));
    load += (ws.pose[grip.segment] * grip.location - c).cross(Vec3(0, -10 * 9.81, 0));
    const Eigen::Index nm = static_cast<Eigen::Index>(model.muscles.size());
    load += ws.muscle_moment.block(3 * sh, 0, 3, nm) * r.muscle_force;
    CHECK((r.actuator_moment[sh] + load).norm() <= 1e-6 * (1.0 + load.norm()));

    // ... and it is the costed actuator variables that carry it (ball joint: the three axes span every moment)
    const detail::FrameProblem frame = detail::prepare_frame(model, ws, in);
    const detail::AssembledProblem& a = frame.assembled;
    const SharingSolution sol = solve_sharing(a.problem, options.solver);
    const auto at = std::find(a.actuated_joints.begin(), a.actuated_joints.end(), sh) - a.actuated_joints.begin();
    REQUIRE(at < static_cast<long>(a.actuated_joints.size()));
    int col = a.actuator_column;
    for (long k = 0; k < at; ++k) col += 2 * model.joints[static_cast<std::size_t>(a.actuated_joints[k])].coordinate_count;
    Vec3 carried = Vec3::Zero();
    for (int k = 0; k < 3; ++k) carried += (sol.x[col + 2 * k] - sol.x[col + 2 * k + 1]) * a.actuator_axes[at][k];
    CHECK((carried - r.actuator_moment[sh]).norm() <= 1e-6 * (1.0 + load.norm()));
    // the arm held forward: a flexion moment of the order of the load's (10 kg at ~0.6 m) plus the arm's own weight
    const double flexion = carried.dot(a.actuator_axes[at][0]);
    CHECK(flexion > 50.0);
    CHECK(flexion < 120.0);
    // muscles only in max_stress (the actuators are Muscle-kind sharing variables)
    double muscles = 0;
    for (Eigen::Index i = 0; i < nm; ++i) muscles = std::max(muscles, r.muscle_active_force[i] / model.muscles[i].pcsa);
    CHECK(r.max_stress == Approx(muscles));
}

TEST_CASE("costed arms remove the leg raise's grip clamp on the thorax", "[arm_actuators]") {
    // With free arm actuators a pulling hand grip plus the head support form a clamp on the thorax (docs/model.md,
    // "Ideal actuators at the limb joints cost nothing"); costed, the grip pull only goes as far as it pays.
    const Scenario s = leg_raise_with_grip();
    const SimulationResult free_arms = simulate(test::default_model(), s);
    const SimulationResult costed = simulate(costed_arms_model(), s);
    REQUIRE(free_arms.all_frames_solved());
    REQUIRE(costed.all_frames_solved());
    CHECK(costed.equality_residual.maxCoeff() <= 1e-6);
    auto grip_pull = [&](const SimulationResult& r) {
        double most = 0;
        for (std::size_t c = 0; c < r.contact_names.size(); ++c)
            if (r.contact_names[c].find("grip") != std::string::npos)
                for (Eigen::Index i = 0; i < r.contact_force.rows(); ++i)
                    most = std::max(most, r.contact_force.block<1, 3>(i, 3 * static_cast<Eigen::Index>(c)).norm());
        return most;
    };
    const int l4 = test::default_model().lumbar_level_index("L4/L5");
    INFO("grip pull free " << grip_pull(free_arms) << " N, costed " << grip_pull(costed) << " N; L4/L5 peak free "
                           << peak(free_arms.compression.col(l4)) << " N, costed " << peak(costed.compression.col(l4)));
    CHECK(grip_pull(free_arms) > 1000.0);
    CHECK(grip_pull(costed) < 0.25 * grip_pull(free_arms));
}

TEST_CASE("with costed arms every frame of every shipped scenario is solved exactly or reported infeasible",
          "[arm_actuators]") {
    const Model model = costed_arms_model();
    for (const std::string& name : list_scenarios(default_data_dir())) {
        const SimulationResult r = simulate(model, load_scenario(scenario_path(default_data_dir(), name), {{"frames", "5"}}));
        for (int i = 0; i < r.time.size(); ++i) {
            INFO(name << " frame " << i << ": " << r.frame_status[i]);
            if (r.frame_status[i] == "optimal") CHECK(r.equality_residual[i] <= 1e-6);
            else CHECK(r.frame_status[i].find("cannot hold this load") != std::string::npos);
        }
    }
}
