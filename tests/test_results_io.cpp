// Results files: HDF5 round trip (exact values, attributes), refusal/replacement of groups, atomic writes, CSV.
#include "results/hdf5_object.hpp"
#include "spinesim/error.hpp"
#include "spinesim/results_io.hpp"

#include <catch2/catch.hpp>

#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

using namespace spinesim;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;

namespace {

namespace fs = std::filesystem;

// A fresh path in a per-test temporary directory.
std::string temp_path(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / "spinesim_test_results_io";
    fs::create_directories(dir);
    const fs::path p = dir / name;
    fs::remove(p);
    return p.string();
}

// Deterministic, non-round values (so that a fresh synthetic_result() equals an earlier one).
Eigen::MatrixXd filled(int rows, int cols, double scale, double seed) {
    Eigen::MatrixXd m(rows, cols);
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j) m(i, j) = scale * std::sin(seed + 1.7 * i + 0.37 * j + 0.1 * i * j);
    return m;
}

// 4 frames, 3 coordinates, 3 muscles in 2 families, 2 levels, 1 contact; values chosen to be non-round.
SimulationResult synthetic_result(double offset = 0.0) {
    SimulationResult r;
    r.scenario = "synthetic_lift";
    Scenario& s = r.definition;
    s.name = r.scenario;
    s.title = "Synthetic lift, 12.5 kg";
    s.description = "made up in the test";
    s.source_file = "/nowhere/synthetic_lift.toml";
    s.exercise = "box_lift";
    s.technique = "round";
    s.subject = Subject{81.25, 1.83, Sex::Female, 1.375};
    s.parameters = {{"load_kg", 12.5}, {"lumbar_flexion_fraction", 0.7}};
    s.duration = 1.5;
    s.frames = 4;
    s.criterion = Criterion::SumStressCubed;
    const int frames = 4;
    r.time = Eigen::VectorXd::LinSpaced(frames, 0.0, 1.5);
    r.coordinate_names = {"L4L5.flexion", "pelvis.tx", "hip_r.flexion"};
    r.coordinates = filled(frames, 3, 0.8, 0.05);
    r.muscle_names = {"IL_L1_r", "MF_L5_l", "RA_r"};
    r.muscle_families = {"erector_spinae", "multifidus", "erector_spinae"};
    r.muscle_force = filled(frames, 3, 500.0, 0.3).cwiseAbs();
    r.muscle_passive_force = filled(frames, 3, 20.0, 1.1).cwiseAbs();
    r.level_names = {"L4/L5", "L5/S1"};
    double seed = 0.0;
    for (Eigen::MatrixXd* m : {&r.compression, &r.shear_ap, &r.shear_lateral, &r.tissue_moment,
                               &r.passive_muscle_moment, &r.external_moment, &r.intradiscal_pressure, &r.flexion_deviation, &r.coupling_moment,
                               &r.ligament_moment, &r.ligament_force})
        *m = (filled(frames, 2, 1000.0, seed += 0.61).array() + offset).matrix();
    r.contact_names = {"heel_r"};
    r.contact_force = filled(frames, 3, 300.0, 2.9);
    r.equality_residual = Eigen::VectorXd::Constant(frames, 1.25e-10);
    r.posture_residual = Eigen::VectorXd::Constant(frames, 3.5e-7);
    r.frame_status = {"optimal", "optimal", "infeasible: L5S1 flexion short by 12 N·m", "optimal"};
    r.frame_warnings = {"", "iliacus_r, Ps_L5_VB_r used outside their path validity (hip_r.flexion 126 deg > 100 deg): 1234 N",
                        "", ""};
    return r;
}

void require_equal(const SimulationResult& a, const SimulationResult& b) {
    CHECK(a.scenario == b.scenario);
    CHECK(a.definition.title == b.definition.title);
    CHECK(a.definition.description == b.definition.description);
    CHECK(a.definition.exercise == b.definition.exercise);
    CHECK(a.definition.technique == b.definition.technique);
    CHECK(a.definition.source_file == b.definition.source_file);
    CHECK(a.definition.subject.body_mass_kg == b.definition.subject.body_mass_kg);
    CHECK(a.definition.subject.height_m == b.definition.subject.height_m);
    CHECK(a.definition.subject.sex == b.definition.subject.sex);
    CHECK(a.definition.subject.strength_scale == b.definition.subject.strength_scale);
    CHECK(a.definition.parameters == b.definition.parameters);
    CHECK(a.definition.duration == b.definition.duration);
    CHECK(a.definition.frames == b.definition.frames);
    CHECK(a.definition.criterion == b.definition.criterion);
    CHECK(a.time == b.time);
    CHECK(a.coordinates == b.coordinates);
    CHECK(a.muscle_force == b.muscle_force);
    CHECK(a.muscle_passive_force == b.muscle_passive_force);
    CHECK(a.compression == b.compression);
    CHECK(a.shear_ap == b.shear_ap);
    CHECK(a.shear_lateral == b.shear_lateral);
    CHECK(a.tissue_moment == b.tissue_moment);
    CHECK(a.passive_muscle_moment == b.passive_muscle_moment);
    CHECK(a.external_moment == b.external_moment);
    CHECK(a.intradiscal_pressure == b.intradiscal_pressure);
    CHECK(a.flexion_deviation == b.flexion_deviation);
    CHECK(a.coupling_moment == b.coupling_moment);
    CHECK(a.ligament_moment == b.ligament_moment);
    CHECK(a.ligament_force == b.ligament_force);
    CHECK(a.contact_force == b.contact_force);
    CHECK(a.equality_residual == b.equality_residual);
    CHECK(a.posture_residual == b.posture_residual);
    CHECK(a.frame_status == b.frame_status);
    CHECK(a.frame_warnings == b.frame_warnings);
    CHECK(a.coordinate_names == b.coordinate_names);
    CHECK(a.muscle_names == b.muscle_names);
    CHECK(a.muscle_families == b.muscle_families);
    CHECK(a.level_names == b.level_names);
    CHECK(a.contact_names == b.contact_names);
}

// Raw HDF5 access for checks the public API does not expose (attributes, temporary groups).
struct RawFile {
    results::H5Object file;
    explicit RawFile(const std::string& path) : file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {
        REQUIRE(file.valid());
    }
    int root_links() const {
        H5G_info_t info;
        H5Gget_info(file.get(), &info);
        return static_cast<int>(info.nlinks);
    }
};

}  // namespace

TEST_CASE("HDF5 round trip reproduces a result exactly", "[results]") {
    const std::string path = temp_path("round_trip.h5");
    const SimulationResult written = synthetic_result();
    write_hdf5(written, path, "run_a", false);
    write_hdf5(synthetic_result(5.0), path, "run_b", false);
    CHECK(hdf5_groups(path) == std::vector<std::string>{"run_a", "run_b"});
    require_equal(read_hdf5(path, "run_a"), written);
}

TEST_CASE("HDF5 groups and datasets carry the documented attributes", "[results]") {
    const std::string path = temp_path("attributes.h5");
    write_hdf5(synthetic_result(), path, "run", false);
    RawFile raw(path);
    results::H5Object g(H5Gopen2(raw.file.get(), "run", H5P_DEFAULT));
    REQUIRE(g.valid());
    for (const char* a : {"scenario", "title", "exercise", "technique", "subject.body_mass_kg", "subject.height_m",
                          "subject.sex", "subject.strength_scale", "criterion", "duration", "frames", "source_file", "param.load_kg",
                          "param.lumbar_flexion_fraction", "spinesim_version", "sign_convention"})
        CHECK(results::has_attribute(g.get(), a));
    CHECK_THAT(results::read_string_attribute(g.get(), "sign_convention"),
               Contains("disc frame of the inferior vertebra") && Contains("compression positive") &&
                   Contains("shear_ap positive = superior vertebra loaded anteriorly"));
    CHECK(results::read_string_attribute(g.get(), "criterion") == "stress3");
    CHECK(results::read_double_attribute(g.get(), "param.load_kg") == 12.5);
    CHECK(results::read_double_attribute(g.get(), "subject.strength_scale") == 1.375);
    for (const char* d : {"time", "coordinates", "muscle_force", "muscle_passive_force", "compression", "shear_ap",
                          "shear_lateral", "tissue_moment", "passive_muscle_moment", "external_moment",
                          "intradiscal_pressure", "flexion_deviation", "coupling_moment", "ligament_moment", "ligament_force",
                          "contact_force", "equality_residual", "posture_residual",
                          "frame_status", "frame_warnings"}) {
        INFO(d);
        results::H5Object set = results::open_dataset(g.get(), d);
        CHECK(results::has_attribute(set.get(), "units"));
    }
    CHECK(results::read_string_attribute(results::open_dataset(g.get(), "intradiscal_pressure").get(), "units") == "Pa");
    CHECK(results::read_string_array_attribute(results::open_dataset(g.get(), "shear_ap").get(), "names") ==
          std::vector<std::string>{"L4/L5", "L5/S1"});
}

TEST_CASE("subject.strength_scale round-trips, and a file written without it reads as 1.0", "[results][strength]") {
    const std::string path = temp_path("strength.h5");
    SimulationResult strong = synthetic_result();
    strong.definition.subject.strength_scale = 2.6875;
    write_hdf5(strong, path, "strong", false);
    write_hdf5(synthetic_result(), path, "older", false);
    CHECK(read_hdf5(path, "strong").definition.subject.strength_scale == 2.6875);
    REQUIRE(read_hdf5(path, "older").definition.subject.strength_scale == 1.375);
    {
        // A file from before the attribute existed: delete it from one group.
        results::H5Object file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        REQUIRE(file.valid());
        results::H5Object g(H5Gopen2(file.get(), "older", H5P_DEFAULT));
        REQUIRE(g.valid());
        REQUIRE(H5Adelete(g.get(), "subject.strength_scale") >= 0);
        REQUIRE_FALSE(results::has_attribute(g.get(), "subject.strength_scale"));
    }
    const SimulationResult older = read_hdf5(path, "older");
    CHECK(older.definition.subject.strength_scale == 1.0);
    CHECK(older.definition.subject.body_mass_kg == 81.25);  // the rest reads as before
    CHECK(older.muscle_force == synthetic_result().muscle_force);
    CHECK(read_hdf5(path, "strong").definition.subject.strength_scale == 2.6875);
}

TEST_CASE("frame_warnings round-trip, a file written without them reads as empty strings", "[results][validity]") {
    const std::string path = temp_path("warnings.h5");
    const SimulationResult written = synthetic_result();
    REQUIRE(written.frames_with_warnings() == 1);
    write_hdf5(written, path, "new", false);
    write_hdf5(written, path, "older", false);
    const SimulationResult back = read_hdf5(path, "new");
    CHECK(back.frame_warnings == written.frame_warnings);
    CHECK(back.frames_with_warnings() == 1);
    {
        // A file from before frame_warnings existed: delete the dataset from one group.
        results::H5Object file(H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT));
        REQUIRE(file.valid());
        results::H5Object g(H5Gopen2(file.get(), "older", H5P_DEFAULT));
        REQUIRE(g.valid());
        REQUIRE(H5Ldelete(g.get(), "frame_warnings", H5P_DEFAULT) >= 0);
        REQUIRE_FALSE(results::link_exists(g.get(), "frame_warnings"));
    }
    const SimulationResult older = read_hdf5(path, "older");
    CHECK(older.frame_warnings == std::vector<std::string>(4));
    CHECK(older.frames_with_warnings() == 0);
    CHECK(older.frame_status == written.frame_status);  // the rest reads as before

    // A result assembled without warnings is written with an empty string per frame.
    SimulationResult none = synthetic_result();
    none.frame_warnings.clear();
    write_hdf5(none, path, "none", false);
    CHECK(read_hdf5(path, "none").frame_warnings == std::vector<std::string>(4));
}

TEST_CASE("An existing group is refused without overwrite and replaced with it", "[results]") {
    const std::string path = temp_path("overwrite.h5");
    write_hdf5(synthetic_result(), path, "run", false);
    CHECK_THROWS_WITH(write_hdf5(synthetic_result(7.0), path, "run", false),
                      Contains(path) && Contains("'run'") && Contains("already exists"));
    require_equal(read_hdf5(path, "run"), synthetic_result());  // untouched

    const SimulationResult replacement = synthetic_result(7.0);
    write_hdf5(replacement, path, "run", true);
    require_equal(read_hdf5(path, "run"), replacement);
    CHECK(hdf5_groups(path) == std::vector<std::string>{"run"});
    CHECK(RawFile(path).root_links() == 1);  // no temporary or replaced groups left behind
}

TEST_CASE("An unwritable path is an InputError naming the path", "[results]") {
    const std::string path = "/nonexistent_dir_spinesim/sub/out.h5";
    try {
        write_hdf5(synthetic_result(), path, "run", false);
        FAIL("no exception");
    } catch (const InputError& e) {
        CHECK(e.file() == path);
        CHECK_THAT(e.what(), Contains(path));
    }
    CHECK_THROWS_WITH(write_csv(synthetic_result(), "/nonexistent_dir_spinesim/out.csv"),
                      Contains("/nonexistent_dir_spinesim/out.csv"));
    CHECK_THROWS_WITH(read_hdf5(temp_path("missing.h5"), "run"), Contains("missing.h5") && Contains("no such file"));
}

TEST_CASE("A directory as output path is named as such, a failed CSV write keeps the old file", "[results]") {
    const std::string dir = temp_path("a_directory");
    std::filesystem::create_directories(dir);
    // before: "exists but is not an HDF5 file" / "cannot be created (does the directory exist ...)"
    CHECK_THROWS_WITH(write_hdf5(synthetic_result(), dir, "run", false), Contains(dir) && Contains("is a directory"));
    CHECK_THROWS_WITH(write_csv(synthetic_result(), dir), Contains(dir) && Contains("is a directory"));
    // the CSV is written beside its target and renamed: nothing half-written, no temporary left
    const std::string path = temp_path("kept.csv");
    std::filesystem::remove(path + ".partial");
    write_csv(synthetic_result(), path);
    const auto size = std::filesystem::file_size(path);
    std::filesystem::create_directories(path + ".partial");   // the temporary cannot be created
    CHECK_THROWS_WITH(write_csv(synthetic_result(), path), Contains(path) && Contains("cannot be created"));
    CHECK(std::filesystem::file_size(path) == size);
    std::filesystem::remove(path + ".partial");
    write_csv(synthetic_result(), path);
    CHECK(!std::filesystem::exists(path + ".partial"));
}

TEST_CASE("A write failing half-way leaves no group behind", "[results]") {
    const std::string path = temp_path("atomic.h5");
    write_hdf5(synthetic_result(), path, "kept", false);
    SimulationResult broken = synthetic_result();
    broken.shear_ap.conservativeResize(Eigen::NoChange, 1);  // fails after several datasets are written
    CHECK_THROWS_WITH(write_hdf5(broken, path, "broken", false), Contains("broken/shear_ap") && Contains("4x1"));
    CHECK(hdf5_groups(path) == std::vector<std::string>{"kept"});
    CHECK(RawFile(path).root_links() == 1);

    // A failed replacement keeps the old group intact.
    CHECK_THROWS(write_hdf5(broken, path, "kept", true));
    require_equal(read_hdf5(path, "kept"), synthetic_result());
    CHECK(RawFile(path).root_links() == 1);
}

TEST_CASE("A truncated HDF5 file is named as damaged, for reading and for writing", "[results]") {
    const std::string path = temp_path("truncated.h5");
    std::filesystem::remove(path);
    write_hdf5(synthetic_result(), path, "run", false);
    std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
    // was "cannot be opened for reading", also when the file was given as an output
    CHECK_THROWS_WITH(read_hdf5(path, "run"), Contains(path) && Contains("truncated or damaged"));
    CHECK_THROWS_WITH(hdf5_groups(path), Contains(path) && Contains("truncated or damaged"));
    CHECK_THROWS_WITH(write_hdf5(synthetic_result(), path, "more", false), Contains(path));
}

TEST_CASE("Group names are validated and unknown groups reported", "[results]") {
    const std::string path = temp_path("names.h5");
    CHECK_THROWS_WITH(write_hdf5(synthetic_result(), path, "a/b", false), Contains("'a/b'"));
    CHECK_THROWS_WITH(write_hdf5(synthetic_result(), path, "", false), Contains("group"));
    write_hdf5(synthetic_result(), path, "run", false);
    CHECK_THROWS_WITH(read_hdf5(path, "nope"), Contains(path) && Contains("'nope'"));
}

TEST_CASE("CSV has one row per frame with units in the header", "[results]") {
    const std::string path = temp_path("run.csv");
    const SimulationResult r = synthetic_result();
    write_csv(r, path);
    std::ifstream in(path);
    std::string header, line;
    std::getline(in, header);
    CHECK_THAT(header, Contains("time [s]") && Contains("L4/L5 compression [N]") && Contains("L5/S1 IDP [MPa]") &&
                           Contains("L4/L5 passive share [-]") && Contains("erector_spinae force [N]") &&
                           Contains("multifidus force [N]"));
    int rows = 0;
    std::string first, second;
    while (std::getline(in, line)) {
        if (rows == 0) first = line;
        if (rows == 1) second = line;
        ++rows;
    }
    // strength needed: empty where nothing was searched (NaN), the factor, or "inf"
    CHECK_THAT(second, EndsWith(",\"optimal\",\"" + r.frame_warnings[1] + "\","));
    CHECK_THAT(first, EndsWith(",\"optimal\",\"\","));
    CHECK(rows == 4);
    CHECK_THAT(header, EndsWith(",status,warnings,strength needed [x mean]"));
    // Second column of the first row is L4/L5 compression of frame 0.
    const std::size_t a = first.find(',') + 1;
    CHECK(std::stod(first.substr(a, first.find(',', a) - a)) == Approx(r.compression(0, 0)).epsilon(1e-9));
}
