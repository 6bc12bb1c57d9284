// `spinesim validate`: the Wilke et al. 1999 static postures, predicted vs measured L4/L5 intradiscal pressure.
#include "commands.hpp"
#include "subject_options.hpp"

#include "spinesim/model_loader.hpp"
#include "spinesim/validation.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace spinesim::cli {

namespace {
struct ValidateOptions {
    std::string csv = "validation.csv";
    std::string plot = "validation.png";
    bool no_plot = false;
};
}  // namespace

void register_validate(CLI::App& app) {
    auto o = std::make_shared<ValidateOptions>();
    CLI::App* cmd = app.add_subcommand(
        "validate", "static postures of Wilke et al. 1999: predicted vs measured L4/L5 intradiscal pressure ratios "
                    "(default 75 kg, 1.78 m male)");
    cmd->add_option("--csv", o->csv, "write the table here")->capture_default_str();
    cmd->add_option("--plot", o->plot, "write a predicted-vs-measured plot here (needs python3 + matplotlib)")
        ->capture_default_str();
    cmd->add_flag("--no-plot", o->no_plot, "do not try to plot");
    cmd->callback([o] {
        const Model model = load_model(Subject{75.0, 1.78, Sex::Male});
        const ValidationReport rep = run_wilke_validation(model, model.data_dir);
        std::printf("Validation: L4/L5 intradiscal pressure, Wilke et al. 1999 Spine 24:755-762 (one subject, ratio to "
                    "relaxed standing)\nModel: 75 kg, 1.78 m male; IDP = %.3f MPa (swelling) + compression / (%.2f A)\n\n",
                    rep.idp_model.swelling_pressure_pa * 1e-6, model.idp_correction_factor);
        std::printf("%-28s %9s %9s %8s %9s %10s %9s %6s\n", "case", "measured", "predicted", "error%", "AnyBody",
                    "L4/L5 C(N)", "IDP(MPa)", "act");
        for (const ValidationRow& r : rep.rows) {
            char any[16] = "-";
            if (r.anybody_ratio >= 0) std::snprintf(any, sizeof any, "%.2f", r.anybody_ratio);
            std::printf("%-28s %9.2f %9.3f %+8.1f %9s %10.0f %9.3f %6.3f%s\n", r.case_name.c_str(), r.measured_ratio,
                        r.predicted_ratio, r.error_pct, any, r.compression_n, r.predicted_idp_pa * 1e-6, r.max_activation,
                        r.status == SolveStatus::Optimal ? "" : "  (NOT SOLVED)");
        }
        std::printf("\nRMS error %.1f %%, worst %.1f %% (over the %zu non-reference cases)\n", rep.rms_error_pct,
                    rep.max_abs_error_pct, rep.rows.size() - 1);
        std::printf("Relaxed standing: L4/L5 compression %.0f N, IDP %.3f MPa (in vivo derived ~590-900 N, 0.5 MPa)\n",
                    rep.standing_compression_n, rep.standing_idp_pa * 1e-6);
        write_validation_csv(rep, o->csv);
        std::printf("Table written to %s\n", o->csv.c_str());
        if (o->no_plot) return;
        // the plotting script sits beside the data directory in the source tree (data/../tools)
        const std::string script = model.data_dir + "/../tools/plot_validation.py";
        const std::string command = "/usr/bin/python3 '" + script + "' '" + o->csv + "' '" + o->plot + "'";
        const int rc = std::system(command.c_str());
        if (rc == 0) std::printf("Plot written to %s\n", o->plot.c_str());
        else std::printf("No plot (python3/matplotlib unavailable or failed); the CSV above holds the data.\n");
    });
}

}  // namespace spinesim::cli
