// Scenario parser: round trip of a good file, every error class, overrides, phase-curve interpolation.
#include "fixtures.hpp"
#include "spinesim/error.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/number_text.hpp"
#include "spinesim/scenario.hpp"
#include "spinesim/simulation.hpp"
#include "spinesim/standing_posture.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace spinesim;
using Catch::Matchers::Contains;

namespace {

constexpr double kDeg = 3.14159265358979323846 / 180.0;

const char* kGood = R"([scenario]
title = "Test"
exercise = "deadlift"
technique = "round"
duration_s = 2.0
frames = 5
criterion = "stress3"

[subject]
body_mass_kg = 80.0
height_m = 1.80
sex = "male"
strength_scale = 1.5

[parameters]
load_kg = 100.0
fraction = 0.5

[posture]
free = ["pelvis.tx", "hip_r.flexion"]
phases = [0.0, 1.0]

[[target]]
kind = "lumbar_flexion"
value = ["$fraction * 60", 0.0]

[[target]]
kind = "point_height"
name = "grip_r"
value = [0.2, 0.5, 0.9]
phase = [0.0, 0.4, 1.0]
weight = 5
hard = true

[[target]]
kind = "com_over_points"
points = ["heel_r", "ball_r"]
include_loads = true

[[contact]]
points = ["heel_r", "ball_r"]
friction = 0.5

[[load]]
points = ["grip_r", "grip_l"]
mass_kg = "$load_kg"
)";

// Writes `text` to a fresh file in the temp directory and returns its path.
std::string write_file(const std::string& stem, const std::string& text) {
    const auto dir = std::filesystem::temp_directory_path() / "spinesim_scenario_tests";
    std::filesystem::create_directories(dir);
    const auto path = (dir / (stem + ".toml")).string();
    std::ofstream(path) << text;
    return path;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a good scenario file reads back every field in SI units", "[scenario]") {
    const std::string path = write_file("good", kGood);
    const Scenario s = load_scenario(path);
    CHECK(s.name == "good");
    CHECK(s.title == "Test");
    CHECK(s.exercise == "deadlift");
    CHECK(s.source_file == path);
    CHECK(s.duration == 2.0);
    CHECK(s.frames == 5);
    CHECK(s.criterion == Criterion::SumStressCubed);
    CHECK(s.subject.body_mass_kg == 80.0);
    CHECK(s.subject.strength_scale == 1.5);
    CHECK(s.parameters.at("load_kg") == 100.0);
    CHECK(s.free_coordinates == std::vector<std::string>{"pelvis.tx", "hip_r.flexion"});
    REQUIRE(s.targets.size() == 3);
    CHECK(s.targets[0].kind == PostureTarget::Kind::LumbarFlexion);
    CHECK(s.targets[0].value.at(0.0) == Approx(30 * kDeg));   // "$fraction * 60" degrees -> rad
    CHECK(s.targets[1].value.phase == std::vector<double>{0.0, 0.4, 1.0});
    CHECK(s.targets[1].value.at(0.4) == Approx(0.5));         // metres stay metres
    CHECK(s.targets[1].hard);
    CHECK(s.targets[1].weight == 5.0);
    CHECK(s.targets[1].origin.find(path + ":") == 0);
    CHECK(s.targets[2].include_loads);
    REQUIRE(s.contacts.size() == 2);
    CHECK(s.contacts[1].point == "ball_r");
    CHECK(s.contacts[1].friction == 0.5);
    REQUIRE(s.loads.size() == 2);
    CHECK(s.loads[0].mass_kg.at(0.3) == Approx(50.0));        // shared equally by the two hands
}

TEST_CASE("overrides replace parameters and settings before expressions are evaluated", "[scenario]") {
    const std::string path = write_file("good", kGood);
    const Scenario s = load_scenario(path, {{"load_kg", "60"}, {"fraction", "0.25"}, {"subject.body_mass_kg", "90"},
                                            {"criterion", "minmax"}, {"frames", "11"}, {"duration_s", "3"}});
    CHECK(s.parameters.at("load_kg") == 60.0);
    CHECK(s.loads[0].mass_kg.at(0.0) == Approx(30.0));
    CHECK(s.targets[0].value.at(0.0) == Approx(15 * kDeg));
    CHECK(s.subject.body_mass_kg == 90.0);
    CHECK(s.subject.strength_scale == 1.5);  // from the file: not overridden
    CHECK(s.criterion == Criterion::MinMaxStress);
    CHECK(s.frames == 11);
    CHECK(s.duration == 3.0);
    CHECK_THROWS_WITH(load_scenario(path, {{"lod_kg", "60"}}), Contains(path) && Contains("lod_kg") && Contains("60"));
    CHECK_THROWS_WITH(load_scenario(path, {{"load_kg", "heavy"}}), Contains(path) && Contains("load_kg") && Contains("heavy"));
    CHECK_THROWS_WITH(load_scenario(path, {{"frames", "0"}}), Contains(path) && Contains("frames") && Contains("0"));
    // an unknown override lists what the file does accept
    CHECK_THROWS_WITH(load_scenario(path, {{"lod_kg", "60"}}),
                      Contains("(parameters: fraction, load_kg; settings: subject.body_mass_kg"));
    const std::string standing = scenario_path(default_data_dir(), "relaxed_standing");
    CHECK_THROWS_WITH(load_scenario(standing, {{"load_kg", "10"}}),
                      Contains(standing + " (override)") && Contains("(parameters: none; settings:"));
}

TEST_CASE("subject.strength_scale: read from [subject], defaulted, overridden and validated", "[scenario][strength]") {
    const std::string path = write_file("good", kGood);
    CHECK(load_scenario(path).subject.strength_scale == 1.5);
    const std::string without = write_file("no_strength", replace(kGood, "strength_scale = 1.5\n", ""));
    CHECK(load_scenario(without).subject.strength_scale == 1.0);
    CHECK(load_scenario(without, {{"subject.strength_scale", "2.25"}}).subject.strength_scale == 2.25);
    const Scenario o = load_scenario(path, {{"subject.strength_scale", "1.43"}, {"subject.body_mass_kg", "82"}});
    CHECK(o.subject.strength_scale == 1.43);
    CHECK(o.subject.body_mass_kg == 82.0);
    CHECK(o.subject.height_m == 1.80);
    // an override has the last word, also over a bad value in the file
    const std::string bad = write_file("bad_strength", replace(kGood, "strength_scale = 1.5", "strength_scale = 6"));
    CHECK(load_scenario(bad, {{"subject.strength_scale", "2"}}).subject.strength_scale == 2.0);
    // a bad file value is reported at its line even when another field is overridden
    CHECK_THROWS_WITH(load_scenario(bad, {{"subject.body_mass_kg", "82"}}),
                      Contains(bad + ":") && Contains("strength_scale") && Contains("'6'"));
    // bad overrides name the override, the field and the value
    for (const char* v : {"0", "-1", "nan", "6", "inf"}) {
        INFO(v);
        try {
            load_scenario(path, {{"subject.strength_scale", v}});
            FAIL("no exception");
        } catch (const InputError& e) {
            CHECK_THAT(e.what(), Contains(path + " (override)") && Contains("strength_scale") && Contains(v));
        }
    }
    // the settings named in the unknown-override message include it
    CHECK_THROWS_WITH(load_scenario(path, {{"subject.strenght_scale", "2"}}), Contains("subject.strength_scale"));
}

TEST_CASE("every scenario error names the file, the field and the value", "[scenario]") {
    struct Case {
        const char* what;
        std::string from, to, field, value;
    };
    const std::vector<Case> cases = {
        {"malformed TOML", "title = \"Test\"", "title = \"Test", "TOML", "line 2"},
        {"unknown key", "weight = 5", "wieght = 5", "wieght", "5"},
        {"unknown top-level table", "[parameters]", "[parameter]", "parameter", "load_kg"},
        {"unknown parameter", "\"$load_kg\"", "\"$load_gk\"", "load[0].mass_kg", "$load_gk"},
        {"bad expression", "\"$fraction * 60\"", "\"$fraction + 60\"", "target[0].value[0]", "$fraction + 60"},
        {"NaN", "friction = 0.5", "friction = nan", "contact[0].friction", "nan"},
        {"inf", "duration_s = 2.0", "duration_s = inf", "scenario.duration_s", "inf"},
        {"negative mass", "mass_kg = \"$load_kg\"", "mass_kg = -20.0", "load[0].mass_kg", "-20"},
        {"phases not increasing", "phase = [0.0, 0.4, 1.0]", "phase = [0.0, 0.4, 0.3]", "target[1].phase", "0.3"},
        {"frames < 1", "frames = 5", "frames = 0", "scenario.frames", "0"},
        {"unknown criterion", "\"stress3\"", "\"stress4\"", "scenario.criterion", "stress4"},
        {"unknown target kind", "\"point_height\"", "\"point_hieght\"", "target[1].kind", "point_hieght"},
        {"implausible subject", "body_mass_kg = 80.0", "body_mass_kg = 8.0", "body_mass_kg", "'8'"},
        {"zero strength", "strength_scale = 1.5", "strength_scale = 0", "strength_scale", "0"},
        {"negative strength", "strength_scale = 1.5", "strength_scale = -0.5", "strength_scale", "-0.5"},
        {"NaN strength", "strength_scale = 1.5", "strength_scale = nan", "subject.strength_scale", "nan"},
        {"strength 6", "strength_scale = 1.5", "strength_scale = 6", "strength_scale", "6"},
        {"strength not a number", "strength_scale = 1.5", "strength_scale = \"strong\"", "subject.strength_scale", "strong"},
        {"too many frames", "frames = 5", "frames = 100000000", "scenario.frames", "must be an integer from 1 to 100000"},
        {"too short a repetition", "duration_s = 2.0", "duration_s = 1e-6", "scenario.duration_s", "'1e-06'"},
        {"friction beyond 2", "friction = 0.5", "friction = 3", "contact[0].friction", "must be in [0, 2]"},
        {"hexadecimal number", "\"$fraction * 60\"", "\"0x3c\"", "target[0].value[0]", "0x3c"},
        {"name on a lumbar target", "kind = \"lumbar_flexion\"", "kind = \"lumbar_flexion\"\nname = \"pelvis\"",
         "target[0].name", "not used by a lumbar_flexion target"},
        {"points on a point target", "weight = 5", "weight = 5\npoints = [\"heel_r\"]", "target[1].points", "heel_r"},
        {"include_loads on a point target", "weight = 5", "weight = 5\ninclude_loads = true", "target[1].include_loads",
         "not used by a point_height target"},
    };
    for (const Case& c : cases) {
        SECTION(c.what) {
            const std::string path = write_file("bad", replace(kGood, c.from, c.to));
            CHECK_THROWS_AS(load_scenario(path), InputError);
            CHECK_THROWS_WITH(load_scenario(path), Contains(path + ":") && Contains(c.field) && Contains(c.value));
        }
    }
}

TEST_CASE("phase curves are exact at the keys and monotone between them", "[scenario]") {
    PhaseCurve c{{0.0, 0.3, 0.5, 1.0}, {0.2, 0.5, 0.55, 0.9}};
    for (std::size_t k = 0; k < c.phase.size(); ++k) CHECK(c.at(c.phase[k]) == c.value[k]);
    double previous = c.at(0.0);
    for (int i = 1; i <= 1000; ++i) {
        const double v = c.at(i / 1000.0);
        CHECK(v >= previous - 1e-15);
        previous = v;
    }
    PhaseCurve up_down{{0.0, 0.5, 1.0}, {0.0, 1.0, 0.0}};   // no overshoot at a peak
    for (int i = 0; i <= 100; ++i) CHECK(up_down.at(i / 100.0) <= 1.0 + 1e-15);
    CHECK(PhaseCurve{{0.0}, {3.0}}.at(0.7) == 3.0);
    CHECK(c.at(-1.0) == 0.2);
    CHECK(c.at(2.0) == 0.9);
}

TEST_CASE("every shipped scenario file reads", "[scenario]") {
    const auto names = list_scenarios(default_data_dir());
    CHECK(names.size() >= 5);
    for (const std::string& name : names) CHECK_NOTHROW(load_scenario(scenario_path(default_data_dir(), name)));
    CHECK_THROWS_WITH(scenario_path(default_data_dir(), "no_such_scenario"), Contains("no_such_scenario"));
}

TEST_CASE("numbers in error messages are compact, not %f", "[scenario][errors]") {
    const std::string path = write_file("good", kGood);
    // std::to_string(1e300) is a 301-digit number; 1e-9 was '0.000000'
    CHECK_THROWS_WITH(load_scenario(path, {{"subject.body_mass_kg", "1e300"}}),
                      Contains("'1e+300'") && Contains("between 20 and 300 kg") && !Contains("000000"));
    CHECK_THROWS_WITH(validate_subject(Subject{75.0, 1e-9, Sex::Male}, "test"), Contains("'1e-09'"));
    CHECK_THROWS_WITH(validate_subject(Subject{75.0, 1.78, Sex::Male, 0.123456789}, "test"), Contains("'0.123456789'"));
    CHECK(number_text(75.0) == "75");
    CHECK(number_text(0.1) == "0.1");
    CHECK(number_text(1.0 / 3.0) == "0.3333333333333333");   // round trip: all the digits needed, no more
    CHECK(number_text(-2.5e-300) == "-2.5e-300");
    CHECK(number_text(std::nan("")) == "nan");
    // a frames override too large names the range, not ">= 1"
    CHECK_THROWS_WITH(load_scenario(path, {{"frames", "100000000"}}),
                      Contains("'100000000'") && Contains("must be an integer from 1 to 100000"));
    CHECK(load_scenario(path, {{"frames", "100000"}}).frames == 100000);
    CHECK_THROWS_WITH(load_scenario(path, {{"duration_s", "0.01"}}), Contains("duration_s") && Contains(">= 0.1 s"));
    CHECK(load_scenario(path, {{"duration_s", "0"}}).duration == 0.0);
    // a normal written with huge components is a direction (its norm overflowed to inf and it became zero)
    const std::string huge = write_file("huge_normal", replace(kGood, "friction = 0.5", "friction = 0.5\nnormal = [0.0, 1e300, 0.0]"));
    CHECK(load_scenario(huge).contacts[0].normal.isApprox(Vec3::UnitY()));
}

TEST_CASE("a table quoted in an error is on one line", "[scenario][errors]") {
    const std::string path = write_file("typo_table", std::string(kGood) + "\n[[targt]]\nkind = \"coordinate\"\nvalue = 1\n");
    CHECK_THROWS_WITH(load_scenario(path), Contains(path + ":") && Contains("'targt' = '[{kind = coordinate, value = 1}]'") &&
                                               Contains("unknown key"));
}

TEST_CASE("a scenario changed in code gets the reader's checks before it is simulated", "[scenario][errors]") {
    const Scenario good = load_scenario(write_file("good", kGood));
    CHECK_NOTHROW(validate_scenario(good));
    const auto fails = [](const Scenario& s, const std::string& field, const std::string& text) {
        INFO(field);
        CHECK_THROWS_AS(validate_scenario(s), InputError);
        CHECK_THROWS_WITH(validate_scenario(s), Contains(field) && Contains(text));
    };
    Scenario s = good;
    s.targets[1].value.phase = {0.0, 1.0, 0.4};   // before: interpolated with a negative step, silently
    fails(s, "target[1].value.phase", "strictly increasing");
    s = good;
    s.targets[1].value.phase = {0.0};   // before: PhaseCurve::at read past the end of `phase`
    fails(s, "target[1].value", "3 values for 1 phases");
    s = good;
    s.targets[1].value.phase = {0.0, std::nan(""), 1.0};
    fails(s, "target[1].value.phase", "[0, 1]");
    s = good;
    s.targets[0].weight = -1.0;   // before: accepted
    fails(s, "target[0].weight", "'-1'");
    s = good;
    s.targets[0].weight = std::nan("");   // before: the posture solver failed on NaN residuals
    fails(s, "target[0].weight", "nan");
    s = good;
    s.contacts[0].from_phase = std::nan("");   // before: the contact was silently never active
    fails(s, "contact[0].from_phase/to_phase", "nan");
    s = good;
    s.contacts[0].friction = 5.0;
    fails(s, "contact[0].friction", "[0, 2]");
    s = good;
    s.contacts[0].normal = Vec3(0, 1e300, 0);
    CHECK_NOTHROW(validate_scenario(s));   // a direction; stableNorm does not overflow
    s.contacts[0].normal = Vec3::Zero();
    fails(s, "contact[0].normal", "non-zero direction");
    s = good;
    s.loads[0].mass_kg.value = {-5.0};   // before: a negative mass was silently dropped
    fails(s, "load[0].mass_kg", "'-5'");
    s = good;
    s.loads[0].force = Vec3(0, std::nan(""), 0);
    fails(s, "load[0].force_n", "nan");
    s = good;
    s.frames = 2000000000;   // before: allocated until the process was killed
    fails(s, "frames", "from 1 to 100000");
    s = good;
    s.duration = 1e-300;   // before: "solve_sharing: A and b must be finite", naming no field
    fails(s, "duration_s", ">= 0.1 s");
    s = good;
    s.parameters["x"] = std::nan("");
    fails(s, "parameters.x", "nan");
    // simulate() runs the checks first
    s = good;
    s.frames = 0;
    CHECK_THROWS_WITH(simulate(spinesim::test::default_model(), s), Contains("frames") && Contains("'0'"));
}

TEST_CASE("standing postures name themselves in errors and reject impossible trunk angles", "[scenario][errors]") {
    const Model& model = spinesim::test::default_model();
    StandingPosture p;
    p.trunk_inclination = 500 * kDeg;   // before: solved for a posture 378 deg away, exit 0 with a warning
    CHECK_THROWS_WITH(standing_posture_scenario(model.subject, p), Contains("trunk_inclination") && Contains("'500 deg'"));
    p = StandingPosture{};
    p.knee_flexion = 200 * kDeg;   // before: the message began ": field 'knee_r.flexion'", naming no origin
    const Scenario s = standing_posture_scenario(model.subject, p);
    CHECK_THROWS_WITH(simulate(model, s), Contains("standing posture: field 'knee_r.flexion'") && Contains("range of motion"));
}

TEST_CASE("absurd load masses, forces and segment inclinations are input errors, not solver failures", "[scenario][errors]") {
    const Scenario good = load_scenario(write_file("good", kGood));
    Scenario s = good;
    s.loads[0].mass_kg.value = {1e308};   // before: "solve_sharing: A and b must be finite", naming no field
    CHECK_THROWS_WITH(validate_scenario(s), Contains("load[0].mass_kg") && Contains("'1e+308 kg'") &&
                                                Contains("at most 1000 kg per load point"));
    s = good;
    s.loads[0].mass_kg = PhaseCurve{};
    s.loads[0].force = Vec3(0, -1e300, 0);
    CHECK_THROWS_WITH(validate_scenario(s), Contains("load[0].force_n") && Contains("at most 100000 N"));
    // from a file: file:line of the [[load]] table
    const std::string path =
        write_file("huge_load", replace(kGood, "mass_kg = \"$load_kg\"", "mass_kg = 1e308"));
    CHECK_THROWS_WITH(simulate(spinesim::test::default_model(), load_scenario(path)),
                      Contains(path + ":") && Contains("load[0].mass_kg"));
    s = good;
    PostureTarget incline;   // before: accepted, the frame failed with "posture: ... missed by 1034 mm"
    incline.kind = PostureTarget::Kind::SegmentInclination;
    incline.name = "thorax";
    incline.value = PhaseCurve{{0.0}, {1e300}};
    s.targets.push_back(incline);
    CHECK_THROWS_WITH(validate_scenario(s), Contains("target[3].value") && Contains("between -180 and 180 deg"));
    s.targets.back().value = PhaseCurve{{0.0}, {179 * kDeg}};
    CHECK_NOTHROW(validate_scenario(s));
    StandingPosture p;
    p.held_mass_kg = 1e300;   // before: solved into a failed frame
    CHECK_THROWS_WITH(standing_posture_scenario(spinesim::test::default_model().subject, p),
                      Contains("held_mass_kg") && Contains("'1e+300'") && Contains("from 0 to 2000 kg"));
}

TEST_CASE("a data directory without scenarios is an error, not an empty list", "[scenario][errors]") {
    const auto dir = (std::filesystem::temp_directory_path() / "spinesim_empty_data_dir").string();
    std::filesystem::create_directories(dir);
    // before: {} (`spinesim list`: "No scenarios", exit 0; `run`: "unknown scenario (known: none)")
    CHECK_THROWS_WITH(list_scenarios(dir), Contains(dir) && Contains("no scenarios/ directory"));
}
