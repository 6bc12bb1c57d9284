// A scenario: one repetition (or a hold) of an exercise as data — subject, parameters, keyframed posture targets,
// support contacts and external loads. Read from a TOML file in data/scenarios/ (see data/scenarios/README.md for
// the format) or built in code (Python). Parameters can be overridden by name from the CLI or Python.
#pragma once

#include "spinesim/model.hpp"
#include "spinesim/lumbar_balance.hpp"
#include "spinesim/sharing_problem.hpp"
#include "spinesim/subject.hpp"

#include <map>
#include <string>
#include <vector>

namespace spinesim {

// A value that varies over the normalised phase 0..1 of the repetition: piecewise smooth interpolation between keys
// (monotone cubic Hermite: exact at keys, monotone between them, at rest at the first and last key; with two keys
// an eased 3s^2 - 2s^3 ramp). One key = constant; constant beyond the first and last key.
struct PhaseCurve {
    std::vector<double> phase;   // strictly increasing, in [0, 1]
    std::vector<double> value;   // SI units (rad, m, kg, N)
    double at(double phase) const;   // needs a valid curve (check_phase_curve); an empty curve is 0
};

// Limits of the scenario settings, shared by the file reader and validate_scenario().
constexpr int kMaxFrames = 100000;
constexpr double kMinDuration = 0.1;   // s; a repetition (not a static hold) faster than this is no human movement
constexpr double kMaxFriction = 2.0;
// Input bounds, not physics: a held mass above kMaxLoadMass (kg, per load point) or a force above kMaxLoadForce (N)
// is a typo (1e308 kg overflowed to "solve_sharing: A and b must be finite"); a segment inclination beyond half a turn
// (kMaxInclination, rad) names no other posture.
constexpr double kMaxLoadMass = 1000.0;
constexpr double kMaxLoadForce = 1e5;
constexpr double kMaxInclination = 3.14159265358979323846;

// Throws InputError(origin, field, ...) unless the curve has one value per phase, finite values and finite phases
// strictly increasing in [0, 1]; an empty curve (no keys) is allowed only if `allow_empty`.
void check_phase_curve(const PhaseCurve& curve, const std::string& origin, const std::string& field, bool allow_empty);

// Posture targets, each a residual of the posture solver (weighted least squares, Ceres).
struct PostureTarget {
    enum class Kind {
        Coordinate,          // coordinate `name` = value (rad or m)
        SegmentInclination,  // sagittal-plane forward inclination of segment `name`'s +y axis from vertical (rad)
        PointHeight,         // world y of body point `name` (m)
        PointForward,        // world x of body point `name` (m)
        PointLateral,        // world z of body point `name` (m)
        ComOverPoints,       // whole-body COM x = mean x of the body points in `points`
        LumbarFlexion,       // total lumbar flexion (rad) distributed by the rhythm (sets the five levels)
        LumbarLateralBending,
        LumbarAxialRotation,
    };
    Kind kind = Kind::Coordinate;
    std::string name;
    std::vector<std::string> points;
    PhaseCurve value;            // ComOverPoints: offset of the COM ahead of the points' mean (m), default 0
    double weight = 1.0;
    bool hard = false;           // must be met to 1 mm / 0.5 deg, else the frame status says so
    bool include_loads = false;  // ComOverPoints: COM of body + held masses (balance of the whole system)
    std::string origin;          // "file:line" of the definition (for error messages); "" if built in code
};

struct ScenarioContact {
    std::string point;           // model body point
    Vec3 normal = Vec3::UnitY(); // world
    double friction = 0.6;
    double from_phase = 0.0, to_phase = 1.0;  // active interval
    std::string origin;          // "file:line" of the definition
};

struct ScenarioLoad {
    std::string point;           // model body point
    PhaseCurve mass_kg;          // a held mass (gravity + its inertia), or
    Vec3 force = Vec3::Zero();   // a constant force, world, N (when mass_kg is empty)
    std::string origin;          // "file:line" of the definition
};

struct Scenario {
    std::string name;            // file stem, e.g. "deadlift_140kg_neutral"
    std::string title;
    std::string description;
    std::string source_file;     // path it was read from ("" if built in code)
    std::string exercise;        // grouping label for comparisons, e.g. "deadlift"
    std::string technique;       // e.g. "neutral", "round"
    Subject subject;
    std::map<std::string, double> parameters;  // named, overridable (SI), e.g. load_kg, lumbar_flexion_fraction
    double duration = 1.0;       // s for one repetition; 0 = static hold (no inertia)
    int frames = 21;
    std::vector<std::string> free_coordinates;  // coordinates the posture solver moves
    std::vector<PostureTarget> targets;
    std::vector<ScenarioContact> contacts;
    std::vector<ScenarioLoad> loads;
    Criterion criterion = Criterion::SumStressSquared;
    LumbarBalance lumbar_balance = kDefaultLumbarBalance;  // [scenario] lumbar_balance = "per_level" | "coupled"
};

// Reads a scenario file. `overrides` replaces parameters (and subject.body_mass_kg / subject.height_m /
// subject.sex / subject.strength_scale / duration / frames / criterion / lumbar_balance) by name before the parameter references
// in the file are resolved.
// Throws InputError naming the file, line, field and value.
Scenario load_scenario(const std::string& path, const std::map<std::string, std::string>& overrides = {});

// The reader's checks again, for a scenario built or changed in code (Python) before it is simulated: frames,
// duration, parameters, every phase curve, target weights, contact normals, friction and phases, load masses and
// forces. Names are checked against the model by simulate(). Throws InputError naming the origin, field and value.
void validate_scenario(const Scenario& scenario);

// Names (file stems) of the scenario files data_dir/scenarios/*.toml, sorted; InputError if that directory is missing.
std::vector<std::string> list_scenarios(const std::string& data_dir);
// A path as given if it names an existing file, else data_dir/scenarios/<name>.toml; throws InputError if neither
// exists.
std::string scenario_path(const std::string& data_dir, const std::string& name_or_path);

}  // namespace spinesim
