// Validation against Wilke et al. 1999 (Spine 24:755-762) L4/L5 intradiscal pressure ratios (spinesim validate).
//
// The bands below bracket the agreement the model reaches today (one subject, one set of model constants, no per-case
// tuning; case definitions and their sources in libsim/src/validation/wilke_validation.cpp). Each band is a few
// percentage points wide around the achieved value, so a regression fails; an improvement outside a band also fails
// and means: update the band and this comment. Achieved with the default (coupled) lumbar balance: prone +1.3 %
// (L4/L5 -3 N), lateral -9.8 % (6 N), sitting relaxed against a backrest ("sitting_slouched") +20.1 % (264 N), upright
// unsupported sitting +26.3 %, sitting max flexion +88.0 %, standing flexed forward +32.9 %; RMS 40.9 %; relaxed
// standing 473 N. Re-baselined when the posterior ligaments became force lines (posterior_ligaments.toml): before, the
// whole passive flexion moment was a pure moment that added no compression (upright sitting +21.8 %, max flexion
// +55.2 %, flexed standing +29.0 %, RMS 28.5 %); the lines' tension now adds L4/L5 compression in the flexed cases
// (max-flexion sitting 1415 -> 1739 N, flexed standing 1571 -> 1622 N, upright sitting 531 -> 555 N). The other cases
// are unflexed and did not move.
// The project target (every case within +-10 %, RMS < 6 %) is NOT reached: maximal-flexion sitting is over-predicted
// (its pelvis/lumbar angles are a design choice, not a measured posture) and the loaded cases are ~20-30 % high
// because relaxed standing (473 N) is below the in vivo derived 590-900 N.
#include "fixtures.hpp"

#include "spinesim/validation.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace spinesim;

namespace {
const ValidationRow& row(const ValidationReport& r, const std::string& name) {
    for (const ValidationRow& x : r.rows)
        if (x.case_name == name) return x;
    FAIL("missing case " << name);
    return r.rows.front();
}
}  // namespace

TEST_CASE("the Wilke 1999 measurements load with their ratios", "[validation]") {
    const auto m = load_idp_measurements(test::default_model().data_dir + "/validation/wilke1999_idp.csv");
    REQUIRE(m.size() == 7);
    for (const IdpMeasurement& x : m) CHECK(x.ratio == Approx(x.idp_mpa / 0.5).margin(0.011));
}

TEST_CASE("every validation posture is within range of motion and has supports", "[validation]") {
    const Model& model = test::default_model();
    for (const std::string& name : wilke_case_names()) {
        const FrameInput in = wilke_case_input(model, name);
        CHECK_NOTHROW(check_range_of_motion(model, in.q, name));
        CHECK(in.contacts.size() >= 4);
    }
}

TEST_CASE("validation supports on the trunk above the pelvis are frictionless", "[validation]") {
    // Friction is a reaction: a free chest/pelvis friction pair pulled the lumbar spine apart (lying prone gave a
    // tensile L4/L5 force). Every support on a segment above the pelvis must have friction 0.
    const Model& model = test::default_model();
    const int pelvis = model.segment_index("pelvis");
    const int l5s1 = model.lumbar_levels[model.lumbar_level_index("L5/S1")].joint;
    REQUIRE(l5s1 >= 0);
    int trunk_contacts = 0;
    for (const std::string& name : wilke_case_names())
        for (const Contact& c : wilke_case_input(model, name).contacts) {
            if (c.segment == pelvis || !model.subtree[l5s1][c.segment]) continue;
            INFO(name << " " << c.label);
            CHECK(c.friction == 0.0);
            ++trunk_contacts;
        }
    CHECK(trunk_contacts >= 7);  // prone 2, lateral 3, backrest sitting 3: the check above is not vacuous
}

TEST_CASE("Wilke 1999 postures: achieved agreement and absolute standing load", "[validation][slow]") {
    const Model& model = test::default_model();
    const ValidationReport r = run_wilke_validation(model, model.data_dir);
    REQUIRE(r.rows.size() == 7);
    CHECK(r.all_solved);
    for (const ValidationRow& x : r.rows) CHECK(std::isfinite(x.predicted_ratio));
    // Relaxed standing L4/L5 compression: in vivo derived 590-900 N (0.5 MPa x 0.66 x 1800-2700 mm^2 incl. swelling
    // share); the model gives 473 N of mechanical compression (+ 0.1 MPa swelling). Asserted 473 +- 25 N.
    CHECK(r.standing_compression_n > 448.0);
    CHECK(r.standing_compression_n < 498.0);
    // Lying prone: compression ~ 0 (gravity across the spine); the ratio then follows from the swelling pressure,
    // which comes from the same study, so this is a consistency check, not an independent validation.
    // Achieved +1.3 %, -3 N.
    CHECK(std::abs(row(r, "lying_prone").error_pct) < 8.0);
    CHECK(std::abs(row(r, "lying_prone").compression_n) < 15.0);
    // Lying laterally: achieved -9.8 % (6 N), asserted -17..-3 %.
    CHECK(row(r, "lying_lateral").error_pct > -17.0);
    CHECK(row(r, "lying_lateral").error_pct < -3.0);
    // Sitting relaxed against a 30 deg reclined backrest with armrests (the measured condition of the 0.27 MPa
    // value): achieved +20.1 % (264 N), asserted +13..+28 %.
    CHECK(row(r, "sitting_slouched").error_pct > 13.0);
    CHECK(row(r, "sitting_slouched").error_pct < 28.0);
    // Unsupported upright sitting: achieved +26.3 %, asserted +19..+33 %.
    CHECK(row(r, "sitting_upright_unsupported").error_pct > 19.0);
    CHECK(row(r, "sitting_upright_unsupported").error_pct < 33.0);
    // Sitting with maximal flexion: achieved +88.0 %, asserted +81..+95 % (known over-prediction; the ligament lines
    // near the end of the flexion range add ~320 N of compression).
    CHECK(row(r, "sitting_max_flexion").error_pct > 81.0);
    CHECK(row(r, "sitting_max_flexion").error_pct < 95.0);
    // Standing flexed forward 36 deg: achieved +32.9 %, asserted +26..+40 %.
    CHECK(row(r, "standing_flexed_forward").error_pct > 26.0);
    CHECK(row(r, "standing_flexed_forward").error_pct < 40.0);
    // Overall: achieved RMS 40.9 %, worst 88.0 %.
    CHECK(r.rms_error_pct < 44.0);
    CHECK(r.max_abs_error_pct < 95.0);
    // Ordering that any credible model must reproduce.
    CHECK(row(r, "lying_prone").predicted_ratio < row(r, "lying_lateral").predicted_ratio);
    CHECK(row(r, "lying_lateral").predicted_ratio < row(r, "sitting_slouched").predicted_ratio);
    CHECK(row(r, "sitting_slouched").predicted_ratio < 1.0);
    CHECK(row(r, "standing_flexed_forward").predicted_ratio > 2.0);
}
