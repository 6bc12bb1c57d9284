// `spinesim run SCENARIO`: simulate one scenario, print per-level loads and top muscles, optionally save.
#include "case_runner.hpp"
#include "commands.hpp"
#include "output_checks.hpp"
#include "report_table.hpp"
#include "scenario_options.hpp"

#include "spinesim/common_strength.hpp"
#include "spinesim/error.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/results_io.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <stdexcept>

namespace spinesim::cli {

namespace {
struct RunOptions {
    std::string scenario;
    ScenarioOptions scenario_options;
    std::string output, group, csv;
    bool overwrite = false;
    int top = 10;
};

void run(const RunOptions& o) {
    // --strength auto: the scenario's own subject first; if the muscles cannot hold some frames, again at the
    // smallest factor that holds every frame (as `compare` does for a pair).
    ScenarioOptions options = o.scenario_options;
    const bool automatic = options.strength == "auto";
    if (automatic) options.strength.clear();
    const std::map<std::string, std::string> overrides = options.overrides();
    const std::string path = resolve_scenario(o.scenario);
    const std::string group = o.group.empty() ? group_name(o.scenario, {}) : o.group;
    // Refuse an unusable output before the (possibly long) simulation.
    if (!o.output.empty()) {
        require_writable("--output", o.output);
        validate_group_name(o.output, group);
        const std::vector<std::string> groups = existing_groups(o.output);
        if (!o.overwrite && std::find(groups.begin(), groups.end(), group) != groups.end())
            throw InputError(o.output, "group", group, "already exists in the output file (use --overwrite to replace it)");
    }
    if (!o.csv.empty()) require_writable("--csv", o.csv);

    const Scenario scenario = load_scenario(path, overrides);
    const Model model = load_model(scenario.subject);
    const AutoStrengthRun run =
        automatic ? simulate_with_auto_strength(model, scenario, "--strength auto")
                  : AutoStrengthRun{simulate(model, scenario), std::numeric_limits<double>::quiet_NaN(), 0, ""};
    const SimulationResult& result = run.result;
    if (std::isfinite(run.rerun_strength))
        std::printf("Strength x%.3f (--strength auto): at the scenario's strength (x%.3f) the muscles hold %d of %zu "
                    "frames; x%.3f is the smallest factor that holds every frame.\n\n",
                    run.rerun_strength, scenario.subject.strength_scale, run.frames_held_first, result.frame_status.size(),
                    run.rerun_strength);
    print_run_report(result, o.top);
    if (const std::string w = warnings_summary(result); !w.empty()) {
        std::printf("%s\n", w.c_str());
        for (std::size_t i = 0; i < result.frame_warnings.size(); ++i)  // the first one, to judge the size
            if (!result.frame_warnings[i].empty()) {
                std::printf("  first: frame %zu (t = %.2f s): %s\n", i, result.time[static_cast<Eigen::Index>(i)],
                            result.frame_warnings[i].c_str());
                break;
            }
    }

    if (!o.output.empty()) {
        write_hdf5(result, o.output, group, o.overwrite);
        std::printf("\nWrote group /%s to %s\n", group.c_str(), o.output.c_str());
    }
    if (!o.csv.empty()) {
        write_csv(result, o.csv);
        std::printf("Wrote %s\n", o.csv.c_str());
    }
    const std::string unsolved = unsolved_summary(result);
    if (!unsolved.empty())
        throw std::runtime_error(scenario.name + ": " + unsolved +
                                 (o.output.empty() && o.csv.empty() ? "" : "; the solved frames were written, frame_status records the failures"));
}
}  // namespace

void register_run(CLI::App& app) {
    auto o = std::make_shared<RunOptions>();
    CLI::App* cmd = app.add_subcommand("run", "simulate one scenario: per-level peak/mean loads and top muscles");
    cmd->add_option("scenario", o->scenario, "scenario name (see `spinesim list`) or .toml path")->required();
    o->scenario_options.add_to(*cmd);
    cmd->get_option("--strength")
        ->description("muscle strength factor x max force, 1 = mean male (default: the scenario's subject); 'auto': "
                      "the scenario's, raised to the smallest factor that holds every frame if its muscles cannot");
    cmd->add_option("--output,-o", o->output, "write the results to this HDF5 file (one group per run)")->check(non_empty("file"));
    cmd->add_option("--group", o->group, "HDF5 group name (default: the scenario name)")->check(non_empty("group"));
    cmd->add_option("--csv", o->csv, "write one row per frame to this CSV file")->check(non_empty("file"));
    cmd->add_flag("--overwrite", o->overwrite, "replace an existing group of the same name");
    cmd->add_option("--top", o->top, "number of muscles listed")->capture_default_str()->check(count_range(10000));
    cmd->callback([o] { run(*o); });
}

}  // namespace spinesim::cli
