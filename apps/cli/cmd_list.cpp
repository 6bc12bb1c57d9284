// `spinesim list`: the scenarios in the data directory with their titles.
#include "commands.hpp"

#include "spinesim/model_loader.hpp"
#include "spinesim/scenario.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>

namespace spinesim::cli {

void register_list(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("list", "list the scenarios in the data directory with their titles");
    cmd->callback([] {
        const std::string data_dir = default_data_dir();
        const std::vector<std::string> names = list_scenarios(data_dir);
        if (names.empty()) {
            std::printf("No scenarios in %s/scenarios\n", data_dir.c_str());
            return;
        }
        std::size_t width = 8;
        for (const std::string& n : names) width = std::max(width, n.size());
        std::printf("%-*s  %-12s %-10s %s\n", static_cast<int>(width), "scenario", "exercise", "technique", "title");
        for (const std::string& name : names) {
            try {
                const Scenario s = load_scenario(scenario_path(data_dir, name));
                std::printf("%-*s  %-12s %-10s %s\n", static_cast<int>(width), name.c_str(), s.exercise.c_str(),
                            s.technique.c_str(), s.title.c_str());
            } catch (const std::exception& e) {
                std::printf("%-*s  (cannot be read: %s)\n", static_cast<int>(width), name.c_str(), e.what());
            }
        }
        std::printf("\n%zu scenarios in %s/scenarios\n", names.size(), data_dir.c_str());
    });
}

}  // namespace spinesim::cli
