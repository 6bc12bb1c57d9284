// `spinesim compare`: side-by-side peak/mean loads, passive share, IDP, top muscles and NIOSH/shear flags.
// Without arguments: the round-back vs neutral comparison (deadlift 140 kg, box lift 20 kg).
#include "case_runner.hpp"
#include "commands.hpp"
#include "report_table.hpp"
#include "scenario_options.hpp"

#include "spinesim/error.hpp"
#include "spinesim/results_io.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace spinesim::cli {

namespace {

struct CompareOptions {
    std::vector<std::string> names;
    std::string from;
    int jobs = 0;
    bool quiet = false;
    ScenarioOptions scenario_options;
};

// The default job: each pair printed as its own table, neutral first.
const std::vector<std::vector<std::string>> kDefaultTables = {
    {"deadlift_140kg_neutral", "deadlift_140kg_round"},
    {"box_lift_20kg_squat_neutral", "box_lift_20kg_round"},
    {"hip_hinge_neutral", "hip_hinge_round"},
};

void print_tables(const std::vector<std::vector<std::string>>& tables, const std::vector<std::string>& labels,
                  const std::vector<std::optional<SimulationResult>>& results) {
    for (std::size_t t = 0; t < tables.size(); ++t) {
        std::vector<std::pair<std::string, const SimulationResult*>> runs;
        for (const std::string& name : tables[t])
            for (std::size_t i = 0; i < labels.size(); ++i)
                if (labels[i] == name && results[i]) runs.emplace_back(name, &*results[i]);
        if (runs.empty()) continue;
        if (tables.size() > 1) {
            std::string heading;
            for (const auto& run : runs) heading += (heading.empty() ? "" : " vs ") + run.first;
            std::printf("%s%s\n\n", t > 0 ? "\n" : "", heading.c_str());
        }
        print_comparison(runs);
    }
}

void compare(const CompareOptions& o) {
    std::vector<std::vector<std::string>> tables;
    std::vector<std::string> labels;
    if (!o.names.empty() || !o.from.empty()) {
        labels = o.names;
        if (!o.from.empty() && labels.empty()) labels = hdf5_groups(o.from);
        tables = {labels};
    } else {
        tables = kDefaultTables;
        for (const auto& table : tables) labels.insert(labels.end(), table.begin(), table.end());
    }
    if (labels.empty()) throw InputError(o.from, "group", "", "no groups in the file");

    std::vector<std::optional<SimulationResult>> results(labels.size());
    std::vector<std::string> failures;
    if (!o.from.empty()) {
        for (std::size_t i = 0; i < labels.size(); ++i) {
            results[i] = read_hdf5(o.from, labels[i]);
            const std::string unsolved = unsolved_summary(*results[i]);
            if (!unsolved.empty()) failures.push_back(labels[i] + ": " + unsolved);
        }
    } else {
        for (const std::string& name : labels) resolve_scenario(name);  // unknown names fail before running
        const std::map<std::string, std::string> overrides = o.scenario_options.overrides();
        std::vector<RunCase> cases;
        for (const std::string& name : labels) cases.push_back({name, name, overrides});
        run_cases(cases, o.jobs, !o.quiet, [&](std::size_t i, CaseOutcome& outcome) {
            results[i] = std::move(outcome.result);
            if (outcome.failed()) failures.push_back(labels[i] + ": " + outcome.error);
        });
    }
    print_tables(tables, labels, results);
    for (const std::string& f : failures) std::printf("FAILED %s\n", f.c_str());
    if (!failures.empty())
        throw std::runtime_error(std::to_string(failures.size()) + " of " + std::to_string(labels.size()) +
                                 " runs failed or have unsolved frames (see above)");
}

}  // namespace

void register_compare(CLI::App& app) {
    auto o = std::make_shared<CompareOptions>();
    CLI::App* cmd = app.add_subcommand(
        "compare", "side-by-side loads with NIOSH/shear flags (default: round-back vs neutral deadlift and box lift)");
    cmd->add_option("names", o->names, "scenario names (or, with --from, group names; default: all groups)");
    cmd->add_option("--from", o->from, "compare groups of this HDF5 results file instead of running scenarios")
        ->check(CLI::ExistingFile);
    cmd->add_option("--jobs,-j", o->jobs, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
    cmd->add_flag("--quiet,-q", o->quiet, "no progress bar");
    o->scenario_options.add_to(*cmd);
    cmd->callback([o] { compare(*o); });
}

}  // namespace spinesim::cli
