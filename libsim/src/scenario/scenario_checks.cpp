// Checks of a scenario built or changed in code (Python), run by simulate(): the rules of the file reader
// (scenario_reader.cpp), so that a bad field is an InputError instead of a crash, NaN results or a silently ignored
// value (e.g. unsorted phases, a negative weight or mass, a NaN contact phase).
#include "spinesim/error.hpp"
#include "spinesim/number_text.hpp"
#include "spinesim/scenario.hpp"

#include <cmath>

namespace spinesim {

namespace {

std::string list_text(const std::vector<double>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + number_text(values[i]);
    return out + "]";
}

std::string vector_text(const Vec3& v) { return list_text({v.x(), v.y(), v.z()}); }

}  // namespace

void check_phase_curve(const PhaseCurve& c, const std::string& origin, const std::string& field, bool allow_empty) {
    if (c.phase.empty() && c.value.empty()) {
        if (allow_empty) return;
        throw InputError(origin, field, "[]", "needs at least one value");
    }
    if (c.phase.size() != c.value.size())
        throw InputError(origin, field, list_text(c.value),
                         std::to_string(c.value.size()) + " values for " + std::to_string(c.phase.size()) + " phases");
    for (std::size_t k = 0; k < c.phase.size(); ++k) {
        if (!(c.phase[k] >= 0.0 && c.phase[k] <= 1.0))
            throw InputError(origin, field + ".phase", list_text(c.phase), "phases must lie in [0, 1]");
        if (k > 0 && !(c.phase[k] > c.phase[k - 1]))
            throw InputError(origin, field + ".phase", list_text(c.phase), "phases must be strictly increasing");
        if (!std::isfinite(c.value[k])) throw InputError(origin, field, list_text(c.value), "must be finite");
    }
}

void validate_scenario(const Scenario& s) {
    const std::string origin = s.source_file.empty() ? s.name : s.source_file;
    const auto where = [&](const std::string& item_origin) { return item_origin.empty() ? origin : item_origin; };
    if (s.frames < 1 || s.frames > kMaxFrames)
        throw InputError(origin, "frames", std::to_string(s.frames), "must be an integer from 1 to " + std::to_string(kMaxFrames));
    if (!std::isfinite(s.duration) || (s.duration != 0.0 && !(s.duration >= kMinDuration)))
        throw InputError(origin, "duration_s", number_text(s.duration),
                         "must be 0 (static hold) or a finite time >= " + number_text(kMinDuration) + " s");
    for (const auto& [name, v] : s.parameters)
        if (!std::isfinite(v)) throw InputError(origin, "parameters." + name, number_text(v), "must be finite");
    for (std::size_t i = 0; i < s.targets.size(); ++i) {
        const PostureTarget& t = s.targets[i];
        const std::string field = "target[" + std::to_string(i) + "]";
        check_phase_curve(t.value, where(t.origin), field + ".value", false);
        if (!(std::isfinite(t.weight) && t.weight >= 0.0))
            throw InputError(where(t.origin), field + ".weight", number_text(t.weight), "must be finite and >= 0");
        if (t.kind == PostureTarget::Kind::SegmentInclination)
            for (double v : t.value.value)
                if (!(std::abs(v) <= kMaxInclination))
                    throw InputError(where(t.origin), field + ".value", number_text(v * 180.0 / kMaxInclination) + " deg",
                                     "a segment inclination must lie between -180 and 180 deg");
    }
    for (std::size_t i = 0; i < s.contacts.size(); ++i) {
        const ScenarioContact& c = s.contacts[i];
        const std::string field = "contact[" + std::to_string(i) + "]";
        const double length = c.normal.stableNorm();
        if (!std::isfinite(length) || !(length > 1e-9))
            throw InputError(where(c.origin), field + ".normal", vector_text(c.normal), "must be a finite non-zero direction");
        if (!(c.friction >= 0.0 && c.friction <= kMaxFriction))
            throw InputError(where(c.origin), field + ".friction", number_text(c.friction),
                             "must be in [0, " + number_text(kMaxFriction) + "]");
        if (!(c.from_phase >= 0.0 && c.from_phase <= c.to_phase && c.to_phase <= 1.0))
            throw InputError(where(c.origin), field + ".from_phase/to_phase",
                             number_text(c.from_phase) + ".." + number_text(c.to_phase), "need 0 <= from_phase <= to_phase <= 1");
    }
    for (std::size_t i = 0; i < s.loads.size(); ++i) {
        const ScenarioLoad& l = s.loads[i];
        const std::string field = "load[" + std::to_string(i) + "]";
        check_phase_curve(l.mass_kg, where(l.origin), field + ".mass_kg", true);
        for (double m : l.mass_kg.value) {
            if (m < 0.0) throw InputError(where(l.origin), field + ".mass_kg", number_text(m), "a mass must be >= 0");
            if (m > kMaxLoadMass)
                throw InputError(where(l.origin), field + ".mass_kg", number_text(m) + " kg",
                                 "must be at most " + number_text(kMaxLoadMass) + " kg per load point");
        }
        if (!l.force.allFinite()) throw InputError(where(l.origin), field + ".force_n", vector_text(l.force), "must be finite");
        if (!(l.force.norm() <= kMaxLoadForce))
            throw InputError(where(l.origin), field + ".force_n", vector_text(l.force),
                             "must be at most " + number_text(kMaxLoadForce) + " N per load point");
    }
}

}  // namespace spinesim
