// The common strength of a set of runs (spinesim/common_strength.hpp): the smallest factor that holds every frame
// of every run, infinity when a frame cannot be held by strength alone, and how the runs are run again at it.
#include "spinesim/common_strength.hpp"

#include "spinesim/strength_needed.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace spinesim;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// A run of as many frames as `needed` (NaN = held at the subject's strength) with subject strength `own`; frames
// with a finite or infinite need are unsolved ("infeasible"), `posture` frames are unsolved without a need.
SimulationResult run(const std::vector<double>& needed, double own = 1.0, const std::vector<int>& posture = {}) {
    SimulationResult r;
    r.definition.subject.strength_scale = own;
    const auto n = static_cast<Eigen::Index>(needed.size());
    r.time = Eigen::VectorXd::LinSpaced(n, 0.0, 1.0);
    r.strength_needed = Eigen::Map<const Eigen::VectorXd>(needed.data(), n);
    for (const double s : needed) r.frame_status.push_back(std::isnan(s) ? "optimal" : "infeasible: L4L5 flexion");
    for (const int f : posture) r.frame_status[static_cast<std::size_t>(f)] = "posture: hand target missed by 12 mm";
    return r;
}

}  // namespace

TEST_CASE("common strength: the largest factor any unheld frame needs", "[strength][common]") {
    const SimulationResult a = run({kNaN, 1.5, 1.3}), b = run({1.2, kNaN, kNaN});
    CHECK(common_strength({&a, &b}) == 1.5);
    CHECK(common_strength({&b, &a}) == 1.5);
    CHECK(common_strength({&b}) == 1.2);
    CHECK(largest_strength_needed({&a, &b}) == 1.5);
    CHECK(partial_common_strength({&a, &b}) == 1.5);
}

TEST_CASE("common strength: NaN when every frame is held, so the runs keep their own strength", "[strength][common]") {
    const SimulationResult a = run({kNaN, kNaN}, 1.25), b = run({kNaN, kNaN, kNaN}, 1.25);
    CHECK(std::isnan(common_strength({&a, &b})));
    CHECK(std::isnan(partial_common_strength({&a, &b})));
    CHECK(std::isnan(common_strength({})));
}

TEST_CASE("common strength: infinity when a frame cannot be held by strength alone", "[strength][common]") {
    const SimulationResult held = run({kNaN, 1.2});
    SECTION("not held even at the largest factor") {
        const SimulationResult weak = run({kInf, 1.4});
        CHECK(std::isinf(common_strength({&held, &weak})));
        CHECK(std::isinf(largest_strength_needed({&held, &weak})));
        CHECK(partial_common_strength({&held, &weak}) == 1.4);   // the frames strength can hold
    }
    SECTION("an unsolved frame without a strength need (a missed posture target)") {
        const SimulationResult posture = run({kNaN, kNaN, 1.3}, 1.0, {0});
        CHECK(std::isinf(common_strength({&held, &posture})));
        CHECK(largest_strength_needed({&held, &posture}) == 1.3);
        CHECK(partial_common_strength({&held, &posture}) == 1.3);
        const SimulationResult only_posture = run({kNaN}, 1.0, {0});
        CHECK(std::isnan(partial_common_strength({&only_posture})));
    }
    SECTION("a run that failed") {
        CHECK(std::isinf(common_strength({&held, nullptr})));
        CHECK(partial_common_strength({&held, nullptr}) == 1.2);
    }
}

TEST_CASE("common strength: the rerun overrides and the note above the table", "[strength][common]") {
    const double factor = 1.0 / 3.0 + 1.0;
    const auto overrides = with_strength_override({{"frames", "5"}, {"subject.strength_scale", "1"}}, factor);
    CHECK(overrides.at("frames") == "5");
    CHECK(std::stod(overrides.at("subject.strength_scale")) == factor);
    const SimulationResult a = run({kNaN, 1.5, 1.3, kNaN}), b = run({kNaN, kNaN, kNaN, kNaN});
    CHECK(common_strength_note({{"neutral", &a}, {"round", &b}}, 1.5, "--strength auto", "Use --strength X to fix it.") ==
          "Strength x1.500 (--strength auto): at the scenarios' strength (x1.000) the muscles hold neutral 2/4, round "
          "4/4 frames; x1.500 is the smallest common factor on every muscle's maximal force that holds every frame of "
          "both (strength_needed). Use --strength X to fix it.");
    CHECK(kMaxStrengthScale == 5.0);
}

TEST_CASE("auto strength: a run its muscles cannot hold is run again at the factor that holds every frame, with the "
          "same loads as a model built for the stronger subject", "[strength][common][simulation]") {
    const Model& model = test::default_model();
    const Scenario lift = load_scenario(scenario_path(default_data_dir(), "box_lift_20kg_round"),
                                        {{"frames", "5"}, {"load_kg", "35"}});
    const SimulationResult first = simulate(model, lift);
    const double needed = first.strength_to_hold_all();
    REQUIRE(std::isfinite(needed));
    REQUIRE(needed > 1.0);

    const AutoStrengthRun run = simulate_with_auto_strength(model, lift, "--strength auto");
    CHECK(run.rerun_strength == needed);
    int held = 0;
    for (const std::string& s : first.frame_status) held += s == "optimal";
    CHECK(run.frames_held_first == held);
    CHECK(held < 5);
    CHECK(run.note == strength_rerun_note(first, needed, "--strength auto"));
    CHECK(run.result.definition.subject.strength_scale == needed);
    for (const std::string& s : run.result.frame_status) CHECK(s == "optimal");

    // The rerun scales the given model (with_strength_scale); a model loaded for the stronger subject has the same
    // maximal forces, so the loads agree to rounding (equilibrium residuals are <= 1e-6 N·m; 1e-9 relative here).
    Subject strong = model.subject;
    strong.strength_scale = needed;
    Scenario stronger = lift;
    stronger.subject = strong;
    const SimulationResult reference = simulate(load_model(strong), stronger);
    const auto l45 = static_cast<Eigen::Index>(model.lumbar_level_index("L4/L5"));
    for (Eigen::Index f = 0; f < 5; ++f)
        CHECK(run.result.compression(f, l45) == Approx(reference.compression(f, l45)).epsilon(1e-9));
}

TEST_CASE("auto strength: a run held at the subject's strength is not run again", "[strength][common][simulation]") {
    const Scenario standing = load_scenario(scenario_path(default_data_dir(), "relaxed_standing"), {});
    const AutoStrengthRun run = simulate_with_auto_strength(test::default_model(), standing, "--strength auto");
    CHECK(std::isnan(run.rerun_strength));
    CHECK(run.note.empty());
    CHECK(run.frames_held_first == static_cast<int>(run.result.frame_status.size()));
    CHECK(run.result.definition.subject.strength_scale == 1.0);
}
