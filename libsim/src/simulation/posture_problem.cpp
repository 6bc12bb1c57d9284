// Resolving scenario names against the model, fixed targets and target residuals.
#include "simulation/posture_problem.hpp"

#include "spinesim/error.hpp"
#include "spinesim/name_suggestions.hpp"
#include "spinesim/number_text.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace spinesim::detail {

namespace {

constexpr double kRadToDeg = 180.0 / 3.14159265358979323846;

std::string where(const std::string& origin, const Scenario& s) { return origin.empty() ? s.source_file : origin; }

template <class Items>
std::vector<std::string> names_of(const Items& items) {
    std::vector<std::string> names;
    for (const auto& item : items) names.push_back(item.name);
    return names;
}

template <class Items>
int find_name(const Items& items, const std::string& name) {
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].name == name) return static_cast<int>(i);
    return -1;
}

int require_point(const Model& model, const Scenario& s, const std::string& origin, const std::string& field,
                  const std::string& name) {
    const int i = find_name(model.points, name);
    if (i < 0) throw InputError(where(origin, s), field, name, "unknown body point (see data/model/skeleton.toml [[point]])" + did_you_mean(name, names_of(model.points)));
    return i;
}

int require_coordinate(const Model& model, const Scenario& s, const std::string& origin, const std::string& field,
                       const std::string& name) {
    const int i = find_name(model.coordinates, name);
    if (i < 0) throw InputError(where(origin, s), field, name, "unknown coordinate (e.g. hip_r.flexion, pelvis.tx, L4L5.flexion)" + did_you_mean(name, names_of(model.coordinates)));
    return i;
}

int lumbar_component(PostureTarget::Kind k) {
    return k == PostureTarget::Kind::LumbarFlexion ? 0 : k == PostureTarget::Kind::LumbarLateralBending ? 1 : 2;
}

const char* kind_name(PostureTarget::Kind k) {
    switch (k) {
        case PostureTarget::Kind::Coordinate: return "coordinate";
        case PostureTarget::Kind::SegmentInclination: return "segment_inclination";
        case PostureTarget::Kind::PointHeight: return "point_height";
        case PostureTarget::Kind::PointForward: return "point_forward";
        case PostureTarget::Kind::PointLateral: return "point_lateral";
        case PostureTarget::Kind::ComOverPoints: return "com_over_points";
        case PostureTarget::Kind::LumbarFlexion: return "lumbar_flexion";
        case PostureTarget::Kind::LumbarLateralBending: return "lumbar_lateral_bending";
        case PostureTarget::Kind::LumbarAxialRotation: return "lumbar_axial_rotation";
    }
    return "?";
}

double lumbar_share(const LumbarLevel& level, int component) {
    return component == 0 ? level.flexion_share : component == 1 ? level.lateral_share : level.axial_share;
}

// The whole-lumbar angle range of a lumbar target: the whole-lumbar range of motion (lumbar_rhythm.toml), and every
// level, taking angle x its rhythm share, inside its own limits. Throws InputError naming the target, its value and
// the range (deg).
void check_lumbar_target_range(const Model& model, const Scenario& s, const PostureTarget& t) {
    const int k = lumbar_component(t.kind);
    double lower = model.whole_lumbar_lower[k], upper = model.whole_lumbar_upper[k];
    for (const LumbarLevel& level : model.lumbar_levels) {
        const double share = lumbar_share(level, k);
        if (share <= 0) continue;
        const Coordinate& c = model.coordinates[model.joints[level.joint].first_coordinate + k];
        lower = std::max(lower, c.lower / share);
        upper = std::min(upper, c.upper / share);
    }
    for (double v : t.value.value) {
        if (v >= lower - 1e-12 && v <= upper + 1e-12) continue;
        std::ostringstream value, range;
        value << v * kRadToDeg << " deg";
        range << "beyond the whole-lumbar range of motion [" << lower * kRadToDeg << ", " << upper * kRadToDeg
              << "] deg (L1/L2 to L5/S1 together, data/model/lumbar_rhythm.toml and the per-level limits)";
        throw InputError(where(t.origin, s), std::string("target ") + kind_name(t.kind) + " value", value.str(), range.str());
    }
}

}  // namespace

PostureProblem resolve_posture_problem(const Model& model, const Scenario& s) {
    PostureProblem p;
    p.model = &model;
    for (const std::string& name : s.free_coordinates) {
        const int i = require_coordinate(model, s, s.source_file, "posture.free", name);
        if (std::find(p.free.begin(), p.free.end(), i) != p.free.end())
            throw InputError(s.source_file, "posture.free", name, "listed twice");
        p.free.push_back(i);
    }
    const auto is_free = [&](int c) { return std::find(p.free.begin(), p.free.end(), c) != p.free.end(); };

    for (const PostureTarget& t : s.targets) {
        ResolvedTarget r;
        r.source = &t;
        r.label = std::string(kind_name(t.kind)) + (t.name.empty() ? "" : " " + t.name);
        if (t.value.value.empty() || t.value.phase.size() != t.value.value.size())
            throw InputError(where(t.origin, s), r.label, "", "target needs a value curve with one phase per value");
        for (double v : t.value.value)
            if (!std::isfinite(v)) throw InputError(where(t.origin, s), r.label, number_text(v), "must be finite");
        switch (t.kind) {
            case PostureTarget::Kind::Coordinate: {
                r.index = require_coordinate(model, s, t.origin, "target.name", t.name);
                const Coordinate& c = model.coordinates[r.index];
                r.metres = !c.rotational;
                r.fixed = !is_free(r.index);
                // The monotone cubic stays between its keys, so checking the keys checks the whole curve.
                for (double v : t.value.value)
                    if (v < c.lower - 1e-9 || v > c.upper + 1e-9) {
                        std::ostringstream value, range;
                        const double f = c.rotational ? kRadToDeg : 1.0;
                        const char* unit = c.rotational ? " deg" : " m";
                        value << v * f << unit;
                        range << "coordinate target beyond the range of motion [" << c.lower * f << ", " << c.upper * f << "]" << unit;
                        throw InputError(where(t.origin, s), t.name, value.str(), range.str());
                    }
                break;
            }
            case PostureTarget::Kind::SegmentInclination:
                r.index = find_name(model.segments, t.name);
                if (r.index < 0) throw InputError(where(t.origin, s), "target.name", t.name, "unknown segment" + did_you_mean(t.name, names_of(model.segments)));
                break;
            case PostureTarget::Kind::PointHeight:
            case PostureTarget::Kind::PointForward:
            case PostureTarget::Kind::PointLateral:
                r.index = require_point(model, s, t.origin, "target.name", t.name);
                r.metres = true;
                break;
            case PostureTarget::Kind::ComOverPoints:
                for (const std::string& name : t.points) r.points.push_back(require_point(model, s, t.origin, "target.points", name));
                r.metres = true;
                break;
            default: {  // lumbar: fixed unless the solver may move the lumbar coordinates of that component
                const int k = lumbar_component(t.kind);
                bool any_free = false;
                for (const LumbarLevel& level : model.lumbar_levels)
                    any_free = any_free || is_free(model.joints[level.joint].first_coordinate + k);
                r.fixed = !any_free;
                break;
            }
        }
        p.targets.push_back(std::move(r));
    }
    for (const ScenarioContact& c : s.contacts) require_point(model, s, c.origin, "contact.points", c.point);
    for (const ScenarioLoad& l : s.loads) {
        const int i = require_point(model, s, l.origin, "load.points", l.point);
        if (!l.mass_kg.value.empty()) p.loads.push_back({&l, i});
    }
    // Fixed postures (lumbar targets included) must lie inside the range of motion at every key. A whole-lumbar target
    // is first checked against the whole-lumbar range its rhythm shares allow, so that the error names the target's
    // own value (not the first level it pushes out of range).
    for (const ResolvedTarget& r : p.targets) {
        if (!r.fixed) continue;
        if (r.source->kind != PostureTarget::Kind::Coordinate) check_lumbar_target_range(model, s, *r.source);
        for (double phase : r.source->value.phase) {
            Posture q = fixed_posture(p, phase);
            for (const int f : p.free) q[f] = 0.0;   // free coordinates are kept in range by the solver's bounds
            check_range_of_motion(model, q, where(r.source->origin, s));
        }
    }
    return p;
}

Posture fixed_posture(const PostureProblem& problem, double phase) {
    const Model& model = *problem.model;
    Posture q = reference_posture(model);
    for (const ResolvedTarget& r : problem.targets) {
        if (!r.fixed) continue;
        const double v = r.source->value.at(phase);
        if (r.source->kind == PostureTarget::Kind::Coordinate) {
            q[r.index] = v;
        } else {
            const int k = lumbar_component(r.source->kind);
            for (const LumbarLevel& level : model.lumbar_levels)
                q[model.joints[level.joint].first_coordinate + k] = v * lumbar_share(level, k);
        }
    }
    return q;
}

void target_residuals(const PostureProblem& problem, const Workspace& ws, double phase, std::vector<double>& out) {
    const Model& model = *problem.model;
    out.clear();
    for (const ResolvedTarget& r : problem.targets) {
        if (r.fixed) continue;
        const PostureTarget& t = *r.source;
        const double goal = t.value.at(phase);
        double actual = 0.0;
        switch (t.kind) {
            case PostureTarget::Kind::Coordinate: actual = ws.q[r.index]; break;
            case PostureTarget::Kind::SegmentInclination: {
                // forward (+x) tilt of the segment's long (+y) axis from the vertical, in the sagittal plane
                const Vec3 axis = ws.pose[r.index].linear().col(1);
                actual = std::atan2(axis.x(), axis.y());
                break;
            }
            case PostureTarget::Kind::PointHeight:
            case PostureTarget::Kind::PointForward:
            case PostureTarget::Kind::PointLateral: {
                const BodyPoint& b = model.points[r.index];
                const Vec3 x = world_point(ws, b.segment, b.location);
                actual = t.kind == PostureTarget::Kind::PointHeight ? x.y() : t.kind == PostureTarget::Kind::PointForward ? x.x() : x.z();
                break;
            }
            case PostureTarget::Kind::ComOverPoints: {
                // Balance: the (system) centre of mass above the support points' mean, in the anterior direction.
                double mass = model.total_mass();
                Vec3 moment = mass * centre_of_mass(model, ws);
                if (t.include_loads)
                    for (const ResolvedLoad& l : problem.loads) {
                        const double m = l.source->mass_kg.at(phase);
                        const BodyPoint& b = model.points[l.point];
                        moment += m * world_point(ws, b.segment, b.location);
                        mass += m;
                    }
                double support = 0.0;
                for (const int pi : r.points) {
                    const BodyPoint& b = model.points[pi];
                    support += world_point(ws, b.segment, b.location).x();
                }
                actual = moment.x() / mass - support / static_cast<double>(r.points.size());
                break;
            }
            default: {
                const int k = lumbar_component(t.kind);
                for (const LumbarLevel& level : model.lumbar_levels) actual += ws.q[model.joints[level.joint].first_coordinate + k];
                break;
            }
        }
        out.push_back(actual - goal);
    }
}

}  // namespace spinesim::detail
