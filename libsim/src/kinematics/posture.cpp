#include "spinesim/posture.hpp"

#include "spinesim/error.hpp"
#include "spinesim/number_text.hpp"

#include <cmath>
#include <sstream>

namespace spinesim {

Posture reference_posture(const Model& model) { return Posture::Zero(model.coordinate_count()); }

void set_coordinate(const Model& model, Posture& q, const std::string& name, double value) {
    if (!std::isfinite(value)) throw InputError("posture", name, number_text(value), "must be finite");
    q[model.coordinate_index(name)] = value;
}

double get_coordinate(const Model& model, const Posture& q, const std::string& name) {
    return q[model.coordinate_index(name)];
}

void set_lumbar_motion(const Model& model, Posture& q, double flexion, double lateral_bending, double axial_rotation) {
    for (const LumbarLevel& level : model.lumbar_levels) {
        const int first = model.joints[level.joint].first_coordinate;
        q[first] = flexion * level.flexion_share;
        q[first + 1] = lateral_bending * level.lateral_share;
        q[first + 2] = axial_rotation * level.axial_share;
    }
}

double total_lumbar_flexion(const Model& model, const Posture& q) {
    double sum = 0;
    for (const LumbarLevel& level : model.lumbar_levels) sum += q[model.joints[level.joint].first_coordinate];
    return sum;
}

void check_range_of_motion(const Model& model, const Posture& q, const std::string& origin, double tolerance) {
    if (q.size() != model.coordinate_count())
        throw InputError(origin, "posture", std::to_string(q.size()) + " values",
                         "expected " + std::to_string(model.coordinate_count()) + " coordinates");
    for (int i = 0; i < model.coordinate_count(); ++i) {
        const Coordinate& c = model.coordinates[i];
        const double v = q[i];
        const double shown = c.rotational ? v * 180.0 / 3.14159265358979323846 : v;
        const char* unit = c.rotational ? " deg" : " m";
        if (!std::isfinite(v)) throw InputError(origin, c.name, number_text(v), "must be finite");
        if (v < c.lower - tolerance || v > c.upper + tolerance) {
            std::ostringstream range;
            const double f = c.rotational ? 180.0 / 3.14159265358979323846 : 1.0;
            range << "beyond the range of motion [" << c.lower * f << ", " << c.upper * f << "]" << unit;
            std::ostringstream value;
            value << shown << unit;
            throw InputError(origin, c.name, value.str(), range.str());
        }
    }
}

Posture mirror_posture(const Model& model, const Posture& q) {
    Posture out = q;
    for (int i = 0; i < model.coordinate_count(); ++i) {
        const Coordinate& c = model.coordinates[i];
        const Joint& j = model.joints[c.joint];
        const std::string& jn = j.name;
        const bool right = jn.size() > 2 && jn.compare(jn.size() - 2, 2, "_r") == 0;
        const bool left = jn.size() > 2 && jn.compare(jn.size() - 2, 2, "_l") == 0;
        if (right || left) {
            const std::string other = jn.substr(0, jn.size() - 2) + (right ? "_l" : "_r");
            const std::string suffix = c.name.substr(jn.size());
            out[model.coordinate_index(other + suffix)] = q[i];
            continue;
        }
        // midline joints: rotations about x and y and translation along z change sign
        const int k = i - j.first_coordinate;
        if (j.type == JointType::Free) {
            if (k == 2 || k == 3 || k == 5) out[i] = -q[i];  // tz, rotation (about y), list (about x)
        } else if (j.axis[k] != 2) {
            out[i] = -q[i];
        }
    }
    return out;
}

}  // namespace spinesim
