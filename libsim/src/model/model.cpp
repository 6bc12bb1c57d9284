// Name look-ups and totals of the Model.
#include "spinesim/model.hpp"

#include "spinesim/error.hpp"
#include "spinesim/name_suggestions.hpp"

#include <cmath>

namespace spinesim {

namespace {
template <class Items>
int find_by_name(const Items& items, const std::string& name, const char* what) {
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].name == name) return static_cast<int>(i);
    std::string known;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < items.size(); ++i) {
        names.push_back(items[i].name);
        if (i < 12) known += (i ? ", " : "") + items[i].name;
    }
    if (items.size() > 12) known += ", ...";
    throw InputError("model", what, name,
                     std::string("unknown ") + what + " (known: " + known + ")" + did_you_mean(name, names));
}
}  // namespace

int Model::segment_index(const std::string& name) const { return find_by_name(segments, name, "segment"); }
int Model::joint_index(const std::string& name) const { return find_by_name(joints, name, "joint"); }
int Model::coordinate_index(const std::string& name) const { return find_by_name(coordinates, name, "coordinate"); }
int Model::muscle_index(const std::string& name) const { return find_by_name(muscles, name, "muscle"); }
int Model::point_index(const std::string& name) const { return find_by_name(points, name, "point"); }

int Model::lumbar_level_index(const std::string& name) const {
    std::string compact;
    for (char c : name) if (c != '/') compact += c;
    for (std::size_t i = 0; i < lumbar_levels.size(); ++i) {
        std::string level;
        for (char c : lumbar_levels[i].name) if (c != '/') level += c;
        if (level == compact) return static_cast<int>(i);
    }
    throw InputError("model", "lumbar level", name,
                     "unknown lumbar level (known: L5/S1, L4/L5, L3/L4, L2/L3, L1/L2)" +
                         did_you_mean(name, {"L5/S1", "L4/L5", "L3/L4", "L2/L3", "L1/L2"}));
}

double Model::total_mass() const {
    double m = 0;
    for (const auto& s : segments) m += s.mass;
    return m;
}

}  // namespace spinesim
