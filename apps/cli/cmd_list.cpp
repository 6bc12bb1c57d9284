// `spinesim list`: the scenarios in the data directory with their titles.
#include "commands.hpp"

#include "spinesim/model_loader.hpp"
#include "spinesim/scenario.hpp"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

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
        struct Row {
            std::string name, exercise, technique, title, error;
        };
        std::vector<Row> rows;
        std::size_t width = 8, exercise_width = 8, technique_width = 9;  // at least the headings
        for (const std::string& name : names) {
            Row row{name, "", "", "", ""};
            try {
                const Scenario s = load_scenario(scenario_path(data_dir, name));
                row.exercise = s.exercise;
                row.technique = s.technique;
                row.title = s.title;
            } catch (const std::exception& e) {
                row.error = e.what();
            }
            width = std::max(width, name.size());
            exercise_width = std::max(exercise_width, row.exercise.size());
            technique_width = std::max(technique_width, row.technique.size());
            rows.push_back(std::move(row));
        }
        const auto w = [](std::size_t n) { return static_cast<int>(n); };
        std::printf("%-*s  %-*s  %-*s  %s\n", w(width), "scenario", w(exercise_width), "exercise", w(technique_width),
                    "technique", "title");
        for (const Row& r : rows) {
            if (!r.error.empty()) std::printf("%-*s  (cannot be read: %s)\n", w(width), r.name.c_str(), r.error.c_str());
            else
                std::printf("%-*s  %-*s  %-*s  %s\n", w(width), r.name.c_str(), w(exercise_width), r.exercise.c_str(),
                            w(technique_width), r.technique.c_str(), r.title.c_str());
        }
        std::printf("\n%zu scenarios in %s/scenarios\n", names.size(), data_dir.c_str());
        const auto unreadable = std::count_if(rows.begin(), rows.end(), [](const Row& r) { return !r.error.empty(); });
        if (unreadable > 0)   // listed above with the reason; was: exit 0
            throw std::runtime_error(std::to_string(unreadable) + " of " + std::to_string(names.size()) +
                                     " scenario files cannot be read (see above)");
    });
}

}  // namespace spinesim::cli
