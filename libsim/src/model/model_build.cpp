#include "model/model_build.hpp"

#include "spinesim/error.hpp"
#include "spinesim/number_text.hpp"
#include "model/csv_reader.hpp"
#include "spinesim/kinematics.hpp"

#include <algorithm>
#include <cmath>

namespace spinesim {

namespace {

constexpr double kPi = 3.14159265358979323846;

// "COORDINATE MIN_DEG MAX_DEG" of a conditional via point.
void parse_condition(const Model& model, const std::vector<std::string>& f, const std::string& where, PathPoint& p) {
    p.condition_coordinate = model.coordinate_index(f[0]);
    p.condition_min = detail::parse_number(f[1], where, "path condition min") * kPi / 180.0;
    p.condition_max = detail::parse_number(f[2], where, "path condition max") * kPi / 180.0;
    if (!(p.condition_min < p.condition_max))
        throw InputError(where, "path condition", f[1] + " " + f[2], "must have min < max");
}

const std::vector<std::pair<std::string, std::string>>& level_names() {
    static const std::vector<std::pair<std::string, std::string>> names = {
        {"L5S1", "L5/S1"}, {"L4L5", "L4/L5"}, {"L3L4", "L3/L4"}, {"L2L3", "L2/L3"}, {"L1L2", "L1/L2"}};
    return names;
}

std::string family_of(const std::string& group) {
    std::string g = group;
    std::transform(g.begin(), g.end(), g.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (g.find("psoas") != std::string::npos) return "psoas";
    if (g.find("iliocostalis") != std::string::npos || g.find("longissimus") != std::string::npos) return "erector_spinae";
    if (g.find("multifidus") != std::string::npos) return "multifidus";
    if (g.find("quadratus_lumborum") != std::string::npos) return "quadratus_lumborum";
    if (g.find("rectus_abdominis") != std::string::npos || g.find("oblique") != std::string::npos) return "abdominals";
    if (g.find("latissimus") != std::string::npos) return "latissimus_dorsi";
    if (g.find("iliacus") != std::string::npos) return "iliacus";
    return "hip";
}

}  // namespace

int resolve_right_segment(const Model& model, const std::string& name, const std::string& where) {
    for (const std::string& candidate : {name, name + "_r"})
        for (std::size_t i = 0; i < model.segments.size(); ++i)
            if (model.segments[i].name == candidate) return static_cast<int>(i);
    throw InputError(where, "path segment", name, "unknown segment");
}

ModelBuilder::ModelBuilder(const Subject& subject, const std::string& data_dir) {
    model_.subject = subject;
    model_.data_dir = data_dir;
}

void ModelBuilder::add_segment(const SegmentSpec& spec) {
    for (const auto& s : model_.segments)
        if (s.name == spec.name) throw InputError("skeleton.toml", "segment.name", spec.name, "duplicate segment name");
    Segment s;
    s.name = spec.name;
    s.mass = spec.mass;
    s.com = spec.com;
    s.inertia = (spec.gyration.array().square() * spec.mass).matrix().asDiagonal();
    model_.segments.push_back(s);
}

void ModelBuilder::add_joint(const JointSpec& spec, const std::string& where) {
    Joint j;
    j.name = spec.name;
    if (spec.type == "free") j.type = JointType::Free;
    else if (spec.type == "ball") j.type = JointType::Ball;
    else if (spec.type == "hinge") j.type = JointType::Hinge;
    else if (spec.type == "weld") j.type = JointType::Weld;
    else throw InputError(where, "type", spec.type, "unknown joint type (free, ball, hinge, weld)");
    if (spec.parent == "ground") {
        if (j.type != JointType::Free) throw InputError(where, "parent", spec.parent, "only the free joint attaches to ground");
        j.parent = -1;
    } else {
        try { j.parent = model_.segment_index(spec.parent); }
        catch (const InputError&) { throw InputError(where, "parent", spec.parent, "unknown segment"); }
    }
    try { j.child = model_.segment_index(spec.child); }
    catch (const InputError&) { throw InputError(where, "child", spec.child, "unknown segment"); }
    if (model_.segments[j.child].parent_joint >= 0)
        throw InputError(where, "child", spec.child, "segment already has a parent joint");
    if (j.parent >= 0 && model_.segments[j.parent].parent_joint < 0)
        throw InputError(where, "parent", spec.parent, "parent must be attached before its children (joint order)");
    j.location = spec.location;
    j.first_coordinate = static_cast<int>(model_.coordinates.size());
    if (j.type == JointType::Free) {
        j.coordinate_count = 6;
        // heading about the world vertical first, then forward tilt, then list (so that turning the whole body
        // about the vertical is one coordinate whatever the tilt)
        j.axis = {{1, 2, 0}};
        j.sign = {{1, -1, 1}};
        const char* names[6] = {"tx", "ty", "tz", "rotation", "anterior_tilt", "list"};
        const double big = 1e3;
        for (int k = 0; k < 6; ++k) {
            const double limit = k < 3 ? big : 3.14159265358979323846;
            model_.coordinates.push_back({model_.segments[j.child].name + "." + names[k],
                                          static_cast<int>(model_.joints.size()), -limit, limit, k >= 3});
        }
    } else if (j.type == JointType::Ball || j.type == JointType::Hinge) {
        j.coordinate_count = static_cast<int>(spec.coordinate_names.size());
        if (j.type == JointType::Hinge) j.axis = {{2, 0, 1}};
        for (int k = 0; k < j.coordinate_count; ++k) {
            j.sign[k] = spec.signs[k];
            if (std::abs(std::abs(j.sign[k]) - 1.0) > 1e-12) throw InputError(where, "signs", number_text(j.sign[k]), "must be +1 or -1");
            model_.coordinates.push_back({j.name + "." + spec.coordinate_names[k], static_cast<int>(model_.joints.size()),
                                          spec.limits[k].first, spec.limits[k].second, true});
        }
    }
    model_.segments[j.child].parent_joint = static_cast<int>(model_.joints.size());
    if (j.parent < 0 && j.type == JointType::Free) model_.segments[j.child].parent_joint = static_cast<int>(model_.joints.size());
    for (std::size_t l = 0; l < level_names().size(); ++l)
        if (level_names()[l].first == j.name) j.lumbar_level = static_cast<int>(l);
    j.muscle_balanced = j.lumbar_level >= 0;  // hips join in finish_muscles() when muscles cross them
    model_.joints.push_back(j);
}

void ModelBuilder::add_point(const std::string& name, const std::string& segment, const Vec3& location,
                             const std::string& where) {
    BodyPoint p;
    p.name = name;
    try { p.segment = model_.segment_index(segment); }
    catch (const InputError&) { throw InputError(where, "segment", segment, "unknown segment"); }
    p.location = location;
    model_.points.push_back(p);
}

void ModelBuilder::finish_skeleton() {
    const std::size_t nj = model_.joints.size(), ns = model_.segments.size();
    for (std::size_t s = 0; s < ns; ++s)
        if (model_.segments[s].parent_joint < 0)
            throw InputError("skeleton.toml", "segment", model_.segments[s].name, "segment has no parent joint");
    model_.subtree.assign(nj, std::vector<char>(ns, 0));
    for (std::size_t j = 0; j < nj; ++j) {
        for (std::size_t s = 0; s < ns; ++s) {
            // walk from s towards the root; s is distal to j if the walk passes through joint j
            int seg = static_cast<int>(s);
            while (seg >= 0) {
                const int pj = model_.segments[seg].parent_joint;
                if (pj == static_cast<int>(j)) { model_.subtree[j][s] = 1; break; }
                seg = model_.joints[pj].parent;
            }
        }
    }
    for (std::size_t l = 0; l < level_names().size(); ++l) {
        for (std::size_t j = 0; j < nj; ++j) {
            if (model_.joints[j].name != level_names()[l].first) continue;
            if (model_.joints[j].type != JointType::Ball)
                throw InputError("skeleton.toml", "joint.type", model_.joints[j].name, "a lumbar level must be a ball joint");
            LumbarLevel level;
            level.name = level_names()[l].second;
            level.joint = static_cast<int>(j);
            model_.joints[j].lumbar_level = static_cast<int>(model_.lumbar_levels.size());
            model_.lumbar_levels.push_back(level);
        }
    }
}

void ModelBuilder::add_muscle(Muscle muscle) { model_.muscles.push_back(std::move(muscle)); }

void ModelBuilder::extend_psoas(const std::string& path, double length_scale) {
    const detail::CsvTable table = detail::read_csv(path);
    const int cs = table.column("segment"), cx = table.column("x"), cy = table.column("y"), cz = table.column("z");
    int c_when = -1;  // optional: "COORDINATE MIN_DEG MAX_DEG" for a conditional via point, empty = always
    for (std::size_t i = 0; i < table.header.size(); ++i)
        if (table.header[i] == "active_when") c_when = static_cast<int>(i);
    std::vector<PathPoint> extension;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const std::string where = path + ":" + std::to_string(table.line_numbers[r]);
        PathPoint p;
        p.segment = resolve_right_segment(model_, table.text(r, cs), where);
        p.location = Vec3(table.number(r, cx), table.number(r, cy), table.number(r, cz)) * length_scale;
        if (c_when >= 0 && !table.text(r, c_when).empty()) {
            std::vector<std::string> f;
            for (const auto& x : detail::split(table.text(r, c_when), ' ')) if (!x.empty()) f.push_back(x);
            if (f.size() != 3) throw InputError(where, "active_when", table.text(r, c_when), "expected 'COORDINATE MIN_DEG MAX_DEG'");
            parse_condition(model_, f, where, p);
        }
        extension.push_back(p);
    }
    for (Muscle& m : model_.muscles)
        if (family_of(m.group) == "psoas")
            m.path.insert(m.path.end(), extension.begin(), extension.end());
}

void ModelBuilder::add_wrap_cylinder(WrapCylinder cylinder, const std::vector<std::string>& muscles,
                                     const std::string& where) {
    const int index = static_cast<int>(model_.wrap_cylinders.size());
    for (const std::string& name : muscles) {
        bool found = false;
        for (Muscle& m : model_.muscles) {
            if (m.name != name && m.group != name) continue;
            if (m.wrap >= 0)
                throw InputError(where, "muscles", name, "muscle " + m.name + " already wraps over " +
                                 model_.wrap_cylinders[m.wrap].name + " (one wrapping surface per muscle)");
            m.wrap = index;
            found = true;
        }
        if (!found) throw InputError(where, "muscles", name, "no muscle or muscle group of this name");
    }
    model_.wrap_cylinders.push_back(std::move(cylinder));
}

void ModelBuilder::set_path_validity(const std::vector<std::string>& muscles, const std::vector<std::string>& condition,
                                     const std::string& reason, const std::string& where) {
    if (condition.size() != 3)
        throw InputError(where, "valid_when", "", "expected 'COORDINATE MIN_DEG MAX_DEG'");
    PathPoint range;  // the same "COORDINATE MIN_DEG MAX_DEG" syntax as a conditional via point
    parse_condition(model_, condition, where, range);
    const int joint = model_.coordinates[range.condition_coordinate].joint;
    for (const std::string& name : muscles) {
        bool found = false;
        for (Muscle& m : model_.muscles) {
            if (m.name != name && m.group != name) continue;
            if (m.validity_coordinate >= 0)
                throw InputError(where, "muscles", name, "muscle " + m.name + " already has a validity range");
            bool distal = false, proximal = false;  // the coordinate must move the path
            for (const PathPoint& p : m.path) (model_.subtree[joint][p.segment] ? distal : proximal) = true;
            if (!(distal && proximal))
                throw InputError(where, "muscles", name, "muscle " + m.name + " does not cross the joint of " +
                                 model_.coordinates[range.condition_coordinate].name);
            m.validity_coordinate = range.condition_coordinate;
            m.validity_min = range.condition_min;
            m.validity_max = range.condition_max;
            m.validity_reason = reason;
            found = true;
        }
        if (!found) throw InputError(where, "muscles", name, "no muscle or muscle group of this name");
    }
}

void ModelBuilder::finish_muscles() {
    // Left cylinders: mirror image in the sagittal plane (z -> -z). The frame's rotation R becomes M R M with
    // M = diag(1, 1, -1): x and y axes mirrored, axis direction reversed (immaterial for a cylinder).
    const int right_cylinders = static_cast<int>(model_.wrap_cylinders.size());
    for (int c = 0; c < right_cylinders; ++c) {
        WrapCylinder l = model_.wrap_cylinders[c];
        const std::size_t at = l.name.rfind("_r");
        if (at != std::string::npos && at + 2 == l.name.size()) l.name.replace(at, 2, "_l");
        else l.name += "_l";
        const std::string& seg = model_.segments[l.segment].name;
        if (seg.size() > 2 && seg.compare(seg.size() - 2, 2, "_r") == 0)
            l.segment = model_.segment_index(seg.substr(0, seg.size() - 2) + "_l");
        const std::string& joint = model_.joints[l.joint].name;
        if (joint.size() > 2 && joint.compare(joint.size() - 2, 2, "_r") == 0)
            l.joint = model_.joint_index(joint.substr(0, joint.size() - 2) + "_l");
        const Mat3 mirror = Vec3(1, 1, -1).asDiagonal();
        l.frame.linear() = mirror * model_.wrap_cylinders[c].frame.linear() * mirror;
        l.frame.translation() = mirror * model_.wrap_cylinders[c].frame.translation();
        l.mirror = c;
        model_.wrap_cylinders[c].mirror = right_cylinders + c;
        model_.wrap_cylinders.push_back(l);
    }
    std::vector<Muscle> both;
    both.reserve(model_.muscles.size() * 2);
    for (const Muscle& right : model_.muscles) {
        Muscle r = right, l = right;
        r.name = right.name + "_r";
        r.side = 1;
        l.name = right.name + "_l";
        l.side = -1;
        for (PathPoint& p : l.path) {
            const std::string& seg = model_.segments[p.segment].name;
            if (seg.size() > 2 && seg.compare(seg.size() - 2, 2, "_r") == 0)
                p.segment = model_.segment_index(seg.substr(0, seg.size() - 2) + "_l");
            p.location.z() = -p.location.z();
            if (p.condition_coordinate >= 0) {  // hip_r.flexion -> hip_l.flexion (the same sign convention mirrored)
                std::string c = model_.coordinates[p.condition_coordinate].name;
                const std::size_t at = c.find("_r.");
                if (at != std::string::npos) p.condition_coordinate = model_.coordinate_index(c.replace(at, 3, "_l."));
            }
        }
        if (right.wrap >= 0) l.wrap = model_.wrap_cylinders[right.wrap].mirror;
        if (l.validity_coordinate >= 0) {  // hip_r.flexion -> hip_l.flexion
            std::string c = model_.coordinates[l.validity_coordinate].name;
            const std::size_t at = c.find("_r.");
            if (at != std::string::npos) l.validity_coordinate = model_.coordinate_index(c.replace(at, 3, "_l."));
        }
        r.mirror = static_cast<int>(both.size()) + 1;
        l.mirror = static_cast<int>(both.size());
        both.push_back(r);
        both.push_back(l);
    }
    const std::vector<Vec3> origins = reference_segment_origins(model_);
    for (Muscle& m : both) {
        m.family = family_of(m.group);
        // The subject's strength scales the force per unit area, not the anatomy: PCSA (and with it the muscle
        // stress that the sharing criteria use) is unchanged; passive fibre force follows max_force.
        m.max_force = m.pcsa * model_.specific_tension * model_.subject.strength_scale;
        // length in the reference posture (all coordinates zero): conditional points active there are included
        const Eigen::VectorXd zero = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model_.coordinates.size()));
        double length = 0;
        const PathPoint* previous = nullptr;
        for (const PathPoint& point : m.path) {
            if (!point.active(zero)) continue;
            if (previous)
                length += ((origins[point.segment] + point.location) - (origins[previous->segment] + previous->location)).norm();
            previous = &point;
        }
        m.reference_length = length;
    }
    model_.muscles = std::move(both);
    if (!model_.wrap_cylinders.empty()) {  // wrapped paths: reference length along the surface
        Workspace ws(model_);
        update_kinematics(model_, Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model_.coordinates.size())), ws);
        for (std::size_t i = 0; i < model_.muscles.size(); ++i)
            if (model_.muscles[i].wrap >= 0) model_.muscles[i].reference_length = ws.muscle_length[static_cast<Eigen::Index>(i)];
    }
    // Hips are balanced by muscles when the model has muscles crossing them; otherwise they get ideal actuators.
    for (std::size_t j = 0; j < model_.joints.size(); ++j) {
        Joint& joint = model_.joints[j];
        if (joint.name.rfind("hip_", 0) != 0) continue;
        for (const Muscle& m : model_.muscles) {
            bool distal = false, proximal = false;
            for (const PathPoint& p : m.path) (model_.subtree[j][p.segment] ? distal : proximal) = true;
            if (distal && proximal) { joint.muscle_balanced = true; break; }
        }
    }
}

std::vector<Vec3> reference_segment_origins(const Model& model) {
    std::vector<Vec3> origin(model.segments.size(), Vec3::Zero());
    for (const Joint& j : model.joints) {  // parents precede children in the joint list
        origin[j.child] = j.parent < 0 ? Vec3::Zero() : Vec3(origin[j.parent] + j.location);
    }
    return origin;
}

void read_muscle_file(ModelBuilder& builder, const std::string& path, double length_scale, double pcsa_scale,
                      double source_pcsa_per_newton, bool passive_fibre_force) {
    const detail::CsvTable table = detail::read_csv(path);
    const int cn = table.column("name"), cg = table.column("group"), cp = table.column("path");
    int c_pcsa = -1, c_fmax = -1;
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        if (table.header[i] == "pcsa_cm2") c_pcsa = static_cast<int>(i);
        if (table.header[i] == "fmax_N") c_fmax = static_cast<int>(i);
    }
    if (c_pcsa < 0 && (c_fmax < 0 || source_pcsa_per_newton <= 0))
        throw InputError(path, "pcsa_cm2", "", "missing column (or fmax_N with a known source specific tension)");
    const Model& model = builder.model();
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const std::string where = path + ":" + std::to_string(table.line_numbers[r]);
        Muscle m;
        m.name = table.text(r, cn);
        if (m.name.size() > 2 && m.name.compare(m.name.size() - 2, 2, "_r") == 0) m.name.resize(m.name.size() - 2);
        m.group = table.text(r, cg);
        m.passive_fibre_force = passive_fibre_force;
        if (m.name.empty()) throw InputError(where, "name", "", "empty muscle name");
        const double pcsa_cm2 = c_pcsa >= 0 ? table.number(r, c_pcsa) : table.number(r, c_fmax) * source_pcsa_per_newton;
        if (!(pcsa_cm2 > 0)) throw InputError(where, c_pcsa >= 0 ? "pcsa_cm2" : "fmax_N", table.text(r, c_pcsa >= 0 ? c_pcsa : c_fmax), "must be > 0");
        m.pcsa = pcsa_cm2 * 1e-4 * pcsa_scale;
        for (const std::string& point : detail::split(table.text(r, cp), ';')) {
            const auto fields = detail::split(point, ' ');
            std::vector<std::string> f;
            for (const auto& x : fields) if (!x.empty()) f.push_back(x);
            if (f.size() != 4 && !(f.size() == 8 && f[4] == "when"))
                throw InputError(where, "path", point, "expected 'segment x y z' or 'segment x y z when COORDINATE MIN_DEG MAX_DEG'");
            PathPoint p;
            p.segment = resolve_right_segment(model, f[0], where);
            p.location = Vec3(detail::parse_number(f[1], where, "path x"), detail::parse_number(f[2], where, "path y"),
                              detail::parse_number(f[3], where, "path z")) * length_scale;
            if (f.size() == 8) parse_condition(model, {f[5], f[6], f[7]}, where, p);
            m.path.push_back(p);
        }
        if (m.path.size() < 2) throw InputError(where, "path", table.text(r, cp), "a path needs at least two points");
        builder.add_muscle(std::move(m));
    }
}

void read_wrap_file(ModelBuilder& builder, const std::string& path, double length_scale) {
    const detail::CsvTable table = detail::read_csv(path);
    const int cn = table.column("name"), cs = table.column("segment"), cj = table.column("joint");
    const int chx = table.column("source_joint_x"), chy = table.column("source_joint_y"), chz = table.column("source_joint_z");
    const int cx = table.column("x"), cy = table.column("y"), cz = table.column("z");
    const int crx = table.column("rot_x"), cry = table.column("rot_y"), crz = table.column("rot_z");
    const int cr = table.column("radius"), cl = table.column("length"), cq = table.column("quadrant");
    const int cm = table.column("muscles");
    const Model& model = builder.model();
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const std::string where = path + ":" + std::to_string(table.line_numbers[r]);
        WrapCylinder c;
        c.name = table.text(r, cn);
        c.segment = resolve_right_segment(model, table.text(r, cs), where);
        c.joint = model.joint_index(table.text(r, cj));
        const Joint& joint = model.joints[c.joint];
        if (joint.parent != c.segment)
            throw InputError(where, "joint", table.text(r, cj), "the joint's parent must be the cylinder's segment");
        // The cylinder keeps its position relative to the joint centre: source translation minus the source
        // model's joint centre, scaled with the subject, plus this model's joint centre (already scaled).
        const Vec3 source_joint(table.number(r, chx), table.number(r, chy), table.number(r, chz));
        const Vec3 translation(table.number(r, cx), table.number(r, cy), table.number(r, cz));
        c.frame.setIdentity();
        c.frame.translation() = joint.location + (translation - source_joint) * length_scale;
        // OpenSim xyz_body_rotation: body-fixed X, then Y, then Z
        c.frame.linear() = (Eigen::AngleAxisd(table.number(r, crx), Vec3::UnitX()) *
                            Eigen::AngleAxisd(table.number(r, cry), Vec3::UnitY()) *
                            Eigen::AngleAxisd(table.number(r, crz), Vec3::UnitZ())).toRotationMatrix();
        c.radius = table.number(r, cr) * length_scale;
        c.length = table.number(r, cl) * length_scale;
        if (!(c.radius > 0)) throw InputError(where, "radius", table.text(r, cr), "must be > 0");
        const std::string q = table.text(r, cq);
        if (q == "all") c.quadrant_axis = -1;
        else if (q == "+x" || q == "x") { c.quadrant_axis = 0; c.quadrant_sign = 1; }
        else if (q == "-x") { c.quadrant_axis = 0; c.quadrant_sign = -1; }
        else if (q == "+y" || q == "y") { c.quadrant_axis = 1; c.quadrant_sign = 1; }
        else if (q == "-y") { c.quadrant_axis = 1; c.quadrant_sign = -1; }
        else throw InputError(where, "quadrant", q, "expected all, +x, -x, +y or -y");
        std::vector<std::string> muscles;
        for (const auto& x : detail::split(table.text(r, cm), ' ')) if (!x.empty()) muscles.push_back(x);
        if (muscles.empty()) throw InputError(where, "muscles", "", "no muscle listed");
        builder.add_wrap_cylinder(std::move(c), muscles, where);
    }
}

void read_path_validity_file(ModelBuilder& builder, const std::string& path) {
    const detail::CsvTable table = detail::read_csv(path);
    const int cm = table.column("muscles"), cv = table.column("valid_when"), cr = table.column("reason");
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const std::string where = path + ":" + std::to_string(table.line_numbers[r]);
        std::vector<std::string> muscles, condition;
        for (const auto& x : detail::split(table.text(r, cm), ' ')) if (!x.empty()) muscles.push_back(x);
        for (const auto& x : detail::split(table.text(r, cv), ' ')) if (!x.empty()) condition.push_back(x);
        if (muscles.empty()) throw InputError(where, "muscles", "", "no muscle listed");
        if (condition.size() != 3)
            throw InputError(where, "valid_when", table.text(r, cv), "expected 'COORDINATE MIN_DEG MAX_DEG'");
        builder.set_path_validity(muscles, condition, table.text(r, cr), where);
    }
}

}  // namespace spinesim
