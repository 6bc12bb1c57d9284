// Whole-lumbar range of motion for free lumbar coordinates: the posture solver keeps the sum over the five levels
// inside lumbar_rhythm.toml's range (flexion [-26, 60] deg, lateral bending [-25, 25] deg), and a frame left beyond
// it is reported as a posture failure, not as a good posture.
#include "fixtures.hpp"

#include "simulation/lumbar_range.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>

using namespace spinesim;
using Catch::Matchers::Contains;

namespace {

const char* const kLumbarFlexion[] = {"L1L2.flexion", "L2L3.flexion", "L3L4.flexion", "L4L5.flexion", "L5S1.flexion"};

// standing_flexed_forward with the five lumbar flexion coordinates free instead of the rhythm-distributed lumbar
// target, and hips and pelvis tilt not free (at 0): with the pelvis fixed, the whole-lumbar flexion is what bends the
// trunk forward. The thorax inclination target is `thorax_deg`.
Scenario free_lumbar_bend(double thorax_deg) {
    Scenario s = load_scenario(scenario_path(default_data_dir(), "standing_flexed_forward"));
    s.name = s.source_file = "free_lumbar_bend";
    s.free_coordinates = {"pelvis.tx", "pelvis.ty", "knee_r.flexion", "knee_l.flexion", "ankle_r.dorsiflexion",
                          "ankle_l.dorsiflexion"};
    for (const char* c : kLumbarFlexion) s.free_coordinates.push_back(c);
    s.targets.erase(std::remove_if(s.targets.begin(), s.targets.end(),
                                   [](const PostureTarget& t) { return t.kind == PostureTarget::Kind::LumbarFlexion; }),
                    s.targets.end());
    for (PostureTarget& t : s.targets)
        if (t.kind == PostureTarget::Kind::SegmentInclination) t.value = PhaseCurve{{0.0}, {thorax_deg * test::kDeg}};
    return s;
}

// The model without a whole-lumbar range (per-level limits only): the solver as it was before the range applied.
Model without_whole_lumbar_range(const Model& model) {
    Model m = model;
    m.whole_lumbar_lower.setConstant(-std::numeric_limits<double>::infinity());
    m.whole_lumbar_upper.setConstant(std::numeric_limits<double>::infinity());
    return m;
}

double whole_lumbar_flexion_deg(const Model& model, const SimulationResult& r) {
    return total_lumbar_flexion(model, r.coordinates.row(0).transpose()) / test::kDeg;
}

}  // namespace

TEST_CASE("free lumbar coordinates stay inside the whole-lumbar flexion range", "[simulation][lumbar_range]") {
    const Model& model = test::default_model();
    const Scenario s = free_lumbar_bend(85.0);
    // Per-level limits alone let the thorax target pull the lumbar spine far beyond 60 deg (81.3 deg).
    const Model unbounded = without_whole_lumbar_range(model);
    const double before = whole_lumbar_flexion_deg(unbounded, simulate(unbounded, s));
    const SimulationResult r = simulate(model, s);
    const double after = whole_lumbar_flexion_deg(model, r);
    std::printf("free lumbar flexion, thorax target 85 deg: whole-lumbar flexion %.4f deg without the range, %.4f deg "
                "with it; status '%s'\n", before, after, r.frame_status[0].c_str());
    INFO("status: " << r.frame_status[0]);
    CHECK(before > 70.0);
    // Inside [-26, 60] deg (within the reporting tolerance), or the frame says it is not.
    if (after > 60.0 + detail::kLumbarRangeTolerance / test::kDeg)
        CHECK_THAT(r.frame_status[0],
                   Contains("posture:") && Contains("whole-lumbar flexion") && Contains("[-26, 60] deg"));
    else
        CHECK(after > 59.0);   // the thorax target still pulls the spine to the limit
    // The thorax cannot reach 85 deg inside the range: a missed hard target, not a good posture.
    CHECK_FALSE(r.all_frames_solved());
    CHECK_THAT(r.frame_status[0], Contains("posture:") && Contains("segment_inclination thorax missed by"));
}

TEST_CASE("a free-lumbar posture well inside the whole-lumbar range is unchanged by it", "[simulation][lumbar_range]") {
    const Model& model = test::default_model();
    const Scenario s = free_lumbar_bend(30.0);
    const Model unbounded = without_whole_lumbar_range(model);
    const SimulationResult a = simulate(unbounded, s), b = simulate(model, s);
    std::printf("free lumbar flexion, thorax target 30 deg: whole-lumbar flexion %.4f deg without the range, %.4f deg "
                "with it\n", whole_lumbar_flexion_deg(model, a), whole_lumbar_flexion_deg(model, b));
    CHECK(whole_lumbar_flexion_deg(model, b) > 15.0);
    CHECK(whole_lumbar_flexion_deg(model, b) < 45.0);
    CHECK((a.coordinates - b.coordinates).cwiseAbs().maxCoeff() < 1e-9);
    CHECK(a.frame_status == b.frame_status);
    CHECK(b.frame_status[0].find("whole-lumbar") == std::string::npos);
}

TEST_CASE("a posture beyond the whole-lumbar range is named with component, angle and range",
          "[simulation][lumbar_range]") {
    const Model& model = test::default_model();
    Posture q = reference_posture(model);
    set_lumbar_motion(model, q, 50 * test::kDeg, -20 * test::kDeg, 0);
    CHECK(detail::lumbar_range_violations(model, q).empty());
    // 70 deg distributed by the rhythm: every level inside its own limits (1.5 x its share of 60 deg)
    set_lumbar_motion(model, q, 70 * test::kDeg, 0, 0);
    REQUIRE_NOTHROW(check_range_of_motion(model, q, "test"));
    CHECK(detail::lumbar_range_violations(model, q) ==
          "whole-lumbar flexion 70 deg beyond its range of motion [-26, 60] deg");
    set_lumbar_motion(model, q, -26.05 * test::kDeg, 30 * test::kDeg, 0);   // extension within the tolerance
    REQUIRE_NOTHROW(check_range_of_motion(model, q, "test"));
    // (the lateral rhythm shares sum to 1.00015: 30.004 deg)
    CHECK_THAT(detail::lumbar_range_violations(model, q),
               Catch::Matchers::StartsWith("whole-lumbar lateral bending 30.0") &&
                   Catch::Matchers::EndsWith(" deg beyond its range of motion [-25, 25] deg"));
}

TEST_CASE("a frame beyond the whole-lumbar range is reported as a posture failure", "[simulation][lumbar_range]") {
    // Per-level coordinate targets (not free), each inside its level's limits, that add up to 70 deg of flexion: the
    // frame's status says so, as it does for a missed hard target.
    const Model& model = test::default_model();
    Scenario s = load_scenario(scenario_path(default_data_dir(), "relaxed_standing"));
    Posture q = reference_posture(model);
    set_lumbar_motion(model, q, 70 * test::kDeg, 0, 0);
    for (const char* c : kLumbarFlexion) {
        PostureTarget t;
        t.kind = PostureTarget::Kind::Coordinate;
        t.name = c;
        t.value = PhaseCurve{{0.0}, {get_coordinate(model, q, c)}};
        s.targets.push_back(t);
    }
    const SimulationResult r = simulate(model, s);
    CHECK(whole_lumbar_flexion_deg(model, r) == Approx(70.0));
    CHECK_FALSE(r.all_frames_solved());
    CHECK_THAT(r.frame_status[0], Contains("posture: ") &&
                                      Contains("whole-lumbar flexion 70 deg beyond its range of motion [-26, 60] deg"));
}
