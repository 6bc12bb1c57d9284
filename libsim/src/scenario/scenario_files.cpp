// Finding scenario files in the data directory.
#include "spinesim/error.hpp"
#include "spinesim/name_suggestions.hpp"
#include "spinesim/scenario.hpp"

#include <algorithm>
#include <filesystem>

namespace spinesim {

namespace fs = std::filesystem;

std::vector<std::string> list_scenarios(const std::string& data_dir) {
    std::vector<std::string> names;
    const fs::path dir = fs::path(data_dir) / "scenarios";
    std::error_code ec;
    if (!fs::is_directory(dir, ec))   // was: an empty list, i.e. `spinesim list` said "No scenarios" with exit 0
        throw InputError(data_dir, "data directory", data_dir, "has no scenarios/ directory (" + dir.string() + ")");
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string scenario_path(const std::string& data_dir, const std::string& name_or_path) {
    std::error_code ec;
    if (fs::is_regular_file(name_or_path, ec)) return name_or_path;
    const fs::path candidate = fs::path(data_dir) / "scenarios" / (name_or_path + ".toml");
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    std::vector<std::string> known;
    try {
        known = list_scenarios(data_dir);
    } catch (const InputError&) {   // no scenarios directory: nothing to suggest
    }
    throw InputError("argument", "scenario", name_or_path,
                     "no such file and no scenario of that name in " + (fs::path(data_dir) / "scenarios").string() +
                         did_you_mean(name_or_path, known));
}

}  // namespace spinesim
