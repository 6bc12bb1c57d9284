#include "scenario_options.hpp"

#include "output_checks.hpp"

#include "spinesim/error.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/name_suggestions.hpp"
#include "spinesim/scenario.hpp"

#include <cmath>
#include <cstdlib>

namespace spinesim::cli {

void ScenarioOptions::add_to(CLI::App& command) {
    command.add_option("--set", sets, "override a scenario parameter or setting: name=value, in the scenario file's units (deg, m, kg, s; "
                       "repeatable)");
    command.add_option("--mass", mass, "body mass, kg (default: the scenario's subject)");
    command.add_option("--height", height, "body height, m (default: the scenario's subject)");
    command.add_option("--sex", sex, "male or female (default: the scenario's subject)");
    command.add_option("--strength", strength,
                       "muscle strength factor x max force, 1 = mean male (default: the scenario's subject); "
                       "same as --set subject.strength_scale=X");
    command.add_option("--criterion", criterion, "muscle sharing criterion: stress2, stress3, minmax");
    command.add_option("--lumbar-balance", balance,
                       "coupled (rhythm coupler, as Christophy's OpenSim model; default) or per_level (each lumbar "
                       "level balanced); same as --set lumbar_balance=...");
    // "--mass ''" is an error, not "no --mass" (an empty value used to be ignored silently).
    for (const char* name : {"--mass", "--height", "--sex", "--strength", "--criterion", "--lumbar-balance"})
        command.get_option(name)->check(non_empty("value"));
}

std::pair<std::string, std::string> split_assignment(const std::string& text, const std::string& argument) {
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw InputError("argument " + argument, argument, text, "expected name=value");
    return {text.substr(0, eq), text.substr(eq + 1)};
}

bool is_text_setting(const std::string& name) {
    return name == "subject.sex" || name == "criterion" || name == "lumbar_balance";
}

void require_number(const std::string& argument, const std::string& name, const std::string& value) {
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    const bool decimal = value.find_first_not_of("0123456789+-.eE") == std::string::npos;   // not "0x10", "inf"
    if (value.empty() || *end != '\0' || !decimal || !std::isfinite(v))
        throw InputError("argument " + argument, name, value, "must be a finite number");
}

std::map<std::string, std::string> ScenarioOptions::overrides() const {
    std::map<std::string, std::string> out;
    for (const std::string& s : sets) {
        auto [name, value] = split_assignment(s, "--set");
        if (!is_text_setting(name)) require_number("--set", name, value);
        if (const auto earlier = out.find(name); earlier != out.end())   // was: the last one won silently
            throw InputError("argument --set", name, earlier->second + ", " + value, "given twice");
        out[name] = value;
    }
    const struct {
        const char* name;
        const char* argument;
        const std::string* value;
        bool numeric;
    } named[] = {{"subject.body_mass_kg", "--mass", &mass, true},
                 {"subject.height_m", "--height", &height, true},
                 {"subject.strength_scale", "--strength", &strength, true},
                 {"subject.sex", "--sex", &sex, false},
                 {"criterion", "--criterion", &criterion, false},
                 {"lumbar_balance", "--lumbar-balance", &balance, false}};
    for (const auto& n : named) {
        if (n.value->empty()) continue;
        if (n.numeric) require_number(n.argument, n.name, *n.value);
        if (const auto set = out.find(n.name); set != out.end())   // was: the option silently beat the --set
            throw InputError("argument " + std::string(n.argument), n.name, *n.value,
                             "contradicts --set " + set->first + "=" + set->second + " (give one of them)");
        out[n.name] = *n.value;
    }
    return out;
}

void ScenarioOptions::require_none_with_from() const {
    const std::pair<const char*, const std::string*> given[] = {{"--mass", &mass},         {"--height", &height},
                                                                {"--sex", &sex},           {"--strength", &strength},
                                                                {"--criterion", &criterion}, {"--lumbar-balance", &balance}};
    std::string option, value;
    if (!sets.empty()) option = "--set", value = sets.front();
    for (const auto& [name, v] : given)
        if (option.empty() && !v->empty()) option = name, value = *v;
    if (!option.empty())
        throw InputError("argument " + option, option, value,
                         "applies to scenarios that are run, not to results read with --from (results keep their settings)");
}

void require_distinct(const std::vector<std::string>& names, const std::string& file, const std::string& field) {
    for (std::size_t i = 0; i < names.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (names[k] == names[i]) throw InputError(file, field, names[i], "given twice");
}

std::string resolve_scenario(const std::string& name_or_path) {
    const std::string data_dir = default_data_dir();
    try {
        return scenario_path(data_dir, name_or_path);
    } catch (const InputError&) {
        std::string known;
        const std::vector<std::string> names = list_scenarios(data_dir);
        for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
        throw InputError("argument SCENARIO", "scenario", name_or_path,
                         "unknown scenario (known: " + (known.empty() ? std::string("none") : known) +
                             "; see `spinesim list`)" + did_you_mean(name_or_path, names));
    }
}

}  // namespace spinesim::cli
