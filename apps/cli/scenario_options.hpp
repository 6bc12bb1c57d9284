// Options shared by run, batch and compare that change a scenario before it is read: --set name=value, the
// subject (--mass, --height, --sex, --strength), --criterion and --lumbar-balance. They become load_scenario() overrides; only given ones apply.
#pragma once

#include <CLI/CLI.hpp>

#include <map>
#include <string>
#include <vector>

namespace spinesim::cli {

struct ScenarioOptions {
    std::vector<std::string> sets;
    std::string mass, height, sex, strength, criterion, balance;

    void add_to(CLI::App& command);
    // Throws InputError naming the argument and value for malformed --set entries or values that are not finite
    // numbers (except the word settings).
    std::map<std::string, std::string> overrides() const;
    // Throws InputError naming the first option given: `compare/summary --from` read results, nothing is run with
    // them (they used to be ignored silently).
    void require_none_with_from() const;
};

// Splits "name=value"; throws InputError naming `argument` and the text.
std::pair<std::string, std::string> split_assignment(const std::string& text, const std::string& argument);

// Settings whose values are words (subject.sex, criterion, lumbar_balance); every other override is a number.
bool is_text_setting(const std::string& name);

// Throws InputError naming the argument, name and value unless `value` is a finite decimal number (so that a typo
// fails before anything runs, for every case of a batch alike).
void require_number(const std::string& argument, const std::string& name, const std::string& value);

// Throws InputError("given twice") for a name listed twice (compare and summary showed such a run twice).
void require_distinct(const std::vector<std::string>& names, const std::string& file, const std::string& field);

// The scenario file for a name (or path) in the data directory; InputError listing the known names if missing.
std::string resolve_scenario(const std::string& name_or_path);

}  // namespace spinesim::cli
