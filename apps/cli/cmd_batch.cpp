// `spinesim batch`: many scenarios and parameter sweeps on all cores into one HDF5 file; resumable.
#include "case_runner.hpp"
#include "commands.hpp"
#include "output_checks.hpp"
#include "scenario_options.hpp"

#include "spinesim/error.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/results_io.hpp"
#include "spinesim/scenario.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <stdexcept>

namespace spinesim::cli {

namespace {

struct BatchOptions {
    std::vector<std::string> scenarios, sweeps;
    bool all = false, overwrite = false, quiet = false;
    int jobs = 0;
    std::string output;
    ScenarioOptions scenario_options;
};

using Sweep = std::pair<std::string, std::vector<std::string>>;

bool same_sweep_value(const std::string& name, const std::string& a, const std::string& b) {
    return is_text_setting(name) ? a == b : std::strtod(a.c_str(), nullptr) == std::strtod(b.c_str(), nullptr);
}

std::vector<Sweep> parse_sweeps(const std::vector<std::string>& texts) {
    std::vector<Sweep> sweeps;
    for (const std::string& text : texts) {
        auto [name, list] = split_assignment(text, "--sweep");
        Sweep s{name, {}};
        std::size_t start = 0;
        while (start <= list.size()) {
            const std::size_t comma = std::min(list.find(',', start), list.size());
            const std::string value = list.substr(start, comma - start);
            if (value.empty()) throw InputError("argument --sweep", name, list, "empty value in the list");
            if (!is_text_setting(name)) require_number("--sweep", name, value);
            for (const std::string& earlier : s.second)   // "1,01": two groups of one run
                if (same_sweep_value(name, earlier, value))
                    throw InputError("argument --sweep", name, list, "value " + value + " given twice");
            s.second.push_back(value);
            start = comma + 1;
        }
        for (const Sweep& other : sweeps)
            if (other.first == name) throw InputError("argument --sweep", name, list, "parameter swept twice");
        sweeps.push_back(std::move(s));
    }
    return sweeps;
}

// Every scenario with every combination of sweep values (the last sweep varies fastest).
std::vector<RunCase> expand(const std::vector<std::string>& scenarios, const std::vector<Sweep>& sweeps,
                            const std::map<std::string, std::string>& base) {
    std::vector<RunCase> cases;
    for (const std::string& scenario : scenarios) {
        std::vector<std::size_t> pick(sweeps.size(), 0);
        for (;;) {
            RunCase c{"", scenario, base};
            std::vector<std::pair<std::string, std::string>> chosen;
            for (std::size_t k = 0; k < sweeps.size(); ++k) {
                chosen.emplace_back(sweeps[k].first, sweeps[k].second[pick[k]]);
                c.overrides[sweeps[k].first] = sweeps[k].second[pick[k]];
            }
            c.label = group_name(scenario, chosen);
            cases.push_back(std::move(c));
            std::size_t k = sweeps.size();
            while (k > 0 && ++pick[k - 1] == sweeps[k - 1].second.size()) pick[--k] = 0;
            if (k == 0) break;
        }
    }
    return cases;
}

void batch(const BatchOptions& o) {
    std::vector<std::string> scenarios = o.scenarios;
    if (o.all) {
        if (!scenarios.empty()) throw InputError("argument --all", "scenario", scenarios.front(), "give scenario names or --all, not both");
        scenarios = list_scenarios(default_data_dir());
    }
    if (scenarios.empty()) throw InputError("argument SCENARIO", "scenario", "", "no scenarios given (names or --all)");
    for (const std::string& s : scenarios) resolve_scenario(s);  // unknown names fail before anything runs
    ScenarioOptions options = o.scenario_options;
    const bool auto_strength = options.strength == "auto";
    if (auto_strength) options.strength.clear();
    const std::vector<Sweep> sweeps = parse_sweeps(o.sweeps);
    const std::map<std::string, std::string> fixed = options.overrides();
    for (const Sweep& sweep : sweeps)   // was: the sweep silently replaced the fixed value
        if (const auto f = fixed.find(sweep.first); f != fixed.end())
            throw InputError("argument --sweep", sweep.first, f->second,
                             "is also given a fixed value (--set or a subject option); sweep it or fix it, not both");
    std::vector<RunCase> all_cases = expand(scenarios, sweeps, fixed);
    for (RunCase& c : all_cases) c.auto_strength = auto_strength;
    std::set<std::string> labels;
    for (const RunCase& c : all_cases) {
        if (!labels.insert(c.label).second) throw InputError("argument SCENARIO", "scenario", c.label, "given twice");
        validate_group_name(o.output, c.label);
    }

    require_writable("--output", o.output);
    const std::vector<std::string> existing = existing_groups(o.output);
    std::vector<RunCase> todo;
    std::vector<std::string> failures, warnings, notes;
    std::size_t skipped = 0;
    for (const RunCase& c : all_cases) {
        if (o.overwrite || std::find(existing.begin(), existing.end(), c.label) == existing.end()) {
            todo.push_back(c);
            continue;
        }
        ++skipped;  // complete from an earlier run; still report its unsolved frames
        const SimulationResult earlier = read_hdf5(o.output, c.label);
        const std::string unsolved = unsolved_summary(earlier);
        if (!unsolved.empty()) failures.push_back(c.label + " (earlier run): " + unsolved);
        const std::string warned = warnings_summary(earlier);
        if (!warned.empty()) warnings.push_back(c.label + " (earlier run): " + warned);
    }
    std::fprintf(stderr, "%zu cases: %zu to run, %zu already in %s\n", all_cases.size(), todo.size(), skipped,
                 o.output.c_str());

    std::size_t written = 0;
    run_cases(todo, o.jobs, !o.quiet, [&](std::size_t i, CaseOutcome& outcome) {
        if (outcome.result) {
            write_hdf5(*outcome.result, o.output, todo[i].label, o.overwrite);
            ++written;
        }
        if (outcome.failed()) failures.push_back(todo[i].label + ": " + outcome.error);
        if (!outcome.note.empty()) notes.push_back(todo[i].label + ": " + outcome.note);
        if (outcome.result) {
            const std::string warned = warnings_summary(*outcome.result);
            if (!warned.empty()) warnings.push_back(todo[i].label + ": " + warned);
        }
    });

    std::printf("Batch: %zu cases, %zu written, %zu skipped (already complete), %zu failed -> %s\n", all_cases.size(),
                written, skipped, failures.size(), o.output.c_str());
    report_outcomes(notes, warnings, failures, all_cases.size(), "  ", "cases");
}

}  // namespace

void register_batch(CLI::App& app) {
    auto o = std::make_shared<BatchOptions>();
    CLI::App* cmd = app.add_subcommand("batch", "run many scenarios and parameter sweeps in parallel into one HDF5 file");
    cmd->add_option("scenarios", o->scenarios, "scenario names or .toml paths");
    cmd->add_flag("--all", o->all, "every scenario in the data directory");
    cmd->add_option("--sweep", o->sweeps,
                    "sweep a parameter every listed scenario has: name=v1,v2,..., in the scenario file's units (deg, "
                    "m, kg, s; repeatable: all combinations)");
    cmd->add_option("--jobs,-j", o->jobs, "worker threads (default: all cores)")->check(jobs_range());
    cmd->add_option("--output,-o", o->output, "HDF5 file; groups already complete in it are skipped")->required()->check(non_empty("file"));
    cmd->add_flag("--overwrite", o->overwrite, "re-run and replace groups already in the file");
    cmd->add_flag("--quiet,-q", o->quiet, "no progress bar");
    o->scenario_options.add_to(*cmd);
    cmd->get_option("--strength")
        ->description("muscle strength factor x max force, 1 = mean male (default: each scenario's subject); 'auto': "
                      "each case at its own strength, raised to the smallest factor that holds every frame if needed "
                      "(listed as STRENGTH lines; the factor is the group's subject.strength_scale attribute)");
    cmd->callback([o] { batch(*o); });
}

}  // namespace spinesim::cli
