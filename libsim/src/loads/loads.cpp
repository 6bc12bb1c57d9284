#include "spinesim/loads.hpp"

#include "spinesim/error.hpp"
#include "spinesim/number_text.hpp"

#include <cmath>

namespace spinesim {

ExternalLoad load_at_point(const Model& model, const std::string& point, const Vec3& force, const std::string& label) {
    if (!force.allFinite()) throw InputError("load", label.empty() ? point : label, "non-finite", "force must be finite");
    const BodyPoint& p = model.points[model.point_index(point)];
    return {label.empty() ? point : label, p.segment, p.location, force};
}

Contact contact_at_point(const Model& model, const std::string& point, const Vec3& normal, double friction,
                         const std::string& label) {
    if (!normal.allFinite() || normal.norm() < 1e-9)
        throw InputError("contact", label.empty() ? point : label, "normal", "normal must be a finite non-zero vector");
    if (!std::isfinite(friction) || friction < 0 || friction > 2)
        throw InputError("contact", label.empty() ? point : label, number_text(friction), "friction must be in [0, 2]");
    const BodyPoint& p = model.points[model.point_index(point)];
    return {label.empty() ? point : label, p.segment, p.location, normal.normalized(), friction};
}

std::vector<ExternalLoad> held_mass(const Model& model, double mass_kg, const std::vector<std::string>& grip_points) {
    if (!std::isfinite(mass_kg) || mass_kg < 0) throw InputError("load", "mass_kg", number_text(mass_kg), "must be finite and >= 0");
    std::vector<ExternalLoad> loads;
    if (mass_kg == 0 || grip_points.empty()) return loads;
    const double share = mass_kg * model.gravity / static_cast<double>(grip_points.size());
    for (const auto& p : grip_points) loads.push_back(load_at_point(model, p, Vec3(0, -share, 0), "held mass at " + p));
    return loads;
}

}  // namespace spinesim
