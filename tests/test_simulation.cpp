// Scenario runner: posture solver, feet on the floor, round vs neutral deadlift, determinism, equilibrium.
#include "fixtures.hpp"

#include "spinesim/number_text.hpp"

#include "spinesim/error.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/simulation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <set>
#include <thread>

using namespace spinesim;
using Catch::Matchers::Contains;

namespace {

std::string scenario_file(const std::string& name) { return scenario_path(default_data_dir(), name); }

void print_geometry(const Model& model, const SimulationResult& r, int frame) {
    Workspace ws(model);
    update_kinematics(model, r.coordinates.row(frame).transpose(), ws);
    for (const char* p : {"heel_r", "ball_r", "grip_r", "knee_contact_r", "sternum"}) {
        const BodyPoint& b = model.points[model.point_index(p)];
        const Vec3 x = world_point(ws, b.segment, b.location);
        std::printf("  %-16s x %.4f y %.4f z %.4f\n", p, x.x(), x.y(), x.z());
    }
    for (const char* j : {"hip_r", "knee_r", "ankle_r", "shoulder_r", "L4L5"}) {
        const Vec3 x = ws.joint_centre[model.joint_index(j)];
        std::printf("  %-16s x %.4f y %.4f z %.4f\n", j, x.x(), x.y(), x.z());
    }
    const Vec3 c = centre_of_mass(model, ws);
    std::printf("  COM x %.4f y %.4f\n", c.x(), c.y());
}

}  // namespace

TEST_CASE("report: every scenario for the default subject", "[.report]") {
    const Model& model = test::default_model();
    for (const std::string& name : list_scenarios(default_data_dir())) {
        const Scenario s = load_scenario(scenario_file(name));
        const SimulationResult r = simulate(model, s);
        const int l4 = model.lumbar_level_index("L4/L5");
        double peak_c = 0, peak_s = 0;
        int at = 0;
        for (int i = 0; i < r.time.size(); ++i) {
            if (r.compression(i, l4) > peak_c) { peak_c = r.compression(i, l4); at = i; }
            peak_s = std::max(peak_s, std::abs(r.shear_ap(i, l4)));
        }
        std::printf("%s: peak L4/L5 compression %.0f N (frame %d), peak |AP shear| %.0f N, max eq residual %.2e, max posture rms %.3f\n",
                    name.c_str(), peak_c, at, peak_s, r.equality_residual.maxCoeff(), r.posture_residual.maxCoeff());
        for (int i = 0; i < r.time.size(); ++i) {
            const double passive = r.tissue_moment(i, l4) + r.passive_muscle_moment(i, l4);
            const double ext = r.external_moment(i, l4);
            std::printf("  f%2d C %7.0f S %6.0f Mext %6.1f Mtis %6.1f Mpm %6.1f share %.3f prms %.2f lumb %5.1f tilt %5.1f hip %5.1f knee %5.1f ank %5.1f sh %5.1f | %s\n",
                        i, r.compression(i, l4), r.shear_ap(i, l4), ext, r.tissue_moment(i, l4), r.passive_muscle_moment(i, l4),
                        ext != 0 ? passive / ext : 0.0, r.posture_residual[i],
                        total_lumbar_flexion(model, r.coordinates.row(i).transpose()) / test::kDeg,
                        r.coordinates(i, model.coordinate_index("pelvis.anterior_tilt")) / test::kDeg,
                        r.coordinates(i, model.coordinate_index("hip_r.flexion")) / test::kDeg,
                        r.coordinates(i, model.coordinate_index("knee_r.flexion")) / test::kDeg,
                        r.coordinates(i, model.coordinate_index("ankle_r.dorsiflexion")) / test::kDeg,
                        r.coordinates(i, model.coordinate_index("shoulder_r.flexion")) / test::kDeg,
                        r.frame_status[i].c_str());
        }
        print_geometry(model, r, 0);
        if (r.time.size() > 1) print_geometry(model, r, static_cast<int>(r.time.size()) - 1);
    }
}

namespace {

double point_height(const Model& model, const Posture& q, const char* point) {
    Workspace ws(model);
    update_kinematics(model, q, ws);
    const BodyPoint& b = model.points[model.point_index(point)];
    return world_point(ws, b.segment, b.location).y();
}

// Frame of `r` whose thorax inclination is closest to `inclination` (rad).
int frame_at_inclination(const Model& model, const SimulationResult& r, double inclination) {
    int best = 0;
    double error = 1e9;
    Workspace ws(model);
    for (int i = 0; i < r.time.size(); ++i) {
        update_kinematics(model, r.coordinates.row(i).transpose(), ws);
        const Vec3 axis = ws.pose[model.segment_index("thorax")].linear().col(1);
        const double e = std::abs(std::atan2(axis.x(), axis.y()) - inclination);
        if (e < error) { error = e; best = i; }
    }
    return best;
}

}  // namespace

TEST_CASE("the posture solver meets the targets and keeps the feet flat on the floor", "[simulation]") {
    const Model& model = test::default_model();
    for (const char* name : {"relaxed_standing", "box_lift_20kg_round"}) {
        const SimulationResult r = simulate(model, load_scenario(scenario_file(name), {{"frames", "6"}}));
        for (int i = 0; i < r.time.size(); ++i) {
            INFO(name << " frame " << i << ": " << r.frame_status[i]);
            CHECK(r.frame_status[i].find("posture:") == std::string::npos);
            for (const char* p : {"heel_r", "ball_r", "heel_l", "ball_l"})
                CHECK(std::abs(point_height(model, r.coordinates.row(i).transpose(), p)) < 1e-3);
        }
    }
}

TEST_CASE("simulate rejects unknown names and coordinate targets beyond the range of motion", "[simulation]") {
    const Model& model = test::default_model();
    Scenario s = load_scenario(scenario_file("relaxed_standing"));
    s.source_file = "my_scenario.toml";
    Scenario bad_point = s;
    bad_point.contacts[0].point = "hele_r";
    bad_point.contacts[0].origin = "my_scenario.toml:12";
    CHECK_THROWS_WITH(simulate(model, bad_point), Contains("my_scenario.toml") && Contains("hele_r"));
    Scenario bad_free = s;
    bad_free.free_coordinates.push_back("hip_r.flexon");
    CHECK_THROWS_WITH(simulate(model, bad_free), Contains("my_scenario.toml") && Contains("hip_r.flexon"));
    Scenario beyond = s;
    PostureTarget knee;
    knee.kind = PostureTarget::Kind::Coordinate;
    knee.name = "knee_r.flexion";
    knee.value = PhaseCurve{{0.0}, {170 * test::kDeg}};
    knee.origin = "my_scenario.toml:40";
    beyond.targets.push_back(knee);
    CHECK_THROWS_WITH(simulate(model, beyond), Contains("my_scenario.toml") && Contains("knee_r.flexion") && Contains("170"));
    // A whole-lumbar target is named with its own value and the whole-lumbar range of motion of lumbar_rhythm.toml
    // (flexion 60 deg, Tafazzol 2014; extension 26, lateral bending 25 deg), not the first level it pushes out of
    // range; the per-level limits alone would allow 90 deg of flexion.
    CHECK(model.whole_lumbar_upper[0] / test::kDeg == Approx(60.0));
    CHECK(model.whole_lumbar_lower[0] / test::kDeg == Approx(-26.0));
    CHECK(model.whole_lumbar_upper[1] / test::kDeg == Approx(25.0));
    const auto with_lumbar_target = [&](PostureTarget::Kind kind, double deg) {
        Scenario lumbar = s;
        PostureTarget t;
        t.kind = kind;
        t.value = PhaseCurve{{0.0, 1.0}, {0.0, deg * test::kDeg}};
        t.origin = "my_scenario.toml:52";
        lumbar.targets.push_back(t);
        return lumbar;
    };
    for (double deg : {170.0, -60.0, 61.0, -27.0})
        CHECK_THROWS_WITH(simulate(model, with_lumbar_target(PostureTarget::Kind::LumbarFlexion, deg)),
                          Contains("my_scenario.toml:52") && Contains("lumbar_flexion") &&
                              Contains(number_text(deg) + " deg") && Contains("whole-lumbar range of motion") &&
                              Contains("[-26, 60] deg"));
    CHECK_THROWS_WITH(simulate(model, with_lumbar_target(PostureTarget::Kind::LumbarLateralBending, 26.0)),
                      Contains("lumbar_lateral_bending") && Contains("26 deg") && Contains("[-25, 25] deg"));
    // at the limit: accepted (sitting with maximal flexion uses the whole 60 deg)
    CHECK_NOTHROW(simulate(model, with_lumbar_target(PostureTarget::Kind::LumbarFlexion, 60.0)));
}

TEST_CASE("simulation results are deterministic, also when run concurrently", "[simulation]") {
    const Model& model = test::default_model();
    const Scenario s = load_scenario(scenario_file("box_lift_20kg_round"), {{"frames", "5"}});
    const SimulationResult a = simulate(model, s);
    SimulationResult b, c;
    std::thread t1([&] { b = simulate(model, s); });
    std::thread t2([&] { c = simulate(model, s); });
    t1.join();
    t2.join();
    for (const SimulationResult* other : {&b, &c}) {
        CHECK(a.coordinates == other->coordinates);
        CHECK(a.muscle_force == other->muscle_force);
        CHECK(a.compression == other->compression);
        CHECK(a.frame_status == other->frame_status);
    }
}

TEST_CASE("every frame of every shipped scenario is solved exactly or reported infeasible with the joint row",
          "[simulation]") {
    // The muscles must hold every frame exactly (residual <= 1e-6), or the frame is reported as infeasible with the
    // joint row and the missing moment; never an unexplained failure. Scenarios that are fully solved today are
    // listed and asserted; the others have infeasible frames for the default subject (see the status table in
    // data/scenarios/README.md).
    const std::set<std::string> fully_solved = {
        "bench_leg_raise", "bodyweight_squat", "cat_cow", "curl_up_hands_behind_head", "curl_up_hands_on_chest",
        "hip_hinge_neutral", "hip_hinge_round", "side_plank_dynamic", "plank_elbows", "roman_chair_situp",
        "hyperextension_45deg_bench", "hyperextension_45deg_hands_behind_head",
        "lying_lateral", "lying_prone", "lying_side_reach_left", "lying_side_reach_right", "lying_supine",
        "prone_back_extension_dive", "relaxed_standing", "roman_chair_horizontal",
        "roman_chair_horizontal_hands_behind_head", "sitting_slouched", "sitting_upright", "standing_flexed_forward"};
    const Model& model = test::default_model();
    for (const std::string& name : list_scenarios(default_data_dir())) {
        const SimulationResult r = simulate(model, load_scenario(scenario_file(name), {{"frames", "7"}}));
        for (int i = 0; i < r.time.size(); ++i) {
            INFO(name << " frame " << i << ": " << r.frame_status[i]);
            if (r.frame_status[i] == "optimal") {
                CHECK(r.equality_residual[i] <= 1e-6);
            } else {
                CHECK(r.frame_status[i].find("cannot hold this load") != std::string::npos);
                CHECK_FALSE(fully_solved.count(name));
            }
        }
    }
}

TEST_CASE("static single-frame scenarios are solved at their own frame count", "[simulation]") {
    // The suite runs the scenarios at 7 frames; a file with frames = 1 takes another path (no continuation from a
    // last frame), where sitting_upright used to miss its hard seat and floor targets by ~5 cm from the cold start.
    // Every shipped single-frame file must be solved as shipped.
    const Model& model = test::default_model();
    int single = 0;
    for (const std::string& name : list_scenarios(default_data_dir())) {
        const Scenario s = load_scenario(scenario_file(name));
        if (s.frames != 1) continue;
        ++single;
        const SimulationResult r = simulate(model, s);
        INFO(name << ": " << r.frame_status[0]);
        CHECK(r.frame_status[0] == "optimal");
        CHECK(r.equality_residual[0] <= 1e-6);
    }
    CHECK(single >= 8);  // lying x3, plank, relaxed standing, sitting x2, standing flexed forward
}

TEST_CASE("hip hinge: at the same trunk inclination a round back loads the passive tissues more", "[simulation]") {
    // McGill, Hughson & Parks 2000 Clin Biomech 15:777; Potvin, McGill & Norman 1991 Spine 16:1099: with a flexed
    // lumbar spine the posterior passive tissues take over part of the extensor moment. (Those studies also report a
    // larger L4/L5 anterior shear with a round back; this model predicts a smaller one at the same trunk angle — a
    // known disagreement, see docs/model.md and the [!shouldfail] case below.)
    const Model& model = test::default_model();
    const SimulationResult neutral = simulate(model, load_scenario(scenario_file("hip_hinge_neutral"), {{"frames", "7"}}));
    const SimulationResult round = simulate(model, load_scenario(scenario_file("hip_hinge_round"), {{"frames", "7"}}));
    REQUIRE(neutral.all_frames_solved());
    REQUIRE(round.all_frames_solved());
    const int l4 = model.lumbar_level_index("L4/L5");
    // share of the external moment carried passively, at the frame of the largest external moment (deepest bend)
    const auto peak_passive_share = [l4](const SimulationResult& s) {
        int at = 0;
        for (int i = 1; i < s.time.size(); ++i)
            if (s.external_moment(i, l4) > s.external_moment(at, l4)) at = i;
        return (s.tissue_moment(at, l4) + s.passive_muscle_moment(at, l4)) / s.external_moment(at, l4);
    };
    CHECK(peak_passive_share(round) > 0.15);  // achieved 0.24 (coupled), 0.16 (per level)
    CHECK(peak_passive_share(round) > 3.0 * peak_passive_share(neutral));
}

namespace {
// L4/L5 values of a 7-frame hip hinge at the frame of the largest external moment, and its AP shear peak.
struct HingeAtPeak {
    double ligament_force, ligament_moment, tissue_moment, shear, shear_peak;
};
// A 7-frame run of a hinge scenario (all frames solved) and its frame of the largest external moment at a level.
SimulationResult hinge_run(const Model& model, const char* scenario) {
    SimulationResult s = simulate(model, load_scenario(scenario_file(scenario), {{"frames", "7"}}));
    REQUIRE(s.all_frames_solved());
    return s;
}
int largest_moment_frame(const SimulationResult& s, int level) {
    int at = 0;
    for (int i = 1; i < s.time.size(); ++i)
        if (s.external_moment(i, level) > s.external_moment(at, level)) at = i;
    return at;
}
HingeAtPeak hinge_at_peak(const Model& model, const char* scenario) {
    const SimulationResult s = hinge_run(model, scenario);
    const int l4 = model.lumbar_level_index("L4/L5");
    const int at = largest_moment_frame(s, l4);
    double peak = 0;
    for (int i = 0; i < s.time.size(); ++i)
        if (std::abs(s.shear_ap(i, l4)) > std::abs(peak)) peak = s.shear_ap(i, l4);
    return {s.ligament_force(at, l4), s.ligament_moment(at, l4), s.tissue_moment(at, l4), s.shear_ap(at, l4), peak};
}
}  // namespace

TEST_CASE("hip hinge: the posterior ligament lines carry the round back's passive moment as tension", "[simulation][ligaments]") {
    // Mechanism of McGill et al. 2000: in a flexed lumbar spine the posterior ligaments are stretched and carry part of
    // the flexion moment as tension; the oblique interspinous ligament pulls the superior vertebra anteriorly.
    const Model& model = test::default_model();
    Model bare = model;
    bare.ligaments.clear();
    for (LumbarLevel& l : bare.lumbar_levels) l.ligament_flexion_table.clear();
    const HingeAtPeak round = hinge_at_peak(model, "hip_hinge_round");
    const HingeAtPeak neutral = hinge_at_peak(model, "hip_hinge_neutral");
    const HingeAtPeak round_bare = hinge_at_peak(bare, "hip_hinge_round");
    // achieved (frame 3 of 7): round 154 N / 5.3 of 11.7 N·m, neutral 3 N / 0.1 N·m
    CHECK(round.ligament_force > 100.0);
    CHECK(round.ligament_force > 20.0 * neutral.ligament_force);
    CHECK(round.ligament_moment > 0.3 * round.tissue_moment);
    CHECK(round.ligament_moment < round.tissue_moment);
    // same total passive moment as the pure-moment model (the disc keeps intact minus lines)
    CHECK(round.tissue_moment == Approx(round_bare.tissue_moment).margin(0.05));
    // the lines add anterior shear at L4/L5 (achieved +13 N: 45 vs 32 N)
    CHECK(round.shear - round_bare.shear > 5.0);
}

TEST_CASE("hip hinge: round back larger L4/L5 anterior shear than neutral (McGill 2000) - NOT reproduced", "[simulation][ligaments][!shouldfail]") {
    // McGill, Hughson & Parks 2000; Potvin et al. 1991. Known disagreement, measured with the ligament lines (peak
    // round 109 N vs neutral 422 N with 7 frames, 109 vs 458 N with 21). Decomposition at the frame of the largest
    // moment (21 frames; docs/model.md "Round vs neutral shear", tools/fascicle_angles.py): weight and inertia above
    // L4/L5 (+ lines) +190 vs +359 N (the L5 disc frame is inclined 13 vs 44 deg); pars thoracis +21 vs +152 N; pars
    // lumborum -149 vs -90 N, i.e. MORE posterior shear in the round back, because Christophy's straight
    // pelvis-to-vertebra paths become more oblique to the disc normal in flexion (next case), the opposite of the
    // ultrasound finding that drives McGill's result. Strict per-level balance narrows the gap (peaks 163 vs 184 N,
    // 21 frames) but does not reverse it. If this case starts to pass, the model has changed: update docs/model.md
    // and turn this into a plain test.
    const Model& model = test::default_model();
    CHECK(hinge_at_peak(model, "hip_hinge_round").shear_peak > hinge_at_peak(model, "hip_hinge_neutral").shear_peak);
}

namespace {
// PCSA-weighted sagittal angle (deg) of the right pars lumborum fascicles crossing L4/L5 (IL_L1-L4, LTpL_L1-L4)
// to the L4/L5 disc normal, at posture q; negative = the line pulls the superior vertebra posteriorly.
double pars_lumborum_l4l5_angle(const Model& model, const Posture& q) {
    Workspace ws(model);
    update_kinematics(model, q, ws);
    const LumbarLevel& level = model.lumbar_levels[model.lumbar_level_index("L4/L5")];
    const int j = level.joint;
    const Mat3 inferior = ws.pose[model.joints[j].parent].linear();
    const Vec3 normal = inferior * Vec3(std::sin(level.normal_tilt), std::cos(level.normal_tilt), 0.0);
    const Vec3 anterior = inferior * Vec3(std::cos(level.normal_tilt), -std::sin(level.normal_tilt), 0.0);
    double shear = 0, compression = 0;
    int n = 0;
    for (std::size_t i = 0; i < model.muscles.size(); ++i) {
        const Muscle& mu = model.muscles[i];
        if (mu.side < 0 || (mu.name.rfind("IL_L", 0) != 0 && mu.name.rfind("LTpL_L", 0) != 0)) continue;
        const Vec3 d = ws.muscle_direction.block(3 * j, static_cast<Eigen::Index>(i), 3, 1);
        if (d.norm() < 1e-9) continue;  // does not cross L4/L5
        shear += mu.pcsa * d.dot(anterior);
        compression -= mu.pcsa * d.dot(normal);
        ++n;
    }
    REQUIRE(n == 8);
    return std::atan2(shear, compression) * 180.0 / 3.14159265358979323846;
}
Posture hinge_peak_posture(const Model& model, const char* scenario) {
    const SimulationResult s = hinge_run(model, scenario);
    return s.coordinates.row(largest_moment_frame(s, model.lumbar_level_index("L4/L5"))).transpose();
}
}  // namespace

TEST_CASE("hip hinge: pars lumborum obliquity at L4/L5 falls with lumbar flexion (McGill 2000) - NOT reproduced", "[simulation][!shouldfail]") {
    // McGill, Hughson & Parks 2000 (ultrasound) and Harriss & Brown 2015 Muscle Nerve 51:426 (ultrasound): with full
    // lumbar flexion the lumbar erector spinae fibres align with the compressive axis, so they lose their posterior
    // shear; hip flexion alone does not change the orientation (Harriss & Brown). Christophy's pars lumborum are
    // straight lines from the ilium to the vertebra with no via point; in flexion the vertebral end moves forward and
    // the line becomes MORE oblique (measured, PCSA-weighted: reference -8.2 deg, neutral hinge -9.1, round hinge
    // -14.1), as in the straight-line radiograph model of Macintosh, Bogduk & Pearcy 1993 Spine 18:884. This is the
    // root of the round-vs-neutral shear disagreement (case above, docs/model.md "Round vs neutral shear").
    const Model& model = test::default_model();
    const double reference = pars_lumborum_l4l5_angle(model, reference_posture(model));
    const double neutral = pars_lumborum_l4l5_angle(model, hinge_peak_posture(model, "hip_hinge_neutral"));
    const double round = pars_lumborum_l4l5_angle(model, hinge_peak_posture(model, "hip_hinge_round"));
    std::printf("pars lumborum angle to the L4/L5 disc normal: reference %.1f, neutral hinge %.1f, round hinge %.1f deg\n",
                reference, neutral, round);
    CHECK(reference < -5.0);  // posterior obliquity upright (achieved -8.2)
    // McGill's finding: the round back's fibres are closer to the compressive axis than the neutral back's
    CHECK(std::abs(round) < std::abs(neutral));
}
