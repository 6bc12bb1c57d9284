// Stoop vs squat lifting (the box-lift twins, box_lift_20kg_round / box_lift_20kg_squat_neutral) against the published
// comparison of von Arx et al. 2021 (Front Bioeng Biotechnol 9:769117; data/validation/von_arx2021_stoop_squat.csv:
// 30 adults, 15 kg box, motion-capture-driven OpenSim model with a detailed thoracolumbar spine, static optimisation).
// It is a model study with measured postures, not an in vivo measurement; the in vivo direction of the compression
// (Wilke et al. 1999 intradiscal pressure: stoop 2.3 MPa > bent knees 1.7 MPa) is asserted in test_validation.cpp.
// The twins share the box, the hand path and the balance and differ in how the trunk is bent; the study's lifters
// chose their own postures. docs/model.md "Stoop vs squat" has the table and the discussion. The comparison is
// run_von_arx_stoop_squat (spinesim/stoop_squat_validation.hpp), which `spinesim validate` prints.
#include "data_dir_copy.hpp"
#include "fixtures.hpp"

#include "spinesim/stoop_squat_validation.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

using namespace spinesim;

namespace {

// The comparison as `spinesim validate` runs it (default criterion and balance), once.
const StoopSquatReport& von_arx() {
    static const StoopSquatReport report = [] {
        StoopSquatReport r = run_von_arx_stoop_squat(default_data_dir());
        for (const StoopSquatLevel& v : r.levels)
            std::printf("stoop - squat at %s: measured lumbar flexion: compression %+.2f BW, AP shear %+.2f BW; "
                        "own: compression %+.2f BW, AP shear %+.2f BW\n",
                        v.level.c_str(), v.compression_bw, v.shear_bw, v.own_compression_bw, v.own_shear_bw);
        return r;
    }();
    return report;
}

const StoopSquatLevel& level(const StoopSquatReport& r, const std::string& name) {
    for (const StoopSquatLevel& v : r.levels)
        if (v.level == name) return v;
    FAIL("no level " << name);
    return r.levels.front();
}

}  // namespace

TEST_CASE("stoop vs squat comparison: the study's box and lordosis ranges, the scenarios' own flexion, every frame solved", "[validation][lifting]") {
    const StoopSquatReport& r = von_arx();
    CHECK(r.load_kg == 15.0);
    CHECK(r.subject.body_mass_kg == 75.0);
    CHECK(r.stoop.scenario == "box_lift_20kg_round");
    CHECK(r.squat.scenario == "box_lift_20kg_squat_neutral");
    // the study's mean lordosis range of motion (stoop 35.9, squat 25.1 deg); the scenarios' own 85 % / 15 % of 60 deg
    CHECK(r.stoop.lumbar_flexion_rad / test::kDeg == Approx(35.9).margin(1e-9));
    CHECK(r.squat.lumbar_flexion_rad / test::kDeg == Approx(25.1).margin(1e-9));
    CHECK(r.own_stoop.lumbar_flexion_rad / test::kDeg == Approx(51.0).margin(1e-6));
    CHECK(r.own_squat.lumbar_flexion_rad / test::kDeg == Approx(9.0).margin(1e-6));
    CHECK(r.stoop.frames > 0);
    CHECK(r.all_frames_solved());
    REQUIRE(r.levels.size() == 5);
    CHECK(r.levels.front().level == "L5/S1");  // the model's order
    CHECK(r.levels.back().level == "L1/L2");
    for (const StoopSquatLevel& v : r.levels) {  // the flags follow the values and the published ranges
        INFO(v.level);
        CHECK(v.compression_in_range == (v.compression_bw >= v.published_compression_low_bw &&
                                         v.compression_bw <= v.published_compression_high_bw));
        CHECK(v.shear_in_range == (v.shear_bw >= v.published_shear_low_bw && v.shear_bw <= v.published_shear_high_bw));
        CHECK(v.published_compression_low_bw == -1.0);
        CHECK(v.published_compression_high_bw == -0.3);
    }
    CHECK(level(r, "L1/L2").published_shear_low_bw == 0.1);
    CHECK(level(r, "L5/S1").published_shear_low_bw == -0.4);
    CHECK(level(r, "L5/S1").published_shear_high_bw == -0.2);
}

TEST_CASE("stoop vs squat at the measured lumbar flexion: larger L4/L5 shear in the stoop within the range of von Arx 2021", "[validation][lifting]") {
    // With each twin's lumbar flexion at pick-up set to the study's mean lordosis range (35.9 / 25.1 deg) the stoop's
    // L4/L5 peak AP shear exceeds the squat's by +0.21 BW (published: +0.1 to +0.8 BW, T12/L1-L4/L5), as the review of
    // van Dieen, Hoozemans & Toussaint 1999 (Clin Biomech 14:685: shear lower in squat lifting) also reports.
    const StoopSquatLevel& l4 = level(von_arx(), "L4/L5");
    CHECK(l4.shear_bw >= l4.published_shear_low_bw);
    CHECK(l4.shear_bw <= l4.published_shear_high_bw);
    CHECK(l4.shear_in_range);
    // The model's stoop compresses every level more (+0.30 to +0.82 BW), as Wilke's in vivo pressures (stoop > bent
    // knees) and against the study (next case). Asserted so that a change of direction has to update the docs.
    for (const StoopSquatLevel& v : von_arx().levels) {
        INFO(v.level);
        CHECK(v.compression_bw > 0.2);
        CHECK(v.compression_bw < 0.95);
    }
}

TEST_CASE("stoop vs squat at the measured lumbar flexion: compression lower in the stoop (von Arx 2021) - NOT reproduced", "[validation][lifting][!shouldfail]") {
    // Published: -0.3 to -1.0 BW at every lumbar level; achieved +0.30 (L1/L2) to +0.82 BW (L4/L5): the stoop twin's
    // rigid thorax goes beyond horizontal at pick-up (its L4/L5 external moment peaks at 229 vs 188 N·m), and the
    // passive tissues carry 16 % of the stoop's L4/L5 moment. The study's OpenSim model and lifters differ; Wilke's
    // in vivo pressure (stoop +35 %) agrees in direction with this model, not with the study (docs/model.md).
    for (const StoopSquatLevel& v : von_arx().levels) {
        INFO(v.level);
        CHECK(v.compression_bw <= v.published_compression_high_bw);
        CHECK(v.compression_in_range);
    }
}

TEST_CASE("stoop vs squat with the article's neutral squat: the squat's steeper discs reverse the L4/L5 shear difference", "[validation][lifting]") {
    // The scenarios' own lumbar flexion (stoop 51 deg = 85 % of the range, squat 9 deg = 15 %: the article's neutral
    // back) at 15 kg: the squat keeps its lordosis by tilting the pelvis, so its L4/L5 and L5/S1 discs are inclined
    // more and the weight above them shears them more. Achieved L4/L5 -0.31 BW, L5/S1 -0.91 BW (published at the
    // measured postures: +0.1..+0.8 and -0.4..-0.2). The L4/L5 sign therefore depends on how lordotic the squat is:
    // the twin-scenario comparison is the round-vs-neutral shear disagreement of docs/model.md.
    const StoopSquatReport& r = von_arx();
    CHECK(level(r, "L4/L5").own_shear_bw < -0.2);
    CHECK(level(r, "L4/L5").own_shear_bw > -0.45);
    CHECK(level(r, "L5/S1").own_shear_bw < level(r, "L5/S1").published_shear_high_bw);
}

TEST_CASE("stoop vs squat comparison: a level without a published row, or twins of two lifters, name the file", "[validation]") {
    using Catch::Matchers::Contains;
    {   // the L5/S1 shear row removed from the table (it would then match no level)
        const std::string copy = test::data_dir_copy_with("spinesim_von_arx_row_test", "validation/von_arx2021_stoop_squat.csv",
                                                          "shear_ap_peak_magnitude,L5/S1,", "shear_ap_peak_magnitude,,");
        CHECK_THROWS_WITH(run_von_arx_stoop_squat(copy), Contains("von_arx2021_stoop_squat.csv") &&
                                                             Contains("shear_ap_peak_magnitude") && Contains("L5/S1"));
        std::filesystem::remove_all(copy);
    }
    {   // the squat twin's subject changed: the difference would compare two people
        const std::string copy = test::data_dir_copy_with("spinesim_von_arx_subject_test",
                                                          "scenarios/box_lift_20kg_squat_neutral.toml",
                                                          "body_mass_kg = 75.0", "body_mass_kg = 80.0");
        CHECK_THROWS_WITH(run_von_arx_stoop_squat(copy),
                          Contains("box_lift_20kg_squat_neutral") && Contains("one lifter"));
        std::filesystem::remove_all(copy);
    }
}
