// Model loading: scaling, mirror symmetry, name look-ups and input errors.
#include "fixtures.hpp"

#include "loads/passive_tissue.hpp"
#include "spinesim/error.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

using namespace spinesim;
using Catch::Matchers::Contains;

TEST_CASE("segment masses add up to the body mass (de Leva fractions sum to 1 within 0.1 %)", "[model]") {
    for (Sex sex : {Sex::Male, Sex::Female}) {
        const Model model = load_model(Subject{62.0, 1.65, sex});
        CHECK(model.total_mass() == Approx(62.0).epsilon(1e-3));
    }
}

TEST_CASE("lengths scale with height and PCSA with mass / height", "[model]") {
    const Model a = load_model(Subject{75.0, 1.70, Sex::Male});
    const Model b = load_model(Subject{150.0, 1.70 * 1.2, Sex::Male});
    const int l4l5 = a.joint_index("L4L5");
    CHECK((b.joints[l4l5].location - 1.2 * a.joints[l4l5].location).norm() < 1e-12);
    const int m = a.muscle_index("IL_L1_r");
    CHECK(b.muscles[m].pcsa == Approx(a.muscles[m].pcsa * 2.0 / 1.2).epsilon(1e-12));
    CHECK(b.muscles[m].reference_length == Approx(1.2 * a.muscles[m].reference_length).epsilon(1e-12));
}

TEST_CASE("strength_scale multiplies every muscle's max force and nothing else", "[model][strength]") {
    const Model& base = test::default_model();
    for (double s : {0.2, 0.75, 1.43, 2.0, 5.0}) {
        INFO("strength_scale " << s);
        const Model scaled = load_model(Subject{75.0, 1.78, Sex::Male, s});
        CHECK(scaled.subject.strength_scale == s);
        REQUIRE(scaled.muscles.size() == base.muscles.size());
        for (std::size_t i = 0; i < base.muscles.size(); ++i) {
            const Muscle& a = base.muscles[i];
            const Muscle& b = scaled.muscles[i];
            REQUIRE(b.name == a.name);
            CHECK(b.max_force == s * a.max_force);  // exactly: PCSA x tension x scale, same PCSA
            CHECK(b.max_force == Approx(s * b.pcsa * base.specific_tension).epsilon(1e-15));
            CHECK(b.pcsa == a.pcsa);  // the anatomy (and so the muscle stress) is not scaled
            CHECK(b.reference_length == a.reference_length);
        }
        CHECK(scaled.total_mass() == base.total_mass());
    }
    CHECK(load_model(Subject{}).subject.strength_scale == 1.0);  // default: the mean male
}

TEST_CASE("passive fibre force scales with max force", "[model][strength]") {
    const Model& base = test::default_model();
    const Model strong = load_model(Subject{75.0, 1.78, Sex::Male, 1.8});
    Workspace wa(base), wb(strong);
    // a round back stretches the erectors: passive fibre force is non-zero
    const FrameInput in = test::standing_input(base, 50, 40, 0);
    const FrameResult a = analyse_frame(base, wa, in, AnalysisOptions{});
    const FrameResult b = analyse_frame(strong, wb, in, AnalysisOptions{});
    REQUIRE(a.muscle_passive_force.maxCoeff() > 10.0);
    for (Eigen::Index i = 0; i < a.muscle_passive_force.size(); ++i)
        CHECK(b.muscle_passive_force[i] == Approx(1.8 * a.muscle_passive_force[i]).epsilon(1e-12).margin(1e-12));
}

TEST_CASE("left side is the exact mirror image of the right side", "[model][symmetry]") {
    const Model& model = test::default_model();
    int pairs = 0;
    for (const Muscle& m : model.muscles) {
        if (m.side != 1) continue;
        const Muscle& l = model.muscles[m.mirror];
        REQUIRE(l.name == m.name.substr(0, m.name.size() - 2) + "_l");
        REQUIRE(l.path.size() == m.path.size());
        CHECK(l.max_force == m.max_force);
        CHECK(l.reference_length == Approx(m.reference_length).epsilon(1e-14));
        for (std::size_t k = 0; k < m.path.size(); ++k)
            CHECK((l.path[k].location - Vec3(m.path[k].location.x(), m.path[k].location.y(), -m.path[k].location.z())).norm() == 0.0);
        ++pairs;
    }
    CHECK(pairs * 2 == static_cast<int>(model.muscles.size()));
    CHECK(model.segments[model.segment_index("thigh_l")].mass == model.segments[model.segment_index("thigh_r")].mass);
}

TEST_CASE("the model has the muscle groups of the design", "[model]") {
    const Model& model = test::default_model();
    for (const auto& family : muscle_families()) {
        int count = 0;
        for (const Muscle& m : model.muscles) count += m.family == family;
        INFO(family);
        CHECK(count >= 2);
    }
    CHECK(model.lumbar_levels.size() == 5);
    CHECK(model.joints[model.joint_index("hip_r")].muscle_balanced);
    CHECK_FALSE(model.joints[model.joint_index("knee_r")].muscle_balanced);
    // psoas fascicles run over the pelvic brim to the femur, so they cross the hip
    const Muscle& psoas = model.muscles[model.muscle_index("Ps_L1_VB_r")];
    CHECK(model.segments[psoas.path.back().segment].name == "thigh_r");
}

TEST_CASE("unknown names give errors that name the thing asked for", "[model][errors]") {
    const Model& model = test::default_model();
    CHECK_THROWS_WITH(model.muscle_index("Ps_L9_r"), Contains("Ps_L9_r") && Contains("unknown muscle"));
    CHECK_THROWS_WITH(model.lumbar_level_index("L7/L8"), Contains("L7/L8"));
    CHECK(model.lumbar_level_index("L4L5") == model.lumbar_level_index("L4/L5"));
}

TEST_CASE("bad subjects are rejected with the field and value", "[model][errors]") {
    CHECK_THROWS_WITH(load_model(Subject{std::nan(""), 1.78, Sex::Male}), Contains("body_mass_kg"));
    CHECK_THROWS_WITH(load_model(Subject{-75.0, 1.78, Sex::Male}), Contains("-75"));
    CHECK_THROWS_WITH(load_model(Subject{75.0, 17.8, Sex::Male}), Contains("height_m"));
    for (const auto& [value, text] : std::vector<std::pair<double, std::string>>{
             {0.0, "0"}, {-1.0, "-1"}, {std::nan(""), "nan"}, {6.0, "6"}, {0.19, "0.19"},  // compact, not %f
             {5.01, "5.01"}, {INFINITY, "inf"}, {1e-7, "1e-07"}}) {
        INFO(text);
        try {
            validate_subject(Subject{75.0, 1.78, Sex::Male, value}, "somewhere.toml:7: subject");
            FAIL("no exception for strength_scale " << text);
        } catch (const InputError& e) {
            CHECK(e.file() == "somewhere.toml:7: subject");
            CHECK(e.field() == "strength_scale");
            CHECK(e.value() == text);
            CHECK_THAT(e.what(), Contains("somewhere.toml:7") && Contains("strength_scale") && Contains(text) &&
                                     Contains("0.2 and 5"));
        }
        CHECK_THROWS_AS(load_model(Subject{75.0, 1.78, Sex::Male, value}), InputError);
    }
    for (double ok : {0.2, 1.0, 5.0}) CHECK_NOTHROW(validate_subject(Subject{75.0, 1.78, Sex::Male, ok}));
    CHECK_THROWS_WITH(parse_sex("x"), Contains("'x'"));
}

TEST_CASE("a malformed model file is reported with file, line and field", "[model][errors]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "spinesim_bad_model";
    fs::remove_all(dir);
    fs::copy(default_data_dir(), dir, fs::copy_options::recursive);
    {
        std::ofstream out(dir / "model" / "muscles_lumbar_christophy2012.csv", std::ios::app);
        out << "broken_fascicle,erector,abc,0.1,0.1,0,pelvis 0 0 0;L1 0 0 0\n";
    }
    CHECK_THROWS_WITH(load_model(Subject{}, dir.string()), Contains("muscles_lumbar_christophy2012.csv:") &&
                                                              Contains("pcsa_cm2") && Contains("abc"));
    {
        std::ofstream out(dir / "model" / "lumbar_rhythm.toml");
        out << "levels = [\"L5S1\"\nflexion = ";
    }
    CHECK_THROWS_WITH(load_model(Subject{}, dir.string()), Contains("lumbar_rhythm.toml:") && Contains("TOML"));
    fs::remove_all(dir);
}

// de Leva 1996 J Biomech 29:1223, Table 4: limb segment masses in % of body mass, female vs male (the forearm
// segment includes the hand). The sex must select its own column: every one of these differs between the sexes by
// more than 2 %, far above the 1e-12 relative tolerance (exact data, one multiplication).
TEST_CASE("female and male limb masses are de Leva's (1996) fractions of the body mass", "[model]") {
    const struct { const char* segment; double male, female; } table[] = {
        {"thigh_r", 0.1416, 0.1478}, {"shank_r", 0.0433, 0.0481}, {"foot_r", 0.0137, 0.0129},
        {"upper_arm_l", 0.0271, 0.0255}, {"forearm_l", 0.0162 + 0.0061, 0.0138 + 0.0056}};
    const Model male = load_model(Subject{62.0, 1.65, Sex::Male});
    const Model female = load_model(Subject{62.0, 1.65, Sex::Female});
    for (const auto& row : table) {
        INFO(row.segment);
        CHECK(male.segments[male.segment_index(row.segment)].mass == Approx(row.male * 62.0).epsilon(1e-12));
        CHECK(female.segments[female.segment_index(row.segment)].mass == Approx(row.female * 62.0).epsilon(1e-12));
    }
}

// Geometric similarity: a subject of twice the mass and 1.2 times the height has every segment's moment of inertia
// (m k^2) 2 x 1.44 times larger and every disc area (a length squared) 1.44 times larger, so that under loads scaled
// the same way the intradiscal pressure would not change. 1e-12 relative: exact scaling arithmetic.
TEST_CASE("moments of inertia scale with mass x height^2 and disc areas with height^2", "[model]") {
    const Model a = load_model(Subject{75.0, 1.70, Sex::Male});
    const Model b = load_model(Subject{150.0, 1.70 * 1.2, Sex::Male});
    for (std::size_t s = 0; s < a.segments.size(); ++s) {
        INFO(a.segments[s].name);
        CHECK((b.segments[s].inertia - 2.0 * 1.44 * a.segments[s].inertia).norm() < 1e-12 * b.segments[s].inertia.norm());
    }
    for (std::size_t l = 0; l < a.lumbar_levels.size(); ++l)
        CHECK(b.lumbar_levels[l].disc_area == Approx(1.44 * a.lumbar_levels[l].disc_area).epsilon(1e-12));
}

// The passive fibre force-length curve F = F_max (exp(k e / e0) - 1) / (exp(k) - 1) (Thelen 2003) is calibrated so
// that a fibre stretched by the strain e0 (passive_strain_at_fmax) carries exactly its maximal isometric force, and
// a slack fibre none. Checked on an erector by setting its reference length so that the upright path gives e0 and
// e0 / 2. Tolerance 1e-12 relative: closed-form arithmetic.
TEST_CASE("passive fibre force: F_max at the strain passive_strain_at_fmax, zero when slack", "[model]") {
    Model model = test::default_model();
    Workspace ws(model);
    update_kinematics(model, reference_posture(model), ws);
    const int i = model.muscle_index("IL_L1_r");
    REQUIRE(model.muscles[i].passive_fibre_force);
    const double length = ws.muscle_length[i], e0 = model.passive_strain_at_fmax, k = model.passive_shape_factor;
    model.muscles[i].reference_length = length / (1.0 + e0);
    CHECK(detail::passive_muscle_forces(model, ws)[i] == Approx(model.muscles[i].max_force).epsilon(1e-12));
    model.muscles[i].reference_length = length / (1.0 + 0.5 * e0);
    CHECK(detail::passive_muscle_forces(model, ws)[i] ==
          Approx(model.muscles[i].max_force * (std::exp(0.5 * k) - 1.0) / (std::exp(k) - 1.0)).epsilon(1e-12));
    model.muscles[i].reference_length = 1.01 * length;
    CHECK(detail::passive_muscle_forces(model, ws)[i] == 0.0);
}
