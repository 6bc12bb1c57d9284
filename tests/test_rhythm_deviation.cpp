// Levels deviating from the lumbar rhythm: the passive stiffness that carries the deviation (closed form against
// finite differences), the constraints (sum zero, within limits), equilibrium with the deviation moment included,
// and that a model allowed no deviation reproduces strict per-level balance.
#include "fixtures.hpp"

#include "loads/passive_tissue.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace spinesim;

TEST_CASE("motion-segment stiffness is the derivative of the passive moment-angle curves", "[rhythm]") {
    const Model& model = test::default_model();
    Posture q = reference_posture(model);
    set_lumbar_motion(model, q, 35 * test::kDeg, 6 * test::kDeg, -4 * test::kDeg);
    for (const LumbarLevel& level : model.lumbar_levels) {
        const Vec3 k = detail::motion_segment_stiffness(model, q, level.joint);
        const int first = model.joints[level.joint].first_coordinate;
        for (int c = 0; c < 3; ++c) {
            const double h = 1e-6;
            Posture plus = q, minus = q;
            plus[first + c] += h;
            minus[first + c] -= h;
            const double numeric = (detail::motion_segment_resistance(model, plus, level.joint)[c] -
                                    detail::motion_segment_resistance(model, minus, level.joint)[c]) / (2 * h);
            CHECK(k[c] == Approx(numeric).epsilon(1e-6));
            CHECK(k[c] > 0.0);  // the published curves resist motion everywhere
        }
    }
}

TEST_CASE("level deviations sum to zero, stay within their limits and are carried by the passive segments", "[rhythm]") {
    const Model& model = test::default_model();
    Workspace ws(model);
    const FrameInput in = test::standing_input(model, 25.0, 25.0, 10.0);
    const FrameResult r = analyse_frame(model, ws, in, AnalysisOptions{});
    REQUIRE(r.status == SolveStatus::Optimal);
    CHECK(r.equality_residual <= 1e-6);
    REQUIRE(r.rhythm_deviation.size() == model.lumbar_levels.size());
    Vec3 sum = Vec3::Zero();
    bool any_nonzero = false;
    for (std::size_t l = 0; l < r.rhythm_deviation.size(); ++l) {
        const Vec3& d = r.rhythm_deviation[l];
        sum += d;
        for (int k = 0; k < 3; ++k) CHECK(std::abs(d[k]) <= model.rhythm_deviation_limit[k] * (1 + 1e-9));
        any_nonzero = any_nonzero || d.norm() > 1e-4;
        // the reported tissue moment is the curve at the rhythm angle plus stiffness x deviation
        const int joint = model.lumbar_levels[l].joint;
        const double expected = detail::motion_segment_resistance(model, in.q, joint).x() +
                                detail::motion_segment_stiffness(model, in.q, joint).x() * d.x();
        CHECK(r.levels[l].tissue_flexion_moment == Approx(expected).margin(1e-9));
        CHECK(r.levels[l].flexion_deviation == d.x());
    }
    CHECK(sum.cwiseAbs().maxCoeff() < 1e-9);
    CHECK(any_nonzero);  // a loaded flexed spine does use the freedom

}

TEST_CASE("with no deviation allowed every level is balanced by the muscles alone, at a higher cost", "[rhythm]") {
    Model strict = test::default_model();
    strict.rhythm_deviation_limit = Vec3::Zero();
    const Model& model = test::default_model();
    const FrameInput in = test::standing_input(model, 20.0, 20.0, 10.0);
    Workspace ws(model), ws_strict(strict);
    const FrameResult free_levels = analyse_frame(model, ws, in, AnalysisOptions{});
    const FrameResult strict_levels = analyse_frame(strict, ws_strict, in, AnalysisOptions{});
    REQUIRE(free_levels.status == SolveStatus::Optimal);
    REQUIRE(strict_levels.status == SolveStatus::Optimal);
    for (const Vec3& d : strict_levels.rhythm_deviation) CHECK(d.norm() == 0.0);
    for (std::size_t l = 0; l < model.lumbar_levels.size(); ++l)
        CHECK(strict_levels.levels[l].tissue_flexion_moment ==
              Approx(detail::motion_segment_resistance(model, in.q, model.lumbar_levels[l].joint).x()).margin(1e-12));
    // more freedom can only lower the optimum (the strict solution is feasible for the free problem)
    CHECK(free_levels.objective <= strict_levels.objective * (1 + 1e-9));
}
