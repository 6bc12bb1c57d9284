// The common strength factor of a set of runs (spinesim/common_strength.hpp).
#include "spinesim/common_strength.hpp"

#include "spinesim/strength_needed.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace spinesim {

namespace {

std::string strength_text(double factor) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", factor);
    return text;
}

}  // namespace

double largest_strength_needed(const std::vector<const SimulationResult*>& runs) {
    double largest = std::nan("");
    for (const SimulationResult* r : runs) {
        if (!r) continue;
        const double s = r->strength_to_hold_all();
        if (!std::isnan(s) && !(s <= largest)) largest = s;
    }
    return largest;
}

double common_strength(const std::vector<const SimulationResult*>& runs) {
    for (const SimulationResult* r : runs) {
        if (!r) return std::numeric_limits<double>::infinity();
        for (std::size_t f = 0; f < r->frame_status.size(); ++f)
            if (r->frame_status[f] != "optimal" &&
                (f >= static_cast<std::size_t>(r->strength_needed.size()) ||
                 std::isnan(r->strength_needed[static_cast<Eigen::Index>(f)])))
                return std::numeric_limits<double>::infinity();   // not a strength problem (posture)
    }
    return largest_strength_needed(runs);
}

double partial_common_strength(const std::vector<const SimulationResult*>& runs) {
    const double common = common_strength(runs);
    if (!std::isinf(common)) return common;
    double largest = std::nan("");
    for (const SimulationResult* r : runs) {
        if (!r) continue;
        for (Eigen::Index f = 0; f < r->strength_needed.size(); ++f) {
            const double s = r->strength_needed[f];
            if (std::isfinite(s) && !(s <= largest)) largest = s;
        }
    }
    return largest;
}

std::map<std::string, std::string> with_strength_override(std::map<std::string, std::string> overrides, double factor) {
    char value[32];
    std::snprintf(value, sizeof value, "%.17g", factor);
    overrides["subject.strength_scale"] = value;
    return overrides;
}

std::string strength_rerun_note(const SimulationResult& run, double factor, const std::string& setting) {
    int held = 0;
    for (const std::string& status : run.frame_status) held += status == "optimal";
    char text[200];
    std::snprintf(text, sizeof text, "strength x%.3f (%s; x%.3f holds %d of %zu frames)", factor, setting.c_str(),
                  run.definition.subject.strength_scale, held, run.frame_status.size());
    return text;
}

AutoStrengthRun simulate_with_auto_strength(const Model& model, const Scenario& scenario, const std::string& setting) {
    AutoStrengthRun out{simulate(model, scenario), std::numeric_limits<double>::quiet_NaN(), 0, ""};
    for (const std::string& status : out.result.frame_status) out.frames_held_first += status == "optimal";
    const double needed = out.result.strength_to_hold_all();
    if (!std::isfinite(needed)) return out;
    out.note = strength_rerun_note(out.result, needed, setting);
    out.rerun_strength = needed;
    Scenario stronger = scenario;
    stronger.subject.strength_scale = needed;
    out.result = simulate(with_strength_scale(model, needed), stronger);
    return out;
}

std::string common_strength_note(const std::vector<std::pair<std::string, const SimulationResult*>>& runs,
                                 double factor, const std::string& setting, const std::string& fix) {
    std::string held;
    for (const auto& [label, r] : runs) {
        std::size_t ok = 0;
        for (const std::string& status : r->frame_status) ok += status == "optimal";
        held += (held.empty() ? "" : ", ") + label + " " + std::to_string(ok) + "/" +
                std::to_string(r->frame_status.size());
    }
    const double own = runs.empty() ? std::nan("") : runs.front().second->definition.subject.strength_scale;
    return "Strength x" + strength_text(factor) + " (" + setting + "): at the scenarios' strength (x" +
           strength_text(own) + ") the muscles hold " + held + " frames; x" + strength_text(factor) +
           " is the smallest common factor on every muscle's maximal force that holds every frame of both "
           "(strength_needed). " + fix;
}

}  // namespace spinesim
