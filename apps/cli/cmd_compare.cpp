// `spinesim compare`: side-by-side peak/mean loads, passive share, IDP, top muscles and NIOSH/shear flags.
// Without arguments: the round-back vs neutral comparison (deadlift 140 kg, box lift 20 kg, hip hinge).
// Strength: by default (`--strength auto`) a table whose runs leave frames the muscles cannot hold is run again at
// the smallest common strength factor that holds every frame of every run in it (spinesim/common_strength.hpp), so
// that the twins are compared over the whole movement for one subject strong enough to do both; the table says so.
#include "case_runner.hpp"
#include "commands.hpp"
#include "output_checks.hpp"
#include "report_table.hpp"
#include "scenario_options.hpp"

#include "spinesim/common_strength.hpp"
#include "spinesim/error.hpp"
#include "spinesim/results_io.hpp"

#include <cmath>
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

// "auto" (or nothing given) = find the strength; a number = that strength, as for run and batch.
bool automatic_strength(const ScenarioOptions& o) {
    if (o.strength == "auto") return true;
    if (!o.strength.empty()) return false;
    for (const std::string& s : o.sets)
        if (s.rfind("subject.strength_scale=", 0) == 0) return false;
    return true;
}

std::vector<std::size_t> runs_of(const std::vector<std::string>& table, const std::vector<std::string>& labels) {
    std::vector<std::size_t> out;
    for (const std::string& name : table)
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] == name) out.push_back(i);
    return out;
}

void print_tables(const std::vector<std::vector<std::string>>& tables, const std::vector<std::string>& labels,
                  const std::vector<std::optional<SimulationResult>>& results, const std::vector<std::string>& notes) {
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
        if (!notes[t].empty()) std::printf("%s\n\n", notes[t].c_str());
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
    // was: a name given twice showed each of its runs twice (a 4-column table for 2 names)
    require_distinct(labels, o.from.empty() ? "argument SCENARIO" : o.from, o.from.empty() ? "scenario" : "group");
    if (!o.from.empty()) o.scenario_options.require_none_with_from();

    std::vector<std::optional<SimulationResult>> results(labels.size());
    std::vector<std::string> notes(tables.size());
    std::vector<std::string> failures;
    if (!o.from.empty()) {
        for (std::size_t i = 0; i < labels.size(); ++i) {
            results[i] = read_hdf5(o.from, labels[i]);
            const std::string unsolved = unsolved_summary(*results[i]);
            if (!unsolved.empty()) failures.push_back(labels[i] + ": " + unsolved);
        }
    } else {
        for (const std::string& name : labels) resolve_scenario(name);  // unknown names fail before running
        ScenarioOptions options = o.scenario_options;
        const bool automatic = automatic_strength(options);
        if (options.strength == "auto") options.strength.clear();
        const std::map<std::string, std::string> overrides = options.overrides();
        std::vector<RunCase> cases;
        for (const std::string& name : labels) cases.push_back({name, name, overrides});
        std::vector<std::string> errors(labels.size());
        run_cases(cases, o.jobs, !o.quiet, [&](std::size_t i, CaseOutcome& outcome) {
            results[i] = std::move(outcome.result);
            errors[i] = outcome.error;
        });
        if (automatic) {
            // Tables whose runs leave frames unsolved for strength alone: again, at their common factor.
            std::vector<RunCase> again;
            std::vector<std::size_t> again_index;
            for (std::size_t t = 0; t < tables.size(); ++t) {
                const std::vector<std::size_t> runs = runs_of(tables[t], labels);
                std::vector<const SimulationResult*> table_results;
                for (const std::size_t i : runs) table_results.push_back(results[i] ? &*results[i] : nullptr);
                const double common = common_strength(table_results);
                if (!std::isfinite(common)) continue;
                std::vector<std::pair<std::string, const SimulationResult*>> held;
                for (const std::size_t i : runs) held.emplace_back(labels[i], &*results[i]);
                notes[t] = common_strength_note(held, common, "--strength auto", "Use --strength X to fix it.");
                for (const std::size_t i : runs) {
                    again.push_back({labels[i], labels[i], with_strength_override(overrides, common)});
                    again_index.push_back(i);
                }
            }
            run_cases(again, o.jobs, !o.quiet, [&](std::size_t k, CaseOutcome& outcome) {
                results[again_index[k]] = std::move(outcome.result);
                errors[again_index[k]] = outcome.error;
            });
        }
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (!errors[i].empty()) failures.push_back(labels[i] + ": " + errors[i]);
    }
    print_tables(tables, labels, results, notes);
    report_outcomes({}, {}, failures, labels.size(), "", "runs");
}

}  // namespace

void register_compare(CLI::App& app) {
    auto o = std::make_shared<CompareOptions>();
    CLI::App* cmd = app.add_subcommand(
        "compare", "side-by-side loads with NIOSH/shear flags (default: round-back vs neutral deadlift, box lift and hip "
                   "hinge)");
    cmd->add_option("names", o->names, "scenario names (or, with --from, group names; default: all groups)");
    cmd->add_option("--from", o->from, "compare groups of this HDF5 results file instead of running scenarios")
        ->check(CLI::ExistingFile);
    cmd->add_option("--jobs,-j", o->jobs, "worker threads (default: all cores)")->check(jobs_range());
    cmd->add_flag("--quiet,-q", o->quiet, "no progress bar");
    o->scenario_options.add_to(*cmd);
    cmd->get_option("--strength")
        ->description("muscle strength factor x max force, 1 = mean male; 'auto' (default): the scenarios' own, "
                      "raised for a table whose runs leave frames the muscles cannot hold to the smallest common "
                      "factor that holds every frame (printed above the table)");
    cmd->callback([o] { compare(*o); });
}

}  // namespace spinesim::cli
