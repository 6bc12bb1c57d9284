// `spinesim evaluate`: loads at every lumbar level for one static posture (default: relaxed standing).
#include "commands.hpp"
#include "subject_options.hpp"

#include "spinesim/error.hpp"
#include "spinesim/frame_analysis.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/simulation.hpp"
#include "spinesim/standing_posture.hpp"

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace spinesim::cli {

namespace {
constexpr double kDeg = 3.14159265358979323846 / 180.0;

struct EvaluateOptions {
    SubjectOptions subject;
    double lumbar_flexion_deg = 0.0;
    double trunk_inclination_deg = 0.0;
    double knee_flexion_deg = 0.0;
    double held_mass_kg = 0.0;
    std::string criterion = "stress2";
    std::string balance = lumbar_balance_name(kDefaultLumbarBalance);
};

Criterion parse_criterion(const std::string& text) {
    try {
        return parse_criterion_name(text);
    } catch (const std::invalid_argument&) {
        throw InputError("argument --criterion", "criterion", text, "must be stress2, stress3 or minmax");
    }
}
}  // namespace

void register_evaluate(CLI::App& app) {
    auto o = std::make_shared<EvaluateOptions>();
    CLI::App* cmd = app.add_subcommand("evaluate", "per-level lumbar loads for one static standing posture");
    o->subject.add_to(*cmd);
    cmd->add_option("--lumbar-flexion", o->lumbar_flexion_deg, "total lumbar flexion, deg (rhythm-distributed)")->capture_default_str();
    cmd->add_option("--trunk-inclination", o->trunk_inclination_deg, "thorax forward inclination from vertical, deg")->capture_default_str();
    cmd->add_option("--knee-flexion", o->knee_flexion_deg, "knee flexion, deg")->capture_default_str();
    cmd->add_option("--held-mass", o->held_mass_kg, "mass held in both hands, kg")->capture_default_str();
    cmd->add_option("--criterion", o->criterion, "muscle sharing criterion: stress2, stress3, minmax")->capture_default_str();
    cmd->add_option("--lumbar-balance", o->balance, "per_level or coupled (rhythm coupler)")->capture_default_str();
    cmd->callback([o] {
        const Model model = load_model(o->subject.subject());
        // The posture solver keeps the feet flat, the arms hanging and the centre of mass over the feet.
        StandingPosture posture;
        posture.trunk_inclination = o->trunk_inclination_deg * kDeg;
        posture.lumbar_flexion = o->lumbar_flexion_deg * kDeg;
        posture.knee_flexion = o->knee_flexion_deg * kDeg;
        posture.held_mass_kg = o->held_mass_kg;
        const Scenario scenario = standing_posture_scenario(model.subject, posture);
        Workspace ws(model);
        const SimulationResult sim = simulate(model, scenario);
        const FrameInput input = scenario_frame_input(model, scenario, {sim.coordinates.row(0).transpose()}, 0);
        AnalysisOptions options;
        options.solver.criterion = parse_criterion(o->criterion);
        try {
            options.lumbar_balance = parse_lumbar_balance(o->balance);
        } catch (const std::invalid_argument& e) {
            throw InputError("argument --lumbar-balance", "lumbar_balance", o->balance, e.what());
        }
        const FrameResult r = analyse_frame(model, ws, input, options);
        std::printf("Static posture, %.1f kg %.2f m %s, strength x%.3g: trunk inclination %.4g deg, lumbar flexion %.4g deg, knee flexion %.4g deg, held mass %.4g kg\n",
                    model.subject.body_mass_kg, model.subject.height_m, to_string(model.subject.sex).c_str(),
                    model.subject.strength_scale,
                    o->trunk_inclination_deg, o->lumbar_flexion_deg, o->knee_flexion_deg, o->held_mass_kg);
        // A posture that misses its hard targets (e.g. lumbar flexion the trunk inclination cannot take) is not the
        // one asked for: its loads are printed, but the command fails.
        const std::size_t missed = sim.frame_status[0].find("posture:");
        const std::string posture_missed = missed == std::string::npos ? "" : sim.frame_status[0].substr(missed);
        if (!posture_missed.empty()) std::printf("warning: %s\n", posture_missed.c_str());
        if (r.status != SolveStatus::Optimal) {
            std::printf("NOT SOLVED: %s\n", r.message.c_str());
            throw std::runtime_error(r.message);
        }
        std::printf("%-6s %12s %12s %12s %12s %12s %10s\n", "level", "compr. [N]", "AP shear [N]", "lat shear [N]",
                    "ext. mom [Nm]", "passive [Nm]", "IDP [MPa]");
        for (std::size_t l = 0; l < model.lumbar_levels.size(); ++l) {
            const LevelLoad& v = r.levels[l];
            std::printf("%-6s %12.1f %12.1f %12.1f %12.1f %12.1f %10.3f\n", model.lumbar_levels[l].name.c_str(),
                        v.compression, v.shear_ap, v.shear_lateral, v.external_flexion_moment,
                        v.tissue_flexion_moment + v.passive_muscle_flexion_moment, v.intradiscal_pressure * 1e-6);
        }
        std::printf("\nMuscle groups (total force, N):");
        for (const auto& f : muscle_families()) std::printf("  %s %.0f", f.c_str(), family_force(model, r.muscle_force, f));
        std::printf("\nEquilibrium residual %.2e, solver iterations %d, max muscle stress %.1f N/cm^2\n",
                    r.equality_residual, r.iterations, r.max_stress * 1e-4);
        if (!posture_missed.empty())
            throw std::runtime_error("the posture asked for was not reached (" + posture_missed +
                                     "); the loads above are those of the posture reached");
    });
}

}  // namespace spinesim::cli
