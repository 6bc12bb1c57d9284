// `spinesim summary`: one row per scenario (default: every scenario in data/scenarios), ranked by peak L4/L5
// compression: how much each exercise loads the lower back, who carries it (passive share, peak activation), and
// how strong a subject it takes. By default (`--strength auto`) a scenario whose muscles cannot hold some frames is
// run again at the smallest factor that holds every frame, shown in the `strength` column.
#include "case_runner.hpp"
#include "commands.hpp"
#include "output_checks.hpp"
#include "report_table.hpp"
#include "scenario_options.hpp"

#include "spinesim/error.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/results_io.hpp"
#include "spinesim/scenario.hpp"

#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>

namespace spinesim::cli {

namespace {

struct SummaryOptions {
    std::vector<std::string> names;
    std::string from;
    int jobs = 0;
    bool quiet = false;
    ScenarioOptions scenario_options;
};

void summary(const SummaryOptions& o) {
    std::vector<std::string> labels = o.names;
    require_distinct(labels, o.from.empty() ? "argument SCENARIO" : o.from, o.from.empty() ? "scenario" : "group");
    std::vector<std::optional<SimulationResult>> results;
    std::vector<std::string> failures, notes;
    if (!o.from.empty()) {
        o.scenario_options.require_none_with_from();
        if (labels.empty()) labels = hdf5_groups(o.from);
        for (const std::string& l : labels) results.push_back(read_hdf5(o.from, l));
    } else {
        if (labels.empty()) labels = list_scenarios(default_data_dir());
        for (const std::string& name : labels) resolve_scenario(name);  // unknown names fail before running
        ScenarioOptions options = o.scenario_options;
        const bool automatic = options.strength.empty() || options.strength == "auto";
        if (options.strength == "auto") options.strength.clear();
        for (const std::string& s : options.sets)
            if (s.rfind("subject.strength_scale=", 0) == 0) throw InputError("argument --set", "subject.strength_scale", s,
                                                                             "use --strength for summary");
        const std::map<std::string, std::string> overrides = options.overrides();
        std::vector<RunCase> cases;
        for (const std::string& name : labels) cases.push_back({name, name, overrides, automatic});
        results.resize(labels.size());
        run_cases(cases, o.jobs, !o.quiet, [&](std::size_t i, CaseOutcome& outcome) {
            results[i] = std::move(outcome.result);
            if (!outcome.note.empty()) notes.push_back(labels[i] + ": " + outcome.note);
            if (outcome.failed()) failures.push_back(labels[i] + ": " + outcome.error);
        });
    }
    std::vector<std::pair<std::string, const SimulationResult*>> runs;
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (results[i]) runs.emplace_back(labels[i], &*results[i]);
    if (runs.empty()) report_outcomes(notes, {}, failures, labels.size(), "", "runs");   // says why every run failed
    if (runs.empty()) throw InputError(o.from.empty() ? "argument SCENARIO" : o.from, "scenario", "", "nothing to summarise");
    print_summary(runs);
    report_outcomes(notes, {}, failures, labels.size(), "", "runs");
}

}  // namespace

void register_summary(CLI::App& app) {
    auto o = std::make_shared<SummaryOptions>();
    CLI::App* cmd = app.add_subcommand(
        "summary", "one row per scenario ranked by peak L4/L5 compression (default: every scenario)");
    cmd->add_option("names", o->names, "scenario names (or, with --from, group names; default: all)");
    cmd->add_option("--from", o->from, "summarise the groups of this HDF5 results file instead of running scenarios")
        ->check(CLI::ExistingFile);
    cmd->add_option("--jobs,-j", o->jobs, "worker threads (default: all cores)")->check(jobs_range());
    cmd->add_flag("--quiet,-q", o->quiet, "no progress bar");
    o->scenario_options.add_to(*cmd);
    cmd->get_option("--strength")
        ->description("muscle strength factor x max force, 1 = mean male; 'auto' (default): each scenario's own, "
                      "raised to the smallest factor that holds every frame where its muscles cannot (STRENGTH lines)");
    cmd->callback([o] { summary(*o); });
}

}  // namespace spinesim::cli
