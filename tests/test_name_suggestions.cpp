// "Did you mean" suggestions in unknown-name errors: the matching rules on fixed name lists, and the suggestion
// reaching the user through every look-up that names a scenario, setting, parameter, muscle, coordinate or level.
#include "fixtures.hpp"
#include "spinesim/error.hpp"
#include "spinesim/frame_analysis.hpp"
#include "spinesim/name_suggestions.hpp"
#include "spinesim/scenario.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace spinesim;
using Catch::Matchers::Contains;
using Names = std::vector<std::string>;

TEST_CASE("closest_names: same spelling, head or tail, small edits, nothing when nothing is close", "[suggestions]") {
    const Names levels = {"L5/S1", "L4/L5", "L3/L4", "L2/L3", "L1/L2"};
    CHECK(closest_names("l4l5", levels) == Names{"L4/L5"});              // case and separators ignored: first
    CHECK(closest_names("L4-L5", levels) == Names{"L4/L5"});
    const Names settings = {"subject.body_mass_kg", "subject.height_m", "frames", "load_kg"};
    CHECK(closest_names("body_mass_kg", settings) == Names{"subject.body_mass_kg"});   // a whole dotted tail
    CHECK(closest_names("frame", settings) == Names{"frames"});                       // one deletion
    CHECK(closest_names("laod_kg", settings) == Names{"load_kg"});                    // one swap of neighbours
    const Names scenarios = {"deadlift_140kg_neutral", "deadlift_140kg_round", "hip_hinge_neutral"};
    CHECK(closest_names("deadlift_140kg", scenarios) == Names{"deadlift_140kg_round", "deadlift_140kg_neutral"});
    CHECK(closest_names("hip_hinge_nuetral", scenarios) == Names{"hip_hinge_neutral"});
    // nothing close: no suggestion (a wrong suggestion would mislead)
    CHECK(closest_names("squat", scenarios).empty());
    CHECK(closest_names("", scenarios).empty());
    CHECK(closest_names("x", Names{"y", "z"}).empty());   // one edit would replace the whole name
    // the name itself is not suggested, and at most max_count names come back, closest first
    CHECK(closest_names("frames", settings).empty());
    const Names many = {"ab_1", "ab_2", "ab_3", "ab_4", "abc_1"};
    CHECK(closest_names("ab_0", many, 2) == Names{"ab_1", "ab_2"});
}

TEST_CASE("did_you_mean formats one, two or three names, and nothing without a suggestion", "[suggestions]") {
    CHECK(did_you_mean("frame", {"frames", "load_kg"}) == "; did you mean 'frames'?");
    CHECK(did_you_mean("ab_0", {"ab_1", "ab_2"}) == "; did you mean 'ab_1' or 'ab_2'?");
    CHECK(did_you_mean("ab_0", {"ab_1", "ab_2", "ab_3"}) == "; did you mean 'ab_1', 'ab_2' or 'ab_3'?");
    CHECK(did_you_mean("zzzzzz", {"ab_1"}).empty());
}

TEST_CASE("unknown names in user input come with a suggestion from the real name lists", "[suggestions]") {
    const std::string dir = default_data_dir();
    // a scenario name on the command line or in Python
    CHECK_THROWS_WITH(scenario_path(dir, "box_lift_20kg_rund"), Contains("did you mean 'box_lift_20kg_round'?"));
    CHECK_THROWS_WITH(scenario_path(dir, "deadlift"),
                      Contains("'deadlift_140kg_neutral'") && Contains("'deadlift_140kg_round'"));
    // an override: a setting given without its table, a misspelt parameter
    const std::string lift = scenario_path(dir, "box_lift_20kg_round");
    CHECK_THROWS_WITH(load_scenario(lift, {{"body_mass_kg", "80"}}), Contains("did you mean 'subject.body_mass_kg'?"));
    CHECK_THROWS_WITH(load_scenario(lift, {{"load_kgs", "10"}}), Contains("did you mean 'load_kg'?"));
    // model look-ups (Python: muscle and level queries)
    const Model& model = test::default_model();
    CHECK_THROWS_WITH(model.muscle_index("rect_abd"), Contains("did you mean") && Contains("'rect_abd_r'"));
    CHECK_THROWS_WITH(model.coordinate_index("hip_r.flex"), Contains("did you mean 'hip_r.flexion'"));
    CHECK_THROWS_WITH(model.lumbar_level_index("L4L6"), Contains("did you mean") && Contains("'L4/L5'"));
    CHECK_THROWS_WITH(family_force(model, Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model.muscles.size())),
                                   "erector_spine"),
                      Contains("did you mean 'erector_spinae'?"));
    // the message still names the value and keeps its list when nothing is close
    CHECK_THROWS_WITH(scenario_path(dir, "juggling"), Contains("'juggling'") && !Contains("did you mean"));
}

TEST_CASE("unknown keys and coordinates in a scenario file come with a suggestion", "[suggestions]") {
    const std::string dir = default_data_dir();
    std::ifstream in(scenario_path(dir, "hip_hinge_neutral"));
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto temp = std::filesystem::temp_directory_path() / "spinesim_test_suggestions.toml";
    auto write = [&](const std::string& body) {
        std::ofstream out(temp);
        out << body;
    };
    // a misspelt table key
    std::string misspelt = text;
    const auto at = misspelt.find("frames =");
    REQUIRE(at != std::string::npos);
    misspelt.replace(at, 6, "frame ");
    write(misspelt);
    CHECK_THROWS_WITH(load_scenario(temp.string()), Contains("scenario.frame") && Contains("did you mean 'frames'?"));
    // a misspelt coordinate in the free list is found when the posture problem is set up
    std::string coordinate = text;
    const auto free_at = coordinate.find("\"hip_r.flexion\"");
    REQUIRE(free_at != std::string::npos);
    coordinate.replace(free_at, 15, "\"hip_r.flexon\"");
    write(coordinate);
    const Scenario s = load_scenario(temp.string());
    CHECK_THROWS_WITH(simulate(test::default_model(), s), Contains("'hip_r.flexon'") && Contains("did you mean 'hip_r.flexion'?"));
    std::filesystem::remove(temp);
}
