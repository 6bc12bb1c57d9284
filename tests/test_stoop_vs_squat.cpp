// Stoop vs squat lifting (the box-lift twins, box_lift_20kg_round / box_lift_20kg_squat_neutral) against the published
// comparison of von Arx et al. 2021 (Front Bioeng Biotechnol 9:769117; data/validation/von_arx2021_stoop_squat.csv:
// 30 adults, 15 kg box, motion-capture-driven OpenSim model with a detailed thoracolumbar spine, static optimisation).
// It is a model study with measured postures, not an in vivo measurement; the in vivo direction of the compression
// (Wilke et al. 1999 intradiscal pressure: stoop 2.3 MPa > bent knees 1.7 MPa) is asserted in test_validation.cpp.
// The twins share the box, the hand path and the balance and differ in how the trunk is bent; the study's lifters
// chose their own postures. docs/model.md "Stoop vs squat" has the table and the discussion.
#include "fixtures.hpp"

#include "model/csv_reader.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

using namespace spinesim;

namespace {

struct PublishedRange {
    double low, high;  // stoop minus squat, BW (or deg for the lordosis ranges)
};

// The row of the von Arx table whose quantity is `quantity` and whose level list contains `level` (or is empty).
PublishedRange published(const std::string& quantity, const std::string& level = "") {
    const detail::CsvTable t = detail::read_csv(default_data_dir() + "/validation/von_arx2021_stoop_squat.csv");
    const int q = t.column("quantity"), levels = t.column("levels");
    const int low = t.column("stoop_minus_squat_low_bw"), high = t.column("stoop_minus_squat_high_bw");
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        if (t.text(r, q) != quantity) continue;
        const std::string& list = t.text(r, levels);
        if (!level.empty() && (" " + list + " ").find(" " + level + " ") == std::string::npos) continue;
        return {t.number(r, low), t.number(r, high)};
    }
    FAIL("no row " << quantity << " " << level << " in von_arx2021_stoop_squat.csv");
    return {0, 0};
}

double peak(const Eigen::MatrixXd& m, int level) { return m.col(level).maxCoeff(); }
double peak_magnitude(const Eigen::MatrixXd& m, int level) { return m.col(level).cwiseAbs().maxCoeff(); }

struct StoopMinusSquat {
    std::vector<std::string> levels;
    std::vector<double> compression_bw, shear_bw;  // per level, stoop minus squat peak (shear: peak magnitude)
};

// The twins with a 15 kg box (the study's) and whole-lumbar flexion at pick-up of `stoop_deg` / `squat_deg`
// (the scenario parameter lumbar_flexion_fraction x the 60 deg whole-lumbar range); every frame must be solved.
StoopMinusSquat stoop_minus_squat(double stoop_deg, double squat_deg) {
    const Model& model = test::default_model();
    const double range_deg = model.whole_lumbar_upper[0] / test::kDeg;
    const auto run = [&](const char* name, double flexion_deg) {
        const Scenario s = load_scenario(scenario_path(default_data_dir(), name),
                                         {{"load_kg", "15"}, {"lumbar_flexion_fraction", std::to_string(flexion_deg / range_deg)}});
        SimulationResult r = simulate(model, s);
        INFO(name << " at " << flexion_deg << " deg lumbar flexion");
        REQUIRE(r.all_frames_solved());
        return r;
    };
    const SimulationResult stoop = run("box_lift_20kg_round", stoop_deg);
    const SimulationResult squat = run("box_lift_20kg_squat_neutral", squat_deg);
    const double body_weight = stoop.definition.subject.body_mass_kg * model.gravity;
    StoopMinusSquat d;
    d.levels = stoop.level_names;
    for (int l = 0; l < static_cast<int>(d.levels.size()); ++l) {
        d.compression_bw.push_back((peak(stoop.compression, l) - peak(squat.compression, l)) / body_weight);
        d.shear_bw.push_back((peak_magnitude(stoop.shear_ap, l) - peak_magnitude(squat.shear_ap, l)) / body_weight);
        std::printf("stoop %.1f / squat %.1f deg lumbar flexion, stoop - squat at %s: compression %+.2f BW, AP shear %+.2f BW\n",
                    stoop_deg, squat_deg, d.levels[l].c_str(), d.compression_bw.back(), d.shear_bw.back());
    }
    return d;
}

int level(const StoopMinusSquat& d, const std::string& name) {
    for (std::size_t i = 0; i < d.levels.size(); ++i)
        if (d.levels[i] == name) return static_cast<int>(i);
    FAIL("no level " << name);
    return -1;
}

// The lumbar flexion the study measured (lordosis range of motion during the lift: stoop 35.9, squat 25.1 deg).
StoopMinusSquat at_measured_lumbar_ranges() {
    static const StoopMinusSquat d = stoop_minus_squat(published("lordosis_range_of_motion_deg_stoop").low,
                                                       published("lordosis_range_of_motion_deg_squat").low);
    return d;
}

}  // namespace

TEST_CASE("stoop vs squat at the measured lumbar flexion: larger L4/L5 shear in the stoop within the range of von Arx 2021", "[validation][lifting]") {
    // With each twin's lumbar flexion at pick-up set to the study's mean lordosis range (35.9 / 25.1 deg) the stoop's
    // L4/L5 peak AP shear exceeds the squat's by +0.21 BW (published: +0.1 to +0.8 BW, T12/L1-L4/L5), as the review of
    // van Dieen, Hoozemans & Toussaint 1999 (Clin Biomech 14:685: shear lower in squat lifting) also reports.
    const StoopMinusSquat d = at_measured_lumbar_ranges();
    const PublishedRange shear = published("shear_ap_peak_magnitude", "L4/L5");
    const double l4 = d.shear_bw[level(d, "L4/L5")];
    CHECK(l4 >= shear.low);
    CHECK(l4 <= shear.high);
    // The model's stoop compresses every level more (+0.30 to +0.82 BW), as Wilke's in vivo pressures (stoop > bent
    // knees) and against the study (next case). Asserted so that a change of direction has to update the docs.
    for (std::size_t l = 0; l < d.levels.size(); ++l) {
        INFO(d.levels[l]);
        CHECK(d.compression_bw[l] > 0.2);
        CHECK(d.compression_bw[l] < 0.95);
    }
}

TEST_CASE("stoop vs squat at the measured lumbar flexion: compression lower in the stoop (von Arx 2021) - NOT reproduced", "[validation][lifting][!shouldfail]") {
    // Published: -0.3 to -1.0 BW at every lumbar level; achieved +0.30 (L1/L2) to +0.82 BW (L4/L5): the stoop twin's
    // rigid thorax goes beyond horizontal at pick-up (its L4/L5 external moment peaks at 229 vs 188 N·m), and the
    // passive tissues carry 16 % of the stoop's L4/L5 moment. The study's OpenSim model and lifters differ; Wilke's
    // in vivo pressure (stoop +35 %) agrees in direction with this model, not with the study (docs/model.md).
    const StoopMinusSquat d = at_measured_lumbar_ranges();
    const PublishedRange c = published("compression_peak", "L4/L5");
    for (std::size_t l = 0; l < d.levels.size(); ++l) {
        INFO(d.levels[l]);
        CHECK(d.compression_bw[l] <= c.high);
    }
}

TEST_CASE("stoop vs squat with the article's neutral squat: the squat's steeper discs reverse the L4/L5 shear difference", "[validation][lifting]") {
    // The scenarios' own lumbar flexion (stoop 51 deg = 85 % of the range, squat 9 deg = 15 %: the article's neutral
    // back) at 15 kg: the squat keeps its lordosis by tilting the pelvis, so its L4/L5 and L5/S1 discs are inclined
    // more and the weight above them shears them more. Achieved L4/L5 -0.31 BW, L5/S1 -0.91 BW (published at the
    // measured postures: +0.1..+0.8 and -0.4..-0.2). The L4/L5 sign therefore depends on how lordotic the squat is:
    // the twin-scenario comparison is the round-vs-neutral shear disagreement of docs/model.md.
    const StoopMinusSquat d = stoop_minus_squat(51.0, 9.0);
    CHECK(d.shear_bw[level(d, "L4/L5")] < -0.2);
    CHECK(d.shear_bw[level(d, "L4/L5")] > -0.45);
    CHECK(d.shear_bw[level(d, "L5/S1")] < published("shear_ap_peak_magnitude", "L5/S1").high);
}
