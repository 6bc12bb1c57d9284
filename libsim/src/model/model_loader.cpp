// Reads the model files in data/model/, scales them to the subject and mirrors the right side to the left.
#include "spinesim/model_loader.hpp"

#include "spinesim/error.hpp"
#include "spinesim/number_text.hpp"
#include "model/csv_reader.hpp"
#include "model/model_build.hpp"
#include "loads/ligament_forces.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace spinesim {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = kPi / 180.0;

toml::table parse_toml(const std::string& path) {
    if (!std::filesystem::exists(path)) throw InputError(path, "", "", "file not found");
    try {
        return toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        throw InputError(path + ":" + std::to_string(e.source().begin.line), "", "",
                         std::string("TOML syntax error: ") + std::string(e.description()));
    }
}

double require_number(const toml::node_view<const toml::node>& node, const std::string& file,
                      const std::string& field) {
    if (!node) throw InputError(file, field, "", "missing");
    const auto value = node.value<double>();
    if (!value) throw InputError(file, field, "", "must be a number");
    if (!std::isfinite(*value)) throw InputError(file, field, number_text(*value), "must be finite");
    return *value;
}

std::string require_string(const toml::node_view<const toml::node>& node, const std::string& file,
                           const std::string& field) {
    const auto value = node.value<std::string>();
    if (!value) throw InputError(file, field, "", "missing or not a string");
    return *value;
}

std::vector<double> number_array(const toml::node_view<const toml::node>& node, const std::string& file,
                                 const std::string& field, std::size_t expected) {
    const toml::array* array = node.as_array();
    if (!array) throw InputError(file, field, "", "missing or not an array");
    if (expected && array->size() != expected)
        throw InputError(file, field, std::to_string(array->size()) + " entries",
                         "expected " + std::to_string(expected) + " entries");
    std::vector<double> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto v = (*array)[i].value<double>();
        if (!v || !std::isfinite(*v))
            throw InputError(file, field + "[" + std::to_string(i) + "]", "", "must be a finite number");
        out.push_back(*v);
    }
    return out;
}

Vec3 vec3(const toml::node_view<const toml::node>& node, const std::string& file, const std::string& field) {
    const auto v = number_array(node, file, field, 3);
    return Vec3(v[0], v[1], v[2]);
}

std::string mirror_name(const std::string& name) {
    if (name.size() > 2 && name.compare(name.size() - 2, 2, "_r") == 0) return name.substr(0, name.size() - 2) + "_l";
    return name;
}

Vec3 mirror_point(const Vec3& p) { return Vec3(p.x(), p.y(), -p.z()); }

struct SkeletonScale {
    double length = 1.0;
};

void read_skeleton(ModelBuilder& builder, const std::string& path, const Subject& subject, double& length_scale) {
    const toml::table doc = parse_toml(path);
    const double reference_height = require_number(doc["reference_height_m"], path, "reference_height_m");
    if (reference_height <= 0) throw InputError(path, "reference_height_m", number_text(reference_height), "must be > 0");
    length_scale = subject.height_m / reference_height;
    builder.model().gravity = require_number(doc["gravity_m_per_s2"], path, "gravity_m_per_s2");
    const int sex = subject.sex == Sex::Male ? 0 : 1;

    const toml::array* segments = doc["segment"].as_array();
    if (!segments) throw InputError(path, "segment", "", "no [[segment]] tables");
    for (std::size_t i = 0; i < segments->size(); ++i) {
        const toml::table* t = (*segments)[i].as_table();
        const std::string where = "segment[" + std::to_string(i) + "]";
        if (!t) throw InputError(path, where, "", "not a table");
        const toml::node_view<const toml::node> s{*t};
        SegmentSpec spec;
        spec.name = require_string(s["name"], path, where + ".name");
        const auto fractions = number_array(s["mass_fraction"], path, where + ".mass_fraction", 2);
        spec.mass = fractions[sex] * subject.body_mass_kg;
        if (spec.mass <= 0) throw InputError(path, where + ".mass_fraction", number_text(fractions[sex]), "must be > 0");
        spec.com = vec3(s["com"], path, where + ".com") * length_scale;
        spec.gyration = vec3(s["gyration"], path, where + ".gyration") * length_scale;
        const bool mirror = s["mirror"].value_or(false);
        builder.add_segment(spec);
        if (mirror) {
            SegmentSpec left = spec;
            left.name = mirror_name(spec.name);
            left.com = mirror_point(spec.com);
            builder.add_segment(left);
        }
    }

    const toml::array* joints = doc["joint"].as_array();
    if (!joints) throw InputError(path, "joint", "", "no [[joint]] tables");
    for (std::size_t i = 0; i < joints->size(); ++i) {
        const toml::table* t = (*joints)[i].as_table();
        const std::string where = "joint[" + std::to_string(i) + "]";
        if (!t) throw InputError(path, where, "", "not a table");
        const toml::node_view<const toml::node> j{*t};
        JointSpec spec;
        spec.name = require_string(j["name"], path, where + ".name");
        spec.type = require_string(j["type"], path, where + ".type");
        spec.parent = require_string(j["parent"], path, where + ".parent");
        spec.child = require_string(j["child"], path, where + ".child");
        if (spec.type != "free") spec.location = vec3(j["location"], path, where + ".location") * length_scale;
        if (spec.type == "ball" || spec.type == "hinge") {
            const std::size_t n = spec.type == "ball" ? 3 : 1;
            const toml::array* names = j["coordinates"].as_array();
            if (!names || names->size() != n)
                throw InputError(path, where + ".coordinates", "", "expected " + std::to_string(n) + " names");
            for (auto& node : *names) spec.coordinate_names.push_back(node.value_or(std::string{}));
            spec.signs = number_array(j["signs"], path, where + ".signs", n);
            const toml::array* limits = j["limits_deg"].as_array();
            if (!limits || limits->size() != n)
                throw InputError(path, where + ".limits_deg", "", "expected " + std::to_string(n) + " [lower, upper] pairs");
            for (std::size_t k = 0; k < n; ++k) {
                const auto pair = number_array(toml::node_view<const toml::node>{(*limits)[k]}, path,
                                               where + ".limits_deg[" + std::to_string(k) + "]", 2);
                if (pair[0] >= pair[1])
                    throw InputError(path, where + ".limits_deg[" + std::to_string(k) + "]",
                                     number_text(pair[0]) + ", " + number_text(pair[1]), "lower must be < upper");
                spec.limits.push_back({pair[0] * kDeg, pair[1] * kDeg});
            }
        }
        const bool mirror = j["mirror"].value_or(false);
        builder.add_joint(spec, path + " " + where);
        if (mirror) {
            JointSpec left = spec;
            left.name = mirror_name(spec.name);
            left.parent = mirror_name(spec.parent);
            left.child = mirror_name(spec.child);
            left.location = mirror_point(spec.location);
            // Mirroring z -> -z keeps rotations about z and flips those about x and y, so that each coordinate
            // keeps its anatomical meaning on the left side.
            if (spec.type == "ball") {
                left.signs[1] = -spec.signs[1];
                left.signs[2] = -spec.signs[2];
            }
            builder.add_joint(left, path + " " + where + " (mirrored)");
        }
    }

    if (const toml::array* points = doc["point"].as_array()) {
        for (std::size_t i = 0; i < points->size(); ++i) {
            const toml::table* t = (*points)[i].as_table();
            const std::string where = "point[" + std::to_string(i) + "]";
            if (!t) throw InputError(path, where, "", "not a table");
            const toml::node_view<const toml::node> p{*t};
            const std::string name = require_string(p["name"], path, where + ".name");
            const std::string segment = require_string(p["segment"], path, where + ".segment");
            const Vec3 location = vec3(p["location"], path, where + ".location") * length_scale;
            builder.add_point(name, segment, location, path + " " + where);
            if (p["mirror"].value_or(false))
                builder.add_point(mirror_name(name), mirror_name(segment), mirror_point(location),
                                  path + " " + where + " (mirrored)");
        }
    }
}

void read_rhythm(Model& model, const std::string& path) {
    const toml::table doc = parse_toml(path);
    const toml::array* levels = doc["levels"].as_array();
    if (!levels) throw InputError(path, "levels", "", "missing");
    const auto flexion = number_array(doc["flexion"], path, "flexion", levels->size());
    const auto lateral = number_array(doc["lateral_bending"], path, "lateral_bending", levels->size());
    const auto axial = number_array(doc["axial_rotation"], path, "axial_rotation", levels->size());
    for (const auto* shares : {&flexion, &lateral, &axial}) {
        double sum = 0;
        for (double v : *shares) sum += v;
        if (std::abs(sum - 1.0) > 1e-3) throw InputError(path, "fractions", number_text(sum), "must sum to 1");
    }
    for (std::size_t i = 0; i < levels->size(); ++i) {
        const std::string name = (*levels)[i].value_or(std::string{});
        LumbarLevel& level = model.lumbar_levels.at(model.lumbar_level_index(name));
        level.flexion_share = flexion[i];
        level.lateral_share = lateral[i];
        level.axial_share = axial[i];
    }
    const auto limit = number_array(doc["deviation_limit_deg"], path, "deviation_limit_deg", 3);
    for (int k = 0; k < 3; ++k) {
        if (!(limit[k] >= 0.0 && limit[k] <= 10.0))
            throw InputError(path, "deviation_limit_deg", number_text(limit[k]), "must be between 0 and 10 degrees");
        model.rhythm_deviation_limit[k] = limit[k] * kDeg;
    }
    const char* whole[2] = {"whole_lumbar_flexion_deg", "whole_lumbar_lateral_bending_deg"};
    for (int k = 0; k < 2; ++k) {
        const auto range = number_array(doc[whole[k]], path, whole[k], 2);
        if (!(range[0] < 0.0 && range[1] > 0.0 && range[0] >= -180.0 && range[1] <= 180.0))
            throw InputError(path, whole[k], number_text(range[0]) + ", " + number_text(range[1]),
                             "must be [lower < 0, upper > 0] degrees within +-180");
        model.whole_lumbar_lower[k] = range[0] * kDeg;
        model.whole_lumbar_upper[k] = range[1] * kDeg;
    }
}

void read_motion_segments(Model& model, const std::string& path) {
    const toml::table doc = parse_toml(path);
    auto curve = [&](const char* key) {
        const auto p = number_array(doc["passive_moment"][key], path, std::string("passive_moment.") + key, 3);
        return MomentAngleCurve{{{p[0], p[1], p[2]}}};
    };
    model.flexion_curve = curve("flexion");
    model.extension_curve = curve("extension");
    model.lateral_curve = curve("lateral_bending");
    model.axial_curve = curve("axial_rotation");
    const toml::array* levels = doc["disc"]["levels"].as_array();
    if (!levels) throw InputError(path, "disc.levels", "", "missing");
    const auto area = number_array(doc["disc"]["area_mm2"], path, "disc.area_mm2", levels->size());
    const auto tilt = number_array(doc["disc"]["normal_tilt_deg"], path, "disc.normal_tilt_deg", levels->size());
    const double scale2 = std::pow(model.subject.height_m / 1.70, 2);  // disc area scales with length^2
    for (std::size_t i = 0; i < levels->size(); ++i) {
        LumbarLevel& level = model.lumbar_levels.at(model.lumbar_level_index((*levels)[i].value_or(std::string{})));
        if (area[i] <= 0) throw InputError(path, "disc.area_mm2", number_text(area[i]), "must be > 0");
        level.disc_area = area[i] * 1e-6 * scale2;
        level.normal_tilt = tilt[i] * kDeg;
    }
    model.idp_correction_factor = require_number(doc["idp_correction_factor"], path, "idp_correction_factor");
}

// Posterior ligament lines (posterior_ligaments.toml): one set of lines per lumbar level, attachment points given in
// the level's disc frame relative to its joint centre, then calibrated (ligament_forces.hpp).
void read_posterior_ligaments(Model& model, const std::string& path, double length_scale) {
    const toml::table doc = parse_toml(path);
    detail::LigamentCalibration c;
    c.interspinous_supraspinous_force =
        require_number(doc["end_of_range"]["interspinous_supraspinous_force_n"], path, "end_of_range.interspinous_supraspinous_force_n");
    c.interspinous_fraction = require_number(doc["end_of_range"]["interspinous_fraction"], path, "end_of_range.interspinous_fraction");
    c.share_supraspinous_interspinous =
        require_number(doc["end_of_range"]["share_supraspinous_interspinous"], path, "end_of_range.share_supraspinous_interspinous");
    c.share_capsular = require_number(doc["end_of_range"]["share_capsular"], path, "end_of_range.share_capsular");
    c.share_flavum = require_number(doc["end_of_range"]["share_flavum"], path, "end_of_range.share_flavum");
    if (!(c.interspinous_supraspinous_force >= 0 && c.interspinous_fraction >= 0 && c.interspinous_fraction <= 1 &&
          c.share_supraspinous_interspinous > 0 && c.share_capsular >= 0 && c.share_flavum >= 0))
        throw InputError(path, "end_of_range", "", "forces and shares must be >= 0, the fraction in [0, 1]");
    const toml::array* lines = doc["line"].as_array();
    if (!lines) throw InputError(path, "line", "", "missing");
    for (std::size_t l = 0; l < model.lumbar_levels.size(); ++l) {
        const LumbarLevel& level = model.lumbar_levels[l];
        const Joint& joint = model.joints[level.joint];
        const double ct = std::cos(level.normal_tilt), st = std::sin(level.normal_tilt);
        // disc frame -> inferior segment frame: x along the disc plane (anterior), y along the disc normal
        const auto in_segment = [&](const Vec3& p) { return Vec3(p.x() * ct + p.y() * st, -p.x() * st + p.y() * ct, p.z()); };
        for (std::size_t i = 0; i < lines->size(); ++i) {
            const toml::table* t = (*lines)[i].as_table();
            const std::string where = "line[" + std::to_string(i) + "]";
            if (!t) throw InputError(path, where, "", "must be a table");
            const toml::node_view<const toml::node> n{*t};
            const std::string group = require_string(n["group"], path, where + ".group");
            const Vec3 inferior = in_segment(vec3(n["inferior"], path, where + ".inferior") * length_scale);
            const Vec3 superior = in_segment(vec3(n["superior"], path, where + ".superior") * length_scale);
            const bool mirror = n["mirror"].value_or(false);
            for (int side = 0; side < (mirror ? 2 : 1); ++side) {
                const Vec3 flip(1.0, 1.0, side == 0 ? 1.0 : -1.0);
                Ligament g;
                g.name = level.name + " " + group + (mirror ? (side == 0 ? "_r" : "_l") : "");
                g.group = group;
                g.level = static_cast<int>(l);
                g.inferior = joint.parent;
                g.superior = joint.child;
                g.inferior_point = joint.location + inferior.cwiseProduct(flip);
                g.superior_point = superior.cwiseProduct(flip);
                model.ligaments.push_back(g);
            }
        }
    }
    detail::calibrate_ligaments(model, c);
}

void read_muscle_properties(Model& model, const std::string& path) {
    const toml::table doc = parse_toml(path);
    model.specific_tension = require_number(doc["specific_tension_pa"], path, "specific_tension_pa");
    model.passive_shape_factor = require_number(doc["passive_shape_factor"], path, "passive_shape_factor");
    model.passive_strain_at_fmax = require_number(doc["passive_strain_at_fmax"], path, "passive_strain_at_fmax");
    if (model.specific_tension <= 0)
        throw InputError(path, "specific_tension_pa", number_text(model.specific_tension), "must be > 0");
}

bool read_hip_passive_flag(const std::string& path) {
    const toml::table doc = parse_toml(path);
    const auto flag = doc["hip_muscles_passive_fibre_force"].value<bool>();
    if (!flag) throw InputError(path, "hip_muscles_passive_fibre_force", "", "missing or not true/false");
    return *flag;
}

// Costed arm actuators (arm_strength.toml): `costed` switches them on; each [[joint]] (right side, mirrored to the
// left) gives per rotational coordinate the strength in the positive and the negative direction, N·m.
void read_arm_strength(Model& model, const std::string& path) {
    const toml::table doc = parse_toml(path);
    const auto costed = doc["costed"].value<bool>();
    if (!costed) throw InputError(path, "costed", "", "missing or not true/false");
    const toml::array* joints = doc["joint"].as_array();
    if (!joints) throw InputError(path, "joint", "", "missing [[joint]] tables");
    for (std::size_t i = 0; i < joints->size(); ++i) {
        const toml::table* t = (*joints)[i].as_table();
        if (!t) throw InputError(path, "joint", std::to_string(i), "must be a table");
        const toml::node_view<const toml::node> j{*t};
        const std::string name = require_string(j["name"], path, "joint.name");
        const toml::array* strength = j["strength_nm"].as_array();
        for (const std::string& side : {name, mirror_name(name)}) {
            Joint& joint = model.joints[static_cast<std::size_t>(model.joint_index(side))];
            if (joint.type != JointType::Ball && joint.type != JointType::Hinge)
                throw InputError(path, "joint.name", side, "costed actuators need a ball or hinge joint");
            if (!strength || static_cast<int>(strength->size()) != joint.coordinate_count)
                throw InputError(path, name + ".strength_nm", "", "needs one [positive, negative] pair per coordinate");
            for (int k = 0; k < joint.coordinate_count; ++k) {
                const auto pair = number_array(toml::node_view<const toml::node>{(*strength)[static_cast<std::size_t>(k)]},
                                               path, name + ".strength_nm", 2);
                if (!(pair[0] > 0) || !(pair[1] > 0))
                    throw InputError(path, name + ".strength_nm", number_text(pair[0]) + ", " + number_text(pair[1]),
                                     "strengths must be > 0");
                joint.actuator_strength[static_cast<std::size_t>(k)] = {pair[0], pair[1]};
            }
            joint.actuator_costed = *costed && !joint.muscle_balanced;
        }
    }
}

}  // namespace

std::string default_data_dir() {
    if (const char* env = std::getenv("SPINESIM_DATA_DIR"); env && *env) {
        std::error_code ec;   // a typo in the variable used to read as "unknown scenario (known: none)"
        if (!std::filesystem::is_directory(env, ec))
            throw InputError("environment", "SPINESIM_DATA_DIR", env, "is not a directory (unset it for the built-in data)");
        return env;
    }
    return SPINESIM_DEFAULT_DATA_DIR;
}

Model load_model(const Subject& subject, const std::string& data_dir) {
    validate_subject(subject);
    const std::string dir = data_dir + "/model/";
    ModelBuilder builder(subject, data_dir);
    double length_scale = 1.0;
    read_skeleton(builder, dir + "skeleton.toml", subject, length_scale);
    builder.finish_skeleton();
    Model& model = builder.model();
    read_rhythm(model, dir + "lumbar_rhythm.toml");
    read_motion_segments(model, dir + "motion_segments.toml");
    const std::string ligaments = dir + "posterior_ligaments.toml";
    if (std::filesystem::exists(ligaments)) read_posterior_ligaments(model, ligaments, length_scale);
    read_muscle_properties(model, dir + "muscle_properties.toml");
    const double reference_mass = 75.6;  // kg, Christophy reference subject (anatomy-notes 2.1)
    // PCSA scales with muscle volume / fibre length, i.e. body mass / height. subject.strength_scale multiplies
    // max_force = PCSA x specific tension in ModelBuilder::finish_muscles (PCSA itself stays anatomical).
    const double pcsa_scale = (subject.body_mass_kg / reference_mass) / length_scale;
    read_muscle_file(builder, dir + "muscles_lumbar_christophy2012.csv", length_scale, pcsa_scale, 1e-4, true);
    const std::string psoas_extension = dir + "psoas_femoral_extension_delp1990.csv";
    if (std::filesystem::exists(psoas_extension)) builder.extend_psoas(psoas_extension, length_scale);
    const std::string hip = dir + "muscles_hip_delp1990.csv";
    const bool hip_passive = read_hip_passive_flag(dir + "muscle_properties.toml");
    // gait2392 states max forces, not PCSAs: they are kept as max forces, i.e. PCSA = F_max / model specific tension.
    if (std::filesystem::exists(hip))
        read_muscle_file(builder, hip, length_scale, pcsa_scale, 1e4 / builder.model().specific_tension,
                         hip_passive);
    const std::string wraps = dir + "hip_wrap_surfaces.csv";
    if (std::filesystem::exists(wraps)) read_wrap_file(builder, wraps, length_scale);
    const std::string validity = dir + "muscle_path_validity.csv";
    if (std::filesystem::exists(validity)) read_path_validity_file(builder, validity);
    builder.finish_muscles();
    const std::string arm_strength = dir + "arm_strength.toml";
    if (std::filesystem::exists(arm_strength)) read_arm_strength(builder.model(), arm_strength);
    return builder.take();
}

}  // namespace spinesim
