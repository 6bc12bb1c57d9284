// `spinesim validate`: the Wilke et al. 1999 static postures, predicted vs measured L4/L5 intradiscal pressure (and,
// beside them, the 20 kg lifts against Wilke and stoop vs squat against von Arx et al. 2021).
#include "commands.hpp"
#include "output_checks.hpp"
#include "stoop_squat_block.hpp"
#include "subject_options.hpp"

#include "spinesim/error.hpp"
#include "spinesim/lifting_validation.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/validation.hpp"

#include "spinesim/kinematics.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace spinesim::cli {

namespace {

// A single-quoted shell word: a path with a quote in it stays one argument.
std::string shell_word(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct ValidateOptions {
    std::string csv = "validation.csv";
    std::string plot = "validation.png";
    bool no_plot = false;
    bool details = false;
    bool per_level = false;
    bool no_lifting = false;
    bool no_stoop_squat = false;
    std::string criterion = "stress2";
    double mass_kg = 0.0, height_m = 0.0;   // used only when given (default: the measured subject's)
    std::string sex;
};

// The 20 kg lifts (Wilke 1999) beside the static table, for the box-lift scenarios' own subject and ratios to that
// subject's relaxed standing; not in the RMS.
void print_lifting(const std::string& data_dir, const AnalysisOptions& options) {
    const LiftingReport rep = run_wilke_lifting_validation(data_dir, options);
    std::printf("\nLifting 20 kg, Wilke et al. 1999 (abstract; protocol not documented there) vs the article's box-lift "
                "scenarios, peak over the lift (not in the RMS above)\n");
    std::printf("Lifter: the scenarios' %.0f kg, %.2f m %s (their hand path is not scaled to other statures); ratios to "
                "this lifter's relaxed standing, IDP %.3f MPa\n",
                rep.subject.body_mass_kg, rep.subject.height_m, to_string(rep.subject.sex).c_str(), rep.standing_idp_pa * 1e-6);
    std::printf("%-32s %-28s %9s %9s %8s %10s %9s %9s %12s %8s\n", "case", "scenario", "measured", "predicted", "error%",
                "L4/L5 C(N)", "IDP(MPa)", "strength", "held at x1", "solved");
    for (const LiftingRow& r : rep.rows)
        std::printf("%-32s %-28s %9.2f %9.3f %+8.1f %10.0f %9.3f %8.2fx %7d/%d %5d/%d\n", r.case_name.c_str(),
                    r.scenario.c_str(), r.measured_ratio, r.predicted_ratio, r.error_pct, r.peak_compression_n,
                    r.predicted_idp_pa * 1e-6, r.strength_scale, r.frames_held_at_subject, r.frames, r.frames_solved,
                    r.frames);
    std::printf("round back / flexed knees: measured %.2f, predicted %.2f\n", rep.measured_round_to_knees,
                rep.predicted_round_to_knees);
    if (!rep.rows.empty() && rep.rows.front().strength_scale != 1.0)
        std::printf("(both lifts run at strength x%.2f, the smallest common factor that holds every frame; "
                    "\"held at x1\": frames the mean man holds)\n", rep.rows.front().strength_scale);
    for (const LiftingRow& r : rep.rows)
        if (r.frames_solved < r.frames)
            std::printf("WARNING: %s: %d of %d frames not solved at x%.2f (peak over the solved frames only)\n",
                        r.scenario.c_str(), r.frames - r.frames_solved, r.frames, r.strength_scale);
}

// The table of one list of cases: measured and predicted ratios to relaxed standing, L4/L5 load.
void print_rows(const std::vector<ValidationRow>& rows) {
    std::printf("%-30s %9s %9s %8s %9s %10s %9s %6s\n", "case", "measured", "predicted", "error%", "AnyBody",
                "L4/L5 C(N)", "IDP(MPa)", "act");
    for (const ValidationRow& r : rows) {
        char any[16] = "-";
        if (r.anybody_ratio >= 0) std::snprintf(any, sizeof any, "%.2f", r.anybody_ratio);
        std::printf("%-30s %9.2f %9.3f %+8.1f %9s %10.0f %9.3f %6.3f%s\n", r.case_name.c_str(), r.measured_ratio,
                    r.predicted_ratio, r.error_pct, any, r.compression_n, r.predicted_idp_pa * 1e-6, r.max_activation,
                    r.status == SolveStatus::Optimal ? "" : "  (NOT SOLVED)");
    }
}

// Decomposition of the L4/L5 load of every case (--details): where the compression comes from.
void print_details(const Model& model, const AnalysisOptions& options) {
    const int level = model.lumbar_level_index("L4/L5");
    const LumbarLevel& lv = model.lumbar_levels[level];
    const int j = lv.joint;
    const Joint& joint = model.joints[j];
    std::printf("\nL4/L5 decomposition (flexion moments N·m about L4/L5, + flexing; compression N along the disc normal)\n");
    std::printf("%-30s %6s %7s %7s %7s %7s %7s %7s %7s %6s | %6s %6s %6s %6s %6s %6s %6s %6s\n", "case", "W_up", "M_grav", "M_cont",
                "M_tis", "M_lig", "M_pmus", "M_coup", "M_act", "r_ext", "C_grav", "C_cont", "C_ES", "C_MF", "C_abd", "C_psoas",
                "C_other", "C_lig");
    Workspace ws(model);
    std::vector<std::string> names = wilke_case_names();
    for (const std::string& name : wilke_supplementary_case_names()) names.push_back(name);
    for (const std::string& name : names) {
        const FrameInput in = wilke_case_input(model, name);
        const FrameResult r = analyse_frame(model, ws, in, options);
        const Mat3 inferior = ws.pose[joint.parent].linear();
        const Vec3 n = inferior * Vec3(std::sin(lv.normal_tilt), std::cos(lv.normal_tilt), 0.0);
        const Vec3 a = ws.joint_axes[j].col(0);
        const Vec3 c = ws.joint_centre[j];
        double w = 0, c_grav = 0, c_cont = 0, m_cont = 0;
        for (std::size_t s = 0; s < model.segments.size(); ++s)
            if (model.subtree[j][s]) {
                w += model.segments[s].mass * model.gravity;
                c_grav += model.segments[s].mass * model.gravity * n.y();
            }
        for (std::size_t k = 0; k < in.contacts.size(); ++k)
            if (model.subtree[j][in.contacts[k].segment]) {
                const Vec3 p = world_point(ws, in.contacts[k].segment, in.contacts[k].location);
                c_cont += -r.contact_force[k].dot(n);
                m_cont += a.dot((p - c).cross(r.contact_force[k]));
            }
        std::map<std::string, double> fam;
        double m_act = 0, c_act_ext = 0, m_act_ext = 0;
        for (std::size_t i = 0; i < model.muscles.size(); ++i) {
            const double f = r.muscle_force[static_cast<Eigen::Index>(i)];
            const double fa = r.muscle_active_force[static_cast<Eigen::Index>(i)];
            const Vec3 dir = ws.muscle_direction.block<3, 1>(3 * j, static_cast<Eigen::Index>(i));
            const Vec3 mom = ws.muscle_moment.block<3, 1>(3 * j, static_cast<Eigen::Index>(i));
            fam[model.muscles[i].family] += -f * dir.dot(n);
            m_act += fa * a.dot(mom);
            if (a.dot(mom) < 0 && fa > 0) {
                m_act_ext += -fa * a.dot(mom);
                c_act_ext += -fa * dir.dot(n);
            }
        }
        const LevelLoad& L = r.levels[level];
        double other = 0;
        for (const auto& [k, v] : fam)
            if (k != "erector_spinae" && k != "multifidus" && k != "abdominals" && k != "psoas") other += v;
        std::printf("%-30s %6.0f %7.1f %7.1f %7.1f %7.1f %7.1f %7.1f %7.1f %6.3f | %6.0f %6.0f %6.0f %6.0f %6.0f %6.0f %6.0f %6.0f  sum %5.0f\n",
                    name.c_str(), w, L.external_flexion_moment, m_cont, -L.tissue_flexion_moment, -L.ligament_flexion_moment,
                    -L.passive_muscle_flexion_moment, L.coupling_flexion_moment, m_act,
                    c_act_ext > 0 ? m_act_ext / c_act_ext : 0.0, c_grav, c_cont, fam["erector_spinae"], fam["multifidus"],
                    fam["abdominals"], fam["psoas"], other, L.ligament_compression,
                    c_grav + c_cont + fam["erector_spinae"] + fam["multifidus"] + fam["abdominals"] + fam["psoas"] + other +
                        L.ligament_compression);
    }
    std::printf("W_up: weight above L4/L5; M_tis: disc + ligament lines (M_lig of it); M_act: active muscles; r_ext: active extensor "
                "moment / their compression; C_lig: the posterior ligament lines.\n"
                "Moments are about the flexion axis only: the lateral bending cases' lateral moment is not decomposed.\n");
}
}  // namespace

void register_validate(CLI::App& app) {
    auto o = std::make_shared<ValidateOptions>();
    CLI::App* cmd = app.add_subcommand(
        "validate", "static postures of Wilke et al. 1999: predicted vs measured L4/L5 intradiscal pressure ratios "
                    "for the measured subject (70 kg, 1.68 m male; data/validation/wilke1999_subject.toml)");
    cmd->add_option("--csv", o->csv, "write the table here")->capture_default_str()->check(non_empty("file"));
    cmd->add_option("--plot", o->plot, "write a predicted-vs-measured plot here (needs python3 + matplotlib)")
        ->capture_default_str()->check(non_empty("file"));
    cmd->add_flag("--no-plot", o->no_plot, "do not try to plot");
    cmd->add_flag("--details", o->details, "also print the L4/L5 load decomposition of every case (moments in N·m, compression by source in N)");
    cmd->add_flag("--per-level", o->per_level, "balance every lumbar level by muscles (default: rhythm-coupled balance)");
    cmd->add_option("--criterion", o->criterion,
                    "muscle sharing criterion for every case and lift: stress2 (sum of squared stresses), stress3, minmax")
        ->capture_default_str()->check(CLI::IsMember({"stress2", "stress3", "minmax"}));
    cmd->add_flag("--no-lifting", o->no_lifting, "skip the 20 kg lifting comparison (box-lift scenarios vs Wilke 1999)");
    cmd->add_flag("--no-stoop-squat", o->no_stoop_squat,
                  "skip the stoop vs squat comparison (the box-lift twins with a 15 kg box vs von Arx et al. 2021, an "
                  "OpenSim model study)");
    cmd->add_option("--mass", o->mass_kg, "body mass of the model, kg (default: the measured subject's, 70)")
        ->check(non_empty("mass"));
    cmd->add_option("--height", o->height_m, "body height of the model, m (default: the measured subject's, 1.68)")
        ->check(non_empty("height"));
    cmd->add_option("--sex", o->sex, "male or female (default: the measured subject's, male)")
        ->check(non_empty("sex"));
    cmd->callback([o, cmd] {
        require_writable("--csv", o->csv);   // before the cases are solved, not after
        if (!o->no_plot) require_writable("--plot", o->plot);
        const std::string data_dir = default_data_dir();
        Subject subject = load_validation_subject(data_dir + "/validation/wilke1999_subject.toml");
        const bool measured = cmd->count("--mass") + cmd->count("--height") + cmd->count("--sex") == 0;
        if (cmd->count("--mass")) subject.body_mass_kg = o->mass_kg;
        if (cmd->count("--height")) subject.height_m = o->height_m;
        if (cmd->count("--sex")) subject.sex = parse_sex(o->sex, "argument --sex");
        validate_subject(subject, "arguments");
        const Model model = load_model(subject, data_dir);
        AnalysisOptions options;
        if (o->per_level) options.lumbar_balance = LumbarBalance::PerLevel;
        options.solver.criterion = parse_criterion_name(o->criterion);  // checked by IsMember above
        const ValidationReport rep = run_wilke_validation(model, model.data_dir, options);
        std::printf("Validation: L4/L5 intradiscal pressure, Wilke et al. 1999 Spine 24:755-762 (one subject, ratio to "
                    "relaxed standing)\nModel: %.0f kg, %.2f m %s (%s); IDP = %.3f MPa (swelling) + compression / (%.2f A); criterion %s, %s "
                    "balance\n\n",
                    model.subject.body_mass_kg, model.subject.height_m, to_string(model.subject.sex).c_str(),
                    measured ? "the measured subject" : "NOT the measured subject: --mass/--height/--sex given",
                    rep.idp_model.swelling_pressure_pa * 1e-6, model.idp_correction_factor, o->criterion.c_str(),
                    lumbar_balance_name(options.lumbar_balance).c_str());
        print_rows(rep.rows);
        std::printf("\nRMS error %.1f %%, worst %.1f %% (over the %zu non-reference cases)\n", rep.rms_error_pct,
                    rep.max_abs_error_pct, rep.rows.size() - 1);
        std::printf("Relaxed standing: L4/L5 compression %.0f N, IDP %.3f MPa (in vivo derived ~590-900 N, 0.5 MPa)\n",
                    rep.standing_compression_n, rep.standing_idp_pa * 1e-6);
        // The measured standing pressure read back through this IDP relation: the in vivo derived 590-900 N take
        // compression = 0.66 x IDP x area without the swelling pressure and larger disc areas.
        for (const ValidationRow& row : rep.rows) {
            const double loaded_pa = rep.standing_idp_pa - rep.idp_model.swelling_pressure_pa;
            if (row.case_name != "standing_relaxed" || loaded_pa <= 0) continue;
            const double k_area = rep.standing_compression_n / loaded_pa;   // k A, m^2
            std::printf("  the measured %.2f MPa under this IDP relation: %.0f N (the 590-900 N convert the whole pressure, "
                        "its %.2f MPa of swelling pressure included, over larger disc areas)\n",
                        row.measured_idp_mpa, (row.measured_idp_mpa * 1e6 - rep.idp_model.swelling_pressure_pa) * k_area,
                        rep.idp_model.swelling_pressure_pa * 1e-6);
        }
        std::printf("\nSupplementary: standing extension and lateral bending, Wilke et al. 2001 Clin Biomech 16 Suppl "
                    "1:S111 as summarised at kdttechnique.com (secondary source; same ratios to this standing, not in the "
                    "RMS above; data/validation/wilke2001_supplementary.csv)\n");
        print_rows(rep.supplementary_rows);
        if (!o->no_lifting) print_lifting(data_dir, options);
        if (!o->no_stoop_squat) print_stoop_squat(run_von_arx_stoop_squat(data_dir, options));
        if (o->details) print_details(model, options);
        write_validation_csv(rep, o->csv);
        std::printf("Table written to %s\n", o->csv.c_str());
        if (o->no_plot) return;
        // the plotting script sits beside the data directory in the source tree (data/../tools)
        const std::string script = model.data_dir + "/../tools/plot_validation.py";
        const std::string command = "/usr/bin/python3 " + shell_word(script) + " " + shell_word(o->csv) + " " + shell_word(o->plot);
        const int rc = std::system(command.c_str());
        if (rc == 0) std::printf("Plot written to %s\n", o->plot.c_str());
        else if (cmd->count("--plot") > 0)   // asked for by name: a missing plot is an error (it was exit 0)
            throw InputError(o->plot, "--plot", o->plot,
                             "the plot could not be written (python3/matplotlib unavailable or failed); the table is in " +
                                 o->csv);
        else std::printf("No plot (python3/matplotlib unavailable or failed); the CSV above holds the data.\n");
    });
}

}  // namespace spinesim::cli
